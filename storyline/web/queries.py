"""Read-only SQL over a storyline store: everything the web pages and the JSON API show.

Every function takes an open connection from :func:`connect`, which opens the file with
``mode=ro`` and ``query_only`` so nothing served over HTTP can change the store. IDs that come
from a URL are only ever bound as SQL parameters, never used to build a path or a statement.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import (
    STORY_ITEM_LISTS,
    CitedSource,
    Claim,
    Conflict,
    Copy,
    Entity,
    Quote,
    Story,
    SummarySentence,
    TimelineEntry,
    story_item,
)

# Marks FTS5's snippet() puts around matched terms; private-use characters that news text
# practically never contains (and if it did, the worst case is a wrong highlight, since
# everything is escaped on output).
MATCH_OPEN = "\ue000"
MATCH_CLOSE = "\ue001"
MAX_QUERY_CHARS = 300


def connect(path: str | Path) -> sqlite3.Connection:
    """A read-only connection (``mode=ro`` URI plus ``PRAGMA query_only``) with dict-like rows."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True, check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA query_only = ON")
    return db


def check_store(path: str | Path) -> None:
    """Fail early, with a clear message, when ``path`` is not a storyline store."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"no store at {p}")
    db = connect(p)
    try:
        db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        db.execute("SELECT 1 FROM articles_fts LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{p} is not a storyline store: {exc}") from exc
    finally:
        db.close()


# --- articles -----------------------------------------------------------------------------------

ARTICLE_META = ("id", "source_path", "format", "title", "outlet", "published", "published_source", "author", "url", "language")


def label(row: sqlite3.Row | dict[str, Any]) -> str:
    """How pages name an article: its outlet, else its file name (as Article.label does)."""
    return row["outlet"] or str(row["source_path"]).rsplit("/", 1)[-1]


def article_meta(row: sqlite3.Row) -> dict[str, Any]:
    d = {k: row[k] for k in ARTICLE_META}
    d["label"] = label(row)
    return d


def article(db: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """One article's metadata and clean text, or None when no article has this id."""
    row = db.execute(f"SELECT {', '.join(ARTICLE_META)}, clean_text, extra FROM articles WHERE id=?", (article_id,)).fetchone()
    if row is None:
        return None
    d = article_meta(row)
    d["clean_text"] = row["clean_text"]
    d["opening"] = json.loads(row["extra"] or "{}").get("opening")
    d["stories"] = [
        dict(r) for r in db.execute(
            "SELECT s.id, s.title FROM story_articles sa JOIN stories s ON s.id = sa.story_id "
            "WHERE sa.article_id=? ORDER BY s.position", (article_id,))
    ]
    return d


def labels(db: sqlite3.Connection) -> dict[str, str]:
    """Article id -> outlet label, for every article in the store."""
    return {r["id"]: label(r) for r in db.execute("SELECT id, outlet, source_path FROM articles")}


def sentence_around(db: sqlite3.Connection, article_id: str, offset: int) -> tuple[int, int] | None:
    """The sentence holding clean offset ``offset`` (for a link that gives a start but no end)."""
    row = db.execute(
        'SELECT start, "end" FROM sentences WHERE article_id=? AND start<=? ORDER BY start DESC LIMIT 1',
        (article_id, offset),
    ).fetchone()
    return (row[0], row[1]) if row and row[1] > offset else None


@dataclass(slots=True)
class SpanRow:
    """One evidence span in an article, with the item it belongs to."""

    story_id: str
    kind: str
    position: int
    item_id: str | None
    start: int
    end: int
    item_label: str
    story_title: str


def article_spans(db: sqlite3.Connection, article_id: str) -> list[SpanRow]:
    """Every evidence span in the article (all stories, all item kinds), in text order."""
    rows = db.execute(
        'SELECT e.story_id, e.kind, e.position, e.start, e."end", i.item_id, i.data, s.title '
        "FROM evidence e JOIN items i ON i.story_id=e.story_id AND i.kind=e.kind AND i.position=e.position "
        "JOIN stories s ON s.id=e.story_id WHERE e.article_id=? ORDER BY e.start, e.\"end\" DESC, e.rowid",
        (article_id,),
    )
    labels: dict[tuple[str, str, int], str] = {}  # an item cites many spans: label it once
    out = []
    for r in rows:
        key = (r["story_id"], r["kind"], r["position"])
        if key not in labels:
            labels[key] = item_label(story_item(r["kind"], json.loads(r["data"])))
        out.append(SpanRow(r["story_id"], r["kind"], r["position"], r["item_id"], r["start"], r["end"], labels[key], r["title"]))
    return out


