"""Per-article features for story clustering, taken from the spaCy parse.

What makes two reports the same story: the same content words (lemmas, weighted by TF-IDF later),
the same people, organisations and places (folded to ASCII; people by a transliteration-aware
surname key so 'Tsikhanouski' meets 'Tikhanovsky'), the same figures, the same dates mentioned,
and publication dates close together.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc

from ..docindex import doc_index
from ..entities.names import fold, name_key, split_title, strip_possessive, translit_key
from ..model import Article
from ..settings import ClusterSettings
from ..spanset import SpanSet
from ..vocab import MONTHS as _MONTHS, is_year

DEFAULTS = ClusterSettings()
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
# Prefixes of entity keys in the shared key space (lemmas never contain ':').
PERSON, ORG, PLACE, GROUP, NAMED, FIGURE, YEAR, DAY = "p:", "o:", "g:", "n:", "e:", "f:", "y:", "d:"
_KEY_OF_LABEL = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE, "NORP": GROUP,
                 "EVENT": NAMED, "WORK_OF_ART": NAMED, "LAW": NAMED, "PRODUCT": NAMED}
_FIGURE_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_YEAR = re.compile(r"\b(\d{4})\b")
_MONTH_DAY = re.compile(r"\b([a-z]{3,9})\.? (\d{1,2})\b|\b(\d{1,2}) ([a-z]{3,9})\b")
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b")
_URL_LINE = re.compile(r"^[ \t]*(?:https?:/|www\.)[^\n]*", re.M | re.I)  # a pasted link: no words of the story


@dataclass(slots=True)
class ArticleFeatures:
    """What clustering needs of one article; plain data so it serialises and can be generated."""

    id: str
    terms: dict[str, float] = field(default_factory=dict)  # lemma -> 1 + log(tf)
    keys: dict[str, float] = field(default_factory=dict)  # prefixed entity/figure/date key -> count weight
    day: int | None = None  # publication date as a day ordinal
    years: list[int] = field(default_factory=list)  # years the text mentions, most frequent first
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "terms": self.terms, "keys": self.keys, "day": self.day, "years": self.years,
                "title": self.title}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArticleFeatures:
        return cls(d["id"], dict(d["terms"]), dict(d["keys"]), d.get("day"), list(d.get("years", [])), d.get("title"))


def day_ordinal(published: str | None) -> int | None:
    """'2025-03-04' or '2025-03-04T10:00' -> a day number; None when undated or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def url_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines that are just a link (their tokens are not the story's words)."""
    return [(m.start(), m.end()) for m in _URL_LINE.finditer(text)]


def lemma_terms(doc: Doc, limit: int) -> dict[str, float]:
    """Content-word lemmas (folded to ASCII) with sublinear tf, the ``limit`` most frequent."""
    counts: Counter[str] = Counter()
    skip = SpanSet(url_lines(doc_index(doc).text))
    for tok in doc:
        if skip and skip.holds(tok.idx):
            continue
        if tok.pos_ in CONTENT_POS and not tok.is_stop and tok.is_alpha and len(tok) > 1:
            lemma = fold(tok.lemma_ or tok.text).replace(" ", "")
            if len(lemma) > 1:
                counts[lemma] += 1
    from math import log

    return {t: 1.0 + log(c) for t, c in counts.most_common(limit)}


def person_key(text: str) -> str | None:
    """A person's surname key: titles dropped, last name word transliteration-folded."""
    words = strip_possessive(text).split()
    _, name = split_title(words)
    if not name:
        return None
    surname = translit_key(name[-1])
    return PERSON + surname if len(surname) > 1 else None


def entity_key(text: str, label: str) -> str | None:
    """The key an entity mention contributes, or None."""
    prefix = _KEY_OF_LABEL.get(label)
    if prefix is None:
        return None
    if prefix == PERSON:
        return person_key(text)
    key = name_key(text, label)
    return prefix + key if len(key) > 1 else None


def figure_key(text: str) -> str | None:
    """'2,400' -> 'f:2400', '5.6' -> 'f:5.6'; small whole counts and years say little and are dropped."""
    m = _NUMBER.search(text)
    if not m:
        return None
    raw = m.group().replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    if (value.is_integer() and value < 10) or value == 0 or (is_year(value) and "," not in m.group()):
        return None
    return FIGURE + (str(int(value)) if value.is_integer() else raw)


def date_keys(text: str) -> tuple[list[str], list[int]]:
    """Day keys ('d:06-21') and years mentioned in a DATE entity's text."""
    low = _ORDINAL.sub(r"\1", fold(text))
    years = [int(y) for y in _YEAR.findall(low) if is_year(int(y))]
    days = []
    for m in _MONTH_DAY.finditer(low):
        month_word, day_s = (m[1], m[2]) if m[1] else (m[4], m[3])
        month = _MONTHS.get(month_word)
        if month and 1 <= int(day_s) <= 31:
            days.append(f"{DAY}{month:02d}-{int(day_s):02d}")
    return days, years


def extract_features(article: Article, doc: Doc, settings: ClusterSettings = DEFAULTS) -> ArticleFeatures:
    """Features of one parsed article."""
    keys: Counter[str] = Counter()
    years: Counter[int] = Counter()
    index = doc_index(doc)
    skip = SpanSet(url_lines(index.text))
    for ent in index.ents:
        if skip and skip.holds(ent.start_char):
            continue
        if ent.label_ in _KEY_OF_LABEL:
            key = entity_key(ent.text, ent.label_)
        elif ent.label_ in _FIGURE_LABELS:
            key = figure_key(ent.text)
        elif ent.label_ == "DATE":
            days, found = date_keys(ent.text)
            years.update(found)
            keys.update(days)
            key = None
        else:
            key = None
        if key:
            keys[key] += 1
    keys.update(f"{YEAR}{y}" for y in years)
    return ArticleFeatures(
        id=article.id,
        terms=lemma_terms(doc, settings.max_terms),
        keys={k: float(c) for k, c in keys.items()},
        day=day_ordinal(article.published),
        years=[y for y, _ in years.most_common()],
        title=article.title,
    )
