"""Metadata stated by plain text itself: datelines, mastheads, bylines, dates in file names.

Each finder returns None rather than guess: a value the text does not state stays unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import dateparser
from dateparser.search import search_dates

from ..settings import CleanSettings

DEFAULTS = CleanSettings()

# Separators scraped pages put around a dateline ("Jun 19, 2025 | ", "Published: ...", "Originally
# published 05/03/2013", "on April 30, 2008 at 4:31 AM", "7:15 a. m. Dec. 7, 2009", "02:31 GMT, 12 March").
_DATELINE_NOISE = re.compile(
    r"^[\s|·•—–\-:]*(?:(?:originally\s+|first\s+|last\s+)?(?:published|posted|updated|modified)\s*(?:on|at|:)?\s*)?"
    r"(?:on\s+)?(?:\d{1,2}[:.]\d{2}(?![./]?\s*\d)\s*(?:[ap]\.?\s?m\.?)?\s*(?-i:(?:[A-Z]{1,3}T|UTC)\b)?[\s,]*)?",
    re.I,
)
# "..., updated April 30, 2008 at 8:33 AM": the second date of a line is the update, not the publication.
_UPDATE_TAIL = re.compile(r"[,;]?\s+(?:last\s+)?(?:updated|modified)\b.*$", re.I)
# Year-first numeric dates are never ambiguous: "2012-09-10", "2012. 08. 08" (a tokenizer's spaces).
_YMD = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*([./\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d])")
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

_DATE_WORDS = re.compile(r"\d{4}|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.I)
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\s*([./])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d.])")

DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}


def _parse_full_date(text: str) -> date | None:
    parsed = dateparser.parse(text, languages=["en"], settings=DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def dateline_date(line: str, cues: PageCues | None = None, settings: CleanSettings = DEFAULTS) -> str | None:
    """ISO date if the line is a dateline ("Jun 19, 2025 | ", "Published: 3 March 2025 10:02",
    "Jun 3, 2025 | Shipping": a date beside at most a short section name; "PUBLISHED: 12 March
    2013 | UPDATED: 13 March 2013": the first date). An ambiguous numeric date ("05/02/2013") is
    read only when ``cues`` from the same page decide its order."""
    parts = [p for p in _SEPARATORS.split(line) if p.strip()]
    if len(parts) > 1:
        read = [(p, _date_part(p, cues, settings)) for p in parts]
        dated = [d for _, d in read if d]
        others = [p for p, d in read if not d]
        if dated and all(len(p.split()) <= 3 for p in others):
            return dated[0]
        return None
    return _date_part(line, cues, settings)


def _date_part(part: str, cues: PageCues | None, settings: CleanSettings) -> str | None:
    text = _DATELINE_NOISE.sub("", part.strip())
    tail = _UPDATE_TAIL.search(text) if _DATE_WORDS.search(text[:20]) else None
    if tail and len(tail.group()) <= settings.dateline_max_chars:  # a longer "tail" is the article run on after its dateline
        text = text[: tail.start()]
    text = _TRAILING_NOISE.sub("", text)
    if not text or len(text) > settings.dateline_max_chars:
        return None
    ymd = _YMD.search(text)
    if ymd:
        return iso_day(int(ymd[1]), int(ymd[3]), int(ymd[4]))
    if _NUMERIC_DATE.search(text):
        numeric = numeric_date(text)
        if numeric is None and cues is not None:
            numeric = cues.resolve(numeric_candidates(text))
        return numeric  # None when the order is uncertain: never handed to a guesser
    if not _HAS_YEAR.search(text):
        return None
    found = _read_full_date(text, settings.whole_date_chars) if _HAS_MONTH.search(text) else None
    if found is None:
        fixed = _mistyped_month(text, settings.mistyped_month_score)
        found = _read_full_date(fixed, settings.whole_date_chars) if fixed != text else None
    return found.isoformat() if found else None


def _read_full_date(text: str, whole_date_chars: int) -> date | None:
    """The whole text read as one date when it is short, else the first full date found in it."""
    return (_parse_full_date(text) if len(text) <= whole_date_chars else None) or _search_full_date(text)


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_MONTH_SHAPED = re.compile(r"^([A-Za-z]{5,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b")


def _mistyped_month(text: str, min_score: int) -> str:
    """ "Novemer 27, 2005": a dateline's month name with a letter dropped or swapped, read as the
    month it is closest to when it is close to exactly one (never for a word near no month)."""
    from rapidfuzz import fuzz, process

    m = _MONTH_SHAPED.match(text)
    if not m:
        return text
    found = process.extract(m[1].capitalize(), _MONTH_NAMES, scorer=fuzz.ratio, limit=2)
    best = [name for name, score, _ in found if score >= min_score]
    return best[0] + text[len(m[1]):] if len(best) == 1 else text


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


def numeric_candidates(text: str) -> tuple[str, str] | None:
    """Both readings (day first, month first) of an ambiguous slashed date, when both are real days."""
    m = _NUMERIC_DATE.search(text)
    if not m or m[2] == ".":
        return None
    a, b, y = int(m[1]), int(m[3]), m[4]
    year = int(y) if len(y) == 4 else int(y) + (2000 if int(y) < 69 else 1900)
    dmy, mdy = iso_day(year, b, a), iso_day(year, a, b)
    return (dmy, mdy) if dmy and mdy and dmy != mdy else None


# Time zones a page prints beside its dateline, by the date order of the countries that use them.
_MONTH_FIRST_ZONES = {"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "pt", "ct", "akst", "akdt", "hst"}
_DAY_FIRST_ZONES = {"gmt", "bst", "cet", "cest", "ist", "aest", "aedt", "acst", "awst", "nzst", "nzdt", "sast", "wat", "eat"}
# Country-code domains of countries that write the day first (the US writes the month first).
_DAY_FIRST_TLDS = {"uk", "ie", "au", "nz", "in", "pk", "za", "ng", "ke", "sg", "my", "ph", "lk", "bd", "gh", "ug",
                   "tz", "zw", "fr", "de", "es", "it", "nl", "be", "pt", "gr", "ru", "br", "ar", "mx", "tr", "ae"}
_ZONE = re.compile(r"\b([A-Z]{2,5})\b")
_MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b|"
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
    re.I,
)
_MONTH_NUMBER = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


@dataclass(slots=True)
class PageCues:
    """What one page says about its date order, for a dateline like "05/02/2013" (issue: never guess).

    In order of strength: the body names one reading's day ("on May 2"); a time zone printed in
    the header ("10:20 AM EDT"); the site's country domain (".co.uk"); the body names only one
    reading's month. With no cue, or cues that disagree with nothing to break the tie, the date
    stays unread."""

    header: str
    body: str
    host: str | None = None

    def resolve(self, candidates: tuple[str, str] | None) -> str | None:
        if candidates is None:
            return None
        dmy, mdy = candidates
        named = self._named_days()
        days = [c for c in candidates if (int(c[5:7]), int(c[8:10])) in named]
        if len(days) == 1:
            return days[0]
        order = self._zone_order() or self._domain_order()
        if order:
            return dmy if order == "DMY" else mdy
        months = [c for c in candidates if int(c[5:7]) in {m for m, _ in named} | self._named_months()]
        return months[0] if len(months) == 1 else None

    def _named_days(self) -> set[tuple[int, int]]:
        out = set()
        for m in _MONTH_DAY.finditer(self.body):
            month, day = (m[1], m[2]) if m[1] else (m[4], m[3])
            out.add((_MONTH_NUMBER[month[:3].lower()], int(day)))
        return out

    def _named_months(self) -> set[int]:
        return {_MONTH_NUMBER[m[1][:3].lower()] for m in _MONTH_NAME_WORD.finditer(self.body)}

    def _zone_order(self) -> str | None:
        zones = {z.lower() for z in _ZONE.findall(self.header)}
        us, world = bool(zones & _MONTH_FIRST_ZONES), bool(zones & _DAY_FIRST_ZONES)
        return "MDY" if us and not world else "DMY" if world and not us else None

    def _domain_order(self) -> str | None:
        if not self.host:
            return None
        tld = self.host.rsplit(".", 1)[-1]
        return "MDY" if tld == "us" else "DMY" if tld in _DAY_FIRST_TLDS else None


# Month names as words (not "may" the verb: capitalised, and not sentence-initial guesswork).
_MONTH_NAME_WORD = re.compile(r"\b(Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|"
                              r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?\s+(?:\d|19|20)")


def page_cues(lines: list[str], header_lines: int) -> PageCues:
    """The cues of a page split into lines: its first ``header_lines`` lines are the header."""
    head = lines[:header_lines]
    host = next((url_host(u) for u in (url_line(t) for t in head if t) if u), None)
    return PageCues("\n".join(head), "\n".join(lines), host)


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
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2]|[a-z]{3})/(0?[1-9]|[12]\d|3[01])(?:/|$)", re.I)


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
    """ISO date of a /YYYY/MM/DD/ (or /YYYY/mon/DD/) path in a URL, if it is a real day."""
    m = _URL_DATE.search(url)
    if not m:
        return None
    month = int(m[2]) if m[2].isdigit() else _MONTH_NUMBER.get(m[2].lower())  # "/2009/dec/07/"
    return iso_day(int(m[1]), month, int(m[3])) if month else None


# --- a publication date a record states (a JSON or feed field, a page's metadata) ----------------
_BARE_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_ISO_START = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")
# Two days far apart: a date read differently from each is relative ("yesterday", "3 days ago").
_BASES = ((2001, 3, 4), (2011, 9, 17))


def stated_date(value: str) -> tuple[str | None, str | None]:
    """The ISO day a stated publication date names, else None and the one-line reason it is not
    used: a bare number ("9999999999" is a timestamp at best, not a date anyone wrote), no such
    day ("2025-02-31"), a year outside YEAR_MIN..YEAR_MAX, or a relative date ("yesterday"): with
    nothing to count from it is never resolved against the day of the run."""
    from datetime import datetime

    from ..vocab import YEAR_MAX, YEAR_MIN

    text = " ".join(value.split())
    shown = text if len(text) <= 40 else text[:39] + "…"
    if not text:
        return None, None
    if _BARE_NUMBER.fullmatch(text):
        return None, f"'{shown}' is a bare number, not a date"
    m = _ISO_START.match(text)
    if m:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        found = iso_day(year, month, day)
        if found is None:
            return None, f"'{shown}' names no such day"
    else:
        readings = {dateparser.parse(text, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"],
                                                                      "RELATIVE_BASE": datetime(*base)})
                    for base in _BASES}
        if None in readings:
            return None, f"'{shown}' cannot be read as a date"
        if len(readings) > 1:
            return None, f"'{shown}' is relative, with no date to count from"
        parsed = readings.pop()
        assert parsed is not None
        year, found = parsed.year, parsed.date().isoformat()
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None, f"'{shown}' is implausible (year {year}, outside {YEAR_MIN}-{YEAR_MAX})"
    return found, None
