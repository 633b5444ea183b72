"""Roles and descriptions: "Clara Wendt, the special envoy" gives Wendt a role; "the envoy" later refers to her.

A description links to a person only when the story makes it clear: the person holds a role with
that head noun (or, for generic words such as "official" or "leader", a role of that class), any
place word in the description agrees with the person's roles, and the person is the one most
recently named before it in the same article. Otherwise it stays unlinked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..docindex import doc_index
from .names import fold

ROLE_NOUNS = {
    "envoy", "mediator", "minister", "official", "leader", "president", "spokeswoman", "spokesman",
    "spokesperson", "chairman", "chairwoman", "diplomat", "representative", "secretary", "negotiator",
    "ambassador", "mayor", "governor", "dictator", "autocrat", "director", "premier", "chancellor",
    "commissioner", "prosecutor", "lawyer", "adviser", "advisor", "journalist", "reporter", "blogger",
}
# A generic description matches any role of its class.
ROLE_CLASSES = {
    "official": {"envoy", "minister", "secretary", "representative", "ambassador", "official",
                 "diplomat", "negotiator", "mediator", "commissioner", "governor", "mayor", "chancellor", "premier"},
    "diplomat": {"envoy", "ambassador", "diplomat", "representative", "secretary", "negotiator", "mediator"},
    "leader": {"president", "leader", "chairman", "chairwoman", "premier", "dictator", "autocrat", "chancellor"},
    "dictator": {"president", "leader", "dictator", "autocrat"},
    "autocrat": {"president", "leader", "dictator", "autocrat"},
    "negotiator": {"negotiator", "envoy", "mediator", "representative"},
    "mediator": {"mediator", "envoy", "negotiator"},
}
_HEAD_STOPS = {"of", "for", "in", "to", "at", "with", "from", "who", "that", "which", "on", "since", "and"}
_SKIP_MODIFIERS = {"the", "a", "an", "this", "that", "then", "former", "contested", "special", "senior", "top",
                   "same", "new", "current", "longtime", "authoritarian", "one", "chief", "deputy"}


@dataclass(slots=True)
class Description:
    """A role phrase standing for a person ("the U.S. official")."""

    article_id: str
    start: int
    end: int
    text: str
    head: str  # lemma of the role noun
    places: list[str]  # folded place/nationality words in it ("us", "belarusian")
    sentence: int
    definite: bool = True  # starts with "the" (not "Aldmark's ...", "RFE/RL journalist")


def appositive_roles(doc: Doc, person: Span) -> list[str]:
    """Role phrases in apposition to a person's name, either side ("X, the envoy" / "the envoy, X")."""
    roles: list[str] = []
    root = person.root
    for child in root.children:
        comma_before = child.i > 0 and any(t.text == "," for t in doc[person.end : child.left_edge.i + 1])
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.ent_type_ != "PERSON" and comma_before:
            roles.append(_phrase(doc, child))
    comma_after = person.start > 0 and doc[person.start - 1].text == ","
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.ent_type_ != "PERSON" and comma_after:
        head = root.head
        tokens = [t for t in head.subtree if t.i < root.i and not (t.i >= person.start and t.i < person.end)]
        tokens = [t for t in tokens if t.i <= head.i or t.dep_ in ("prep", "pobj", "amod", "compound", "det")]
        if tokens:
            roles.append(doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,"))
    return [c for c in (clean_role(r) for r in roles) if c and role_head(c) in ROLE_NOUNS]


def clean_role(role: str) -> str:
    """A role phrase on one line, without lead-ins ("among them") or a trailing title copy."""
    role = role.split("\n")[-1].strip(" ,;:")
    role = re.sub(r"^(among them|including|such as|namely)\s+", "", role, flags=re.I)
    if "," in role:
        role = role.split(",")[0].strip()
    return role if len(role) <= 90 else ""


def role_head(role: str) -> str:
    """The noun a role phrase is about: the last word before its first preposition or clause.

    "the son of Transport Minister X" -> "son"; "Aldmark's special envoy for maritime affairs" -> "envoy".
    """
    words = _role_words(role)
    for i, w in enumerate(words):
        if w in _HEAD_STOPS and i > 0:
            return words[i - 1]
    return words[-1] if words else ""


def _phrase(doc: Doc, head) -> str:
    tokens = sorted(head.subtree, key=lambda t: t.i)
    tokens = [t for t in tokens if t.dep_ not in ("relcl", "punct") or t.i < head.i]
    return doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,") if tokens else head.text


def find_descriptions(article_id: str, doc: Doc) -> list[Description]:
    """Definite role phrases that may stand for a named person ("the envoy", "Aldmark's mediator")."""
    index = doc_index(doc)
    out: list[Description] = []
    for chunk in index.noun_chunks:
        root = chunk.root
        if root.lemma_.lower() not in ROLE_NOUNS or root.dep_ == "poss" or root.tag_ in ("NNS", "NNPS"):
            continue
        if any(t.ent_type_ == "PERSON" for t in chunk) or "\n" in chunk.text:
            continue  # "the union leader Aliaksandr Tsvirka": a titled name, not a description
        first = chunk[0]
        if not (first.lower_ == "the" or first.dep_ == "poss" or (first.ent_type_ in ("GPE", "NORP", "ORG") and first.i < root.i)):
            continue
        if _is_generic(chunk) or _is_predicate_or_restricted(chunk):
            continue
        places = [fold(t.text).replace(" ", "") for t in chunk if t.ent_type_ in ("GPE", "NORP", "ORG") and t.i != root.i]
        start, end = chunk.start_char, chunk.end_char
        if index.text[start:end].endswith(("'s", "’s")):
            end -= 2
        out.append(Description(article_id, start, end, index.text[start:end], root.lemma_.lower(), places,
                               index.sent_of[chunk.start], first.lower_ == "the"))
    return out


def _is_generic(chunk: Span) -> bool:
    """'one senior official', 'an official': indefinite or counted, so not one known person."""
    indefinite = ("a", "an", "one", "another", "some", "any", "each", "every")
    if any(t.lower_ in indefinite for t in chunk[:2]):
        return True
    root = chunk.root  # "a U.S. citizen and RFE/RL journalist": the article reaches the conjunct
    return root.dep_ == "conj" and any(c.lower_ in indefinite for c in root.head.children)


def _role_words(role: str) -> list[str]:
    return fold(role.replace(".", "")).split()


def _is_predicate_or_restricted(chunk: Span) -> bool:
    """'became the recognized leader', 'the last official to visit', 'the most senior official':
    predicates, superlatives and restrictive modifiers describe a class, not a known person."""
    root = chunk.root
    if root.dep_ in ("attr", "oprd", "appos"):
        return True
    if any(t.tag_ in ("JJS", "RBS") or t.lower_ in ("first", "last", "next", "only", "highest-ranking") for t in chunk):
        return True
    return any(c.dep_ in ("acl", "relcl") and c.i > root.i for c in root.children)


def role_heads(roles: list[str]) -> set[str]:
    """The role nouns heading a person's titles and appositions."""
    return {h for h in (role_head(r) for r in roles) if h in ROLE_NOUNS}


def role_places(roles: list[str]) -> set[str]:
    words = {w for r in roles for w in _role_words(r)}
    return {w for w in words if w not in ROLE_NOUNS and w not in _SKIP_MODIFIERS}


def places_agree(description: Description, roles: list[str]) -> bool:
    """Every place word in the description appears (as itself or its stem) in the person's roles."""
    if not description.places:
        return True
    known = role_places(roles)
    if not known:
        return True  # the person's roles say nothing about a place: nothing contradicts
    for place in description.places:
        for word in place.split():
            stem = word[:5]
            if not any(k[:5] == stem for k in known):
                return False
    return True


def fits(description: Description, roles: list[str]) -> bool:
    """Whether a person with these roles can be what the description names."""
    heads = role_heads(roles)
    allowed = ROLE_CLASSES.get(description.head, {description.head})
    return bool(heads & allowed) and places_agree(description, roles)
