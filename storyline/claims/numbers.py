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
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6, "mm": 1e6,
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
# Words that make a figure an increment beside another count, not a total: "five more", "another five".
INCREMENT_AFTER = {"more", "other", "additional", "further", "extra", "new"}
INCREMENT_BEFORE = {"additional", "another", "further", "extra"}
# Pronoun-like number words that are a figure only when they count a noun ("one man", not "one of them").
PRONOUN_LIKE = {"one", "zero", "half"}
# Vague plurals: no figure an outlet can be held to ("hundreds of homes").
VAGUE_BOUNDS = {"dozens", "scores", "hundreds", "thousands", "millions", "billions"}
TIME_NOUNS = {"second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century", "season"}
# Words that make the following number a label, not a count ("Terminal 2", "No. 5").
LABEL_WORDS = {"no", "no.", "number", "nr", "nr.", "#", "article", "chapter", "section", "page", "item", "point",
               "terminal", "gate", "room", "flight", "route", "line", "platform", "level", "phase", "stage",
               "round", "group", "resolution", "paragraph", "part", "step", "version", "block", "unit"}
# Upper-case short words before a number that are not a name's letters ("US 200 million", "UN 14").
NOT_NAME_PREFIXES = {"US", "UK", "EU", "UN", "A", "I", "AND", "OR", "TO", "IN", "ON", "AT", "OF", "BY"}
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
    kind: str = "count"  # "count"; "age" (a person's age: "Ada Morel, 61", "a 33-year-old"); "record" (9-14)
    role: str = ""  # for a record: the place it stands in ("won", "lost", "drawn"); for a measure: its unit noun
    bound: str = ""  # "low" or "high" for an end of a stated range ("40-50 people", "between $140 and $150 million")


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


def _spaced_end(doc: Doc, i: int) -> int:
    """Past the last token of a number the tokenizer split at a separator it then spaced: "22, 000",
    "1, 400, 000", "14. 1", "$368. 0 million" (text rebuilt from tokens). A thousands group is exactly
    three digits; a decimal part is not followed by a plural noun ("he was 14. 3 people ..." is two)."""
    j = i + 1
    if not doc[i].text.isdigit():
        return j
    while j + 1 < len(doc) and doc[j].text in (",", ".") and doc[j - 1].whitespace_ == "" \
            and doc[j].whitespace_ == " " and "\n" not in doc[j].text:
        part = doc[j + 1]
        digits = re.match(r"^\d+", part.text)
        if digits is None:
            break
        if doc[j].text == ",":
            if not (len(doc[i].text) <= 3 and re.fullmatch(r"\d{3}", part.text)):
                break
        else:
            after = doc[j + 2] if j + 2 < len(doc) else None
            if len(digits.group()) > 2 or after is not None and after.tag_ in ("NNS", "NNPS") \
                    or parse_number(part.text) is None:
                break
            return j + 2
        j += 2
    return j


def spaced_text(doc: Doc, start: int, end: int) -> list[str]:
    """The words of tokens [start, end) with spaced-out numbers glued back ("22, 000" -> "22,000")."""
    out: list[str] = []
    i = start
    while i < end:
        j = min(_spaced_end(doc, i), end)
        out.append("".join(t.text for t in doc[i:j]))
        i = j
    return out


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of adjacent number words ("3 million", "two hundred", "$ 1.2Bln")."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if not _is_number_token(doc[i]):
            i += 1
            continue
        j = _spaced_end(doc, i)
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
    if ent is not None and ent.label_ == "TIME" and not (end < len(doc) and doc[end].lemma_.lower() in TIME_NOUNS):
        return True  # a clock time; "30 hours", "44 seconds" (tagged TIME too) are durations
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
    if start > 1 and _tight(doc, start - 1) and doc[start - 2].text[:1].isupper() and doc[start - 2].is_alpha:
        return True  # part of a name: "AK-47", "F-16", "COVID-19"
    if prev is not None and prev.is_alpha and prev.is_upper and len(prev.text) <= 3 and first.text.isdigit() \
            and prev.text not in NOT_NAME_PREFIXES and prev.lower_ not in CURRENCIES:
        return True  # the same name written with a space: "AK 47 rifles", "MiG 29" ("F 16")
    return False


