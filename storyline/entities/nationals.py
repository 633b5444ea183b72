"""Nationality nouns standing for a person: "the 40-year-old American never recovered" is the one
American the story names ("American contender Tony Thompson").

A nationality word heading a definite, singular noun phrase ("the American", "the Ukrainian's
jab") is a description. It becomes that person only when the story holds exactly one person
written with that nationality in front of the name or in apposition ("Ukrainian Oleh Vasko",
"Vasko, a Ukrainian") and that person is named in the article before it; otherwise it stays the
nationality it was tagged as.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..docindex import doc_index
from .names import demonym_shaped, fold

NATIONAL_TAGS = ("NORP", "GPE")  # the small model tags "the Ukrainian" either way


def _national(tok: Token) -> bool:
    """A capitalised nationality word: tagged a nationality (or a place, as "Ukrainian" often is) or
    left untagged as a proper adjective, and shaped like one."""
    return tok.text[:1].isupper() and tok.is_alpha and demonym_shaped(tok.text) and (
        tok.ent_type_ in NATIONAL_TAGS or (not tok.ent_type_ and tok.tag_ in ("JJ", "NNP")))


@dataclass(slots=True, frozen=True)
class NationalNoun:
    """A nationality word used as a noun for one person."""

    article_id: str
    start: int
    end: int
    text: str
    word: str  # folded nationality ("american")


def nationalities_of(person: Span) -> list[str]:
    """Folded nationality words the parse attaches to a person's name: a modifier before it
    ("American contender Tony Thompson") or a nationality noun in apposition ("Vasko, a Ukrainian")."""
    root = person.root
    out = [fold(t.text) for left in root.lefts if left.i < person.start for t in left.subtree
           if t.i < person.start and _national(t)]
    out += [fold(c.text) for c in root.children if c.dep_ == "appos" and c.i >= person.end and _national(c)]
    return out


def find_national_nouns(article_id: str, doc: Doc) -> list[NationalNoun]:
    """The article's nationality nouns for one person (one pass over its entities)."""
    out: list[NationalNoun] = []
    for ent in doc_index(doc).ents:
        if ent.label_ not in NATIONAL_TAGS or len(ent) != 1 or not _national(ent[0]):
            continue
        tok = ent[0]
        if tok.tag_ not in ("NN", "NNP") or tok.dep_ in ("amod", "compound", "nmod"):
            continue  # "the American southpaw": a modifier; "the Americans": many
        dets = [c for c in tok.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the":
            continue  # "an American": someone, not one known person
        out.append(NationalNoun(article_id, tok.idx, tok.idx + len(tok.text), tok.text, fold(tok.text)))
    return out
