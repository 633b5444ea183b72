"""Ingest: find input files and turn each into raw records, or a one-line reason it was skipped.

Supported inputs: ``.txt`` (first non-empty line is the headline), ``.html``/``.htm``,
``.json`` (one object or a list of objects) and ``.jsonl`` (one object a line) with the
fields url, title, text or html, published, outlet, author (other fields are kept), RSS and
Atom feeds (``.rss``, ``.atom``, ``.xml``; read with feedparser, one record per item that
carries its article, the feed's title as the outlet) and WARC crawls (their HTML responses).
Nothing here interprets the text: that is ``clean``'s job.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from .model import Skipped
from .settings import IngestSettings
from datetime import UTC

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".gz", ".arc"}  # .warc.gz and .arc.gz end in .gz
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES
HTML_TYPES = ("text/html", "application/xhtml+xml")

# Size limit, control-character share and feed teaser length: IngestSettings (storyline.settings).
DEFAULTS = IngestSettings()

# Files that document a folder of articles rather than being one; read only when named explicitly.
FOLDER_PAPERS = {"README", "LICENSE", "LICENCE", "LICENSEDATA", "CHANGELOG", "NOTICE", "COPYING", "AUTHORS"}
JSON_FIELDS = ("url", "title", "text", "html", "published", "outlet", "author")


class IngestError(ValueError):
    """An input that cannot be read; its message is the one-line reason shown to the user."""


@dataclass(slots=True)
class RawRecord:
    """One article as read from disk, before cleaning.

    ``fields`` holds the metadata the input stated itself (JSON fields), ``extra``
    any other JSON fields, kept as they were; ``boilerplate`` the lines the build found repeated
    across many inputs of its outlet or folder (set by the flow before cleaning).
    """

    source_path: str
    format: str  # "txt", "html", "json-text", "json-html", "feed-text" or "feed-html"
    content: str
    fields: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    boilerplate: frozenset[str] = frozenset()  # line keys repeated across the build's inputs (clean.repeats)


def discover(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Expand folders into their files (sorted, hidden files ignored); report missing paths."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.relative_to(path).parts):
                    if child.stem.upper() in FOLDER_PAPERS:
                        yield Skipped(str(child), "a folder's README or licence file, not an article (name it to read it)")
                        continue
                    yield child
        elif path.is_file():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def decode(data: bytes, max_control_share: float = DEFAULTS.max_control_share) -> str:
    """Bytes to text: UTF-8 (with or without BOM) first, else the detected encoding.

    Raises IngestError for empty, binary or undecodable content.
    """
    if not data.strip():
        raise IngestError("empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a byte-order mark (Windows editors)
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise IngestError("invalid UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise IngestError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max_control_share * len(text):
        raise IngestError("binary file (control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_legacy(data: bytes) -> str:
    """Non-UTF-8 bytes: Windows-1252 when it reads as Latin text (the usual legacy encoding of
    English news; detectors often mistake short Western text for a Baltic code page), else
    whatever charset-normalizer finds most plausible."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and all(ch < "\u0250" or "\u2000" <= ch <= "\u215f" for ch in text):
        return text
    best = from_bytes(data).best()
    if best is None:
        raise IngestError("not text in any known encoding")
    return str(best)


def read_path(path: Path, settings: IngestSettings = DEFAULTS) -> list[RawRecord | Skipped]:
    """All records in one file (a bad JSON record is Skipped alone).

    Raises IngestError with a one-line reason when the file as a whole cannot be read.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES or (suffix == ".gz" and not path.name.lower().endswith((".warc.gz", ".arc.gz"))):
        raise IngestError(f"unsupported file type '{suffix or path.name}' (use .txt, .html, .json, .jsonl, .rss, .atom or .warc)")
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        raise IngestError(f"file too large ({size / 1e6:.1f} MB > {settings.max_file_bytes / 1e6:.0f} MB)")
    if suffix in WARC_SUFFIXES:
        return list(_warc_records(path, settings))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from None
    source = str(path)
    if suffix in FEED_SUFFIXES:
        return list(_feed_records(source, data, settings.min_feed_words))  # feedparser reads the XML's own encoding
    text = decode(data, settings.max_control_share)
    if suffix in TEXT_SUFFIXES:
        return [RawRecord(source, "txt", text)]
    if suffix in HTML_SUFFIXES:
        return [RawRecord(source, "html", text)]
    return list(_json_records(source, text, lines=suffix != ".json"))


def _warc_records(path: Path, settings: IngestSettings = DEFAULTS) -> Iterator[RawRecord | Skipped]:
    """HTML responses of a WARC crawl, one record each; a broken archive keeps what came before it.

    The crawl date (WARC-Date) is when the page was fetched, not published, so it is not used as
    the publication date; trafilatura reads that from the page itself.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if not ctype.startswith(HTML_TYPES):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{path}#{uri or found}"
                found += 1
                try:
                    text = decode(record.content_stream().read(), settings.max_control_share)
                except IngestError as exc:
                    yield Skipped(where, str(exc))
                    continue
                yield RawRecord(where, "html", text, {"url": uri} if uri else {})
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, KeyError) as exc:
        # warcio reports a malformed record with whatever its parser tripped on
        reason = " ".join(str(exc).split())[:160] or type(exc).__name__
        yield Skipped(str(path), f"broken WARC after {found} HTML record(s): {reason}")
        return
    if not found:
        raise IngestError("no HTML responses in WARC file")


