"""Store: the dossier in one SQLite file — articles, sentences, entity spans, stories, items and evidence.

Item tables are generic (kind + JSON) so later stages add item kinds without schema changes;
every item's evidence spans (of every kind, both sides of a copied passage included) also go into
``evidence`` so "what cites this article" is one query. Items load back as their dataclasses.
Article text is indexed with FTS5 for search. A build writes a fresh file and renames it into
place, so a store is never half-written and rebuilding the same inputs gives the same store.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .files import write_atomic_with
from .model import (
    SCHEMA,
    STORY_ITEM_LISTS,
    Article,
    Dossier,
    Skipped,
    Story,
    article_from_dict,
    article_to_dict,
    story_item,
)

SCHEMA_SQL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id TEXT PRIMARY KEY, source_path TEXT NOT NULL, format TEXT NOT NULL,
    title TEXT, title_source TEXT, outlet TEXT, outlet_source TEXT,
    published TEXT, published_source TEXT, author TEXT, author_source TEXT,
    url TEXT, language TEXT, raw_text TEXT NOT NULL, clean_text TEXT NOT NULL,
    removed TEXT NOT NULL, offset_map TEXT NOT NULL, extra TEXT NOT NULL
);
CREATE TABLE sentences (article_id TEXT NOT NULL REFERENCES articles(id), idx INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, PRIMARY KEY (article_id, idx));
CREATE TABLE ner (article_id TEXT NOT NULL REFERENCES articles(id), start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, label TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX ner_article ON ner(article_id);
CREATE TABLE skipped (source_path TEXT NOT NULL, error TEXT NOT NULL);
CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE story_articles (story_id TEXT NOT NULL REFERENCES stories(id),
    article_id TEXT NOT NULL REFERENCES articles(id), position INTEGER NOT NULL,
    PRIMARY KEY (story_id, article_id));
CREATE TABLE items (story_id TEXT NOT NULL REFERENCES stories(id), kind TEXT NOT NULL,
    position INTEGER NOT NULL, item_id TEXT, data TEXT NOT NULL, PRIMARY KEY (story_id, kind, position));
CREATE TABLE evidence (story_id TEXT NOT NULL, kind TEXT NOT NULL, position INTEGER NOT NULL,
    article_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);
CREATE INDEX evidence_article ON evidence(article_id, start);
CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, clean_text);
"""

ARTICLE_COLUMNS = (
    "id", "source_path", "format", "title", "title_source", "outlet", "outlet_source", "published",
    "published_source", "author", "author_source", "url", "language", "raw_text", "clean_text",
)


def save(dossier: Dossier, path: str | Path) -> Path:
    """Write the dossier to a fresh SQLite file at ``path`` (atomically)."""
    return write_atomic_with(path, lambda tmp: write(dossier, tmp))


class StoreError(Exception):
    """A file that is not a readable storyline store; the message is one line naming it."""