def _tight(doc: Doc, i: int) -> bool:
    """Token ``i`` is a hyphen written with no space on either side ("9-14", "33-year-old")."""
    return 0 < i < len(doc) - 1 and doc[i].text in ("-", "–") and doc[i - 1].whitespace_ == "" and doc[i].whitespace_ == ""


def _is_age(doc: Doc, start: int, end: int) -> bool:
    """A person's age: "Ada Morel, 61,", "aged 29 and 41", "the 33-year-old actress", "at the age of 35"."""
    first = doc[start]
    for t in reversed(doc[max(0, start - 5) : start]):  # "aged 29 and 41", "at the age of 85"
        if t.lower_ in ("aged", "age", "ages"):
            return True
        if not (t.like_num or t.lower_ in ("and", "or", "to", ",", "between", "of", "the")):
            break
    closed = end < len(doc) and doc[end].text in (",", ".", ")", ";")
    if first.dep_ == "appos" and (first.head.ent_type_ == "PERSON" or is_name(first.head) and closed):
        return True  # "Ada Morel, 61," (a name the small model did not tag a person too: "Vell, 49,")
    if start > 1 and doc[start - 1].text == "," and doc[start - 2].ent_type_ == "PERSON" and closed:
        return True
    if _stated_age(doc, start, end):
        return True
    if end < len(doc) and doc[end].lower_ in ("year-old", "years-old"):
        return True
    if _tight(doc, end) and end + 3 < len(doc) and doc[end + 1].lower_ in ("year", "years") and doc[end + 3].lower_ == "old":
        return True
    return first.lower_.endswith(("-year-old", "-years-old"))


def is_name(tok: Token) -> bool:
    """A capitalised proper noun that no entity tag calls a place or a date."""
    return tok.pos_ == "PROPN" and tok.is_title and tok.ent_type_ not in ("GPE", "LOC", "DATE", "FAC")


AGE_VERBS = ("be", "turn")
AGE_HOLDERS = ("he", "she", "who")


def _stated_age(doc: Doc, start: int, end: int) -> bool:
    """"She was 85.", "Vell, who turns 29 on April 11", "Vell will be 29 in April": a bare whole number
    a person is or turns, with nothing counted after it."""
    first = doc[start]
    verb = first.head
    if end - start != 1 or not first.text.isalnum() or first.dep_ not in ("attr", "acomp", "dobj", "npadvmod", "oprd") \
            or verb.lemma_.lower() not in AGE_VERBS or end >= len(doc):
        return False
    if not (doc[end].is_punct or doc[end].lower_ in ("on", "in", "when", "last", "next", "this")):
        return False
    return any(c.dep_ == "nsubj" and (c.lower_ in AGE_HOLDERS or c.ent_type_ == "PERSON" or is_name(c))
               for c in verb.children)


def _hyphen_unit(doc: Doc, start: int, end: int) -> str | None:
    """The unit noun of a hyphenated measure ("90-day stay" -> "day", "a 12-gauge shotgun" -> "gauge")."""
    first = doc[end - 1]
    if "-" in first.text:
        left, _, right = first.text.partition("-")
        if left.lower() not in UNITS and right.isalpha():
            return right.lower()
    if _tight(doc, end) and end + 1 < len(doc) and doc[end + 1].is_alpha:
        return doc[end + 1].lemma_.lower()
    return None


def _chain(doc: Doc, start: int, end: int) -> tuple[int, list[int]] | None:
    """Where a number stands in a hyphen chain of bare numbers ("9-14", "45-7-2"): (its place, token
    index of every number of the chain); None when it stands alone."""
    if end - start != 1 or not doc[start].text.isdigit():
        return None
    lo = start
    while lo >= 2 and _tight(doc, lo - 1) and doc[lo - 2].text.isdigit():
        lo -= 2
    hi = start
    while hi + 2 < len(doc) and _tight(doc, hi + 1) and doc[hi + 2].text.isdigit():
        hi += 2
    if lo == hi:
        return None
    members = list(range(lo, hi + 1, 2))
    return members.index(start), members