def _feed_records(source: str, data: bytes, min_words: int = DEFAULTS.min_feed_words) -> Iterator[RawRecord | Skipped]:
    """One record per feed item that carries its article; a teaser-only item is Skipped with why."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        if feed.get("bozo"):
            reason = " ".join(str(feed.get("bozo_exception", "")).split())[:160]
            raise IngestError(f"not a readable RSS or Atom feed: {reason or 'malformed XML'}")
        raise IngestError("feed has no items")
    outlet = (feed.feed.get("title") or "").strip()
    broken = "malformed feed (read as far as it goes): " if feed.get("bozo") else ""
    for n, entry in enumerate(feed.entries):
        where = f"{source}#{entry.get('id') or entry.get('link') or n}"
        body, is_html = _feed_body(entry)
        if not body.strip():
            yield Skipped(where, f"{broken}feed item has no text")
            continue
        if not entry.get("content"):
            words = len(_plain_words(body) if is_html else body.split())
            if words < min_words:
                yield Skipped(where, f"feed item carries only a {words}-word summary, not the article (save the page itself to include it)")
                continue
        fields = {"url": entry.get("link"), "title": entry.get("title"), "author": entry.get("author"),
                  "outlet": outlet, "published": _feed_date(entry)}
        fields = {k: " ".join(v.split()) for k, v in fields.items() if isinstance(v, str) and v.strip()}
        extra = {"feed_item_id": entry["id"]} if entry.get("id") else {}
        yield RawRecord(where, "feed-html" if is_html else "feed-text", body, fields, extra)


def _feed_body(entry: Any) -> tuple[str, bool]:
    """The item's fullest text (content:encoded or Atom content over the summary), and whether it is HTML."""
    parts = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content", [])]
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        parts.append((entry["summary"], detail.get("type") or "text/html"))
    if not parts:
        return "", False
    value, kind = max(parts, key=lambda p: len(p[0]))
    value = value.replace("\r\n", "\n")
    if "html" in kind and "<" not in value:  # plain text labelled HTML (feedparser's default): keep its paragraphs
        value = "".join(f"<p>{html.escape(p.strip())}</p>" for p in value.split("\n\n") if p.strip())
    if "html" in kind:  # a fragment: trafilatura reads a page, so give it one with the item as its article
        return f"<html><body><article>{value}</article></body></html>", True
    return value, False


def _plain_words(markup: str) -> list[str]:
    import lxml.html

    try:
        return lxml.html.fromstring(markup).text_content().split()
    except (ValueError, lxml.etree.ParserError):
        return markup.split()


def _feed_date(entry: Any) -> str | None:
    """The item's publication (else update) time as ISO, in UTC as feedparser normalises it."""
    from datetime import datetime

    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    year, month, day, hour, minute, second = parsed[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()


def _json_records(source: str, text: str, *, lines: bool) -> Iterator[RawRecord | Skipped]:
    objects: list[tuple[str, Any]] = []
    if lines:
        for n, line in enumerate(text.split("\n"), 1):
            if line.strip():
                try:
                    objects.append((f"{source}#L{n}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    objects.append((f"{source}#L{n}", IngestError(f"invalid JSON: {exc.msg}")))
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise IngestError(f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
        items = data if isinstance(data, list) else [data]
        objects = [(f"{source}#{i}" if isinstance(data, list) else source, obj) for i, obj in enumerate(items)]
    if not objects:
        raise IngestError("no JSON records in file")
    for where, obj in objects:
        try:
            if isinstance(obj, IngestError):
                raise obj
            yield _json_record(where, obj)
        except IngestError as exc:
            yield Skipped(where, str(exc))


def _json_record(where: str, obj: Any) -> RawRecord:
    if not isinstance(obj, dict):
        raise IngestError(f"a record must be a JSON object, not {type(obj).__name__}")
    body_key = "text" if isinstance(obj.get("text"), str) and obj["text"].strip() else "html"
    body = obj.get(body_key)
    if not isinstance(body, str) or not body.strip():
        raise IngestError("record has neither 'text' nor 'html'")
    fields = {k: str(obj[k]).strip() for k in JSON_FIELDS if k not in ("text", "html") and obj.get(k)}
    extra = {k: v for k, v in obj.items() if k not in JSON_FIELDS}
    fmt = "json-text" if body_key == "text" else "json-html"
    return RawRecord(where, fmt, body.replace("\r\n", "\n"), fields, extra)


def read_inputs(paths: Iterable[str | Path], settings: IngestSettings = DEFAULTS) -> Iterator[RawRecord | Skipped]:
    """Every record under ``paths``, in a stable order; unreadable files become Skipped."""
    for item in discover(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            records = read_path(item, settings)
        except IngestError as exc:
            yield Skipped(str(item), str(exc))
            continue
        except OSError as exc:
            yield Skipped(str(item), f"cannot read file: {exc}")
            continue
        yield from records
