"""The dossier's JSON form reads back into the typed model, item for item."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from storyline.model import (
    STORY_ITEM_LISTS,
    ArticleDating,
    CitedSource,
    Claim,
    Conflict,
    Copy,
    CopyPassage,
    Entity,
    Evidence,
    Mention,
    Quote,
    SummarySentence,
    TimelineEntry,
    dossier_from_dict,
    dossier_to_dict,
    story_item,
    story_item_type,
)
from storyline.report.json import render_json


def test_a_dossier_round_trips_through_json_with_every_item_typed(example_dossier):
    data = json.loads(render_json(example_dossier))
    back = dossier_from_dict(data)
    assert dossier_to_dict(back) == data
    story = back.stories[0]
    assert isinstance(story.entities[0].mentions[0], Mention)
    assert all(isinstance(ev, Evidence) for q in story.quotes for ev in q.also_in)
    assert all(isinstance(ev, Evidence) for c in story.copies for p in c.passages for ev in (p.from_span, p.to_span))
    assert back.stories == example_dossier.stories
    assert all(isinstance(a.sentences[0], tuple) for a in back.articles)


def test_a_document_of_another_schema_is_refused():
    with pytest.raises(ValueError, match="storyline.dossier/2"):
        dossier_from_dict({"schema": "something/2", "articles": []})


def test_each_story_list_names_its_item_type():
    assert {k: story_item_type(k) for k in STORY_ITEM_LISTS} == {
        "entities": Entity, "quotes": Quote, "timeline": TimelineEntry, "claims": Claim, "conflicts": Conflict,
        "copies": Copy, "cited_sources": CitedSource, "summary": SummarySentence, "dating": ArticleDating,
    }
    with pytest.raises(KeyError):
        story_item_type("articles")


def test_every_evidence_is_one_type():
    """An entity mention, a copied passage's sides and an item's own inline span are all Evidence."""
    assert Mention is Evidence
    text = "The Velmar ferry sails again. The Velmar ferry sails again today."
    a, b = Evidence("a", 0, 29, text[:29]), Evidence("b", 30, 65, text[30:])
    copy = story_item("copies", {"from_article_id": "a", "to_article_id": "b", "kind": "verbatim", "direction": "unknown",
                                 "similarity": 0.9, "passages": [{"from_span": asdict(a), "to_span": asdict(b), "similarity": 0.9}]})
    assert copy.passages == [CopyPassage(a, b, 0.9)]
    quote = Quote("q1", "sails again", "direct", None, None, "a", 17, 28)
    assert quote.span == Evidence("a", 17, 28, "sails again")


def test_a_stored_item_of_another_shape_is_refused_clearly():
    old = {"from_article_id": "a", "to_article_id": "b", "kind": "verbatim", "direction": "unknown", "similarity": 0.9,
           "passages": [{"from_start": 0, "from_end": 29, "to_start": 30, "to_end": 65, "similarity": 0.9}]}
    with pytest.raises(ValueError, match="copies item does not fit"):
        story_item("copies", old)
