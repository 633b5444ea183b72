"""Who is speaking: the speech verb next to a quote, its subject, and the entity that subject names.

Looks for a speech verb outside the quote in the quote's own sentence, then in the next sentence
("... ,” the U.S. official said." split off by the parser), then the clause before a colon
("His deputy was blunter: “...”"). Pronouns resolve to the person named most recently before the
quote, outside any quotation, in the same article.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..docindex import doc_index
from ..entities.index import MentionIndex
from ..vocab import SPEECH_VERBS

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
        for tok in sent:
            if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX") and not (start <= tok.idx < end):
                if speaker_subject(tok) is not None:
                    distance = tok.idx - end if tok.idx >= end else start - tok.idx
                    candidates.append((sent.start != sents[0].start and sent.start >= nxt, distance, tok))
        if candidates:
            break
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1]))[2]


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


def resolve_speaker(doc: Doc, subject: Token, index: MentionIndex, quoted: list[tuple[int, int]]) -> Speaker:
    """Speaker for a subject token: its phrase, and the entity it names or (for a pronoun) refers to."""
    phrase = subject_phrase(subject)
    speaker = Speaker(phrase.text, phrase.start_char, phrase.end_char)
    if subject.lower_ in PRONOUNS:
        found = index.last_person_before(phrase.start_char, quoted)
        if found:
            speaker.entity_id = found[0]
    else:
        speaker.entity_id = index.entity_at(phrase.start_char, phrase.end_char, subject.idx)
    return speaker
