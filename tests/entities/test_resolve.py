"""entities: one person, one entry across titles, surnames, spellings and descriptions; never two people in one."""

from __future__ import annotations

import json

import pytest

from storyline.entities import resolve_entities
from storyline.eval.example.entities import score
from tests.conftest import EXAMPLE_GOLD

ARTICLE_A = (
    "Port talks resume in Velmora\n\n"
    "Transport Minister Roman Kadlec met union leaders in Velmora on Tuesday, the ministry said. "
    "Kadlec told reporters the talks had been difficult but useful.\n\n"
    "His son, Filip Kadlec, who owns a trucking firm, did not attend. "
    "Union chairman Aliaksandr Tsvirka said the strike would go on. "
    "Special Envoy Clara Wendt, who mediated the talks, said both sides had moved. "
    "The envoy is expected to return next week."
)
ARTICLE_B = (
    "Strike leader freed as envoy visits\n\n"
    "Alexander Tsvirko, the chairman of the dockworkers' union, was released on Friday. "
    "Tsvirko thanked Clara Wendt, Aldmark's special envoy, for her efforts. "
    "Wendt said the release was a first step. The minister did not comment."
)
ARTICLE_C = (
    "Two Smiths, one port\n\n"
    "John Smith, the harbour master, said the cranes were idle. "
    "His deputy, Jane Smith, said the night shift had been cancelled. "
    "John Smith added that the port would reopen once the strike ended."
)


@pytest.fixture(scope="module")
def entities(nlp):
    docs = [(aid, nlp(text)) for aid, text in (("a", ARTICLE_A), ("b", ARTICLE_B), ("c", ARTICLE_C))]
    return resolve_entities(docs)


def _holding(entities, form):
    return [e for e in entities if form in e.aliases]


def test_resolve_transliterations_across_articles(entities):
    tsvirka = [e for e in entities if e.name == "Aliaksandr Tsvirka"]
    assert len(tsvirka) == 1
    person = tsvirka[0]
    assert {"Union chairman Aliaksandr Tsvirka", "Alexander Tsvirko", "Tsvirko"} <= set(person.aliases)
    assert "Union chairman" in person.roles
    assert person.type == "PERSON" and person.articles == 2
    assert any(m.rule.startswith("transliteration") for m in person.merges)


def test_resolve_titles_kept_as_roles(entities):
    kadlec = _holding(entities, "Transport Minister Roman Kadlec")[0]
    assert kadlec.name == "Roman Kadlec"
    assert "Transport Minister" in kadlec.roles
    assert "Kadlec" in kadlec.aliases


def test_resolve_father_and_son_stay_apart(entities):
    roman = _holding(entities, "Transport Minister Roman Kadlec")[0]
    filip = _holding(entities, "Filip Kadlec")
    assert len(filip) == 1 and filip[0].id != roman.id
    assert "Filip Kadlec" not in roman.aliases


def test_resolve_two_smiths_stay_apart(entities):
    john, jane = _holding(entities, "John Smith"), _holding(entities, "Jane Smith")
    assert len(john) == 1 and len(jane) == 1 and john[0].id != jane[0].id
    assert len([m for m in john[0].mentions if m.text == "John Smith"]) == 2


def test_resolve_descriptions_link_to_the_person_with_that_role(entities):
    wendt = _holding(entities, "Clara Wendt")[0]
    assert "The envoy" in wendt.aliases
    assert "Wendt" in wendt.aliases and wendt.articles == 2
    assert any("special envoy" in r.lower() for r in wendt.roles)
    assert "The envoy" not in _holding(entities, "Transport Minister Roman Kadlec")[0].aliases


def test_resolve_mentions_are_exact_spans(nlp):
    docs = {"a": nlp(ARTICLE_A), "b": nlp(ARTICLE_B)}
    for e in resolve_entities(list(docs.items())):
        for m in e.mentions:
            assert docs[m.article_id].text[m.start : m.end] == m.text


def test_resolve_example_story_gold_pairs(example_dossier):
    gold = json.loads((EXAMPLE_GOLD / "entities.json").read_text(encoding="utf-8"))
    story = example_dossier.stories[0]
    result = score(story.entities, gold)
    assert result["wrong"] == [] and result["missed"] == []
    assert result["precision"] == 1.0 and result["recall"] == 1.0
    people = {e.name for e in story.entities if e.type == "PERSON"}
    assert {p["name"] for p in gold["people"]} <= people
    by_id = {a.id: a for a in example_dossier.articles}
    for e in story.entities:
        for m in e.mentions:
            assert by_id[m.article_id].clean_text[m.start : m.end] == m.text