def item_label(item: object) -> str:
    """A short human name for an item, for tooltips and span tables."""
    match item:
        case Entity():
            return item.name
        case Quote():
            return f"{item.speaker_text or 'unnamed speaker'}: {item.text}"
        case Copy():
            return f"{item.kind} copy"
        case Conflict():
            return item.subject
        case TimelineEntry() | Claim() | CitedSource() | SummarySentence():
            return item.text
    return ""  # an undated article's placement: its spans are labelled by their kind


# --- stories ------------------------------------------------------------------------------------


def stories(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """All stories in store order, with article counts, outlets and publication date range."""
    return [_story_row(db, s["id"], s["title"]) for s in db.execute("SELECT id, title FROM stories ORDER BY position")]


def _story_row(db: sqlite3.Connection, story_id: str, title: str) -> dict[str, Any]:
    arts = story_articles(db, story_id)
    dates = sorted(a["published"] for a in arts if a["published"])
    counts = dict(db.execute("SELECT kind, COUNT(*) FROM items WHERE story_id=? GROUP BY kind", (story_id,)).fetchall())
    return {
        "id": story_id, "title": title, "articles": len(arts),
        "outlets": list(dict.fromkeys(a["label"] for a in arts)),
        "first_published": dates[0] if dates else None, "last_published": dates[-1] if dates else None,
        "items": {k: counts.get(k, 0) for k in STORY_ITEM_LISTS},
    }


# How the story list can be ordered: the SQL ORDER BY of each (ties always in store order, which is
# biggest first, then the most recent).
STORY_SORTS = {
    "size": "n DESC, s.position",
    "recent": "last IS NULL, last DESC, s.position",
    "oldest": "first IS NULL, first, s.position",
    "title": "s.title COLLATE NOCASE, s.position",
}


@dataclass(slots=True)
class StoryPage:
    """One page of the story list: its stories (as :func:`stories` gives them) and where it stands."""

    stories: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    sort: str

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def story_page(db: sqlite3.Connection, sort: str = "size", page: int = 1, per_page: int = 50) -> StoryPage:
    """One page of the story list in the order ``sort`` names (a key of :data:`STORY_SORTS`): the
    ordering and the cut are done in SQL, and only the page's stories are then read in full."""
    order = STORY_SORTS[sort]  # a key checked by the caller, never text from the URL in the statement
    total = db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
    rows = db.execute(
        "SELECT s.id, s.title, COUNT(sa.article_id) AS n, MIN(a.published) AS first, MAX(a.published) AS last "
        "FROM stories s LEFT JOIN story_articles sa ON sa.story_id=s.id LEFT JOIN articles a ON a.id=sa.article_id "
        f"GROUP BY s.id ORDER BY {order} LIMIT ? OFFSET ?", (per_page, (page - 1) * per_page),
    ).fetchall()
    return StoryPage([_story_row(db, r["id"], r["title"]) for r in rows], total, page, per_page, sort)


def story_articles(db: sqlite3.Connection, story_id: str) -> list[dict[str, Any]]:
    """The story's articles, oldest first, undated ones last in input order (as the report orders them)."""
    rows = db.execute(
        f"SELECT {', '.join('a.' + c for c in ARTICLE_META)}, a.extra FROM story_articles sa JOIN articles a ON a.id=sa.article_id "
        "WHERE sa.story_id=? ORDER BY sa.position", (story_id,),
    ).fetchall()
    arts = []
    for r in rows:
        d = article_meta(r)
        d["opening"] = json.loads(r["extra"] or "{}").get("opening")
        arts.append(d)
    return sorted(arts, key=lambda a: (a["published"] is None, a["published"] or ""))


def story(db: sqlite3.Connection, story_id: str) -> Story | None:
    """The story with every item list typed, as a fresh build has it (what the section templates expect), or None."""
    row = db.execute("SELECT id, title FROM stories WHERE id=?", (story_id,)).fetchone()
    if row is None:
        return None
    ids = [r[0] for r in db.execute("SELECT article_id FROM story_articles WHERE story_id=? ORDER BY position", (story_id,))]
    s = Story(id=row["id"], title=row["title"], article_ids=ids)
    for kind in STORY_ITEM_LISTS:
        setattr(s, kind, [])
    for kind, data in db.execute("SELECT kind, data FROM items WHERE story_id=? ORDER BY kind, position", (story_id,)):
        if kind in STORY_ITEM_LISTS:
            getattr(s, kind).append(story_item(kind, json.loads(data)))
    return s


def story_span_ends(db: sqlite3.Connection, story_id: str) -> dict[tuple[str, str, int], int]:
    """(kind, article id, start) -> end for the story's evidence, the item's own span winning.

    Section templates cite a span by (article id, start) only; this lets a link carry the end too,
    so the article page marks exactly the quoted words. Rows are in insertion order, where an
    item's own span comes before nested ones (speaker spans, also_in).
    """
    ends: dict[tuple[str, str, int], int] = {}
    for kind, aid, start, end in db.execute('SELECT kind, article_id, start, "end" FROM evidence WHERE story_id=? ORDER BY rowid', (story_id,)):
        ends.setdefault((kind, aid, start), end)
        ends.setdefault(("*", aid, start), end)
    return ends


# --- entities -----------------------------------------------------------------------------------


def entity(db: sqlite3.Connection, entity_id: str) -> list[dict[str, Any]]:
    """The entity (an Entity) with this id in every story that has it (ids derive from type and name,
    so they match across stories)."""
    rows = db.execute(
        "SELECT i.story_id, s.title, i.data FROM items i JOIN stories s ON s.id=i.story_id "
        "WHERE i.kind='entities' AND i.item_id=? ORDER BY s.position", (entity_id,),
    )
    return [{"story_id": r["story_id"], "story_title": r["title"], "entity": story_item("entities", json.loads(r["data"]))}
            for r in rows]


# --- search -------------------------------------------------------------------------------------


@dataclass(slots=True)
class SearchResult:
    """Matching articles for a query, or a message saying why the query could not be run as typed."""

    query: str
    hits: list[dict[str, Any]] = field(default_factory=list)
    message: str | None = None
    ran: str | None = None  # the FTS5 query actually run, when it differs from the one typed


def plain_words(query: str) -> str:
    """The query's words, each quoted: an FTS5 query that always parses."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"' for w in words)


def search(db: sqlite3.Connection, query: str, limit: int = 50) -> SearchResult:
    """FTS5 search over article titles and text; a query FTS5 cannot parse falls back to its plain words."""
    query = query.strip()
    result = SearchResult(query=query)
    if not query:
        return result
    if len(query) > MAX_QUERY_CHARS:
        result.message = f"That search is too long (over {MAX_QUERY_CHARS} characters)."
        return result
    try:
        result.hits = _match(db, query, limit)
        return result
    except sqlite3.OperationalError:
        pass
    fallback = plain_words(query)
    if not fallback:
        result.message = "That search could not be understood. Try plain words, a \"quoted phrase\", or a prefix like strik*."
        return result
    result.ran = fallback
    result.message = ("That search used syntax the index could not read, so these are results for its plain words. "
                      "Try plain words, a \"quoted phrase\", or a prefix like strik*.")
    try:
        result.hits = _match(db, fallback, limit)
    except sqlite3.OperationalError:
        result.message = "That search could not be understood. Try plain words, a \"quoted phrase\", or a prefix like strik*."
    return result


def _match(db: sqlite3.Connection, query: str, limit: int) -> list[dict[str, Any]]:
    rows = db.execute(
        f"SELECT f.article_id, snippet(articles_fts, 2, '{MATCH_OPEN}', '{MATCH_CLOSE}', '…', 16) AS snip, "
        "a.title, a.outlet, a.source_path, a.published FROM articles_fts f JOIN articles a ON a.id=f.article_id "
        "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
        (query, limit),
    ).fetchall()
    hits = []
    for r in rows:
        story_rows = db.execute(
            "SELECT s.id, s.title FROM story_articles sa JOIN stories s ON s.id=sa.story_id WHERE sa.article_id=? ORDER BY s.position",
            (r["article_id"],),
        ).fetchall()
        hits.append({
            "article_id": r["article_id"], "title": r["title"], "label": label(r), "published": r["published"],
            "snippet": snippet_parts(r["snip"]), "stories": [dict(s) for s in story_rows],
        })
    return hits


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A marked FTS5 snippet as (text, is_match) pieces, so templates escape text and add <mark> themselves."""
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(re.split(f"[{MATCH_OPEN}{MATCH_CLOSE}]", snippet)):
        if piece:
            parts.append((piece, i % 2 == 1))
    return parts
