"""Who is speaking: the speech verb next to a quote, its subject, and the entity that subject names.

Looks for a speech verb outside the quote in the quote's own sentence, then in the next sentence
("... ,” the U.S. official said." split off by the parser), then the clause before a colon
("His deputy was blunter: “...”"). Pronouns resolve to the person named most recently before the
quote, outside any quotation, in the same article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..docindex import doc_index
from ..entities.index import MentionIndex
from ..settings import QuoteSettings
from ..vocab import SPEECH_VERBS

DEFAULTS = QuoteSettings()

PRONOUNS = {"he", "she", "they", "him", "her"}


@dataclass(slots=True)
class Speaker:
    """The words naming a speaker, where they are, and the entity they name (if known)."""

    text: str
    start: int
    end: int
    entity_id: str | None = None


def speech_verb_near(doc: Doc, start: int, end: int) -> Token | None:
    """A speech verb outside [start, end) in the sentence(s) around that stretch, nearest first."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    index = doc_index(doc)
    sents = list({s.start: s for s in (index.sent(span[0].i), index.sent(span[-1].i))}.values())
    nxt = index.sent(span[-1].i).end
    if nxt < len(doc) and "\n" not in index.text[end : doc[nxt].idx]:  # the next sentence, same paragraph
        sents.append(index.sent(nxt))
    candidates = []
    for sent in sents:
        later = sent.start != sents[0].start and sent.start >= nxt
        for tok in sent:
            if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX") and not (start <= tok.idx < end):
                if speaker_subject(tok) is not None and _may_attribute(tok, start, end, later, index.text):
                    distance = tok.idx - end if tok.idx >= end else start - tok.idx
                    candidates.append((later, distance, tok))
        if candidates:
            break
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1]))[2]


_SENTENCE_END = (". ", "! ", "? ", ".\n", "!\n", "?\n")


def _may_attribute(verb: Token, start: int, end: int, later: bool, text: str) -> bool:
    """Can this speech verb introduce the quote at [start, end)?

    Not a verb whose sentence ends before the quote opens ("..., Pickell said. “He probably ...”":
    that said is done); not a verb of a later sentence that names someone with content of its own
    ("Fraser said the family is not speaking" is a new statement, not this quote's attribution;
    "She said the union ..." still tells who was speaking), nor one with a quote of its own right
    after it."""
    if verb.idx < start:
        between = text[verb.idx:start]
        return not any(mark in between for mark in _SENTENCE_END)
    if later:
        subject = speaker_subject(verb)
        named = subject is not None and subject.lower_ not in PRONOUNS  # "She said ..." goes on about the same person
        if named and any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children):
            return False
        after = text[verb.idx + len(verb.text): verb.idx + len(verb.text) + 4].lstrip(" ,:")
        if after[:1] in ('"', "“"):
            return False
    return True


def speaker_subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not _bracketed(c)]
    for child in sorted(subjects, key=lambda c: abs(c.i - verb.i)):  # the nearest: "[Putin],” the official said"
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.dep_ == "nsubjpass":
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                return pobj
            return child
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return speaker_subject(verb.head)  # "..., he stated, adding that ..."
    return _inverted_subject(verb)


def _inverted_subject(verb: Token) -> Token | None:
    """ "..., said Christina Greenway, daughter of ...": the name right after the verb, when the
    parser hung it elsewhere (here as the subject of a later verb). Titles before it are skipped
    ("said Dist. Atty. Steve Cooley")."""
    ent = name_after(verb)
    return ent.root if ent is not None else None


def name_after(tok: Token, reach: int = 5) -> Span | None:
    """A person (or organisation) named within ``reach`` tokens after ``tok``, past titles and their
    full stops only ("Lt. Gerry Scherlinck", "Dist. Atty. Steve Cooley")."""
    doc = tok.doc
    index = doc_index(doc)
    for i in range(tok.i + 1, min(len(doc), tok.i + 1 + reach)):
        t = doc[i]
        ent = index.entity_at(i)
        if ent is not None and ent.label_ in ("PERSON", "ORG") and ent.start == i:
            return ent
        if not (t.text == "." or t.is_title and (t.text.endswith(".") or doc[i + 1].text == "." if i + 1 < len(doc) else False)):
            return None
    return None


def _bracketed(tok: Token) -> bool:
    """An editorial insertion such as "[Putin]" inside a quote: never the speaker."""
    doc = tok.doc
    left = doc[tok.i - 1].text if tok.i > 0 else ""
    right = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
    return left == "[" or right == "]" or tok.text in ("[", "]")