RECORD_ROLES = ("won", "lost", "drawn")


def _is_definite_reference(doc: Doc, start: int, end: int, value: float) -> bool:
    """"the two agreed", "both sides": a reference back to known things; "the two officers" counts them."""
    prev = doc[start - 1] if start > 0 else None
    if prev is None or value > 10:
        return False
    if prev.lower_ in ("both", "all"):
        return True
    counts_noun = end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN", "ADJ")
    return prev.lower_ in ("the", "these", "those") and not counts_noun


def _counts_a_noun(doc: Doc, start: int, end: int) -> bool:
    """"one man", "one count of murder": the number modifies a following noun ("one of them" does not)."""
    tok = doc[end - 1]
    return tok.dep_ == "nummod" and tok.head.i >= end and tok.head.pos_ in ("NOUN", "PROPN")


def _duration(doc: Doc, start: int, end: int) -> bool:
    """A stretch of time measured back from now ("the past three weeks", "the last two decades")."""
    if end >= len(doc) or doc[end].lemma_.lower() not in TIME_NOUNS:
        return False
    before = {t.lower_ for t in doc[max(0, start - 2) : start]}
    return bool(before & {"past", "last", "over", "for", "first", "next"}) and \
        not (end + 1 < len(doc) and doc[end + 1].lower_ in ("later", "ago", "earlier", "after", "before"))


