"""Stage declarations: what each story stage reads and fills, checked at start-up and listed in docs/stages.md."""

from __future__ import annotations

import re

import pytest

from storyline.model import Story
from storyline.pipeline import default_stages, stage_name
from storyline.stage import PlanError, check_order, fills, reads, stages_table, story_stage
from tests.conftest import ROOT

DOC = ROOT / "docs" / "stages.md"
TABLE = re.compile(r"<!-- stages-table:start -->\n(.*?)<!-- stages-table:end -->", re.S)


def test_every_default_stage_declares_what_it_fills_and_reads_only_what_comes_before():
    stages = default_stages()
    assert [stage_name(s) for s in stages] == ["entities", "quotes", "timeline", "claims", "provenance", "summarize"]
    assert all(fills(s) for s in stages)
    check_order(stages, stage_name)
    assert reads(stages[1]) == ("entities",) and set(fills(stages[2])) == {"timeline", "dating"}


def test_a_stage_reading_what_no_earlier_stage_fills_is_refused():
    stages = default_stages()
    with pytest.raises(PlanError, match="stage 'quotes' reads entities"):
        check_order([stages[1], stages[0]], stage_name)


def test_a_declaration_names_story_lists_only():
    with pytest.raises(ValueError, match="not Story item lists: quotez"):
        story_stage(fills=("quotez",))


def test_declared_fills_are_what_the_stage_fills(example_dossier, nlp):
    """Each stage leaves alone every list it does not declare (run on a fresh story of the example)."""
    by_id = {a.id: a for a in example_dossier.articles}
    docs = {a.id: nlp(a.clean_text) for a in example_dossier.articles}
    story = example_dossier.stories[0]
    for stage in default_stages()[:4]:  # the cheap ones; provenance and summarize are covered by their tests
        fresh = Story(id=story.id, title=story.title, article_ids=story.article_ids)
        for kind in reads(stage):
            setattr(fresh, kind, getattr(story, kind))
        before = {k: list(getattr(fresh, k)) for k in ("entities", "quotes", "timeline", "claims", "conflicts", "dating")}
        stage(fresh, by_id, docs)
        changed = {k for k, v in before.items() if getattr(fresh, k) != v}
        assert changed and changed <= set(fills(stage))


def test_docs_stages_md_lists_the_stages_as_they_run():
    found = TABLE.search(DOC.read_text(encoding="utf-8"))
    assert found, "docs/stages.md lost its stages-table markers"
    expected = stages_table(default_stages(), stage_name)
    assert found.group(1) == expected, "docs/stages.md is out of date; regenerate: python -m tests.test_stage"


if __name__ == "__main__":
    text = DOC.read_text(encoding="utf-8")
    table = stages_table(default_stages(), stage_name)
    DOC.write_text(TABLE.sub(lambda m: f"<!-- stages-table:start -->\n{table}<!-- stages-table:end -->", text), encoding="utf-8")
    print(f"wrote the stages table into {DOC}")
