"""Titles that tell stories apart: stories sharing their main entity get their own place, first day
and distinctive term after the headline; a story whose main entity is its own keeps its headline."""

from __future__ import annotations

from storyline.cluster.titles import TITLE_SEPARATOR, distinguish_titles, main_entity
from storyline.model import Article, Entity, Mention, Story


def _article(aid: str, title: str, text: str, published: str | None) -> Article:
    return Article(id=aid, source_path=f"in/{aid}.txt", raw_text=text, clean_text=text, title=title, title_source="meta",
                   outlet="Gull Bay Courier", outlet_source="meta", published=published, sentences=[(0, len(text))])


def _entity(name: str, etype: str, articles: int) -> Entity:
    return Entity(id=f"{etype}-{name}", name=name, type=etype, mentions=[Mention("x", 0, 1, name)] * articles,
                  articles=articles)


def _story(sid: str, headline: str, place: str, texts: list[tuple[str, str]], main: str = "Aldmark Ferries") -> tuple[Story, list[Article]]:
    arts = [_article(f"{sid}-{i}", headline, text, day) for i, (text, day) in enumerate(texts)]
    entities = [_entity(main, "ORG", len(arts)), _entity(place, "GPE", 1)]
    return Story(id=sid, title=headline, article_ids=[a.id for a in arts], entities=entities), arts


def _titles(*made: tuple[Story, list[Article]]) -> list[str]:
    stories = [s for s, _ in made]
    articles = {a.id: a for _, arts in made for a in arts}
    distinguish_titles(stories, articles)
    return [s.title for s in stories]


def test_stories_sharing_their_main_entity_say_how_they_differ():
    strike = _story("s1", "Aldmark Ferries crews walk out", "Port Velna",
                    [("Crews of Aldmark Ferries went on strike in Port Velna over overtime pay.", "2025-03-04"),
                     ("The overtime dispute stopped every crossing from Port Velna.", "2025-03-05")])
    sinking = _story("s2", "Aldmark Ferries crews walk out", "Kessel",
                     [("An Aldmark Ferries boat sank off Kessel; the crews were rescued by lifeboats.", "2025-06-11")])
    other = _story("s3", "Library opens in Tarrow", "Tarrow", [("A library opened in Tarrow.", "2025-06-11")],
                   main="Tarrow Library")
    first, second, third = _titles(strike, sinking, other)
    assert first == "Aldmark Ferries crews walk out" + TITLE_SEPARATOR + "Port Velna · 2025-03-04 · overtime"
    assert second.startswith("Aldmark Ferries crews walk out" + TITLE_SEPARATOR + "Kessel · 2025-06-11 · ")
    assert first != second
    assert third == "Library opens in Tarrow"  # its main entity is its own: the headline alone


def test_what_all_the_group_shares_is_not_shown_and_the_headline_is_not_repeated():
    a = _story("s1", "Strike at Aldmark Ferries in Port Velna", "Port Velna",
               [("Aldmark Ferries crews in Port Velna stopped work over rosters.", "2025-03-04")])
    b = _story("s2", "Aldmark Ferries fined", "Port Velna",
               [("Aldmark Ferries was fined in Port Velna for a safety breach.", "2025-03-04")])
    first, second = _titles(a, b)
    assert "Port Velna ·" not in first and "2025-03-04" not in first  # same place, same day: no help
    assert first.endswith("rosters") and second.endswith(TITLE_SEPARATOR + "breach")


def test_main_entity_is_the_one_most_articles_mention():
    story = Story(id="s", title="t", article_ids=[], entities=[_entity("Kessel", "GPE", 1), _entity("Aldmark Ferries", "ORG", 3)])
    assert main_entity(story) is not None and main_entity(story).name == "Aldmark Ferries"
    assert main_entity(Story(id="s", title="t", article_ids=[])) is None
