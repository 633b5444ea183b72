"""A copied passage is a span like any other: stored, listed, highlighted on both articles, linked exactly."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from storyline import store
from storyline.model import Article, Copy, CopyPassage, Dossier, Story
from storyline.web import create_app, queries
from storyline.web.render import article_url

from ._html import Page

ORIGINAL = ("Ferry crossings to Tallvik were cancelled on Tuesday.\n\n"
            "The harbour pilots walked out over night shifts and say the new rota was never agreed.\n")
REPRINT = ("Travellers waited at the terminal for most of the day.\n\n"
           "The harbour pilots walked out over night shifts and say the new rota was never agreed.\n")
PASSAGE = "The harbour pilots walked out over night shifts and say the new rota was never agreed."


def _article(aid: str, outlet: str, text: str) -> Article:
    return Article(id=aid, source_path=f"{aid}.txt", raw_text=text, clean_text=text, outlet=outlet, outlet_source="meta")


@pytest.fixture(scope="module")
def copied(tmp_path_factory) -> tuple[TestClient, Dossier]:
    """Two articles, the second reprinting a paragraph of the first: one verbatim copy, one passage."""
    a, b = _article("orig01", "Coast Herald", ORIGINAL), _article("copy01", "Bay Daily", REPRINT)
    passage = CopyPassage(a.evidence(ORIGINAL.index(PASSAGE), ORIGINAL.index(PASSAGE) + len(PASSAGE)),
                          b.evidence(REPRINT.index(PASSAGE), REPRINT.index(PASSAGE) + len(PASSAGE)), 1.0)
    story = Story(id="s-ferry", title="Ferry pilots strike", article_ids=[a.id, b.id],
                  copies=[Copy(a.id, b.id, "verbatim", "known", 1.0, [passage], "published")])
    dossier = Dossier(articles=[a, b], stories=[story])
    path = store.save(dossier, tmp_path_factory.mktemp("web-copies") / "c.sqlite")
    return TestClient(create_app(path)), dossier


def _passage(dossier: Dossier) -> CopyPassage:
    return dossier.stories[0].copies[0].passages[0]


def test_queries_list_both_sides_of_a_copied_passage(copied):
    client, dossier = copied
    p = _passage(dossier)
    db = queries.connect(client.app.state.store_path)
    try:
        for ev in (p.from_span, p.to_span):
            spans = queries.article_spans(db, ev.article_id)
            assert [(s.kind, s.start, s.end, s.item_label) for s in spans] == [("copies", ev.start, ev.end, "verbatim copy")]
        story = queries.story(db, "s-ferry")
        assert story is not None and story.copies == dossier.stories[0].copies  # typed, as built
    finally:
        db.close()


@pytest.mark.parametrize("side", ["from_span", "to_span"])
def test_article_page_highlights_the_copied_passage(copied, side):
    client, dossier = copied
    ev = getattr(_passage(dossier), side)
    page = Page(client.get(f"/articles/{ev.article_id}").text)
    marks = [a for t, a in page.tags if t == "mark"]
    assert [m.get("class") for m in marks] == ["k-copies d1"]
    assert page.text_of("sp-0") is not None  # the span's anchor
    assert page.text_of("text") == dossier.article(ev.article_id).clean_text
    links = [a["href"] for t, a in page.tags if t == "a" and "hl" in (a.get("class") or "")]
    assert links == ["/stories/s-ferry#s-ferry-copies"]


def test_story_page_links_both_sides_to_their_exact_spans(copied):
    client, dossier = copied
    p = _passage(dossier)
    hrefs = set(Page(client.get("/stories/s-ferry").text).hrefs())
    for ev in (p.from_span, p.to_span):
        assert article_url(ev.article_id, ev.start, ev.end) in hrefs
    target = Page(client.get(article_url(p.to_span.article_id, p.to_span.start, p.to_span.end)).text)
    assert target.text_of("target") == PASSAGE


def test_every_copied_passage_of_the_example_is_highlighted(example_dossier, tmp_path):
    client = TestClient(create_app(store.save(example_dossier, tmp_path / "s.sqlite")))
    story = example_dossier.stories[0]
    assert story.copies
    for c in story.copies:
        for p in c.passages:
            for ev in (p.from_span, p.to_span):
                spans = client.get(f"/api/articles/{ev.article_id}").json()["spans"]
                assert {"kind": "copies", "start": ev.start, "end": ev.end, "text": ev.text} in [
                    {k: s[k] for k in ("kind", "start", "end", "text")} for s in spans]
