"""store: the dossier round-trips through SQLite, rebuilds are idempotent, article text is searchable."""

from __future__ import annotations

import json
import sqlite3

import pytest

from storyline import store
from storyline.engines import build
from storyline.model import STORY_ITEM_LISTS, Entity, Mention, SummarySentence, dossier_to_dict, story_item_type
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


def test_store_round_trips_every_story_list_as_its_dataclass(example_dossier, tmp_path):
    loaded = store.load(store.save(example_dossier, tmp_path / "s.sqlite"))
    assert [s.id for s in loaded.stories] == [s.id for s in example_dossier.stories]
    for got, saved in zip(loaded.stories, example_dossier.stories, strict=True):
        for kind in STORY_ITEM_LISTS:
            items = getattr(got, kind)
            assert items, f"the example story should have {kind}"
            assert all(type(i) is story_item_type(kind) for i in items), kind
            assert items == getattr(saved, kind), kind  # dataclass equality: nested items typed too
        assert got == saved
    assert loaded.articles == example_dossier.articles


def test_store_keeps_a_span_row_for_both_sides_of_every_copied_passage(example_dossier, tmp_path):
    db = sqlite3.connect(store.save(example_dossier, tmp_path / "s.sqlite"))
    rows = set(db.execute('SELECT story_id, position, article_id, start, "end" FROM evidence WHERE kind = \'copies\''))
    story = example_dossier.stories[0]
    assert story.copies
    for i, c in enumerate(story.copies):
        for p in c.passages:
            for ev in (p.from_span, p.to_span):
                assert (story.id, i, ev.article_id, ev.start, ev.end) in rows


def test_a_store_whose_items_do_not_fit_the_model_is_refused_clearly(example_dossier, tmp_path):
    path = store.save(example_dossier, tmp_path / "s.sqlite")
    db = sqlite3.connect(path)
    (data,) = db.execute("SELECT data FROM items WHERE kind = 'copies' AND position = 0").fetchone()
    copy = json.loads(data)
    p = copy["passages"][0]
    copy["passages"] = [{"from_start": p["from_span"]["start"], "from_end": p["from_span"]["end"],
                         "to_start": p["to_span"]["start"], "to_end": p["to_span"]["end"], "similarity": p["similarity"]}]
    with db:
        db.execute("UPDATE items SET data = ? WHERE kind = 'copies' AND position = 0", (json.dumps(copy),))
    db.close()
    with pytest.raises(ValueError, match="copies item does not fit"):
        store.load(path)


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