def check(path: str | Path) -> None:
    """Raise :class:`StoreError` unless ``path`` is a storyline store this version reads."""
    p = Path(path)
    if not p.is_file():
        raise StoreError(f"{p}: no such store file")
    try:
        db = sqlite3.connect(f"file:{p.resolve()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"{p}: cannot open it ({exc})") from None
    try:
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            db.execute("SELECT 1 FROM articles LIMIT 1").fetchall()
            db.execute("SELECT 1 FROM stories LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            reason = "not an SQLite database" if "not a database" in str(exc) else f"{exc}"
            raise StoreError(f"{p} is not a storyline store ({reason})") from None
        if row is None:
            raise StoreError(f"{p} is not a storyline store (it records no schema)")
        if row[0] != SCHEMA:
            raise StoreError(f"{p} is a store of schema {row[0]!r}; this storyline reads {SCHEMA!r}: build it again")
    finally:
        db.close()


def write(dossier: Dossier, path: str) -> None:
    """Write the dossier into a new SQLite file at ``path`` (not atomic: :func:`save` is)."""
    db = sqlite3.connect(path)
    try:
        with db:
            db.executescript(SCHEMA_SQL)
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
            if dossier.cluster_state:
                db.execute("INSERT INTO meta VALUES ('cluster_state', ?)", (dossier.cluster_state,))
            db.execute("INSERT INTO meta VALUES ('settings', ?)", (json.dumps(dossier.settings),))
            for article in dossier.articles:
                _insert_article(db, article)
            db.executemany("INSERT INTO skipped VALUES (?, ?)", [(s.source_path, s.error) for s in dossier.skipped])
            for position, story in enumerate(dossier.stories):
                _insert_story(db, story, position)
    finally:
        db.close()


def _insert_article(db: sqlite3.Connection, article: Article) -> None:
    d = article_to_dict(article)
    row = [d[c] for c in ARTICLE_COLUMNS] + [
        json.dumps(d["removed"], ensure_ascii=False),
        json.dumps(d["offset_map"]),
        json.dumps(d["extra"], ensure_ascii=False),
    ]
    db.execute(f"INSERT INTO articles VALUES ({', '.join('?' * len(row))})", row)
    db.executemany(
        "INSERT INTO sentences VALUES (?, ?, ?, ?)", [(article.id, i, s, e) for i, (s, e) in enumerate(article.sentences)]
    )
    db.executemany(
        "INSERT INTO ner VALUES (?, ?, ?, ?, ?)", [(article.id, m.start, m.end, m.label, m.text) for m in article.ner]
    )
    db.execute("INSERT INTO articles_fts VALUES (?, ?, ?)", (article.id, article.title or "", article.clean_text))


def _insert_story(db: sqlite3.Connection, story: Story, position: int) -> None:
    db.execute("INSERT INTO stories VALUES (?, ?, ?)", (story.id, story.title, position))
    db.executemany(
        "INSERT INTO story_articles VALUES (?, ?, ?)", [(story.id, a, i) for i, a in enumerate(story.article_ids)]
    )
    for kind in STORY_ITEM_LISTS:
        for i, item in enumerate(getattr(story, kind)):
            data = asdict(item)
            db.execute(
                "INSERT INTO items VALUES (?, ?, ?, ?, ?)",
                (story.id, kind, i, data.get("id"), json.dumps(data, ensure_ascii=False)),
            )
            db.executemany(
                "INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?)",
                [(story.id, kind, i, a, s, e) for a, s, e in _spans(data)],
            )


def _spans(data: Any) -> Iterator[tuple[str, int, int]]:
    """Every (article_id, start, end) in an item's JSON form, however deeply nested, the item's own
    span first: any item kind, present or future, gets its span rows without a change here."""
    if isinstance(data, dict):
        if isinstance(data.get("article_id"), str) and isinstance(data.get("start"), int):
            yield data["article_id"], data["start"], data["end"]
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _spans(value)
    elif isinstance(data, list):
        for value in data:
            yield from _spans(value)


def recorded_settings(path: str | Path) -> dict[str, Any]:
    """The settings a store was built with (empty for a store that recorded none)."""
    db = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        return _recorded_settings(db)
    finally:
        db.close()


def _recorded_settings(db: sqlite3.Connection) -> dict[str, Any]:
    row = db.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()
    return dict(json.loads(row[0])) if row else {}


def load(path: str | Path) -> Dossier:
    """Read a store back into a Dossier, every story item as its dataclass."""
    db = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        articles = []
        for row in db.execute("SELECT * FROM articles ORDER BY rowid"):
            d = dict(row)
            d["removed"] = json.loads(d["removed"])
            d["offset_map"] = json.loads(d["offset_map"])
            d["extra"] = json.loads(d["extra"])
            d["sentences"] = [
                (s, e) for s, e in db.execute('SELECT start, "end" FROM sentences WHERE article_id=? ORDER BY idx', (d["id"],))
            ]
            d["ner"] = [
                dict(start=s, end=e, label=lab, text=t)
                for s, e, lab, t in db.execute('SELECT start, "end", label, text FROM ner WHERE article_id=? ORDER BY rowid', (d["id"],))
            ]
            articles.append(article_from_dict(d))
        skipped = [Skipped(r["source_path"], r["error"]) for r in db.execute("SELECT * FROM skipped ORDER BY rowid")]
        stories = []
        for row in db.execute("SELECT id, title FROM stories ORDER BY position"):
            ids = [r[0] for r in db.execute("SELECT article_id FROM story_articles WHERE story_id=? ORDER BY position", (row["id"],))]
            story = Story(id=row["id"], title=row["title"], article_ids=ids)
            for kind in STORY_ITEM_LISTS:
                items = db.execute("SELECT data FROM items WHERE story_id=? AND kind=? ORDER BY position", (row["id"], kind))
                setattr(story, kind, [story_item(kind, json.loads(r[0])) for r in items])
            stories.append(story)
        state = db.execute("SELECT value FROM meta WHERE key = 'cluster_state'").fetchone()
        return Dossier(articles=articles, skipped=skipped, stories=stories, cluster_state=state[0] if state else None,
                       settings=_recorded_settings(db))
    finally:
        db.close()


def search(path: str | Path, query: str, limit: int = 20) -> list[tuple[str, str]]:
    """Article ids and highlighted snippets matching an FTS5 query."""
    db = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT article_id, snippet(articles_fts, 2, '[', ']', '…', 12) FROM articles_fts "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [(r[0], r[1]) for r in rows]
    finally:
        db.close()
