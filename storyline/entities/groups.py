"""Unnamed groups that act in a story: "Police said ...", "Voters went to the polls", "Fire crews arrived".

The tagger names no entity for them, yet they are among who is involved, and every outlet writes
them with the same noun. A group mention is a collective noun for people (one general-English
table, not a story's words) heading its own noun phrase: not a modifier ("police station"), not
counted ("two officers" is two people, not the force), not inside a named entity ("Surrey
Police" is that organisation) nor a named body's own people ("employees of the Harbour Board").
Same noun, same group across the story's articles (resolve's same-name rule); never joined to a
named organisation, since "the police" of one article may be another force than the one another
article names.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..docindex import doc_index
from .mentions import NameMention

GROUP_LABEL = "GROUP"
# Collective nouns for people acting together, keyed by their lemma ("crews" -> "crew").
GROUP_NOUNS = frozenset({
    "police", "authority", "investigator", "prosecutor", "firefighter", "crew", "rescuer", "paramedic",
    "troop", "soldier", "protester", "protestor", "demonstrator", "rioter", "voter", "resident", "worker",
    "employee", "witness", "juror", "detective", "regulator", "striker", "villager", "refugee", "migrant",
})
# "police" is its own plural; the others count as a group only in the plural ("a voter" is one person).
UNCOUNTED = frozenset({"police"})
# Tags of a name after "of" that makes the group that body's own ("RFE/RL" is often tagged PERSON).
BODY_TAGS = ("ORG", "PERSON", "FAC")


def find_groups(article_id: str, doc: Doc) -> list[NameMention]:
    """Group mentions of one article, in text order (one pass over its tokens)."""
    index = doc_index(doc)
    out: list[NameMention] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma not in GROUP_NOUNS or tok.ent_type_ or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.dep_ in ("compound", "amod", "poss") or not tok.is_alpha:
            continue
        if lemma not in UNCOUNTED and tok.tag_ not in ("NNS", "NNPS"):
            continue
        if any(c.like_num or c.dep_ == "nummod" or c.ent_type_ in ("PERSON", "ORG") for c in tok.children):
            continue  # "three officers", "Reuters' workers": counted people or another body's
        if tok.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.lefts):
            continue  # "Vancouver Police": a named force the tagger left untagged
        if any(c.dep_ == "prep" and c.lower_ == "of" and _names_a_body(c) for c in tok.children):
            continue  # "employees of the Harbour Board": that body's people, named with it
        start, end = tok.idx, tok.idx + len(tok.text)
        out.append(NameMention(article_id, start, end, index.text[start:end], GROUP_LABEL, [lemma],
                               sentence=index.sent_of[tok.i], prev_word=doc[tok.i - 1].lower_ if tok.i else ""))
    return out


def _names_a_body(prep: Token) -> bool:
    """'of the Harbour Board', 'of the news service RFE/RL': the object of "of" is or holds an organisation's name."""
    return any(t.ent_type_ in BODY_TAGS for obj in prep.children for t in obj.subtree)
