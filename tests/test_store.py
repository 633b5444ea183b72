"""store: the dossier round-trips through SQLite, rebuilds are idempotent, article text is searchable."""

from __future__ import annotations

import sqlite3

import pytest

from storyline import store
from storyline.engines import build
from storyline.model import Entity, Mention, SummarySentence, dossier_to_dict
from tests.conftest import RESOURCES


@pytest.fixture(scope="module")
def dossier(nlp):
    d = build([RESOURCES / "text" / "scraped.txt", RESOURCES / "html" / "wire-story.html"], nlp=nlp, story_stages=[])
    story, article = d.stories[0], d.articles[0]
    start = article.clean_text.index("Ravensby")
    story.entities.append(
        Entity(id="e1", name="Ravensby", type="GPE", aliases=["Ravensby"],
               mentions=[Mention(article.id, start, start + 8, "Ravensby")])
    )
    story.summary.append(SummarySentence("The port will expand.", [article.evidence(start, start + 8)], ["The Coastal Herald"]))
    return d


def test_store_round_trip(dossier, tmp_path):
    path = store.save(dossier, tmp_path / "s.sqlite")
    loaded = store.load(path)
    assert dossier_to_dict(loaded) == dossier_to_dict(dossier)


def test_store_rebuild_is_idempotent(dossier, tmp_path):
    path = tmp_path / "s.sqlite"
    store.save(dossier, path)
    first = list(sqlite3.connect(path).iterdump())
    store.save(dossier, path)
    assert list(sqlite3.connect(path).iterdump()) == first
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_store_indexes_evidence_and_text(dossier, tmp_path):
    path = store.save(dossier, tmp_path / "s.sqlite")
    db = sqlite3.connect(path)
    rows = db.execute('SELECT kind, article_id, start, "end" FROM evidence ORDER BY kind').fetchall()
    article = dossier.articles[0]
    assert {r[0] for r in rows} == {"entities", "summary"}
    for _, aid, start, end in rows:
        assert aid == article.id and article.clean_text[start:end] == "Ravensby"
    hits = store.search(path, "harrowgate bridge")
    assert [h[0] for h in hits] == [dossier.articles[1].id]
    assert "[Harrowgate]" in hits[0][1]


def test_store_failed_write_leaves_nothing(dossier, tmp_path, monkeypatch):
    path = tmp_path / "s.sqlite"
    store.save(dossier, path)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert_story", boom)
    with pytest.raises(RuntimeError):
        store.save(dossier, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.sqlite"]
