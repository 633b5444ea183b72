"""engines.local.add: new reports join their story or open one; untouched stories keep ids and items."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline import store
from storyline.cli import cli
from storyline.engines import build
from storyline.engines.local import add
from tests.conftest import EXAMPLE, ROOT

STORIES = ROOT / "examples" / "stories"


def _story_of(dossier, name: str) -> str:
    article = next(a for a in dossier.articles if Path(a.source_path.split("#")[0]).name == name)
    return next(s.id for s in dossier.stories if article.id in s.article_ids)


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """The example story minus its last report, and one other story, then the rest to add later."""
    first, later = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("later")
    files = sorted(EXAMPLE.iterdir())
    for f in files[:-1]:
        shutil.copy(f, first / f.name)
    shutil.copy(files[-1], later / files[-1].name)
    other = sorted(p for p in STORIES.iterdir() if p.is_dir())[0]
    shutil.copytree(other, first / other.name)
    return first, later, files[-1].name


def test_add_joins_existing_story_and_keeps_ids(nlp, folders, tmp_path):
    first, later, last = folders
    built = build([first], nlp=nlp)
    path = store.save(built, tmp_path / "storyline.sqlite")
    before = {s.id: s for s in built.stories}
    harbor = _story_of(built, sorted(EXAMPLE.iterdir())[0].name)

    dossier, result = add(path, [later], nlp=nlp)
    assert list(result.story_of.values()) == [harbor] and result.touched == [harbor] and not result.opened
    assert _story_of(dossier, last) == harbor
    assert {s.id for s in dossier.stories} == set(before)
    grown = next(s for s in dossier.stories if s.id == harbor)
    assert len(grown.article_ids) == len(before[harbor].article_ids) + 1
    assert any(q.article_id == grown.article_ids[-1] for q in grown.quotes)  # the grown story was re-analysed
    untouched = next(s for s in dossier.stories if s.id != harbor)
    assert untouched.entities == before[untouched.id].entities  # kept as stored, typed as built

    again, result = add(store.save(dossier, path), [later], nlp=nlp)
    assert result.story_of == {} and again.skipped[-1].error == "already in the store"


def test_add_cli_updates_store_and_reports(folders, tmp_path):
    first, later, _ = folders
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(first), "-o", str(out), "-q"]).exit_code == 0
    result = runner.invoke(cli, ["add", str(later), "--store", str(out / "storyline.sqlite")])
    assert result.exit_code == 0, result.output
    assert "added 1 article(s): 1 stor(ies) grew, 0 opened" in result.output
    assert len(store.load(out / "storyline.sqlite").articles) == len(list(first.rglob("*.*"))) + 1


def test_skipped_inputs_are_listed_once_with_the_latest_reason():
    from storyline.engines.local import merge_skipped
    from storyline.model import Skipped

    old = [Skipped("feed.rss#1", "feed item carries only a 12-word summary"), Skipped("notes.txt", "empty file"),
           Skipped("page.html", "no article text found in HTML page")]
    new = [Skipped("feed.rss#1", "feed item carries only a 12-word summary"), Skipped("a.txt", "already in the store")]
    merged = merge_skipped(old, new, now_read={"notes.txt"})  # notes.txt was fixed and read this time
    assert [(s.source_path, s.error) for s in merged] == [
        ("page.html", "no article text found in HTML page"),
        ("feed.rss#1", "feed item carries only a 12-word summary"),
        ("a.txt", "already in the store"),
    ]


def test_add_to_a_store_whose_cluster_state_has_an_older_schema_keeps_its_stories(nlp, folders, tmp_path):
    """A store written by a version whose story profiles were weighted otherwise: its state is made
    again from its articles, every story kept as it was (same id, same members), retired ids kept."""
    import json
    import sqlite3

    first, later, last = folders
    built = build([first], nlp=nlp)
    path = store.save(built, tmp_path / "storyline.sqlite")
    before = {s.id: list(s.article_ids) for s in built.stories}
    harbor = _story_of(built, sorted(EXAMPLE.iterdir())[0].name)
    with sqlite3.connect(path) as db:
        (text,) = db.execute("SELECT value FROM meta WHERE key = 'cluster_state'").fetchone()
        old = json.loads(text)
        old["schema"], old["merged_into"] = "storyline.cluster-state/1", {"s-0000000000aa": harbor}
        db.execute("UPDATE meta SET value = ? WHERE key = 'cluster_state'", (json.dumps(old),))

    dossier, result = add(path, [later], nlp=nlp)
    assert result.touched == [harbor] and not result.opened and _story_of(dossier, last) == harbor
    after = {s.id: s.article_ids for s in dossier.stories}
    assert set(after) == set(before) and all(after[s][: len(ids)] == ids for s, ids in before.items())
    state = json.loads(dossier.cluster_state)
    assert state["schema"] == "storyline.cluster-state/2" and state["merged_into"] == {"s-0000000000aa": harbor}
