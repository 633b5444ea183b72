"""Metadata stated by plain text itself: datelines, mastheads, bylines, dates in file names.

Each finder returns None rather than guess: a value the text does not state stays unknown.
"""

from __future__ import annotations

import re
from datetime import date

import dateparser
from dateparser.search import search_dates

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

MAX_DATELINE_CHARS = 60  # a longer line is prose, not a dateline
WHOLE_DATE_CHARS = 40  # up to this, the whole line is read as one date; beyond, a date is searched in it
_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.I)
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\s*([./])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d.])")

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
    if not text or len(text) > MAX_DATELINE_CHARS:
        return None
    if _NUMERIC_DATE.search(text):
        return numeric_date(text)  # None when the order is uncertain: never handed to a guesser
    if not _HAS_YEAR.search(text) or not _HAS_MONTH.search(text):
        return None
    found = (_parse_full_date(text) if len(text) <= WHOLE_DATE_CHARS else None) or _search_full_date(text)
    return found.isoformat() if found else None


def _search_full_date(text: str) -> date | None:
    """A full date inside a short header line ("22 July 2013 Last updated at 17:50 GMT",
    "End of Watch: Friday, June 24, 2005"): the first one dateparser finds that names a month and a year."""
    for words, when in search_dates(text, languages=["en"], settings=DATEPARSER_SETTINGS) or []:
        if _HAS_YEAR.search(words) and _MONTH_NAME.search(words):
            return when.date()
    return None


def numeric_date(text: str) -> str | None:
    """ISO date of an all-numeric date ("08.07.2012", "11 / 28 / 05"), only when its order is certain.

    Dots are day.month (European); with slashes a part above 12 decides the order; 05/02/2013
    could be either and is left unread, never guessed. Two-digit years read as strptime's %y.
    """
    m = _NUMERIC_DATE.search(text)
    if not m:
        return None
    a, sep, b, y = int(m[1]), m[2], int(m[3]), m[4]
    year = int(y) if len(y) == 4 else int(y) + (2000 if int(y) < 69 else 1900)
    if sep == "." or a > 12:
        day, month = a, b
    elif b > 12:
        month, day = a, b
    else:
        return None
    return iso_day(year, month, day)


def filename_date(path: str) -> str | None:
    """ISO date written in a file name ("2025-04-02-harbor-wire.txt"), if any."""
    name = path.rsplit("/", 1)[-1]
    m = _ISO_IN_NAME.search(name)
    return iso_day(int(m[1]), int(m[2]), int(m[3])) if m else None


def iso_day(year: int, month: int, day: int) -> str | None:
    """ISO form of a calendar day, or None when there is no such day (31 February)."""
    try:
        return date(year, month, day).isoformat()
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


# A URL as scraped text carries it, possibly broken by a tokenizer into "http://www.odt. co. nz /
# news / item - 7. html? page=all": spaces only ever stand around its punctuation.
_URL_START = re.compile(r"^(?:https?://|www\.)", re.I)
_URL_GLUE = re.compile(r"\s*([./\-?=&_#:])\s*")
_URL = re.compile(r"(?:https?://)?(?:[\w\-]+\.)+[a-z]{2,}(?::\d+)?(?:/\S*)?", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$)")


def url_line(line: str) -> str | None:
    """The URL if the whole line is one (rejoined where a tokenizer put spaces around . and /)."""
    text = line.strip()
    if not _URL_START.match(text):
        return None
    joined = _URL_GLUE.sub(r"\1", text)
    return joined if _URL.fullmatch(joined) else None


def url_host(url: str) -> str | None:
    """The site a URL names, without "www.": "http://www.odt.co.nz/news/x" -> "odt.co.nz"."""
    host = re.sub(r"^(?:https?://)?", "", url, flags=re.I).split("/", 1)[0].split(":", 1)[0].lower()
    host = host[4:] if host.startswith("www.") else host
    return host if "." in host else None


def url_date(url: str) -> str | None:
    """ISO date of a /YYYY/MM/DD/ path in a URL, if it is a real day."""
    m = _URL_DATE.search(url)
    return iso_day(int(m[1]), int(m[2]), int(m[3])) if m else None
