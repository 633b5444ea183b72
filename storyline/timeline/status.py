"""Status from modality: planned, happened, denied or uncertain.

Read from the parse around the event word: future auxiliaries and planning verbs ("will",
"plans to", "is expected to"), modal hedges ("could", "may"), negation, denial verbs whose
complement holds the event ("denied a report that ... had been set for April"), and the outlet's
own hedges ("according to sources", "citing sources"). Words inside a quote are the speaker's:
the speaker's modality counts, but an outlet hedge never reaches inside the quote.
"""

from __future__ import annotations

import re
from typing import Literal

from spacy.tokens import Token

from ..docindex import doc_index
from ..spanset import SpanSet
from ..vocab import HEDGE_ADVERBS, HEDGE_MODALS
from .events import Clause

Status = Literal["planned", "happened", "denied", "uncertain"]

PLAN_HEADS = {"plan", "intend", "expect", "schedule", "set", "due", "aim", "prepare", "propose", "want", "seek",
              "promise", "pledge", "vow", "hope", "consider", "slate", "go", "poise", "likely"}
PLAN_MODIFIERS = {"planned", "proposed", "upcoming", "expected", "scheduled", "forthcoming", "potential",
                  "possible", "next", "future", "prospective", "due"}
DENY_HEADS = {"deny", "refute", "dismiss", "reject", "rebut"}
UNCERTAIN_HEADS = {"unclear", "uncertain", "whether", "rumour", "rumor", "speculate", "speculation"}
# The outlet's own hedges: unnamed sources. Named attribution ("according to Reuters") is reporting.
OUTLET_HEDGE = re.compile(
    r"\b(according to|citing) (\w+ ){0,3}(sources|people familiar|officials who)\b|\bsources (said|say|says|told|indicated|suggest)"
    r"|\breportedly\b|\ballegedly\b|\bunconfirmed\b|\brumou?red\b", re.IGNORECASE)


def event_status(clause: Clause, *, forward: bool, quoted: SpanSet) -> Status:
    """The status of one event clause.

    ``forward``: the date words point ahead ("next week", "for April"); ``quoted``: the quote
    spans of the article (the speaker's words).
    """
    pred, top = clause.predicate, clause.top
    if _denied(pred, top):
        return "denied"
    planned = _planned(pred, top, clause, forward)
    if _hedged_by_speaker_or_grammar(pred, top) and not planned:
        return "uncertain"
    if planned:
        return "planned"
    if not quoted.covers(clause.start, clause.end) and _outlet_hedged(clause, quoted):
        return "uncertain"
    return "happened"


def _chain(pred: Token, top: Token) -> list[Token]:
    """The event word and the verbs it depends on through xcomp (visit <- plans)."""
    out = [pred]
    t = pred
    while t.i != top.i and t.head.i != t.i:
        t = t.head
        out.append(t)
    return out


def _denied(pred: Token, top: Token) -> bool:
    if any(c.dep_ == "neg" for t in _chain(pred, top) for c in t.children):
        return True
    if any(c.lower_ in ("no", "never") and c.dep_ in ("det", "neg", "advmod") for c in pred.children):
        return True
    # the event is the complement of a denial: walk up to the root of the sentence
    return _under(top, DENY_HEADS, 6)


def _planned(pred: Token, top: Token, clause: Clause, forward: bool) -> bool:
    chain = _chain(pred, top)
    for t in chain:
        for c in t.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "shall", "'ll", "wo"):
                return True
            if c.dep_ == "aux" and c.lower_ == "would" and not _conditional(t):
                return True
        if t.dep_ == "xcomp" and t.head.lemma_ == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            return True  # "is to be voted on Thursday", "was to meet in March": an arrangement
    if any(t.lemma_.lower() in PLAN_HEADS for t in chain[1:]):
        return True
    if pred.lemma_.lower() in ("plan", "schedule") and any(c.dep_ == "xcomp" for c in pred.children):
        return True
    if clause.nominal and any(c.lower_ in PLAN_MODIFIERS for c in _modifiers(pred)):
        return True
    if forward and pred.tag_ not in ("VBD", "VBN"):
        return True
    return False


def _modifiers(noun: Token) -> list[Token]:
    """A noun's adjectival and compound modifiers, and theirs ("his next court hearing": the parser
    hangs "next" on "court")."""
    out = []
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod"):
            out.append(c)
            out.extend(g for g in c.children if g.dep_ in ("amod", "compound"))
    return out


def _conditional(t: Token) -> bool:
    """A counterfactual 'would' ("would become ... if the visit occurs")."""
    sent = doc_index(t.doc).sent(t.i)
    return any(w.lower_ in ("if", "unless") for w in sent)


def _hedged_by_speaker_or_grammar(pred: Token, top: Token) -> bool:
    for t in _chain(pred, top):
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in HEDGE_MODALS:
                return True
            if c.lower_ in HEDGE_ADVERBS:
                return True
            if c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless"):
                return True
    return _under(top, UNCERTAIN_HEADS, 4)


def _under(top: Token, heads: set[str] | frozenset[str], depth: int) -> bool:
    """Whether one of ``top``'s first ``depth`` ancestors has a lemma in ``heads`` ("denied that ...")."""
    t = top
    for _ in range(depth):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in heads:
            return True
    return False


def _outlet_hedged(clause: Clause, quoted: SpanSet) -> bool:
    """An unnamed-source hedge in the clause's sentence, outside any quote."""
    sent = doc_index(clause.predicate.doc).sent(clause.predicate.i)
    text = sent.text
    base = sent.start_char
    for m in OUTLET_HEDGE.finditer(text):
        a, b = base + m.start(), base + m.end()
        if not quoted.covers(a, b):
            return True
    return False
