"""Temporal expressions: find them in a parse, read them, and place them on the calendar.

News dates events against the day it was published ("on Friday", "in April", "late January",
"last year") or against another event ("two weeks later"). This module keeps the three steps
apart so each can be tested alone:

1. ``find_expressions`` — spaCy DATE/TIME entities plus a Matcher for what the small model misses
   ("the fall of" + "2024" split in two, bare weekdays), joined and widened to their preposition.
2. ``interpret`` — what the words say, independent of any anchor (a ``Reading``).
3. ``place`` / ``shift`` — a Reading against an anchor day gives a ``Placement``: an ISO date as
   precise as known, a precision and the interval [lo, hi] used for merging.

dateparser reads full explicit dates ("June 21, 2025", "21.06.2025"); the rules cover what it gets
wrong (see docs/dependencies.md: "late January" -> None, "in April" borrows the base day, "two weeks
later" counts from the base date).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..docindex import doc_index
from ..vocab import MONTHS

Precision = Literal["day", "part-of-month", "month", "season", "year", "range"]
AnchorKind = Literal["published", "story", "event"]

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
PARTS = {"early": (1, 10), "mid": (11, 20), "middle": (11, 20), "late": (21, 31), "end": (21, 31),
         "beginning": (1, 10), "start": (1, 10)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a few": 3, "several": 3, "few": 3}
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
# Prepositions kept in date_text; "since" opens a state, "for"/"by" name a target or deadline.
PREPOSITIONS = {"in", "on", "at", "since", "for", "by", "during", "from", "of", "around", "until", "till",
                "into", "through", "throughout", "before", "after", "as", "within", "over"}
# A bound or a duration, not the time of an event ("run into the summer", "until the end of June").
NOT_A_POINT = {"until", "till", "into", "through", "throughout", "over", "before", "after"}
COMING_DAYS = 14  # "in the coming days" / "within days": up to two weeks after the anchor


@dataclass(slots=True, frozen=True)
class Reading:
    """What a temporal expression says, before any anchor.

    kind: "absolute" (carries its year), "yearless" (month/day without year), "anchor" (counts
    from the publication day: weekday, next week, last year, ago, coming days) or "event"
    (counts from the previous event: "two weeks later").
    """

    kind: Literal["absolute", "yearless", "anchor", "event"]
    precision: Precision
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: tuple[int, int] | None = None  # day-of-month bounds for early/mid/late
    season: str | None = None
    weekday: int | None = None
    offset_days: int = 0  # for "anchor"/"event": signed shift
    span_days: int = 0  # width of a range reading ("coming days", "next week")
    unit: str | None = None  # "year", "month", "week" for last/next/this


Day = date  # the calendar day type, under a name Placement's ``date`` field does not shadow


@dataclass(slots=True, frozen=True)
class Placement:
    """A reading on the calendar: ``date`` is ISO as precise as known (None when unplaced)."""

    date: str | None
    precision: Precision
    lo: Day | None = None
    hi: Day | None = None
    anchor: AnchorKind | None = None


@dataclass(slots=True)
class TimeExpr:
    """One temporal expression in an article (clean offsets; ``text`` is the date_text)."""

    start: int
    end: int
    text: str
    core: str  # the date words without their preposition
    prep: str | None
    reading: Reading | None
    sent_start: int = 0


# --- finding ---------------------------------------------------------------------------


def build_matcher(vocab: Vocab) -> Matcher:
    """Token patterns for dates the small English model misses or splits."""
    months = list(MONTHS)
    m = Matcher(vocab)
    year = {"TEXT": {"REGEX": r"^(1[89]|20)\d\d$"}}
    m.add("PART_MONTH", [[{"LOWER": {"IN": list(PARTS)}}, {"ORTH": "-", "OP": "?"}, {"LOWER": "of", "OP": "?"},
                          {"LOWER": {"IN": months}}, {"ORTH": ",", "OP": "?"}, {**year, "OP": "?"}]])
    m.add("MONTH_DAY", [[{"LOWER": {"IN": months}}, {"ORTH": ".", "OP": "?"}, {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)?$"}},
                         {"ORTH": ",", "OP": "?"}, {**year, "OP": "?"}]])
    m.add("DAY_MONTH", [[{"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)?$"}}, {"LOWER": "of", "OP": "?"},
                         {"LOWER": {"IN": months}}, {"ORTH": ",", "OP": "?"}, {**year, "OP": "?"}]])
    m.add("MONTH_YEAR", [[{"LOWER": {"IN": months}}, year]])
    m.add("SEASON", [[{"LOWER": {"IN": ["early", "late", "mid"]}, "OP": "?"}, {"LOWER": {"IN": list(SEASONS)}},
                      {"LOWER": "of"}, year], [{"LOWER": {"IN": list(SEASONS)}}, year]])
    m.add("YEAR", [[{"LOWER": {"IN": ["in", "since", "of", "during", "until", "by"]}}, year]])
    # "the so-called 2020 Belarusian elections", "their 2022 full-scale invasion": a year modifying a noun
    m.add("YEAR_MOD", [[{**year, "DEP": {"IN": ["nummod", "compound", "amod", "npadvmod", "nmod", "poss"]}}]])
    m.add("WEEKDAY", [[{"LOWER": {"IN": ["on", "last", "next", "this"]}}, {"LOWER": {"IN": list(WEEKDAYS)}}]])
    m.add("REL", [[{"LOWER": {"IN": ["next", "last", "this", "past", "coming"]}}, {"LOWER": {"IN": ["week", "month", "year", "weekend"]}}]])
    m.add("LATER", [[{"LOWER": {"IN": list(NUMBER_WORDS)}, "OP": "+"}, {"LEMMA": {"IN": list(UNIT_DAYS)}},
                     {"LOWER": {"IN": ["later", "earlier", "ago", "after", "before"]}}]])
    m.add("WITHIN", [[{"LOWER": "within"}, {"LOWER": {"IN": ["days", "weeks"]}}]])
    return m


def find_expressions(doc: Doc, matcher: Matcher) -> list[TimeExpr]:
    """Temporal expressions of a Doc in text order, each widened to its preposition and read.

    Expressions that read as durations or vague spans ("three decades", "recent years", "the
    morning") come back with ``reading=None``; callers skip them.
    """
    spans: list[tuple[int, int]] = [(e.start, e.end) for e in doc_index(doc).ents if e.label_ in ("DATE", "TIME")]
    spans += [(s, e) for _, s, e in matcher(doc)]
    out = []
    for start, end in _join(spans, doc):
        span = doc[start:end]
        if span.text.strip() == "":
            continue
        out.append(_expression(doc, span))
    return out


def _join(spans: list[tuple[int, int]], doc: Doc) -> list[tuple[int, int]]:
    """Union of overlapping or touching token spans ("the fall of" + "2024")."""
    joined: list[list[int]] = []
    for s, e in sorted(spans):
        # strip leading prepositions the matcher took in ("in 2020"): _expression adds them back
        while s < e - 1 and doc[s].lower_ in PREPOSITIONS:
            s += 1
        if joined and s <= joined[-1][1] and "\n" not in doc[joined[-1][1] - 1].whitespace_:
            joined[-1][1] = max(joined[-1][1], e)
        else:
            joined.append([s, e])
    return [(s, e) for s, e in joined]


def _expression(doc: Doc, span: Span) -> TimeExpr:
    """The expression with its preposition ("since late January"), read."""
    first = span.start
    prep = None
    if first > 0 and doc[first - 1].lower_ in PREPOSITIONS:
        prep = doc[first - 1].lower_
        first -= 1
        if first > 0 and doc[first - 1].lower_ == "back":
            first -= 1
    widened = doc[first:span.end]
    start, end = widened.start_char, widened.end_char
    index = doc_index(doc)
    while end > start and index.text[end - 1] in " ,.;:":
        end -= 1
    core = span.text.strip().rstrip(",.;:")
    return TimeExpr(start, end, index.text[start:end], core, prep, interpret(core), index.sent(span.start).start_char)


# --- reading ---------------------------------------------------------------------------

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM_RE = "|".join(sorted((re.escape(k) for k in NUMBER_WORDS), key=len, reverse=True))
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"


@lru_cache(maxsize=4096)
def interpret(core: str) -> Reading | None:
    """Read a temporal expression without an anchor; None for durations and vague spans."""
    t = re.sub(r"\s+", " ", core.lower()).strip()
    t = re.sub(r"^(the|a|an) (?=(early|mid|late|end|beginning|start|fall|spring|summer|autumn|winter|coming|past|next|last))", "", t)
    t = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", t)
    t = t.replace("mid-", "mid ").replace("late-", "late ").replace("early-", "early ")
    for reader in (_read_full_date, _read_month_year, _read_part, _read_season, _read_year, _read_relative,
                   _read_later, _read_weekday):
        r = reader(t)
        if r is not None:
            return r
    return None


def _read_full_date(t: str) -> Reading | None:
    m = re.fullmatch(rf"(?P<mon>{_MONTH_RE})\.? (?P<day>\d{{1,2}})(?:,? {_YEAR})?", t) or \
        re.fullmatch(rf"(?P<day>\d{{1,2}}) (?:of )?(?P<mon>{_MONTH_RE})\.?(?:,? {_YEAR})?", t)
    if m:
        month, day = MONTHS[m["mon"]], int(m["day"])
        year = int(m["year"]) if m["year"] else None
        if not 1 <= day <= calendar.monthrange(year or 2000, month)[1]:  # no 31 February (29 February in a leap year)
            return None
        return Reading("absolute" if year else "yearless", "day", year=year, month=month, day=day)
    if re.fullmatch(r"\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d", t):
        return _dateparser_day(t)
    return None


def _dateparser_day(t: str) -> Reading | None:
    """Numeric dates: dateparser knows the formats (day first, as outside the US)."""
    import dateparser

    d = dateparser.parse(t, languages=["en"], settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
    return Reading("absolute", "day", year=d.year, month=d.month, day=d.day) if d else None


def _read_month_year(t: str) -> Reading | None:
    m = re.fullmatch(rf"(?:(?:this|last|next) )?(?P<mon>{_MONTH_RE})\.?(?:,? {_YEAR}| (?P<rel>last|this|next) year)?", t)
    if not m:
        return None
    month = MONTHS[m["mon"]]
    if m["year"]:
        return Reading("absolute", "month", year=int(m["year"]), month=month)
    if m["rel"]:  # "November last year"
        return Reading("anchor", "month", month=month, unit="year", offset_days={"last": -1, "this": 0, "next": 1}[m["rel"]])
    return Reading("yearless", "month", month=month)


def _read_part(t: str) -> Reading | None:
    m = re.fullmatch(rf"(?P<part>{'|'.join(PARTS)}) (?:of )?(?P<mon>{_MONTH_RE})\.?(?:,? {_YEAR})?", t)
    if not m:
        return None
    year = int(m["year"]) if m["year"] else None
    return Reading("absolute" if year else "yearless", "part-of-month", year=year, month=MONTHS[m["mon"]],
                   part=PARTS[m["part"]])


def _read_season(t: str) -> Reading | None:
    m = re.fullmatch(rf"(?:(?:early|late|mid) )?(?P<s>{'|'.join(SEASONS)})(?: of)?(?: {_YEAR})?", t)
    if not m:
        return None
    year = int(m["year"]) if m["year"] else None
    return Reading("absolute" if year else "yearless", "season", year=year, season=m["s"])


def _read_year(t: str) -> Reading | None:
    m = re.fullmatch(rf"(?:the year |early |late |mid )?{_YEAR}", t)
    if m:
        return Reading("absolute", "year", year=int(m["year"]))
    m = re.fullmatch(r"(?:the )?(?P<dec>(?:19|20)\d0)s", t)
    if m:
        return Reading("absolute", "range", year=int(m["dec"]), span_days=3652)
    return None


def _read_relative(t: str) -> Reading | None:
    simple = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}
    if t in simple:
        return Reading("anchor", "day", offset_days=simple[t])
    m = re.fullmatch(r"(?P<rel>last|next|this|past|coming) (?P<unit>week|month|year|weekend)", t)
    if m:
        shift = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[m["rel"]]
        return Reading("anchor", "year" if m["unit"] == "year" else "month" if m["unit"] == "month" else "range",
                       offset_days=shift, unit=m["unit"])
    if re.fullmatch(r"(?:the )?coming (?:few )?(?:days|weeks)|days|within days|(?:the )?next few (?:days|weeks)", t) and \
            ("coming" in t or "within" in t or "next" in t):
        width = COMING_DAYS if "day" in t else 3 * COMING_DAYS
        return Reading("anchor", "range", offset_days=1, span_days=width - 1)
    m = re.fullmatch(rf"(?P<n>{_NUM_RE}|\d+) (?P<unit>day|week|month|year|fortnight)s? ago", t)
    if m:
        n = NUMBER_WORDS.get(m["n"]) or int(m["n"])
        return Reading("anchor", _unit_precision(m["unit"]), offset_days=-n * UNIT_DAYS[m["unit"]])
    return None


def _read_later(t: str) -> Reading | None:
    m = re.fullmatch(rf"(?P<n>{_NUM_RE}|\d+) (?P<unit>day|week|month|year|fortnight)s? (?P<dir>later|after|earlier|before)", t) \
        or re.fullmatch(r"(?:the )?(?P<dir>next|following|previous) (?P<unit>day|week|month|year)", t)
    if not m:
        return None
    n = NUMBER_WORDS.get(m.groupdict().get("n") or "", 0) or int(m.groupdict().get("n") or 1)
    sign = -1 if m["dir"] in ("earlier", "before", "previous") else 1
    return Reading("event", _unit_precision(m["unit"]), offset_days=sign * n * UNIT_DAYS[m["unit"]], unit=m["unit"])


def _read_weekday(t: str) -> Reading | None:
    m = re.fullmatch(rf"(?P<rel>last|next|this )?\s*(?P<wd>{'|'.join(WEEKDAYS)})", t)
    if not m:
        return None
    rel = (m["rel"] or "").strip()
    return Reading("anchor", "day", weekday=WEEKDAYS[m["wd"]], offset_days={"next": 1, "last": -1}.get(rel, 0))


def _unit_precision(unit: str) -> Precision:
    return "year" if unit == "year" else "month" if unit == "month" else "day"


# --- placing ---------------------------------------------------------------------------


def place(reading: Reading, anchor: date | None, anchor_kind: AnchorKind | None, *, future: bool) -> Placement:
    """Put a reading on the calendar against ``anchor``.

    ``future`` (the clause is planned or the words point forward: "for April", "next") turns
    yearless dates and weekdays forward from the anchor; otherwise they take the most recent such
    date on or before it. Under a "story" anchor (an undated article placed by the story's
    dates) the anchor is approximate: yearless dates take the nearest year and day-relative
    readings ("on Friday", "next week") stay unplaced.
    """
    if reading.kind == "absolute":
        return _interval(reading, reading.year, None)  # type: ignore[arg-type]
    if anchor is None or reading.kind == "event":
        return Placement(None, reading.precision)
    if reading.kind == "yearless":
        return _interval(reading, _year_for(reading, anchor, anchor_kind, future), anchor_kind)
    if anchor_kind != "published" and not (reading.unit == "year"):
        return Placement(None, reading.precision)
    return _from_anchor(reading, anchor, anchor_kind, future)


def _year_for(reading: Reading, anchor: date, anchor_kind: AnchorKind | None, future: bool) -> int:
    """The year a yearless month/day falls in, seen from ``anchor``."""
    month = reading.month or SEASONS.get(reading.season or "", (anchor.month, 0))[0]
    day = reading.day or (reading.part[0] if reading.part else 1)
    if anchor_kind == "story":  # approximate anchor: the nearest such date
        candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
        return min(candidates, key=lambda y: abs((_safe(y, month, day) - anchor).days))
    here = _safe(anchor.year, month, day)
    if future:
        return anchor.year if here >= _month_start(anchor) else anchor.year + 1
    if reading.precision == "day":
        return anchor.year if here <= anchor else anchor.year - 1
    return anchor.year if (month, 1) <= (anchor.month, 1) else anchor.year - 1


def _from_anchor(reading: Reading, anchor: date, anchor_kind: AnchorKind | None, future: bool) -> Placement:
    if reading.weekday is not None:
        return _weekday(reading, anchor, future, anchor_kind)
    if reading.unit == "year":
        year = anchor.year + reading.offset_days
        if reading.month:
            return _interval(replace(reading, year=year), year, anchor_kind)
        return _interval(Reading("absolute", "year", year=year), year, anchor_kind)
    if reading.unit == "month":
        first = _add_months(_month_start(anchor), reading.offset_days)
        return _interval(Reading("absolute", "month", year=first.year, month=first.month), first.year, anchor_kind)
    if reading.unit in ("week", "weekend"):
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=reading.offset_days)
        lo, hi = (monday + timedelta(days=5), monday + timedelta(days=6)) if reading.unit == "weekend" else \
            (monday, monday + timedelta(days=6))
        return _range(lo, hi, anchor_kind)
    lo = anchor + timedelta(days=reading.offset_days)
    if reading.span_days:
        return _range(lo, lo + timedelta(days=reading.span_days), anchor_kind)
    return _day_or_coarser(lo, reading.precision, anchor_kind)


def _weekday(reading: Reading, anchor: date, future: bool, anchor_kind: AnchorKind | None) -> Placement:
    """'on Friday': the last Friday on or before the anchor, or the first on or after it in a future clause.

    A Friday paper's "said Friday" is that day (wire style names the weekday, never "today");
    only "last Friday" and "next Friday" skip the anchor's own day."""
    wd = reading.weekday or 0
    if future or reading.offset_days > 0:
        delta = (wd - anchor.weekday()) % 7
        day = anchor + timedelta(days=delta or (7 if reading.offset_days > 0 else 0))
    else:
        delta = (anchor.weekday() - wd) % 7
        day = anchor - timedelta(days=delta or (7 if reading.offset_days < 0 else 0))
    return Placement(day.isoformat(), "day", day, day, anchor_kind)


def shift(base: Placement, reading: Reading) -> Placement:
    """'Two weeks later' against a placed event: shift its interval and keep what is still known."""
    if base.lo is None or base.hi is None:
        return Placement(None, reading.precision)
    delta = timedelta(days=reading.offset_days)
    if reading.unit == "year" and base.precision == "year":
        y = base.lo.year + reading.offset_days // 365
        return _interval(Reading("absolute", "year", year=y), y, "event")
    if reading.unit == "month" and base.precision in ("month", "part-of-month"):
        first = _add_months(base.lo.replace(day=1), reading.offset_days // 30)
        return _interval(Reading("absolute", "month", year=first.year, month=first.month), first.year, "event")
    lo, hi = base.lo + delta, base.hi + delta
    if lo == hi:
        return Placement(lo.isoformat(), "day", lo, hi, "event")
    if (lo.year, lo.month) == (hi.year, hi.month):
        prec: Precision = "part-of-month" if (hi - lo).days <= 11 else "month"
        return Placement(f"{lo.year:04d}-{lo.month:02d}", prec, lo, hi, "event")
    return _range(lo, hi, "event")


def _interval(reading: Reading, year: int, anchor_kind: AnchorKind | None) -> Placement:
    """The ISO date and [lo, hi] of a reading whose year is known."""
    p = reading.precision
    if p == "day" and reading.month and reading.day:
        d = _safe(year, reading.month, reading.day)
        return Placement(d.isoformat(), "day", d, d, anchor_kind)
    if p in ("month", "part-of-month") and reading.month:
        first = date(year, reading.month, 1)
        last = _month_end(first)
        if reading.part:
            first, last = first.replace(day=reading.part[0]), last.replace(day=min(reading.part[1], last.day))
        return Placement(f"{year:04d}-{reading.month:02d}", p, first, last, anchor_kind)
    if p == "season" and reading.season:
        a, b = SEASONS[reading.season]
        lo = date(year, a, 1)
        hi = _month_end(date(year + (1 if b < a else 0), b, 1))
        return Placement(f"{lo:%Y-%m}/{hi:%Y-%m}", "season", lo, hi, anchor_kind)
    if p == "range" and reading.span_days:  # a decade
        return _range(date(year, 1, 1), date(year + 9, 12, 31), anchor_kind)
    return Placement(f"{year:04d}", "year", date(year, 1, 1), date(year, 12, 31), anchor_kind)


def _range(lo: date, hi: date, anchor_kind: AnchorKind | None) -> Placement:
    return Placement(f"{lo.isoformat()}/{hi.isoformat()}", "range", lo, hi, anchor_kind)


def _day_or_coarser(d: date, precision: Precision, anchor_kind: AnchorKind | None) -> Placement:
    if precision == "year":
        return _interval(Reading("absolute", "year", year=d.year), d.year, anchor_kind)
    if precision == "month":
        return _interval(Reading("absolute", "month", year=d.year, month=d.month), d.year, anchor_kind)
    return Placement(d.isoformat(), "day", d, d, anchor_kind)


def _safe(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, 1)


def parse_published(value: str | None) -> date | None:
    """The publication day of an ISO date or datetime string (None when absent or unreadable)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def forward_looking(expr: TimeExpr) -> bool:
    """Do the words themselves point ahead ("for April", "next week", "in the coming days")?"""
    r = expr.reading
    if r is None:
        return False
    if expr.prep in ("for", "by") and (r.kind == "yearless" or r.weekday is not None):
        return True  # a target or a deadline: "for April", "passage by Friday", "for Thursday's sentencing"
    return r.kind == "anchor" and r.offset_days > 0 and r.unit != "year"
