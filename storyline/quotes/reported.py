"""Reported speech from the parse: "X said that ...", "X told Y ...", "according to X, ...".

The span is the reported clause; the subject of the speech verb (or the object of "according
to") is the speaker. Speech inside a direct quote is the quoted speaker's, so it is skipped.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..docindex import doc_index
from ..spanset import SpanSet
from .attribution import SPEECH_VERBS, speaker_subject

NON_SPEAKERS = {"it", "this", "that", "which", "who", "what", "there"}
QUESTION_TAGS = {"WRB", "WP", "WDT", "WP$"}


def _clause(doc: Doc, head: Token, leave: Token | None = None) -> tuple[int, int]:
    """The reported clause, without an "according to X" phrase at its edges (that names the source)
    and without the attribution ``leave`` ("..., Owen said") when the parser hung it inside."""
    attribution = {t.i for a in head.subtree if a.lower_ == "according" and a is not head for t in a.subtree}
    if leave is not None:
        attribution |= {t.i for t in leave.subtree}
    tokens = [t for t in head.subtree if t.i not in attribution]
    while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in ("”", '"') or tokens[-1].dep_ == "cc"):
        tokens.pop()  # "... than she had hoped and [that ...]": the next reported clause is its own
    if not tokens:
        return head.idx, head.idx
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def find_reported(doc: Doc, quoted: list[tuple[int, int]], min_words: int = 3) -> list[tuple[int, int, Token]]:
    """(start, end, speaker subject token) of each reported clause outside direct quotes."""
    out: list[tuple[int, int, Token]] = []
    according: list[tuple[int, int, Token]] = []
    text = doc_index(doc).text
    inside = SpanSet(quoted)
    for tok in doc:
        if inside.holds(tok.idx):
            continue
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            comp, leave = _content(tok), None
            if comp is not None and comp.i == tok.head.i:
                leave = tok  # "Within minutes, the roof was engulfed, Owen said": said hangs off the content
            subject = speaker_subject(tok)
            if comp is None or subject is None or subject.lower_ in NON_SPEAKERS or names_a_topic(comp) \
                    or not has_subject(comp):
                continue
            start, end = _clause(doc, comp, leave)
        elif tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            subject = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if subject is None:
                continue
            start, end = _according_clause(doc, tok, subject)
        else:
            continue
        if len(text[start:end].split()) < min_words:
            continue
        if inside.overlap(start, end) > 0.5 * (end - start):
            continue  # mostly a direct quote: that quote carries it
        (according if tok.lower_ == "according" else out).append((start, end, subject))
    # "X told Y that ..., according to Z": X is the speaker, Z only the source of the report (the
    # cited-sources stage lists Z); an "according to" clause holding a speech verb of its own is not a second quote
    out += [a for a in according if not any(a[0] <= s.idx < a[1] for _, _, s in out)]
    return sorted(out, key=lambda item: item[0])


def _content(verb: Token) -> Token | None:
    """The clause a speech verb reports: its complement after it ("said that ..."), or the clause
    before it that it closes, set off by a comma ("The roof was engulfed, Owen said"), which the
    parser gives either as a complement on the left or with the verb hanging off the clause."""
    after = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and c.pos_ in ("VERB", "AUX")), None)
    if after is not None:
        return after
    if not _after_comma(verb):
        return None
    before = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i and c.pos_ in ("VERB", "AUX")), None)
    if before is not None:
        return before
    head = verb.head
    if verb.dep_ in ("parataxis", "advcl", "conj") and head.i < verb.i and head.pos_ in ("VERB", "AUX"):
        return head
    return None


def _after_comma(verb: Token) -> bool:
    """The attribution "…, Owen said" / "…, said Owen": a comma right before the verb's clause."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    i = (subjects[0].left_edge.i if subjects else verb.i) - 1
    return i >= 0 and verb.doc[i].text == ","


def has_subject(comp: Token) -> bool:
    """A reported clause states something of something: "which the government says cannot be
    delayed" leaves its subject behind the speech verb, so "cannot be delayed" is no statement."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in comp.children) or comp.dep_ == "conj"


def names_a_topic(comp: Token) -> bool:
    """A complement opened by a question word ("explains why ...", "said what he wanted", "asked
    whether ...") names what was talked about, not what was said, so it is not reported content."""
    first = comp.left_edge
    return first.tag_ in QUESTION_TAGS or first.lower_ in ("whether", "if")


def _according_clause(doc: Doc, according: Token, source: Token) -> tuple[int, int]:
    """The sentence without its "according to X" phrase."""
    index = doc_index(doc)
    text = index.text
    sent = index.sent(according.i)
    phrase_start = according.idx
    last = source.right_edge
    phrase_end = last.idx + len(last.text)
    if phrase_end < len(text) and text[phrase_end] == ",":
        phrase_end += 1
    body = sent.text.rstrip()
    s_start, s_end = sent.start_char, sent.start_char + len(body)
    if body and body[-1] in ".!?":
        s_end -= 1
    before = (s_start, phrase_start)
    after = (phrase_end, s_end)
    start, end = max((before, after), key=lambda r: r[1] - r[0])
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end