def _range_scale(doc: Doc, end: int) -> float | None:
    """The scale a tight range's high end carries when its low end (ending at token ``end``) has none:
    "$140-150MM", "3-4 million" -> 1e6; None when no such range follows."""
    if end + 1 >= len(doc) or doc[end].text not in ("-", "–") or doc[end - 1].whitespace_ or doc[end].whitespace_:
        return None
    nxt = doc[end + 1]
    digits = re.match(r"^\d+(?:\.\d+)?", nxt.text)
    if digits is None or float(digits.group()) == 0:
        return None
    parsed = parse_number(nxt.text)
    if parsed is not None and parsed[0] > float(digits.group()):
        return parsed[0] / float(digits.group())
    if end + 2 < len(doc) and doc[end + 2].lower_ in RUN_SCALES and doc[end + 2].lower_ in SCALES:
        return SCALES[doc[end + 2].lower_]
    return None


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every figure in the doc that could be a claim (years, dates, labels and names left out)."""
    out: list[Quantity] = []
    low_at = -10  # where the low end of a "between X and Y" range ended
    for start, end in _runs(doc):
        num_start = start + 1 if doc[start].text in CURRENCIES else start
        first = doc[num_start]
        if end - num_start == 1 and first.lower_ in VAGUE_BOUNDS:
            continue  # "hundreds of jobs": no number an outlet can be held to
        words = spaced_text(doc, start, end)
        parsed = combine(words)
        if parsed is None:
            continue
        value, unit = parsed
        if all(t.lower_ in PRONOUN_LIKE for t in doc[num_start:end]) and not _counts_a_noun(doc, num_start, end):
            continue
        if first.ent_type_ == "ORDINAL" or first.lower_ in ("first", "second", "third"):
            continue
        qualifier, qstart = _qualifier(doc, start)
        if value == 1 and qualifier == "more than" and first.lower_ in ("one", "a", "an"):
            continue  # "on more than one occasion": several, no number an outlet can be held to
        if qstart == start and start > 0 and doc[start - 1].lower_ in ("a", "an", "another") and first.lower_ in ("dozen", "hundred"):
            qualifier, qstart = _qualifier(doc, start - 1)
            qstart = min(qstart, start - 1)
        if _is_year(first, value, qualifier) and end - num_start == 1:
            continue
        chain = _chain(doc, num_start, end)
        if chain is not None:
            place, members = chain
            if any(_is_year(doc[m], float(doc[m].text), "exact") for m in members) or len(members) > 3:
                continue  # "2008-09", a date or a code
            if _is_date_or_time(doc, members[0], members[-1] + 1) or _is_label(doc, members[0], members[-1] + 1):
                continue
            after = members[-1] + 1
            if after < len(doc) and (doc[after].tag_ in ("NNS", "NNPS") or doc[after].lower_ in PERCENT_WORDS) \
                    and len(members) == 2:  # "40-50 people": a range
                out.append(Quantity(num_start, end, value, "at least" if place == 0 else "up to", num_start,
                                    "percent" if doc[after].lower_ in PERCENT_WORDS else None,
                                    bound="low" if place == 0 else "high"))
                continue
            sign = doc[members[0] - 1].text if members[0] > 0 and doc[members[0] - 1].text in CURRENCIES else None
            scale = SCALES[doc[after].lower_] if after < len(doc) and doc[after].lower_ in RUN_SCALES else 1.0
            if len(members) == 2 and (sign or scale != 1.0):  # "$140-150 million": a range of sums, no record
                out.append(Quantity(num_start, end, value * (scale if place == 0 else 1.0), "at least" if place == 0
                                    else "up to", num_start, CURRENCIES[sign] if sign else unit,
                                    bound="low" if place == 0 else "high"))
                continue
            if place == 0 and start > 0 and doc[start - 1].tag_ in ("NNS", "NN") and doc[start - 1].pos_ == "NOUN":
                continue  # "adults 18-49": a bracket that names a group
            role = RECORD_ROLES[place]
            out.append(Quantity(num_start, end, value, "exact", num_start if place else qstart, None, kind="record", role=role))
            continue
        age = _is_age(doc, num_start, end)
        if not age and (_is_date_or_time(doc, num_start, end) and not _duration(doc, num_start, end)
                        or _is_label(doc, num_start, end)):
            continue
        if not age and _is_definite_reference(doc, qstart, end, value):
            continue
        if first.text.startswith("0") and len(first.text) > 1 and "." not in first.text:
            continue  # phone numbers, codes
        if age:
            out.append(Quantity(start, end, value, qualifier, qstart, None, kind="age", role="year"))
            continue
        # trailing unit words carried by the number: "60 percent", "3 million dollars"
        nxt = doc[end].lower_ if end < len(doc) else ""
        if nxt in PERCENT_WORDS or nxt == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent":
            unit = "percent"
        elif unit is None and doc[end : end + 1].lemma_.lower() in CURRENCIES:
            unit = CURRENCIES[doc[end].lemma_.lower()]
        before = doc[qstart - 1].lower_ if qstart > 0 else ""
        additional = nxt in INCREMENT_AFTER or before in INCREMENT_BEFORE  # "five more", "an additional 162"
        bound = ""
        high_scale = _range_scale(doc, end)
        if high_scale is not None and qualifier == "exact":  # "$140-150MM": the low end carries the high end's scale
            value, qualifier, bound = value * high_scale, "at least", "low"
        elif start > 1 and doc[start - 1].text in ("-", "–") and doc[start - 2].whitespace_ == "" \
                and doc[start - 1].whitespace_ == "" and _range_scale(doc, start - 1) is not None:
            qualifier, bound = "up to", "high"
            sign = next((CURRENCIES[t.text] for t in doc[max(0, start - 4) : start - 1] if t.text in CURRENCIES), None)
            unit = unit or sign
        elif before == "between" and qualifier == "exact":  # "between $140 million and $150 million"
            qualifier, bound, low_at = "at least", "low", end
        elif before == "and" and qualifier == "exact" and 0 <= qstart - low_at <= 2:
            qualifier, bound = "up to", "high"
        hyphen = _hyphen_unit(doc, num_start, end)
        if hyphen in SCALES and len(hyphen) > 2:  # "a 110-billion bailout": the scale, not a unit noun
            value, hyphen = value * SCALES[hyphen], None
        out.append(Quantity(start, end, value, qualifier, qstart, unit, additional, role=hyphen or "", bound=bound))
    return out
