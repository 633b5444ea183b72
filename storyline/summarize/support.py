"""The support rule: when one outlet's span may be credited with what another outlet's item says.

One rule for every credit the dossier and its reports give (summary sentences, coverage cells,
the other outlets of a quote or an event): an outlet supports an item only when one of its spans
says the same thing, with the same status (planned / happened / denied / uncertain) and the same
figures where both give one. "Says the same thing" is measured on the words of the two spans
(TF-IDF over word stems, the document frequencies counted over the story's sentences), in two
parts: the similarity over all words, and the similarity over the words that are not names, since
two sentences that share only their names share a topic, not a statement. A link another stage
made (the timeline merged the two reports into one event, provenance aligned them as a copied
passage, the quotes stage found one quote in both) lowers the bar for the first part, never the
status or figure checks. Every support is kept as a :class:`storyline.model.Support`, with its
similarity, status and basis, so a reader sees why an outlet is credited.

Text only (no parse): the reports rebuild it from the dossier exactly as the summarize stage does.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from ..claims.numbers import UNITS
from ..model import Claim, Story, Support, TimelineEntry
from ..settings import SummarySettings

__all__ = ["Statement", "SupportIndex", "judge", "span_status", "statement_status"]

WORD = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_](?:[\w’'-]*\w)?")
SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s", "ly", "e")
# number words stand as their digits, so "fourteen prisoners" meets "14 prisoners"
NUMBER_WORDS = {w: str(v) for w, v in UNITS.items() if 1 <= v <= 20 and w != "dozen"}  # "one" .. "twenty"
# Words that make a sentence announce, rather than report, what it says: read when the timeline has
# no status for the sentence (the timeline's own status words, storyline.timeline.status, decide otherwise).
PLAN_WORDS = frozenset({"will", "plan", "plans", "planned", "planning", "expected", "upcoming", "scheduled", "intends",
                        "due", "potential", "prospective"})
DOUBT_WORDS = frozenset({"could", "may", "might", "reportedly", "allegedly", "unclear", "uncertain", "unconfirmed", "rumoured", "rumored"})
SUBORDINATE = frozenset({"which", "that", "who", "whom", "whose", "says", "said", "say", "told", "tells"})
CONDITIONS = frozenset({"if", "unless", "whether", "should"})
DENY_WORDS = frozenset({"denied", "denies", "deny", "refuted", "dismissed", "rejected"})
Figures = frozenset[float]
NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})  # descriptions ("the envoy") stay as written


def _stem(word: str) -> str:
    """A crude English stem, enough to meet "released" with "release" and "talks" with "talk"."""
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    word = word.replace(",", "")
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@dataclass(slots=True)
class Statement:
    """One span as the support rule sees it: where it is, its status and figures, its two word vectors."""

    article_id: str
    start: int
    end: int
    text: str
    status: str | None = None  # planned / happened / denied / uncertain; None for a speaker's words
    figures: Figures = frozenset()
    counted: dict[str, frozenset[float]] = field(default_factory=dict)  # unit -> values of the figures counting it
    words: dict[str, float] = field(default_factory=dict)  # every word stem, TF-IDF, unit length
    claim_words: dict[str, float] = field(default_factory=dict)  # the stems that are not names, unit length


@dataclass(slots=True)
class SupportIndex:
    """Document frequencies of word stems over one story's sentences, and the story's lowercase
    vocabulary (a capitalised word the story never writes in lower case is a name)."""

    df: Counter[str]
    n: int
    lower: frozenset[str]
    # article id -> its entity mentions (start, end, the entity's name), by start: a span's names are
    # also read as the entities stage resolved them, so "Yuri Zenkovich" meets "Yuras Ziankovych"
    names: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    # the words of the entities' roles ("chairman", "envoy"): naming who, like a name, not saying what
    role_words: frozenset[str] = frozenset()
    # article id -> its timeline reports (start, end, the status that report gives), in timeline order,
    # and its figures: a span looks only at its own article's, never at the whole story's
    reports: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    claims: dict[str, list[Claim]] = field(default_factory=dict)

    @classmethod
    def of_texts(cls, texts: Iterable[str], story: Story | None = None) -> SupportIndex:
        df: Counter[str] = Counter()
        lower: set[str] = set()
        n = 0
        for text in texts:
            n += 1
            words = WORD.findall(text)
            lower.update(w for w in words if w.islower())
            df.update({_stem(w.lower()) for w in words})
        roles = {w.lower() for e in (story.entities if story else []) for r in e.roles for w in WORD.findall(r)}
        reports: dict[str, list[tuple[int, int, str]]] = {}
        claims: dict[str, list[Claim]] = {}
        for t in story.timeline if story else []:
            for ev in t.evidence:
                reports.setdefault(ev.article_id, []).append((ev.start, ev.end, entry_status(t, ev.article_id, ev.start)))
        for c in story.claims if story else []:
            claims.setdefault(c.article_id, []).append(c)
        return cls(df, n, frozenset(lower), _names(story) if story else {}, frozenset(roles - STOP_WORDS),
                   reports, claims)

    def _resolved(self, article_id: str, start: int, end: int, text: str) -> str:
        """``text`` with the name closing each entity mention inside it written as its entity's
        name; the words before it stay ("special envoy" in "Aldmark's special envoy Clara Wendt"
        is part of what the span says)."""
        out, pos = [], start
        for a, b, name in self.names.get(article_id, []):
            if a >= pos and b <= end:
                words = text[a - start:b - start].split(" ")
                keep = len(words)
                while keep and words[keep - 1][:1].isupper():
                    keep -= 1
                out += [text[pos - start:a - start], " ".join(words[:keep] + [name])]
                pos = b
        return "".join(out) + text[pos - start:]

    def statement(self, article_id: str, start: int, end: int, text: str, *, status: str | None = None) -> Statement:
        """The span as a Statement: its figures (the claims stage's, inside it: years, dates and
        list numbers are not figures) and its word vectors."""
        words = WORD.findall(self._resolved(article_id, start, end, text))
        figures: set[float] = set()
        counted: dict[str, set[float]] = {}
        every: Counter[str] = Counter()
        claim: Counter[str] = Counter()
        for n, w in enumerate(words):
            low = w.lower()
            if low in STOP_WORDS and low not in NUMBER_WORDS:
                continue
            stem = _stem(low)
            every[stem] += 1
            if not self._name(w, n == 0):
                claim[stem] += 1
        for c in self.claims.get(article_id, []):
            if start <= c.start and c.end <= end:
                figures.add(c.value)
                counted.setdefault(c.unit or "", set()).add(c.value)
        return Statement(article_id, start, end, text, status, frozenset(figures),
                         {u: frozenset(v) for u, v in counted.items()}, self._vector(every), self._vector(claim))

    def _name(self, word: str, first: bool) -> bool:
        """A word of an entity's role, or written with a capital inside a sentence ("Minsk",
        "Deputy Assistant Secretary"); opening one, only a word the story never writes in lower
        case ("Kellogg", not "Talks")."""
        if word.lower() in self.role_words:
            return True
        if not word[0].isupper():
            return False
        return not first or word.lower() not in self.lower

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        vec = {w: tf * math.log((1 + self.n) / (1 + self.df.get(w, 0))) for w, tf in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}


def _names(story: Story) -> dict[str, list[tuple[int, int, str]]]:
    """Article id -> the mentions of the story's named people, places and bodies, by start."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for e in story.entities:
        if e.type in NAMED_TYPES:
            for m in e.mentions:
                out.setdefault(m.article_id, []).append((m.start, m.end, e.name))
    return {aid: sorted(spans) for aid, spans in out.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def figures_agree(a: Statement, b: Statement) -> bool:
    """The same figures where both give one: when both spans give figures they share one, and a
    thing both count (prisoners, people) has a value in common."""
    if a.figures and b.figures and not a.figures & b.figures:
        return False
    return all(a.counted[u] & b.counted[u] for u in a.counted.keys() & b.counted.keys())


def similarities(a: Statement, b: Statement) -> tuple[float, float]:
    """The two spans' word similarity, over all their words and over the words that are not names."""
    return _cosine(a.words, b.words), _cosine(a.claim_words, b.claim_words)


def judge(item: Statement, other: Statement, basis: str, s: SummarySettings, *, whole: bool = True) -> Support | None:
    """The Support ``other`` gives ``item``, or None when it gives none.

    ``basis``: what made ``other`` a candidate: "similar sentence" (words alone), or a link another
    stage made ("same event", "copied passage", "same quote"), which lowers the similarity needed.
    ``whole``: the item is a sentence that says more than its names and its event, so the words that
    are not names must meet too (an event clause or a quote is compared as it stands).
    """
    if other.article_id == item.article_id:
        return None
    if item.status != other.status or not figures_agree(item, other):
        return None
    similarity, statement = similarities(item, other)
    needed = s.same_content if basis == "similar sentence" else s.support_linked
    if similarity < needed:
        return None
    if whole and statement < s.support_statement:
        return None
    return Support(other.article_id, other.start, other.end, other.text, similarity=round(similarity, 3),
                   status=other.status, basis=basis)


def span_status(index: SupportIndex, article_id: str, start: int, end: int, text: str) -> str:
    """The status of a span: the timeline's, of the event report covering most of it (planned
    when that report is one of the event's planned reports); else read from its words."""
    best: tuple[int, str] | None = None
    for a, b, status in index.reports.get(article_id, []):
        if a < end and start < b:
            overlap = min(end, b) - max(start, a)
            if best is None or overlap > best[0]:
                best = (overlap, status)
    return best[1] if best else statement_status(text)


def entry_status(t: TimelineEntry, article_id: str, start: int) -> str:
    """The status one report of a timeline event gives it: planned when it is among the event's
    planned reports, else the event's."""
    if any(p.article_id == article_id and p.start == start for p in t.planned_in):
        return "planned"
    return t.status


def statement_status(text: str) -> str:
    """A sentence's status from its words, for a sentence no timeline event covers: denied by a
    denial verb, planned by a plan word, uncertain when it opens with a condition or carries the
    outlet's own doubt, each read before the first relative or reported clause; else a report of
    what happened."""
    words = [w.lower() for w in WORD.findall(text)]
    head = next((n for n, w in enumerate(words) if n and w in SUBORDINATE), len(words))
    found = set(words[:head])  # what a relative or reported clause adds is not the sentence's own status
    if found & DENY_WORDS:
        return "denied"
    if found & PLAN_WORDS:
        return "planned"
    if (words and words[0] in CONDITIONS) or found & DOUBT_WORDS:
        return "uncertain"
    return "happened"
