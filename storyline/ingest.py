"""Ingest: find input files and turn each into raw records, or a one-line reason it was skipped.

Supported inputs: ``.txt`` (first non-empty line is the headline), ``.html``/``.htm``,
``.json`` (one object or a list of objects) and ``.jsonl`` (one object a line) with the
fields url, title, text or html, published, outlet, author (other fields are kept), RSS and
Atom feeds (``.rss``, ``.atom``, ``.xml``; read with feedparser, one record per item that
carries its article, the feed's title as the outlet) and WARC crawls (their HTML responses).
Nothing here interprets the text: that is ``clean``'s job.

Every input is read under a guard and within the limits of ``IngestSettings`` (file and record
size, inflated size of a .warc.gz, JSON depth and integer size, feeds declaring XML entities):
what cannot be read becomes a Skipped entry with a one-line reason naming the file (and record),
and the run goes on. Links, loops, FIFOs, devices and unreadable files or folders are listed, never
dropped; a file name that is not UTF-8 is shown with ``\\xNN`` escapes (:func:`shown_path`).
"""

from __future__ import annotations

import errno
import html
import io
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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


def shown_path(path: str | Path) -> str:
    """A path as text that any output can hold: bytes of a name that is not valid UTF-8 become
    ``\\xff`` escapes (Python keeps them as lone surrogates, which no UTF-8 writer accepts)."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")


def _kind(path: Path) -> str:
    """'dir' or 'file' for what can be read, else the one-line reason it cannot be."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop (the link leads back to itself), not read"
        if os.path.islink(path):
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            return f"broken link to {shown_path(target)} (it does not exist), not read"
        if exc.errno == errno.ENOENT:
            return "no such file or folder"
        if exc.errno == errno.EACCES:
            return "cannot reach it: permission denied on a folder above it"
        return f"cannot read: {exc.strerror or exc}"
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a file: not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file: not read"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file: not read"
    return "not a regular file: not read"


