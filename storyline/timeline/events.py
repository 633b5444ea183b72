"""Events: the clause a date belongs to, its main predicate, a coarse event kind and participants.

A date in news text hangs off a verb ("walked out in November"), a noun ("Wendt's visit on
March 14", "the 2020 elections") or a copula ("the last visit was in 2020"). The event is that
word's clause or noun phrase; its participants are the story's entities mentioned inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..docindex import doc_index
from ..entities.index import MentionIndex
from ..settings import TimelineSettings

DEFAULTS = TimelineSettings()

# Predicate lemmas grouped into kinds, so "visit", "trip" and "met with" compare as one event type.
EVENT_KINDS: dict[str, str] = {}
for _kind, _lemmas in {
    "meet": "visit trip travel come arrive meet meeting talk talks negotiation negotiate sit mediate tour",
    "release": "release free pardon",
    "detain": "detain arrest jail imprison custody hold",
    "charge": "charge indict prosecute",
    "strike": "strike walk walkout stoppage picket",
    "protest": "protest crackdown demonstration rally",
    "election": "election elect vote",
    "invade": "invade invasion attack offensive",
    "close": "close closure suspend shut",
    "agree": "agree sign deal agreement framework accord",
    "declare": "declare announce order ban",
    "reopen": "reopen resume restart",
    "cancel": "cancel postpone",
    "trial": "trial try sentence convict hearing",
}.items():
    for _lemma in _lemmas.split():
        EVENT_KINDS[_lemma] = _kind

# Clausal children that start another event: their words are not this event's.
_OTHER_CLAUSES = {"conj", "cc", "parataxis", "advcl", "ccomp", "preconj"}
_STOP_POS = {"DET", "ADP", "PUNCT", "PRON", "CCONJ", "SCONJ", "AUX", "PART", "SPACE", "NUM", "SYM", "X"}


@dataclass(slots=True)
class Clause:
    """An event clause: predicate, kind, words and span (clean offsets, contiguous)."""

    predicate: Token
    top: Token  # the verb that carries modality ("plans" in "plans to visit")
    start: int
    end: int
    text: str
    kind: str
    keywords: frozenset[str]
    nominal: bool
    participants: list[str] = field(default_factory=list)


def anchor_token(doc: Doc, start: int, end: int) -> Token | None:
    """The word a temporal expression at [start, end) hangs off (its verb or noun)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = _date_root(span)
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
        if head.lower_ == "back" and head.head.i != head.i:  # "back in the fall of 2024"
            head = head.head
    if head.i == root.i:  # a date alone in its sentence
        return root
    return head


def _date_root(span: Span) -> Token:
    """The token of the span whose head lies outside it (skip a leading preposition)."""
    tokens = [t for t in span if t.dep_ != "prep" or t.i != span.start] or list(span)
    for t in tokens:
        if not (span.start <= t.head.i < span.end) or t.head.i == t.i:
            return t
    return tokens[0]


def event_clause(pred: Token, window_chars: int = DEFAULTS.event_window_chars) -> Clause:
    """The clause or noun phrase an event word stands for, with its kind and keywords."""
    pred, nominal = _event_word(pred)
    top = pred
    while top.dep_ == "xcomp" and top.head.i != top.i and top.head.pos_ in ("VERB", "AUX", "ADJ"):
        top = top.head
    tokens = _clause_tokens(top, pred, nominal)
    if pred.dep_ in ("relcl", "acl") and pred.head.pos_ in ("NOUN", "PROPN", "PRON"):
        tokens |= {t.i for t in pred.head.subtree if t.i <= pred.head.i and t.i >= _name_start(pred.head)}
    lo, hi = min(tokens), max(tokens)
    doc = pred.doc
    index = doc_index(doc)
    sent = index.sent(pred.i)
    lo, hi = max(lo, sent.start), min(hi, sent.end - 1)
    while hi > lo and doc[hi].is_punct and doc[hi].text not in ")”\"’":
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ in ("cc", "mark")):
        lo += 1
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
    if end - start > window_chars:
        start, end = _window(pred, window_chars)
    keywords = frozenset(t.lemma_.lower() for t in doc[lo:hi + 1]
                         if t.pos_ not in _STOP_POS and not t.is_stop and t.is_alpha)
    return Clause(pred, top, start, end, index.text[start:end], event_kind(pred, tokens), keywords, nominal)


