"""The dossier's JSON form reads back into the typed model, item for item."""

from __future__ import annotations

import json

import pytest

from storyline.model import Evidence, Mention, dossier_from_dict, dossier_to_dict
from storyline.report.json import render_json


def test_a_dossier_round_trips_through_json_with_every_item_typed(example_dossier):
    data = json.loads(render_json(example_dossier))
    back = dossier_from_dict(data)
    assert dossier_to_dict(back) == data
    story = back.stories[0]
    assert isinstance(story.entities[0].mentions[0], Mention)
    assert all(isinstance(ev, Evidence) for q in story.quotes for ev in q.also_in)
    assert all(isinstance(a.sentences[0], tuple) for a in back.articles)


def test_a_document_of_another_schema_is_refused():
    with pytest.raises(ValueError, match="storyline.dossier/1"):
        dossier_from_dict({"schema": "something/2", "articles": []})