def discover(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Expand folders into their files (sorted, hidden files ignored). Every path that cannot be
    read is listed with its reason, never dropped: a missing path, a broken link, a symlink loop,
    a FIFO or device, a folder that cannot be listed."""
    for raw in paths:
        path = Path(raw)
        kind = _kind(path)
        if kind == "dir":
            yield from _walk(path, set())
        elif kind == "file":
            yield path
        else:
            yield Skipped(shown_path(path), kind)


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path | Skipped]:
    """A folder's files depth first, each folder's entries by name (the order of sorted(rglob)),
    following links to folders once each."""
    try:
        st = os.stat(folder)
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield Skipped(shown_path(folder), "a link to a folder already read (a loop), not read again")
            return
        seen.add(key)
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(shown_path(folder), f"cannot read folder: {(exc.strerror or str(exc)).lower()}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        kind = _kind(child)
        if kind == "dir":
            yield from _walk(child, seen)
        elif kind != "file":
            yield Skipped(shown_path(child), kind)
        elif child.stem.upper() in FOLDER_PAPERS:
            yield Skipped(shown_path(child), "a folder's README or licence file, not an article (name it to read it)")
        else:
            yield child


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
        data = _utf16_without_bom(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max_control_share * len(text):
        raise IngestError("binary file (control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_bom(data: bytes) -> bytes:
    """UTF-16 text saved without a byte-order mark, as UTF-8: the NUL bytes of its ASCII letters
    fall on every second byte, on one side only. Anything else with NUL bytes is binary."""
    sample = data[:8192]
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if len(data) % 2 == 0 and zeros.count(0) >= 0.6 * len(zeros) and other.count(0) <= 0.02 * len(other):
            try:
                return data.decode(codec).encode("utf-8")
            except UnicodeDecodeError:
                raise IngestError(f"invalid UTF-16 text ({codec[-2:].upper()}, without a byte-order mark)") from None
    raise IngestError("binary file (NUL bytes), not text")


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

    Raises IngestError with a one-line reason when the file as a whole cannot be read. The file
    is opened without blocking and checked to be a regular file on the open handle, so a FIFO or
    device put in its place never hangs the read; no more than the size limit is ever read.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES or (suffix == ".gz" and not path.name.lower().endswith((".warc.gz", ".arc.gz"))):
        raise IngestError(f"unsupported file type '{shown_path(suffix or path.name)}' (use .txt, .html, .json, .jsonl, .rss, .atom or .warc)")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise IngestError(_os_reason(exc)) from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise IngestError(_kind(path) if _kind(path) != "file" else "not a regular file: not read")
        size = os.fstat(handle.fileno()).st_size
        if size > settings.max_file_bytes:
            raise IngestError(f"file too large ({size / 1e6:.1f} MB > {settings.max_file_bytes / 1e6:.0f} MB)")
        source = shown_path(path)
        if suffix in WARC_SUFFIXES:
            return list(_warc_records(handle, source, settings))
        try:
            data = handle.read(settings.max_file_bytes + 1)
        except OSError as exc:
            raise IngestError(_os_reason(exc)) from None
    if len(data) > settings.max_file_bytes:  # grew since it was measured
        raise IngestError(f"file too large (over {settings.max_file_bytes / 1e6:.0f} MB)")
    if suffix in FEED_SUFFIXES:
        return list(_feed_records(source, data, settings.min_feed_words, settings))  # feedparser reads the XML's own encoding
    text = decode(data, settings.max_control_share)
    if suffix in TEXT_SUFFIXES:
        return [RawRecord(source, "txt", text)]
    if suffix in HTML_SUFFIXES:
        return [RawRecord(source, "html", text)]
    return list(_json_records(source, text, lines=suffix != ".json", settings=settings))


def _os_reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot read file: permission denied"
    if exc.errno == errno.ELOOP:
        return "symlink loop (the link leads back to itself), not read"
    return f"cannot read file: {(exc.strerror or str(exc)).lower()}"


class _Guarded(io.RawIOBase):
    """A WARC's bytes as the WARC reader sees them: a gzip stream (one member or many) inflated in
    bounded chunks, raising as soon as more than ``cap`` bytes came out (a bomb is stopped, never
    inflated in full), or as soon as a line runs past ``max_line`` bytes (warcio gathers a line
    by repeated concatenation: a header line of hundreds of MB would take hours)."""

    def __init__(self, raw: io.BufferedIOBase, *, gzipped: bool, cap: int, max_line: int) -> None:
        import gzip

        self._source: Any = gzip.GzipFile(fileobj=raw, mode="rb") if gzipped else raw
        self._gzipped = gzipped
        self._cap = cap
        self._max_line = max_line
        self._out = 0
        self._line = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        chunk = self._source.read(min(len(view), 1 << 16))
        self._out += len(chunk)
        if self._gzipped and self._out > self._cap:
            raise _Bomb(f"inflates to more than {self._cap / 1e6:.0f} MB: skipped as a possible gzip bomb")
        newline = chunk.rfind(b"\n")
        self._line = self._line + len(chunk) if newline < 0 else len(chunk) - newline - 1
        if self._line > self._max_line:
            raise _Bomb(f"holds a line of more than {self._max_line / 1e6:.0f} MB: not a readable crawl")
        view[: len(chunk)] = chunk
        return len(chunk)

    def tell(self) -> int:
        return self._out


class _Bomb(IngestError):
    """Decompressed past the cap."""


class _Warnings:
    """Stands in for ``sys`` inside warcio while a WARC is read: its multi-line warnings to stderr
    are collected (and become one line of the file's reasons) instead of breaking the terminal."""

    def __init__(self, real: Any) -> None:
        self._real = real
        self.stderr = io.StringIO()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@contextmanager
def _warcio_warnings() -> Iterator[io.StringIO]:
    import sys

    from warcio import archiveiterator, bufferedreaders

    trap = _Warnings(sys)
    modules = (archiveiterator, bufferedreaders)
    saved = [m.sys for m in modules]  # type: ignore[attr-defined]
    for m in modules:
        m.sys = trap  # type: ignore[attr-defined]
    try:
        yield trap.stderr
    finally:
        for m, old in zip(modules, saved, strict=True):
            m.sys = old  # type: ignore[attr-defined]


def _one_line(text: str, limit: int = 160) -> str:
    return " ".join(str(text).split())[:limit]


def _warc_records(handle: io.BufferedIOBase, source: str, settings: IngestSettings = DEFAULTS
                  ) -> Iterator[RawRecord | Skipped]:
    """HTML responses of a WARC crawl, one record each; a broken archive keeps what came before it.

    A gzipped crawl is inflated here, in bounded chunks, up to ``max_decompressed_bytes``; a
    record is read up to ``max_record_bytes``. The crawl date (WARC-Date) is when the page was
    fetched, not published, so it is not used as the publication date; trafilatura reads that
    from the page itself.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    limit = settings.max_record_bytes
    gzipped = handle.peek(2)[:2] == b"\x1f\x8b"  # type: ignore[attr-defined]
    stream = io.BufferedReader(_Guarded(handle, gzipped=gzipped, cap=settings.max_decompressed_bytes, max_line=limit),
                               buffer_size=1 << 20)
    with _warcio_warnings() as warnings:
        try:
            for record in ArchiveIterator(stream, block_size=1 << 20):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if not ctype.startswith(HTML_TYPES):
                    continue
                uri = _one_line(record.rec_headers.get_header("WARC-Target-URI") or "", 2000)
                where = f"{source}#{uri or found}"
                found += 1
                length = (record.rec_headers.get_header("Content-Length") or "").strip()
                if length.isdigit() and (len(length) > 15 or int(length) > limit):
                    size = f"{int(length) / 1e6:.1f} MB" if len(length) <= 15 else f"a {len(length)}-digit Content-Length"
                    yield Skipped(where, f"WARC record too large ({size} > {limit / 1e6:.0f} MB), not read")
                    continue
                body = record.content_stream().read(limit + 1)
                if len(body) > limit:
                    yield Skipped(where, f"WARC record too large (over {limit / 1e6:.0f} MB), not read")
                    continue
                try:
                    text = decode(body, settings.max_control_share)
                except IngestError as exc:
                    yield Skipped(where, str(exc))
                    continue
                yield RawRecord(where, "html", text, {"url": uri} if uri else {})
        except _Bomb as exc:
            yield Skipped(source, f"WARC {exc} (after {found} HTML record(s))")
            return
        except (OverflowError, MemoryError):
            yield Skipped(source, f"broken WARC after {found} HTML record(s): a record's Content-Length is too large to be a size")
            return
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, KeyError, TypeError, IndexError,
                UnicodeError, RecursionError) as exc:
            # warcio reports a malformed record with whatever its parser tripped on
            reason = _one_line(str(exc)) or type(exc).__name__
            yield Skipped(source, f"broken WARC after {found} HTML record(s): {reason}")
            return
    said = [line.strip() for line in warnings.getvalue().splitlines() if line.strip()]
    if said:
        # warcio's warnings are a few lines each ("WARNING: ...", "Offset: ...", "Remainder: ..."): keep their gist
        heads = [re.sub(r"^(WARNING|ERROR):\s*", "", line) for line in said if re.match(r"(WARNING|ERROR):", line)] or said[:1]
        gist = "; ".join(dict.fromkeys(heads))
        yield Skipped(source, f"WARC read with {len(heads)} warning(s), records may be cut short: {_one_line(gist)}")
    if not found:
        raise IngestError("no HTML responses in WARC file")


def _declares_entities(data: bytes) -> bool:
    """Whether the XML's DOCTYPE declares entities of its own. Feeds never need them, and nested
    ones (billion laughs) cost seconds to minutes before a parser's limit trips."""
    head = data[:1_000_000].upper()
    doctype = head.find(b"<!DOCTYPE")
    if doctype < 0:
        return False
    end = head.find(b"]>", doctype)
    return b"<!ENTITY" in head[doctype: end if end > 0 else None]


def _feed_records(source: str, data: bytes, min_words: int = DEFAULTS.min_feed_words,
                  settings: IngestSettings = DEFAULTS) -> Iterator[RawRecord | Skipped]:
    """One record per feed item that carries its article; a teaser-only item is Skipped with why
    (the first few of a feed listed one by one, the rest counted in one entry)."""
    import feedparser

    if not settings.allow_xml_entities and _declares_entities(data):
        raise IngestError("feed declares its own XML entities (<!ENTITY>, a billion-laughs risk): not read")
    feed = feedparser.parse(data)
    if not feed.entries:
        if feed.get("bozo"):
            reason = _one_line(str(feed.get("bozo_exception", "")))
            raise IngestError(f"not a readable RSS or Atom feed: {reason or 'malformed XML'}")
        raise IngestError("feed has no items")
    outlet = (feed.feed.get("title") or "").strip()
    broken = "malformed feed (read as far as it goes): " if feed.get("bozo") else ""
    teasers = 0
    for n, entry in enumerate(feed.entries):
        where = f"{source}#{_one_line(str(entry.get('id') or entry.get('link') or n), 2000)}"
        body, is_html = _feed_body(entry)
        if not body.strip():
            yield Skipped(where, f"{broken}feed item has no text")
            continue
        if not entry.get("content"):
            words = len(_plain_words(body) if is_html else body.split())
            if words < min_words:
                teasers += 1
                if teasers <= settings.max_skips_listed:
                    yield Skipped(where, f"feed item carries only a {words}-word summary, not the article "
                                         "(save the page itself to include it)")
                continue
        fields = {"url": entry.get("link"), "title": entry.get("title"), "author": entry.get("author"),
                  "outlet": outlet, "published": _feed_date(entry)}
        fields = {k: " ".join(v.split()) for k, v in fields.items() if isinstance(v, str) and v.strip()}
        extra = {"feed_item_id": entry["id"]} if entry.get("id") else {}
        yield RawRecord(where, "feed-html" if is_html else "feed-text", body, fields, extra)
    if teasers > settings.max_skips_listed:
        yield Skipped(source, f"{teasers:,} items skipped as teasers (each carries only a summary, not the article; "
                              f"the first {settings.max_skips_listed} listed by name)")


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


def _json_records(source: str, text: str, *, lines: bool, settings: IngestSettings = DEFAULTS
                  ) -> Iterator[RawRecord | Skipped]:
    objects: list[tuple[str, Any]] = []
    if lines:
        for n, line in enumerate(text.split("\n"), 1):
            if line.strip():
                try:
                    if len(line) > settings.max_record_bytes:
                        raise IngestError(f"record too large ({len(line) / 1e6:.1f} MB > "
                                          f"{settings.max_record_bytes / 1e6:.0f} MB), not read")
                    objects.append((f"{source}#L{n}", _load_json(line, settings)))
                except IngestError as exc:
                    objects.append((f"{source}#L{n}", exc))
    else:
        data = _load_json(text, settings)
        items = data if isinstance(data, list) else [data]
        objects = [(f"{source}#{i}" if isinstance(data, list) else source, obj) for i, obj in enumerate(items)]
    if not objects:
        raise IngestError("no JSON records in file")
    failed: dict[str, int] = {}
    for where, obj in objects:
        try:
            if isinstance(obj, IngestError):
                raise obj
            yield _json_record(where, obj, settings)
        except IngestError as exc:
            kind = str(exc).split(":")[0]
            failed[kind] = failed.get(kind, 0) + 1
            if failed[kind] <= settings.max_skips_listed:
                yield Skipped(where, str(exc))
    for kind, count in failed.items():
        if count > settings.max_skips_listed:
            yield Skipped(source, f"{count:,} records skipped as '{kind}' (the first {settings.max_skips_listed} listed by name)")


def _load_json(text: str, settings: IngestSettings) -> Any:
    """Parse JSON within the limits: integer size, nesting depth; lone surrogates (a broken
    ``\\ud83d`` escape) become U+FFFD, as no UTF-8 output can hold them."""
    digits = settings.max_json_int_digits

    def parse_int(token: str) -> int:
        if len(token.lstrip("-")) > digits:
            raise IngestError(f"JSON integer of {len(token.lstrip('-')):,} digits (more than {digits}), not read")
        return int(token)

    try:
        data = json.loads(text, parse_int=parse_int)
    except IngestError:
        raise
    except json.JSONDecodeError as exc:
        raise IngestError(f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
    except RecursionError:
        raise IngestError(f"JSON nested too deeply (more than {settings.max_json_depth} levels), not read") from None
    except ValueError as exc:  # a number Python will not convert
        raise IngestError(f"invalid JSON: {_one_line(str(exc))}") from None
    return _checked_json(data, settings.max_json_depth)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _text_ok(value: str) -> str:
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def _checked_json(data: Any, max_depth: int) -> Any:
    """``data`` with every string free of lone surrogates; IngestError past ``max_depth`` levels.
    Walked with a stack, never by recursion."""
    if isinstance(data, str):
        return _text_ok(data)
    if not isinstance(data, dict | list):
        return data
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            raise IngestError(f"JSON nested too deeply (more than {max_depth} levels), not read")
        if isinstance(node, list):
            for i, value in enumerate(node):
                if isinstance(value, str):
                    node[i] = _text_ok(value)
                elif isinstance(value, dict | list):
                    stack.append((value, depth + 1))
        else:
            if any(_SURROGATE.search(k) for k in node):
                fixed = {_text_ok(k): v for k, v in node.items()}
                node.clear()
                node.update(fixed)
            for key, value in node.items():
                if isinstance(value, str):
                    node[key] = _text_ok(value)
                elif isinstance(value, dict | list):
                    stack.append((value, depth + 1))
    return data


def _json_record(where: str, obj: Any, settings: IngestSettings = DEFAULTS) -> RawRecord:
    if not isinstance(obj, dict):
        raise IngestError(f"a record must be a JSON object, not {type(obj).__name__}")
    body_key = "text" if isinstance(obj.get("text"), str) and obj["text"].strip() else "html"
    body = obj.get(body_key)
    if not isinstance(body, str) or not body.strip():
        raise IngestError("record has neither 'text' nor 'html'")
    if len(body) > settings.max_record_bytes:
        raise IngestError(f"record too large ({len(body) / 1e6:.1f} MB of {body_key} > "
                          f"{settings.max_record_bytes / 1e6:.0f} MB), not read")
    fields = {k: str(obj[k]).strip() for k in JSON_FIELDS if k not in ("text", "html") and obj.get(k)}
    extra = {k: v for k, v in obj.items() if k not in JSON_FIELDS}
    fmt = "json-text" if body_key == "text" else "json-html"
    return RawRecord(where, fmt, body.replace("\r\n", "\n"), fields, extra)


def read_inputs(paths: Iterable[str | Path], settings: IngestSettings = DEFAULTS) -> Iterator[RawRecord | Skipped]:
    """Every record under ``paths``, in a stable order; unreadable files become Skipped.

    Each input is read under a guard: whatever goes wrong in one file (a bug or a case no limit
    foresaw) becomes its one-line reason, and the run goes on with the others.
    """
    for item in discover(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            records = read_path(item, settings)
        except IngestError as exc:
            yield Skipped(shown_path(item), _one_line(str(exc), 300))
            continue
        except OSError as exc:
            yield Skipped(shown_path(item), _os_reason(exc))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad input never stops the build
            yield Skipped(shown_path(item), f"could not be read ({type(exc).__name__}: {_one_line(str(exc)) or 'no detail'})")
            continue
        for record in records:
            yield _safe(record)


def _safe(item: RawRecord | Skipped) -> RawRecord | Skipped:
    """A record whose text every output can hold (lone surrogates, from a broken escape, as U+FFFD),
    a reason on one line."""
    if isinstance(item, Skipped):
        return Skipped(_text_ok(item.source_path), _one_line(_text_ok(item.error), 300))
    item.source_path = _text_ok(item.source_path)
    item.content = _text_ok(item.content)
    item.fields = {_text_ok(k): _text_ok(v) for k, v in item.fields.items()}
    return item
