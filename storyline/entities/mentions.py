"""Mentions: the spans of an article that name something, as spaCy tagged them, cleaned for matching.

A person's title in front of the name ("Transport Minister Roman Kadlec") becomes part of the
mention and is kept apart as the title; possessives are trimmed ("Kellogg’s" -> "Kellogg").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..docindex import doc_index
from .nationals import nationalities_of
from .roles import ROLE_NOUNS, appositive_roles
from ..vocab import SPEECH_LEMMAS
from .names import CONNECTORS, LOWER_TITLE_OK, TITLE_WORDS, fold, split_title, strip_possessive

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "EVENT", "LOC"}
# Labels the small model sometimes gives a lone surname ("Wendt" as PRODUCT): kept only as surnames.
SURNAME_ONLY_LABELS = {"PRODUCT", "WORK_OF_ART"}
# Head nouns of organisation names in general English ("... Company", "... Institute", "... Police"):
# a span tagged PERSON that holds one names an organisation. Outlets of the story are known from the
# articles' metadata (see refine), so no outlet's name needs to be listed here.
ORG_HEADS = {
    "group", "inc", "ltd", "llc", "plc", "co", "company", "companies", "corp", "corporation", "holdings",
    "bank", "institute", "centre", "center", "agency", "ministry", "department", "party", "council",
    "committee", "commission", "foundation", "fund", "trust", "university", "college", "school", "academy",
    "hospital", "clinic", "union", "federation", "association", "society", "league", "club", "airlines",
    "airways", "authority", "board", "bureau", "office", "court", "police", "army", "navy", "force", "forces",
    "media", "radio", "tv", "television", "network", "magazine", "newspaper", "news", "press", "service",
    "services", "industries", "enterprises", "partners", "associates", "motors", "systems", "labs",
    "laboratories", "church", "museum", "team", "orchestra",
    # heads of news outlets' and agencies' names ("... Wire", "... Herald")
    "newswire", "wire", "times", "herald", "tribune", "journal", "gazette", "courier", "observer", "chronicle",
    "examiner", "inquirer", "telegraph", "dispatch", "bulletin", "ledger", "review", "daily", "weekly",
}


def is_org_head(word: str) -> bool:
    """A folded word that heads organisation names (see ORG_HEADS)."""
    return word in ORG_HEADS


# Nouns that make a person's name the name of a body they lead ("the Pirelli administration").
EPONYMOUS_BODIES = {"administration"}
PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG"}  # same name across these labels is one entity (see resolve)


@dataclass(slots=True)
class NameMention:
    """One naming span in one article."""

    article_id: str
    start: int  # of the whole span, title included
    end: int
    text: str
    label: str
    name: list[str]  # the name's words, titles and possessive removed
    title: str | None = None
    sentence: int = 0
    roles: list[str] = field(default_factory=list)  # appositions naming this person's role
    prev_word: str = ""  # the word before the span, lower-case ("in" Aldmark hints at a place)
    place_cue: bool = False  # the parse says place: "in X", "the road to X", "Moscow and X"
    person_cue: bool = False  # the parse says person: "his wife, X,", "X and Putin", "X said"
    nationalities: list[str] = field(default_factory=list)  # "American" of "American contender X" (see nationals)


def extract_mentions(article_id: str, doc: Doc) -> list[NameMention]:
    """All named-entity mentions of a parsed article, in text order."""
    sent_of = doc_index(doc).sent_of
    out: list[NameMention] = []
    for ent in joined_acronyms(doc):
        if ent.label_ not in ENTITY_LABELS and not (ent.label_ in SURNAME_ONLY_LABELS and len(ent) == 1):
            continue
        if ent.label_ == "PERSON" and ent.end < len(doc) and doc[ent.end].lower_ in EPONYMOUS_BODIES \
                and doc[ent.end].pos_ == "NOUN":
            ent = Span(doc, ent.start, ent.end + 1, label="ORG")  # "the Pirelli administration": a body, not the person
        mention = _mention(article_id, doc, ent)
        if mention is None:
            continue
        mention.sentence = sent_of[ent.start]
        if ent.label_ == "PERSON":
            mention.roles = appositive_roles(doc, ent)
            mention.nationalities = nationalities_of(ent)
        out.append(mention)
    out.extend(_parse_persons(article_id, doc))
    out.extend(_plural_names(article_id, doc))
    out.sort(key=lambda m: m.start)
    # "State" in "Secretary of State X", "Transport" in "Transport Minister X": part of a title, not a name
    titled = [(m.start, m.end) for m in out if m.title]
    return [m for m in out if m.title or not any(s <= m.start and m.end <= e for s, e in titled)]


def _parse_persons(article_id: str, doc: Doc) -> list[NameMention]:
    """Proper names the tagger missed but the parse shows are people: the subject of a speech verb
    ("Horvat said"), the object of "according to", or a name in apposition with a role
    ("Nadia Horvat, the union's spokeswoman")."""
    index = doc_index(doc)
    out: list[NameMention] = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.ent_type_ or tok.dep_ == "compound" or not tok.text[:1].isupper():
            continue
        parts = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and not t.ent_type_] + [tok]
        if any(not t.text[:1].isupper() or fold(t.text) in TITLE_WORDS for t in parts):
            continue
        speaker = tok.dep_ == "nsubj" and tok.head.lemma_ in SPEECH_LEMMAS
        according = tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"
        role = any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS for c in tok.children)
        if not (speaker or according or role):
            continue
        start, end = parts[0].idx, tok.idx + len(tok.text)
        m = NameMention(article_id, start, end, index.text[start:end], "PERSON", [t.text for t in parts],
                        sentence=index.sent_of[tok.i], prev_word=doc[parts[0].i - 1].lower_ if parts[0].i else "")
        m.roles = appositive_roles(doc, doc[parts[0].i : tok.i + 1])
        out.append(m)
    return out


def _plural_names(article_id: str, doc: Doc) -> list[NameMention]:
    """Plural names the tagger missed: "the Sixers", "the Harriers" (a team or a band), a capitalised
    plural after "the" that the article never writes in lower case. One pass over the tokens."""
    index = doc_index(doc)
    lower = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
    out: list[NameMention] = []
    for tok in doc:
        if tok.ent_type_ or not tok.is_alpha or not tok.text[:1].isupper() or tok.is_upper or tok.i == 0:
            continue
        if tok.tag_ not in ("NNPS", "NNS", "NNP") or not tok.lower_.endswith("s") or doc[tok.i - 1].lower_ != "the":
            continue
        word = tok.lower_
        if word in lower or word.rstrip("s") in lower or fold(tok.text) in TITLE_WORDS or tok.lemma_.lower() in lower:
            continue  # "the Players" beside "players": an everyday word capitalised
        start, end = tok.idx, tok.idx + len(tok.text)
        out.append(NameMention(article_id, start, end, index.text[start:end], "ORG", [tok.text],
                               sentence=index.sent_of[tok.i], prev_word="the"))
    return out


def joined_acronyms(doc: Doc) -> list[Span]:
    """The document's entities with "RFE/RL"-style names made whole: the tokenizer splits at the
    slash and the tagger then sees one or two names (here an organisation and a person); written
    without spaces, capitalised acronyms around a slash are one organisation."""
    def acronym(t: Token) -> bool:
        return t.is_upper and t.is_alpha and len(t) >= 2

    out: list[Span] = []
    covered = -1
    for ent in doc_index(doc).ents:
        if ent.start < covered:
            continue  # swallowed by the acronym before it
        lo, hi = ent.start, ent.end
        if len(ent) == 1 and acronym(ent[0]):
            while lo >= 2 and doc[lo - 1].text == "/" and not doc[lo - 1].whitespace_ and not doc[lo - 2].whitespace_ \
                    and acronym(doc[lo - 2]):
                lo -= 2
            while hi + 1 < len(doc) and doc[hi].text == "/" and not doc[hi - 1].whitespace_ and not doc[hi].whitespace_ \
                    and acronym(doc[hi + 1]):
                hi += 2
        if (lo, hi) != (ent.start, ent.end):
            out = [o for o in out if o.end <= lo]
            out.append(Span(doc, lo, hi, label="ORG"))
            covered = hi
        else:
            out.append(ent)
    return out


def _mention(article_id: str, doc: Doc, ent: Span) -> NameMention | None:
    doc_text = doc_index(doc).text
    text = strip_possessive(ent.text)
    words = text.split()
    if not words or not any(c.isalpha() for c in text):
        return None
    title_words, name = split_title(words)
    start = ent.start_char
    if ent.label_ == "PERSON":
        title_start = _title_before(doc, ent)
        if title_start < ent.start:
            title_words = doc[title_start : ent.start].text.split() + title_words
            start = doc[title_start].idx
        if not name or all(fold(w) in TITLE_WORDS for w in name):
            return None
    else:
        owner = next((t for t in ent if t.dep_ == "case" and t.head.i < t.i and t.i < ent.end - 1), None)
        if owner is not None and owner.i > ent.start:  # "Minsk's Palace of Independence": the palace, not Minsk
            start = doc[owner.i + 1].idx
            words = doc_text[start : ent.start_char + len(text)].split()
        name = words
        title_words = []
        if all(fold(w) in TITLE_WORDS for w in words):
            return None  # "Transport" of "Transport Minister Roman Kadlec": part of a title, not a body
    label = ent.label_
    if label == "PERSON" and any(is_org_head(fold(w)) for w in name):
        label = "ORG"  # "Pirelli Holdings", "Dana Ford Center": an organisation named after someone
    end = ent.start_char + len(text)
    if not words:
        return None
    title = " ".join(title_words) or None
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return NameMention(article_id, start, end, doc_text[start:end], label, name, title, prev_word=prev,
                       place_cue=place_cue(ent), person_cue=person_cue(ent))


PLACE_PREPOSITIONS = {"in", "from", "into", "across", "near", "outside", "inside", "throughout", "within"}
# Heads of "to X" that make X a destination: a route or a journey goes to a place, not to a person.
DESTINATION_HEADS = {"path", "route", "road", "way", "trip", "journey", "flight", "visit", "travel", "return",
                     "go", "fly", "drive", "march", "advance", "retreat", "move", "head", "sail", "ship"}
PLACE_TYPES = {"GPE", "LOC"}
KIN_NOUNS = {"wife", "husband", "son", "daughter", "brother", "sister", "mother", "father", "spouse", "widow",
             "widower", "partner", "child", "grandson", "granddaughter", "nephew", "niece", "uncle", "aunt", "cousin"}


def place_cue(ent: Span) -> bool:
    """Does the parse put this name where a place goes? After a place preposition ("in Aldmark"),
    as the destination of a route or a journey ("the shortest route to Kyiv"), or coordinated with
    a place ("Moscow and Kyiv", "Moscow's demands or Kyiv")."""
    doc, root = ent.doc, ent.root
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and prev.lower_ in PLACE_PREPOSITIONS:
        return True
    if prev is not None and prev.lower_ in ("to", "toward", "towards") and prev.head.lemma_.lower() in DESTINATION_HEADS:
        return True
    for p in _coordinated(root):  # "Moscow and Kyiv", or "Moscow's demands or Kyiv" (the partner's possessor)
        if p.ent_type_ in PLACE_TYPES or any(c.dep_ == "poss" and c.ent_type_ in PLACE_TYPES for c in p.children):
            return True
    return False


def _coordinated(word: Token) -> list[Token]:
    """The words coordinated with ``word`` ("X and Y"): its conjunct head and its own conjuncts."""
    return ([word.head] if word.dep_ == "conj" else []) + [c for c in word.children if c.dep_ == "conj"]


def _title_before(doc: Doc, ent: Span) -> int:
    """Index of the first token of a title standing right before a person's name, else ent.start.

    Accepts title words ("Deputy Assistant Secretary of State"), a place leading a title ("US
    Special Envoy", "Belarusian President") and a place inside one ("Special Envoy for Ukraine").
    """
    start = ent.start
    sent_start = doc_index(doc).sent(ent.start).start
    j = ent.start - 1
    while j >= sent_start:
        tok = doc[j]
        if "\n" in tok.text:
            break
        low = fold(tok.text)
        if low in TITLE_WORDS and (tok.text[:1].isupper() or low in LOWER_TITLE_OK):
            start, j = j, j - 1
            continue
        if start < ent.start:  # a title has begun
            if tok.ent_type_ in ("GPE", "NORP"):
                start, j = j, j - 1
                continue
            if tok.lower_ in ("of", "for") or tok.text == "-":
                j -= 1
                continue
        elif tok.ent_type_ in ("GPE", "NORP", "ORG", "LOC") and j >= 2 and doc[j - 1].lower_ in ("for", "of") \
                and fold(doc[j - 2].text) in TITLE_WORDS:
            start, j = j, j - 2
            continue
        break
    while start < ent.start and doc[start].lower_ in CONNECTORS:
        start += 1
    if start < ent.start and start == ent.start - 1 and doc[start].ent_type_ in ("GPE", "NORP", "ORG", "LOC"):
        return ent.start  # a bare place before a name is not a title
    before = [t.lower_ for t in doc[max(sent_start, start - 2) : start]]
    if before[-1:] == ["of"] or before == ["of", "the"]:
        return ent.start  # "envoy of the US president Keith Kellogg": a possessor, not his title
    return start


def person_cue(ent: Span) -> bool:
    """Does the parse put this name where a person goes? In apposition to a kinship or role noun
    ("Tsikhanouski's wife, Sviatlana,"), coordinated with a person ("talks between Zelenskyy and
    Putin") or as the one who speaks ("Sviatlana said")."""
    root = ent.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in KIN_NOUNS | ROLE_NOUNS:
        return True
    if any(p.ent_type_ == "PERSON" for p in _coordinated(root)):
        return True
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEECH_LEMMAS