def subject_phrase(tok: Token) -> Span:
    """The noun phrase a subject token heads, without relative clauses; a person in apposition wins."""
    for child in tok.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            ent = doc_index(tok.doc).entity_at(child.i)
            return ent if ent is not None else _compact(child)
    return _compact(tok)


def _compact(tok: Token) -> Span:
    """The token's phrase minus its relative clauses and appositions (and edge punctuation)."""
    doc = tok.doc
    cut = {t.i for c in tok.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
    keep = [t for t in tok.subtree if t.i not in cut]
    while len(keep) > 1 and keep[-1].is_punct:
        keep.pop()
    while len(keep) > 1 and keep[0].is_punct:
        keep.pop(0)
    return doc[keep[0].i : keep[-1].i + 1]


def colon_subject(doc: Doc, start: int) -> Token | None:
    """The subject of the clause that ends with a colon right before a quote."""
    text = doc_index(doc).text
    colon = _last_non_space_before(text, start)
    if colon is None or text[colon] != ":":
        return None
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None or span[0].i == 0:
        return None
    tok = doc[span[0].i - 1]  # the last word of the clause ("blunter")
    for head in [tok, *tok.ancestors]:
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < span[0].i]
        if subjects:
            return subjects[-1]
    return None


def _last_non_space_before(text: str, end: int) -> int | None:
    """Offset of the last non-space character of text[:end] (where text[:end].rstrip() ends, less one),
    found without copying the text before it."""
    i = min(end, len(text)) - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i if i >= 0 else None


RELATIVES = {"who", "that", "which"}
TITLE_END = re.compile(r"^[A-Z][a-z]{0,4}$")  # "Lt", "Atty", "Gov": a title whose full stop ended a sentence


def resolve_speaker(doc: Doc, subject: Token, index: MentionIndex, quoted: list[tuple[int, int]],
                    salience_chars: int = DEFAULTS.salience_chars) -> Speaker:
    """Speaker for a subject token: its phrase, and the entity it names or (for a pronoun) refers to.

    A relative pronoun speaks for its antecedent ("Howard, who said ..."); a phrase ending in a
    title whose full stop the parser took for a sentence end ("said Troy police Lt." + "Gerry
    Scherlinck") is the person named right after it; two people joined by "and" are both the
    speaker (the words name them, no one entity does)."""
    if subject.lower_ in RELATIVES and subject.head.dep_ == "relcl" and subject.head.head.i != subject.head.i:
        subject = subject.head.head
    phrase = subject_phrase(subject)
    if TITLE_END.match(phrase[-1].text):
        named = name_after(phrase[-1], reach=6)
        if named is not None:
            phrase = doc[phrase.start : named.end]
    speaker = Speaker(phrase.text, phrase.start_char, phrase.end_char)
    if subject.lower_ in PRONOUNS:
        found = _salient_person_before(doc, phrase.start_char, index, quoted, salience_chars)
        if found:
            speaker.entity_id = found
    elif any(c.dep_ == "conj" and c.ent_type_ in ("PERSON", "ORG") for c in subject.children):
        speaker.entity_id = None  # "said Zadan and Meron": two speakers
    else:
        # "Tara Reid's representative Jack Ketsoyan", "the actress's rep Jack Ketsoyan": the
        # possessor is not the speaker, so the lookup starts after it
        owners = [t.right_edge for t in subject.subtree if t.dep_ == "poss" and t.i < subject.i]
        start = max([phrase.start_char, *(t.idx + len(t.text) for t in owners)])  # after "actress's"
        speaker.entity_id = index.entity_at(start, phrase.end_char, subject.idx)
    return speaker


def _salient_person_before(doc: Doc, offset: int, index: MentionIndex, quoted: list[tuple[int, int]],
                           reach: int) -> str | None:
    """The person a "he"/"she" before ``offset`` most likely is: the most recent person who was a
    clause's subject, else the most recent person mentioned ("Meyer penned a letter ... with
    Weitz: '...,' she wrote" is Meyer)."""
    latest = index.last_person_before(offset, quoted)
    if latest is None:
        return None
    i = bisect.bisect_left(index.starts, offset) - 1
    while i >= 0 and offset - index.spans[i][0] <= reach:
        s, e, eid, etype = index.spans[i]
        if etype == "PERSON" and not any(a <= s < b for a, b in quoted):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                return eid
        i -= 1
    return latest[0]
