"""Quantities in a parsed article: the number, its qualifier and what kind of unit it carries.

A quantity is found from spaCy's tokens (``like_num``, the CARDINAL/QUANTITY/MONEY/PERCENT
entities), not from one big pattern, because the parse also tells what is *not* a figure: a
year, a day of a month, a time of day, a list or terminal number, an age set beside a name, an
ordinal, a relative time ("two weeks later"). Those are dropped here so that no later step can
ever compare them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..docindex import doc_index
from ..vocab import MONTHS, WEEKDAYS, is_year

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "dollar": "USD", "euro": "EUR", "pound": "GBP",
              "usd": "USD", "eur": "EUR", "gbp": "GBP", "ruble": "RUB", "rouble": "RUB", "hryvnia": "UAH"}
PERCENT_WORDS = {"percent", "per cent", "%", "pct", "percentage point", "percentage points"}

# Qualifier phrases, longest first; matched on the lower-cased words just before the number.
QUALIFIERS: list[tuple[tuple[str, ...], str]] = [
    (("no", "more", "than"), "up to"), (("no", "fewer", "than"), "at least"), (("no", "less", "than"), "at least"),
    (("more", "than"), "more than"), (("greater", "than"), "more than"), (("upwards", "of"), "more than"),
    (("in", "excess", "of"), "more than"), (("at", "least"), "at least"), (("at", "most"), "up to"),
    (("up", "to"), "up to"), (("as", "many", "as"), "up to"), (("fewer", "than"), "less than"),
    (("less", "than"), "less than"), (("just", "over"), "more than"), (("just", "under"), "less than"),
    (("close", "to"), "about"), (("over",), "more than"), (("under",), "less than"), (("nearly",), "about"),
    (("almost",), "about"), (("about",), "about"), (("around",), "about"), (("some",), "about"),
    (("approximately",), "about"), (("roughly",), "about"), (("estimated",), "about"), (("circa",), "about"),
    (("~",), "about"), (("minimum", "of"), "at least"), (("maximum", "of"), "up to"),
]
QUALIFIER_KINDS = ("exact", "about", "more than", "at least", "less than", "up to")

RELATIVE_TIME = {"later", "ago", "earlier", "before", "after", "last", "next", "past", "previous", "coming", "since"}
TIME_WORDS = {"a.m.", "p.m.", "am", "pm", "o'clock", "gmt", "utc", "cet"}
# Vague or pronoun-like number words that are no figure ("one of them", "a dozen reasons").
VAGUE = {"one", "zero", "dozen", "dozens", "hundreds", "thousands", "millions", "half"}
# Words that make the following number a label, not a count ("Terminal 2", "No. 5").
LABEL_WORDS = {"no", "no.", "number", "nr", "nr.", "#", "article", "chapter", "section", "page", "item", "point",
               "terminal", "gate", "room", "flight", "route", "line", "platform", "level", "phase", "stage",
               "round", "group", "resolution", "paragraph", "part", "step", "version", "block", "unit"}
_NUMERIC = re.compile(r"^[~]?([$€£¥])?(\d+(?:[.,]\d+)*)([a-zA-Z%]*)$")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_HOUR = re.compile(r"^\d{1,2}[:.]\d{2}$")


@dataclass(slots=True)
class Quantity:
    """A figure: tokens [start, end) of the number itself, plus its qualifier and unit hints."""

    start: int  # token index of the first number token (currency sign included)
    end: int  # token index past the last number token
    value: float
    qualifier: str  # one of QUALIFIER_KINDS
    qualifier_start: int  # token index where the qualifier words start (== start when exact)
    unit: str | None  # "percent", "USD", ... when the number carries it; else the counted noun decides
    additional: bool = False  # "three more prisoners": an increment, not a total


def parse_number(text: str) -> tuple[float, str | None] | None:
    """Value and unit of one numeric token: "1,100", "1.2Bln", "$3", "60%", "fourteen", "twenty-one"."""
    t = text.strip().lower().replace("\u2009", "").replace("\u202f", "")
    if not t:
        return None
    if t in UNITS:
        return float(UNITS[t]), None
    if "-" in t and all(p in UNITS for p in t.split("-")):  # twenty-one
        return float(sum(UNITS[p] for p in t.split("-"))), None
    m = _NUMERIC.match(text.strip())
    if not m:
        return None
    sign, digits, suffix = m.group(1), m.group(2), m.group(3).lower()
    if "," in digits and not _THOUSANDS.match(digits):
        if re.match(r"^\d+,\d{1,2}$", digits):  # 1,5 (decimal comma)
            digits = digits.replace(",", ".")
        else:
            return None
    try:
        value = float(digits.replace(",", ""))
    except ValueError:
        return None
    unit = CURRENCIES.get(sign) if sign else None
    if suffix:
        if suffix == "%":
            unit = "percent"
        elif suffix in SCALES:
            value *= SCALES[suffix]
        else:
            return None  # "21st", "3rd", "5km" are not plain figures here
    return value, unit


def combine(words: list[str]) -> tuple[float, str | None] | None:
    """Value of a run of number words: ["2.5", "million"], ["three", "hundred"], ["$", "3", "million"]."""
    total, current, unit, seen = 0.0, 0.0, None, False
    for w in words:
        lw = w.lower()
        if lw in CURRENCIES and not lw.isalpha():
            unit = CURRENCIES[lw]
            continue
        if lw in ("and", "-"):
            continue
        if lw in SCALES and seen and len(lw) > 2:
            current = (current or 1) * SCALES[lw]
            if SCALES[lw] >= 1e3:
                total, current = total + current, 0.0
            continue
        parsed = parse_number(w)
        if parsed is None:
            return None
        value, u = parsed
        unit = unit or u
        current += value
        seen = True
    return (total + current, unit) if seen else None


RUN_SCALES = {"hundred", "thousand", "million", "billion", "trillion", "mln", "bln", "bn", "tn"}


def _is_number_token(tok: Token) -> bool:
    """A token that starts or is a number: digits, number words, "1.2Bln"."""
    if tok.lower_ in RUN_SCALES:
        return False  # a scale only ever continues a number
    if tok.like_num or tok.lower_ in UNITS:
        return True
    return parse_number(tok.text) is not None and any(ch.isdigit() for ch in tok.text)


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of adjacent number words ("3 million", "two hundred", "$ 1.2Bln")."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if not _is_number_token(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and (doc[j].lower_ in RUN_SCALES or doc[j - 1].lower_ in RUN_SCALES
                                and doc[j].lower_ in UNITS and doc[j].lower_ != "dozen"):
            j += 1
        start = i - 1 if i > 0 and doc[i - 1].text in CURRENCIES else i
        out.append((start, j))
        i = j
    return out


def _qualifier(doc: Doc, start: int) -> tuple[str, int]:
    """The qualifier standing just before token ``start`` and where it begins."""
    words = [t.lower_ for t in doc[max(0, start - 3) : start]]
    for phrase, kind in QUALIFIERS:
        n = len(phrase)
        if len(words) >= n and tuple(words[-n:]) == phrase:
            return kind, start - n
    return "exact", start


def _entity(doc: Doc, i: int) -> Span | None:
    if not doc[i].ent_type_:
        return None
    return doc_index(doc).entity_at(i)


def _is_year(tok: Token, value: float, qualifier: str) -> bool:
    """A bare four-digit number from 1800 to 2100 is a year ("in 2016", "the 2020 elections").

    News style writes counts in that range with a separator ("2,020 people"), so only a qualifier
    ("more than 2000") turns it back into a figure.
    """
    if not re.fullmatch(r"\d{4}s?", tok.text) or not is_year(value):
        return False
    return qualifier == "exact"


def _is_date_or_time(doc: Doc, start: int, end: int) -> bool:
    """A day of a month, a clock time or a relative time ("two weeks later")."""
    ent = _entity(doc, start)
    lo, hi = max(0, start - 2), min(len(doc), end + 2)
    near = {t.lower_.strip(".,") for t in doc[lo:hi]}
    if near & MONTHS.keys() and any(t.lower_.strip(".") in MONTHS for t in doc[max(0, start - 1) : min(len(doc), end + 1)]):
        return True
    if any(_HOUR.match(t.text) for t in doc[start:end]) or {t.lower_ for t in doc[end : end + 2]} & TIME_WORDS:
        return True
    if ent is not None and ent.label_ == "TIME":
        return True
    if ent is not None and ent.label_ == "DATE":
        words = {t.lower_ for t in ent}
        if words & (MONTHS.keys() | WEEKDAYS | RELATIVE_TIME):
            return True
    if end < len(doc) and doc[end].lower_ in RELATIVE_TIME - {"since", "before", "after"}:
        return True  # "two weeks later" tagged without a DATE entity
    if end + 1 < len(doc) and doc[end + 1].lower_ in {"later", "ago", "earlier"}:
        return True
    return False


def _is_label(doc: Doc, start: int, end: int) -> bool:
    """A list number, a terminal or gate number, a section reference."""
    first = doc[start]
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and (prev.lower_ in LABEL_WORDS or prev.pos_ == "PROPN" and prev.is_title
                             and first.head.i == prev.i):
        return True
    line_start = start == 0 or "\n" in doc[start - 1].text or "\n" in doc[start - 1].whitespace_
    after = doc[end].text if end < len(doc) else ""
    if line_start and after in (".", ")", ":") and first.text.isdigit():
        return True  # "1." or "2)" opening a list item
    if prev is not None and prev.text in ("(", "#") and after == ")":
        return True
    return False


def _is_age_or_modifier(doc: Doc, start: int, end: int) -> bool:
    """An age beside a name ("Tsvirka, 46,"), or a hyphenated modifier ("30-day plan", "46-year-old")."""
    first = doc[start]
    for t in reversed(doc[max(0, start - 5) : start]):  # "aged 29 and 41"
        if t.lower_ in ("aged", "age", "ages"):
            return True
        if not (t.like_num or t.lower_ in ("and", "or", "to", ",", "between")):
            break
    if first.dep_ == "appos" and first.head.ent_type_ == "PERSON":
        return True
    if start > 1 and doc[start - 1].text == "," and doc[start - 2].ent_type_ == "PERSON" and end < len(doc) \
            and doc[end].text in (",", ".", ")"):
        return True
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end].whitespace_ == "" and doc[end - 1].whitespace_ == "":
        return True
    if "-" in first.text and first.lower_.split("-")[0] not in UNITS:  # "30-day" kept as one token
        return True
    if end < len(doc) and doc[end].lower_ in ("year-old", "years-old"):
        return True
    return False


def _is_definite_reference(doc: Doc, start: int, value: float) -> bool:
    """"the two sides", "these three officials": a reference back to known things, not a figure."""
    prev = doc[start - 1] if start > 0 else None
    return prev is not None and prev.lower_ in ("the", "these", "those", "both", "all") and value <= 10


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every figure in the doc that could be a claim (years, dates, labels and ages left out)."""
    out: list[Quantity] = []
    for start, end in _runs(doc):
        num_start = start + 1 if doc[start].text in CURRENCIES else start
        words = [t.text for t in doc[start:end]]
        parsed = combine(words)
        if parsed is None:
            continue
        value, unit = parsed
        if all(t.lower_ in VAGUE for t in doc[num_start:end]):
            continue
        first = doc[num_start]
        if first.ent_type_ == "ORDINAL" or first.lower_ in ("first", "second", "third"):
            continue
        qualifier, qstart = _qualifier(doc, start)
        if _is_year(first, value, qualifier) and end - num_start == 1:
            continue
        if _is_date_or_time(doc, num_start, end) or _is_label(doc, num_start, end):
            continue
        if _is_age_or_modifier(doc, num_start, end) or _is_definite_reference(doc, qstart, value):
            continue
        if first.text.startswith("0") and len(first.text) > 1 and "." not in first.text:
            continue  # phone numbers, codes
        # trailing unit words carried by the number: "60 percent", "3 million dollars"
        nxt = doc[end].lower_ if end < len(doc) else ""
        if nxt in PERCENT_WORDS or nxt == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent":
            unit = "percent"
        elif unit is None and doc[end : end + 1].lemma_.lower() in CURRENCIES:
            unit = CURRENCIES[doc[end].lemma_.lower()]
        additional = nxt in ("more", "other", "additional", "further", "extra", "new")
        out.append(Quantity(start, end, value, qualifier, qstart, unit, additional))
    return out
