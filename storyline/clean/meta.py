"""Metadata stated by plain text itself: datelines, mastheads, bylines, dates in file names.

Each finder returns None rather than guess: a value the text does not state stays unknown.
"""

from __future__ import annotations

import re
from datetime import date

import dateparser

# Separators scraped pages put around a dateline ("Jun 19, 2025 | ", "Published: ...").
_DATELINE_NOISE = re.compile(r"^[\s|·•—–\-:]*(?:(?:published|posted|updated|last updated)\s*(?:on|:)?\s*)?", re.I)
_TRAILING_NOISE = re.compile(r"[\s|·•—–\-]+$")
_SEPARATORS = re.compile(r"\s[|·•]\s|\s[|·•]$|^[|·•]\s")
_HAS_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_HAS_MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}",
    re.I,
)
_ISO_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
_BYLINE_BY = re.compile(r"^by\s+(.+)$", re.I)
_NAME_WORD = re.compile(r"^[A-Z][a-zà-ÿ'’\-]+\.?$|^[A-Z]\.$")
_NOT_NAME_WORDS = {"the", "and", "of", "in", "on", "for", "to", "with", "news", "update", "live"}

DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}


def _parse_full_date(text: str) -> date | None:
    parsed = dateparser.parse(text, languages=["en"], settings=DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def dateline_date(line: str) -> str | None:
    """ISO date if the line is a dateline ("Jun 19, 2025 | ", "Published: 3 March 2025 10:02",
    "Jun 3, 2025 | Shipping": a date beside at most a short section name)."""
    parts = [p for p in _SEPARATORS.split(line) if p.strip()]
    if len(parts) > 1:
        dated = [d for d in (_date_part(p) for p in parts) if d]
        others = [p for p in parts if not _date_part(p)]
        if len(dated) == 1 and all(len(p.split()) <= 3 for p in others):
            return dated[0]
        return None
    return _date_part(line)


def _date_part(part: str) -> str | None:
    text = _TRAILING_NOISE.sub("", _DATELINE_NOISE.sub("", part.strip()))
    if not text or len(text) > 40 or not _HAS_YEAR.search(text) or not _HAS_MONTH.search(text):
        return None
    found = _parse_full_date(text)
    return found.isoformat() if found else None


def filename_date(path: str) -> str | None:
    """ISO date written in a file name ("2025-04-02-harbor-wire.txt"), if any."""
    name = path.rsplit("/", 1)[-1]
    m = _ISO_IN_NAME.search(name)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def masthead_name(line: str) -> str:
    """A capitalised masthead as a name: "THE HARBOR WIRE" -> "The Harbor Wire" (acronyms stay)."""
    words = line.split()
    return " ".join(w if len(w) <= 2 or not re.search(r"[AEIOUY]", w) else w.capitalize() for w in words)


def is_masthead(line: str) -> bool:
    """An outlet name set in capitals as a page's first line ("THE DAILY HARBOR")."""
    text = line.strip()
    letters = [c for c in text if c.isalpha()]
    words = text.split()
    return (
        1 <= len(words) <= 6
        and len(letters) >= 4
        and all(c.isupper() for c in letters)
        and not re.search(r"[.!?:;,\"“”]$", text)
    )


def byline_name(line: str) -> str | None:
    """The author's name if the line is a byline ("By Jane Roe" or a bare "Jane Roe")."""
    text = line.strip()
    m = _BYLINE_BY.match(text)
    if m:
        text = m.group(1).strip()
    words = text.split()
    if not 2 <= len(words) <= 4:
        return None
    if any(w.lower() in _NOT_NAME_WORDS or not _NAME_WORD.match(w) for w in words):
        return None
    return text
