"""The claims stage end to end: evidence spans, speaker attribution, conflicts, the example gold, the report."""

from __future__ import annotations

import json

import pytest

from storyline import claims
from storyline.claims.attribution import marks_index
from storyline.engines import build
from storyline.eval.example import _stages
from storyline.eval.example.claims import gold_claims, not_claim_hits, score_claims, score_conflicts
from storyline.report import render_html
from tests.conftest import EXAMPLE, EXAMPLE_GOLD

OUTLETS = {
    "01-brennia-post.txt": (
        "Ferry strike in Wendt enters its third month\n\n"
        "More than 600 ferry crews remain on strike in Wendt, the Brennia Post has learned. "
        "On 12 May the harbour authority impounded 14 ferries, and the line's chief, Ada Morel, 61, "
        "said talks would resume at 9:30 on Monday in Room 4.\n"
    ),
    "02-tolmenn-observer.txt": (
        "Wendt ferry crews hold firm\n\n"
        "“There are more than 650 ferry crews still on strike, and not one has gone back,” said Piet Lorn, the crews' spokesman.\n\n"
        "Since 2019 the line has cut its fleet. On 12 May the authority impounded fifteen ferries.\n"
    ),
    "03-seaboard-wire.txt": (
        "Impounded ferries and a long strike\n\n"
        "The harbour authority impounded fourteen ferries on 12 May, according to port records. "
        "The line <b>says</b> the move cost it about $3 million.\n"
    ),
}


@pytest.fixture(scope="module")
def ferry_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ferry")
    for name, text in OUTLETS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ferry(nlp, ferry_folder):
    return build([ferry_folder], nlp=nlp, story_stages=_stages.upto("quotes") + [claims.run])


@pytest.fixture(scope="module")
def ferry_bare(nlp, ferry_folder):
    """Claims with no entities or quotes stage before it."""
    return build([ferry_folder], nlp=nlp, story_stages=[claims.run])


def _by_file(dossier):
    return {a.id: a.source_path.rsplit("/", 1)[-1] for a in dossier.articles}


def test_every_claim_cites_its_exact_span(ferry, ferry_bare):
    for d in (ferry, ferry_bare):
        story = d.stories[0]
        assert story.claims
        for c in story.claims:
            assert d.article(c.article_id).clean_text[c.start : c.end] == c.text


def test_no_dates_times_years_or_labels_but_ages(ferry):
    claims_ = ferry.stories[0].claims
    assert sorted(c.value for c in claims_) == [14, 14, 15, 61, 600, 650, 3e6]
    assert next(c for c in claims_ if c.value == 61).subject == "age of Ada Morel"


def test_conflict_kinds(ferry):
    story = ferry.stories[0]
    kinds = {c.subject: c.kind for c in story.conflicts}
    assert kinds == {"ferry crews on strike": "discrepancy", "ferries impounded": "contradiction"}
    impounded = next(c for c in story.conflicts if c.kind == "contradiction")
    files = _by_file(ferry)
    sides = sorted((v.value, tuple(files[a] for a in v.article_ids)) for v in impounded.values)
    # 03 gives its 14 "according to port records": reported speech, so a side apart from 01's own 14
    assert sides == [(14, ("01-brennia-post.txt",)), (14, ("03-seaboard-wire.txt",)), (15, ("02-tolmenn-observer.txt",))]


def test_quoted_figure_is_the_speakers(ferry):
    story = ferry.stories[0]
    crews = next(c for c in story.claims if c.value == 650)
    speaker = next(e for e in story.entities if e.id == crews.speaker_entity_id)
    assert speaker.name == "Piet Lorn"
    assert all(c.speaker_entity_id is None for c in story.claims if c.value != 650)


def test_a_figure_in_reported_speech_names_its_unresolved_speaker(example_dossier):
    traffic = next(c for c in example_dossier.stories[0].claims if c.value == 60)
    assert traffic.quoted and traffic.speaker_entity_id is None
    assert traffic.speaker_text == "figures from the Sarvik Port Authority"


def test_without_quotes_stage_marks_alone_say_it_is_quoted(ferry_bare):
    story = ferry_bare.stories[0]
    crews = next(c for c in story.claims if c.value == 650)
    assert crews.speaker_entity_id is None
    index = marks_index(ferry_bare.article(crews.article_id).clean_text)
    assert claims.is_quoted(index, crews.start, crews.end)
    discrepancy = next(c for c in story.conflicts if c.kind == "discrepancy")
    assert len(discrepancy.values) == 2


def test_example_story_gold_passes(nlp):
    dossier = build([EXAMPLE], nlp=nlp, story_stages=_stages.upto("quotes") + [claims.run])
    story = dossier.stories[0]
    gold = json.loads((EXAMPLE_GOLD / "claims.json").read_text(encoding="utf-8"))
    golds = gold_claims(gold, dossier.articles)
    c = score_claims(story, golds)
    k = score_conflicts(story, gold, golds)
    assert c["precision"] == c["recall"] == 1.0 and c["qualifier"] == c["speaker"] == 1.0
    assert k["precision"] == k["recall"] == 1.0
    assert not_claim_hits(story, gold, dossier.articles) == []
    page = render_html(dossier)
    assert ">Figures</h2>" in page and "different lower bounds: both can be true" in page
    assert "Nadia Horvat" in page.split(">Figures</h2>", 1)[1]


def test_report_is_escaped_and_links_each_figure(ferry):
    page = render_html(ferry)
    figures = page.split(">Figures</h2>", 1)[1].split("<h2", 1)[0]
    assert "<b>" not in figures and "<script" not in figures
    assert figures.count('href="#a-') >= len(ferry.stories[0].claims)
    assert "contradiction" in figures
