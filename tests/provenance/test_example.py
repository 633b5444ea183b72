"""The provenance stage on the example story, scored against its gold, and rendered in report.html."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.engines import build
from storyline.eval.example.provenance import score_cited, score_copies
from storyline.pipeline import default_stages
from storyline.provenance import EmbedderProvider, stage
from tests.conftest import EXAMPLE, EXAMPLE_GOLD


@pytest.fixture(scope="module")
def dossier(nlp):
    before = [s for s in default_stages() if s.__module__.split(".")[1] in ("entities", "quotes")]
    return build([EXAMPLE], nlp=nlp, story_stages=before + [stage(EmbedderProvider())])


@pytest.fixture(scope="module")
def by_file(dossier):
    return {Path(a.source_path.split("#")[0]).name: a for a in dossier.articles}


@pytest.fixture(scope="module")
def gold():
    return json.loads((EXAMPLE_GOLD / "provenance.json").read_text(encoding="utf-8"))


def test_every_item_cites_clean_text(dossier):
    story = dossier.stories[0]
    for c in story.cited_sources:
        assert dossier.article(c.article_id).clean_text[c.start : c.end] == c.text
    for c in story.copies:
        for p in c.passages:
            for ev, aid in ((p.from_span, c.from_article_id), (p.to_span, c.to_article_id)):
                assert ev.article_id == aid
                assert dossier.article(aid).clean_text[ev.start : ev.end] == ev.text


def test_copies_match_gold(dossier, by_file, gold):
    story = dossier.stories[0]
    assert score_copies(gold["copies"], story, by_file) == {"precision": 1.0, "recall": 1.0, "n_gold": 2, "n_found": 2}
    verbatim = next(c for c in story.copies if c.kind == "verbatim")
    assert (verbatim.from_article_id, verbatim.direction) == (by_file["01-meridian-courier.txt"].id, "known")


def test_cited_sources_match_gold(dossier, by_file, gold):
    scores = score_cited(gold["cited_sources"], dossier.stories[0], by_file)
    assert scores["recall"] == 1.0 and scores["precision"] >= 0.9 and scores["kind_accuracy"] == 1.0
    whole = [c for c in dossier.stories[0].cited_sources if c.whole_article]
    assert [(c.name, c.article_id) for c in whole] == [("Varen Centre for Trade Policy", by_file["05-tradewinds-review.txt"].id)]


def test_report_draws_matrix_and_copy_graph(dossier):
    from storyline.report.html import render_html

    html = render_html(dossier)
    assert "<svg" in html and "Copy graph" in html and "whole article" in html
    assert "<script" not in html