def _event_word(word: Token) -> tuple[Token, bool]:
    """Which word names the event: a verb, an event noun, or the subject of a copula."""
    if word.pos_ in ("NOUN", "PROPN"):
        if word.lemma_.lower() in EVENT_KINDS or word.pos_ == "NOUN" and _deverbal(word):
            return word, True
        head = word
        while head.head.i != head.i and head.pos_ not in ("VERB", "AUX"):
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return _event_word(head)
        return word, True
    if word.pos_ == "ADJ" and word.head.i != word.i:
        return _event_word(word.head)
    return word, False


def _deverbal(word: Token) -> bool:
    """Nouns that name happenings ("elections", "invasion", "crackdown") rather than things."""
    return word.lemma_.lower().endswith(("tion", "sion", "ment", "ance", "ence", "down", "out", "ure"))


def _clause_tokens(top: Token, pred: Token, nominal: bool) -> set[int]:
    if nominal:  # the noun phrase, without coordinated phrases that are events of their own
        kept = {pred.i}
        for child in pred.children:
            if child.dep_ in ("conj", "cc") and not _holds(child, pred):
                continue
            kept |= {t.i for t in child.subtree}
        return kept
    keep: set[int] = {top.i}
    for child in top.children:
        if child.dep_ in _OTHER_CLAUSES and not _holds(child, pred):
            continue
        keep |= {t.i for t in child.subtree}
    return keep


def _holds(tree: Token, token: Token) -> bool:
    return tree.left_edge.i <= token.i <= tree.right_edge.i


def _name_start(noun: Token) -> int:
    """Where a name or noun phrase starts ("Aliaksandr Tsvirka"): its compound/flat children."""
    first = noun.i
    for child in noun.lefts:
        if child.dep_ in ("compound", "flat", "amod", "poss", "det"):
            first = min(first, child.left_edge.i)
    return first


def event_kind(pred: Token, tokens: set[int]) -> str:
    """The kind of the predicate; for a copula or a light verb, the first event word under it."""
    lemma = pred.lemma_.lower()
    if lemma in EVENT_KINDS:
        return EVENT_KINDS[lemma]
    doc = pred.doc
    for t in sorted(tokens, key=lambda i: abs(i - pred.i)):
        w = doc[t].lemma_.lower()
        if w in EVENT_KINDS and doc[t].pos_ in ("NOUN", "VERB"):
            return EVENT_KINDS[w]
    return lemma


def _window(pred: Token, limit: int) -> tuple[int, int]:
    """A stretch of at most ``limit`` characters of the sentence around the predicate."""
    doc = pred.doc
    sent = doc_index(doc).sent(pred.i)
    start = max(sent.start_char, pred.idx - limit // 2)
    end = min(sent.end_char, start + limit)
    a = doc.char_span(start, end, alignment_mode="contract")
    if a is None or len(a) == 0:
        return pred.idx, pred.idx + len(pred)
    return a.start_char, a.end_char


def support_words(doc: Doc) -> list[Token]:
    """Event words of known kinds: candidates for reports of an event that carry no date."""
    return [t for t in doc if t.pos_ in ("VERB", "NOUN") and t.lemma_.lower() in EVENT_KINDS]


PERSONAL_PRONOUNS = {"he", "she", "him", "her"}


def participants(clause: Clause, index: MentionIndex | None) -> list[tuple[str, str]]:
    """Entities mentioned inside the clause, as (id, type), plus the person it is about when it
    names them only by a pronoun or a relative clause (see ``implied_person``)."""
    if index is None:
        return []
    found = index.inside(clause.start, clause.end)
    if any(t == "PERSON" for _, t in found):
        return found
    person = implied_person(clause, index)
    return found + [(person, "PERSON")] if person else found


def implied_person(clause: Clause, index: MentionIndex) -> str | None:
    """The person a clause speaks of without naming: its subject is "he"/"she" (the last person
    the article named before it) or a relative pronoun whose noun is a named person ("Tsikhanouski,
    a popular blogger who was jailed ...")."""
    top = clause.top
    subj = next((c for c in top.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    if subj.lower_ in PERSONAL_PRONOUNS:
        found = index.last_person_before(subj.idx, [])
        return found[0] if found else None
    if top.dep_ == "relcl" and subj.tag_ == "WP":
        noun = top.head
        while noun.dep_ == "appos" and noun.head.i != noun.i:
            noun = noun.head
        words = [noun] + [c for c in noun.lefts if c.dep_ in ("compound", "flat")]
        start, end = min(w.idx for w in words), noun.idx + len(noun.text)
        people = [eid for eid, etype in index.inside(start, end) if etype == "PERSON"]
        return people[-1] if people else None
    return None
