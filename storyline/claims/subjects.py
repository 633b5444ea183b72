"""The thing a figure counts, read from the dependency parse and normalised for comparison.

A subject is the counted noun (lemma, with its descriptive modifiers) plus what happens to it:
the governing verb or action noun, mapped to a small set of classes so that different wording of
one measured thing compares ("released 14", "the release of fourteen", "freed 14") while
different things stay apart ("political prisoners released" ≠ "political prisoners held"). A bare
number ("They started with 14", "more than 1,100 remain behind bars") borrows its noun, and when
its own verb says nothing, its action, from the nearest plural noun before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..docindex import doc_index
from ..vocab import CONDITIONAL_MODALS, SPECULATIVE_ADVERBS, SPEECH_LEMMAS
from .numbers import MONTHS, Quantity, is_name

# Governing verbs or action nouns -> the class the subject is compared by.
ACTION_CLASSES = {
    "release": "released", "free": "released", "pardon": "released", "liberate": "released", "exchange": "exchanged",
    "hold": "held", "jail": "held", "imprison": "held", "detain": "held", "detention": "held", "incarcerate": "held",
    "arrest": "arrested", "kill": "killed", "die": "killed", "death": "killed", "injure": "injured", "wound": "injured",
    "evacuate": "evacuated", "displace": "displaced", "fall": "fallen", "drop": "fallen", "decline": "fallen",
    "plunge": "fallen", "shrink": "fallen", "rise": "risen", "increase": "risen", "grow": "risen", "jump": "risen",
    "climb": "risen", "cost": "cost", "spend": "spent", "lose": "lost", "cut": "cut", "dismiss": "dismissed",
    "fire": "dismissed", "employ": "employed", "strike": "on strike",
}
# Lemma sequences in the verb's or noun's context -> class (checked before single verbs).
PHRASE_CLASSES = [
    (("behind", "bar"), "held"), (("in", "prison"), "held"), (("in", "jail"), "held"), (("in", "custody"), "held"),
    (("in", "detention"), "held"), (("on", "strike"), "on strike"), (("walk", "off"), "walked out"),
    (("walk", "out"), "walked out"), (("walk", "free"), "released"), (("set", "free"), "released"),
    (("let", "go"), "released"), (("be", "down"), "fallen"), (("be", "up"), "risen"),
    (("shoot", "to", "death"), "killed"), (("beat", "to", "death"), "killed"),
    (("stab", "to", "death"), "killed"), (("burn", "to", "death"), "killed"), (("crush", "to", "death"), "killed"),
]
CAPTIVES = {"prisoner", "detainee", "hostage", "captive", "inmate", "political prisoner"}
# Verbs that say nothing about the counted thing on their own.
GENERIC = {"be", "have", "get", "start", "begin", "say", "make", "take", "include", "remain", "become", "see",
           "do", "go", "come", "number", "total", "reach", "stand", "put", "there"}
HEAD_SYNONYMS = {"detainee": "prisoner", "inmate": "prisoner", "docker": "dockworker", "person": "people"}
NOISE_MODS = {"more", "other", "additional", "further", "extra", "new", "some", "several", "many", "few", "last",
              "first", "recent", "total", "least", "than", "about", "over", "estimated", "the", "a", "mostly"}
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
PARTICLES = {"off", "out", "free", "away", "behind", "up", "down", "go"}
# Who an outlet heard from is attribution, not a figure of the story ("two sources told Reuters").
ATTRIBUTION_HEADS = {"source"}
SPEAKERS = {"official", "diplomat", "person", "people", "witness", "analyst", "expert", "aide", "lawmaker"}
# Verbs of a speaker's view: "one senior official saw this as a signal" counts who holds a view, not the story.
VIEW_LEMMAS = {"cite", "speak", "brief", "see", "view", "think", "believe", "consider", "regard", "expect", "doubt",
               "fear", "hope", "suspect", "describe", "call", "interpret", "characterize", "characterise"}
UNIT_NOUNS = {"percent", "%", "per", "cent", "dollar", "euro", "pound", "million", "billion", "thousand"}


@dataclass(slots=True)
class Subject:
    """What a figure measures: key parts for grouping and a display string for people."""

    head: str  # lemma of the counted noun, normalised ("prisoner"); "" when nothing is counted
    action: str  # class of what happens to it ("released", "held") or a verb lemma; "" when unknown
    mods: frozenset[str] = field(default_factory=frozenset)  # descriptive modifiers ("political")
    display: str = ""
    unit: str | None = None  # surface of the counted noun ("dockworkers") or the figure's own unit
    tokens: list[int] = field(default_factory=list)  # token indexes that make up the subject (for the span)
    hypothetical: bool = False  # "would release 20", "if he frees two", "probably will take two more"
    attribution: bool = False  # counts who told the outlet ("citing four sources", "two officials said")
    scope: frozenset[tuple[str, str]] = field(default_factory=frozenset)  # what part of it is counted (scope_of)

    @property
    def key(self) -> tuple[str, str]:
        return self.head, self.action


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _mod_text(tok: Token, links: dict[int, str]) -> str:
    return links.get(tok.idx, _lemma(tok))


def _mod_shown(tok: Token, links: dict[int, str]) -> str:
    """A modifier as people read it: "occupied regions", not the key's "occupy regions"."""
    return links.get(tok.idx, tok.lower_)


def _left_mods(noun: Token, q: Quantity) -> list[Token]:
    """amod/compound/nmod modifiers left of the noun that are not the number itself."""
    return [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod") and not q.start <= c.i < q.end
            and c.lower_ not in NOISE_MODS and not c.like_num and c.pos_ in ("ADJ", "NOUN", "PROPN", "VERB")
            and c.tag_ != "VB"]


def _governor(tok: Token) -> tuple[Token | None, list[Token]]:
    """The verb or action noun a noun phrase hangs from, and the words between (preposition)."""
    path: list[Token] = []
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    for c in tok.lefts:  # "to free detained sailors" misparsed: a base-form verb is never an adjective
        if c.dep_ == "amod" and c.tag_ == "VB":
            return c, path
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent", "dative"):
        prep = tok.head
        path.append(prep)
        head = prep.head
        if head.pos_ in ("VERB", "AUX", "NOUN"):
            return head, path
        return None, path
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd", "npadvmod", "dep", "ROOT") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head, path
    if tok.dep_ in ("nsubj", "dobj") and tok.head.pos_ == "NOUN":
        return tok.head, path
    return None, path


def _context(gov: Token) -> list[Token]:
    """The governor with its particle, adverbial and prepositional complements ("remain behind bars")."""
    out = [gov]
    for c in gov.children:
        if c.dep_ in ("prt", "acomp", "advmod") and c.lower_ in PARTICLES:
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("on", "behind", "in", "off", "out", "into", "to"):
            objs = [g for g in c.children if g.dep_ == "pobj" and not g.ent_type_ and (c.lower_ != "to" or _lemma(g) == "death")]
            if objs:
                out.extend([c, *objs])
        elif c.dep_ == "dobj" and c.lemma_.lower() in ("job", "strike"):
            out.append(c)
    return sorted(out, key=lambda t: t.i)


def _classify(tokens: list[Token], head: str, gov: Token | None = None) -> str:
    """The action class of a context: a known phrase, else a known verb, else the verb's lemma."""
    lemmas = [_lemma(t) for t in tokens]
    for phrase, cls in PHRASE_CLASSES:
        n = len(phrase)
        if any(tuple(lemmas[i : i + n]) == phrase for i in range(len(lemmas) - n + 1)):
            return cls
    if gov is None:
        return ""
    lemma = _lemma(gov)
    if lemma in ("have", "hold", "keep") and head in CAPTIVES:
        return "held"
    if lemma in ACTION_CLASSES:
        return ACTION_CLASSES[lemma]
    if lemma in GENERIC or gov.pos_ != "VERB":
        return ""
    return " ".join([lemma] + [c.lower_ for c in gov.children if c.dep_ == "prt"])


def _post_mods(noun: Token) -> list[Token]:
    """Words after the noun that tell which ones are counted ("dockworkers on strike", "years in power")."""
    out: list[Token] = []
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in ("on", "in", "behind", "at", "from", "of"):
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs and objs[0].ent_type_ not in ("DATE", "GPE", "PERSON", "ORG") and not objs[0].like_num:
                out.extend([c, objs[0]])
        elif c.dep_ == "advmod" and c.lower_ == "still":
            continue
    return out


def _antecedent(doc: Doc, before: int) -> Token | None:
    """The nearest plural noun before token ``before`` in this sentence or the one before."""
    index = doc_index(doc)
    lo = index.sent(before).start
    if lo > 0:
        lo = index.sent(lo - 1).start
    for i in range(before - 1, lo - 1, -1):
        t = doc[i]
        if t.pos_ == "NOUN" and t.tag_ in ("NNS", "NNPS") and _lemma(t) not in TIME_UNITS | UNIT_NOUNS | LENGTH_NOUNS | {"bar"}:
            return t
    return None


def _head_lemma(noun: Token) -> str:
    """The noun's lemma with near-synonyms folded ("detainees" count as "prisoners")."""
    lemma = _lemma(noun)
    return HEAD_SYNONYMS.get(lemma, lemma)


def _noun_of(doc: Doc, q: Quantity) -> tuple[Token | None, bool]:
    """The counted noun for a quantity, and whether it was borrowed from an earlier phrase."""
    num = doc[q.end - 1]
    if q.unit is not None:  # a percentage or a sum measures something named nearby, never borrowed
        pct = doc[q.end] if q.end < len(doc) and doc[q.end].lower_ in ("percent", "%", "per") else num
        if q.unit != "percent" and num.dep_ in ("compound", "nmod", "nummod", "amod") and num.head.pos_ == "NOUN" \
                and num.head.i >= q.end:
            return num.head, False  # "a $1.2Bln loan"
        of = [g for c in pct.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if of:
            return of[0], False
        gov, _ = _governor(pct)
        if gov is not None and gov.pos_ in ("VERB", "AUX"):
            subj = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
            if subj:
                return subj[0], False
        return None, False
    if num.dep_ in ("nummod", "compound", "quantmod", "amod", "appos") and num.head.pos_ in ("NOUN", "PROPN") \
            and num.head.i >= q.end and _lemma(num.head) not in UNIT_NOUNS:
        return num.head, False
    if q.end < len(doc) and doc[q.end].pos_ == "NOUN" and doc[q.end].tag_ in ("NNS", "NNPS"):
        return doc[q.end], False  # parser attached the number elsewhere; the next word is still its noun
    of = [g for c in num.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
          if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
    if of:
        return of[0], False  # "14 of the prisoners"; "two of them" borrows from before
    if num.dep_ == "pobj" and num.head.lower_ == "of" and num.head.head.pos_ == "NOUN" \
            and _lemma(num.head.head) not in UNIT_NOUNS | TIME_UNITS:
        return num.head.head, False  # "a population of more than 100,000", "a crowd of 22,000": the whole measured
    if num.dep_ == "conj" and num.head.pos_ == "VERB":  # "18 people were injured and 12 arrested": the verb's subject
        doer = next((c for c in num.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)
        if doer is not None:
            return doer, True
    return _antecedent(doc, q.qualifier_start), True


def _own_verb(num: Token) -> Token | None:
    """The verb an elided number carries itself: "18 people were injured and 12 arrested" (12 arrested)."""
    return next((c for c in num.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and c.i > num.i), None)


def _person_near(doc: Doc, q: Quantity, links: dict[int, str]) -> Token | None:
    """The person an age belongs to: the name it stands beside, or the nearest name in its sentence."""
    first = doc[q.start]
    if first.dep_ == "appos" and (first.head.ent_type_ == "PERSON" or is_name(first.head)):
        return first.head
    if q.start > 1 and doc[q.start - 1].text == "," and doc[q.start - 2].ent_type_ == "PERSON":
        return doc[q.start - 2]
    described = _aged_noun(doc, q)  # "the 36-year-old champion Vell", "the 40-year-old American"
    if described is not None and described.pos_ == "NOUN":  # "champion Vell" either way the parse joins them
        named = [c for c in described.children if c.dep_ in ("appos", "compound") and is_name(c)]
        named += [described.head] if described.dep_ == "compound" and is_name(described.head) else []
        described = named[0] if named else described
    if described is not None and (described.ent_type_ in ("PERSON", "NORP") or described.pos_ == "PROPN"):
        return described
    verb = first.head
    holder = next((c for c in verb.children if c.dep_ == "nsubj"), None) if first.dep_ in ("attr", "acomp", "dobj") else None
    if holder is not None and holder.lower_ == "who" and verb.dep_ == "relcl":
        holder = verb.head  # "Vell, who turns 29 in April"
    if holder is not None and (holder.ent_type_ == "PERSON" or is_name(holder)):
        return holder  # "Vell will be 29 in April"
    index = doc_index(doc)
    sent = index.sent(q.start)
    people = [e for e in index.ents_within(sent.start, sent.end) if e.label_ == "PERSON"]
    if not people and sent.start > 0 and (holder is not None and holder.pos_ == "PRON" or described is not None):
        return _last_named(doc, index.sent(sent.start - 1))  # "She was 85.": whom the sentence before is about
    if not people:
        return None
    best = min(people, key=lambda e: min(abs(e.start - q.end), abs(q.start - e.end)) + (0 if e.start >= q.end else 2))
    return best[-1]


def _last_named(doc: Doc, sent: Span) -> Token | None:
    """The last person a sentence names as a subject (a name the model tagged anything but a place), else
    the last person it names at all."""
    subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and (t.ent_type_ == "PERSON" or is_name(t))]
    if subjects:
        return subjects[-1]
    people = [e for e in doc_index(doc).ents_within(sent.start, sent.end) if e.label_ == "PERSON"]
    return people[-1][-1] if people else None


def _aged_noun(doc: Doc, q: Quantity) -> Token | None:
    """The noun a "N-year-old" modifies: "the 40-year-old American" -> American."""
    for t in doc[q.end : min(len(doc), q.end + 4)]:
        if t.lower_ in ("old", "year-old", "years-old") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i > t.i:
            return t.head
    if doc[q.start].lower_.endswith("-year-old") and doc[q.start].head.pos_ in ("NOUN", "PROPN"):
        return doc[q.start].head
    return None


def _name_key(doc: Doc, tok: Token, links: dict[int, str]) -> str:
    """How a named anchor compares: the last word of the entity's canonical name when linked, else of the
    name as written (so "Hugh Jackman", linked, and "Jackman", not, meet)."""
    if tok.idx in links:
        return links[tok.idx].split()[-1] if links[tok.idx].split() else links[tok.idx]
    ent = doc_index(doc).entity_at(tok.i)
    return (ent[-1] if ent is not None else tok).lower_


NOT_HOLDERS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")  # "on April 21, 2004 ... 43-39"


def _record_holder(doc: Doc, q: Quantity) -> Token | None:
    """Whose record "9-14" is: the nearest name before it in its sentence ("the 76ers ... 9-14")."""
    sent = doc_index(doc).sent(q.start)
    for i in range(q.start - 1, sent.start - 1, -1):
        t = doc[i]
        if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.pos_ == "PROPN" and t.ent_type_ not in NOT_HOLDERS:
            return t
    return None


def anchored_subject(doc: Doc, q: Quantity, links: dict[int, str] | None = None) -> Subject | None:
    """Ages and records: measured of a named person or team, compared only for the same name."""
    links = links or {}
    if q.kind == "age":
        who = _person_near(doc, q, links)
        name = _name_key(doc, who, links) if who is not None else ""
        shown = (doc_index(doc).entity_at(who.i) or who).text if who is not None else "someone"
        # an age of nobody named is never compared: "age" alone would put everyone's ages side by side
        return Subject("age", name, frozenset(), f"age of {shown}", "years", [who.i] if who is not None else [])
    if q.kind == "record":
        holder = _record_holder(doc, q)
        name = _name_key(doc, holder, links) if holder is not None else ""
        shown = (doc_index(doc).entity_at(holder.i) or holder).text if holder is not None else "record"
        # Blocked by the place in the record, the holder as its scope: teams are named many ways ("the
        # Sixers", "Philadelphia"), and a record nobody is named for may still be one another outlet names.
        scope = frozenset({("who", name)}) if name else frozenset()
        return Subject("record", q.role, frozenset(), f"{shown} record ({q.role})", q.role, [], scope=scope)
    return None


def subject_of(doc: Doc, q: Quantity, links: dict[int, str] | None = None) -> Subject:
    """The subject of a quantity: counted noun, its modifiers and what happens to it.

    ``links`` maps a token's character offset to an entity's canonical name, so that modifiers
    naming the same entity in different words ("US", "U.S.") give the same key.
    """
    links = links or {}
    anchored = anchored_subject(doc, q, links)
    if anchored is not None:
        return anchored
    noun, borrowed = _noun_of(doc, q)
    num = doc[q.end - 1]
    if q.role and noun is not None and _lemma(noun) == q.role and noun.head.pos_ in ("NOUN", "PROPN") \
            and noun.head.i > noun.i:
        noun = noun.head  # "a 90-day stay" counts the stay (in days)
    own = num if borrowed or noun is None else noun
    if q.unit is not None:
        pct = doc[q.end] if q.end < len(doc) and doc[q.end].lower_ in ("percent", "%", "per") else num
        own = noun if noun is not None and (noun.i < q.start or q.unit != "percent") else pct
    gov = _own_verb(num) if borrowed else None
    if gov is None:
        gov, _ = _governor(own)
    context = _context(gov) if gov is not None else []
    head = _head_lemma(noun) if noun is not None else ""
    action = _classify(context, head, gov)
    if not action and noun is not None:
        action = _classify(_post_mods(noun), head)
    if not action and borrowed and noun is not None:
        agov, _ = _governor(noun)
        if agov is not None:
            action = _classify(_context(agov), head, agov)
    mods = [] if noun is None else _left_mods(noun, q)
    post = [] if noun is None or borrowed else _post_mods(noun)
    if q.additional:
        action = action and f"{action} (additional)" or "additional"
    unit = q.unit or (q.role if q.role else None) or (noun.text.lower() if noun is not None else None)
    words = [_mod_shown(m, links) for m in mods] + ([noun.text.lower()] if noun is not None else [])
    words += [t.lower_ for t in post]
    if q.unit == "percent":
        words = ["share"] if not words else words
    shown = action
    if gov is not None and action.split(" ")[0] == _lemma(gov) and gov.tag_ in ("VBD", "VBN"):
        shown = " ".join([gov.lower_] + action.split(" ")[1:])  # "impounded" reads better than "impound"
    if shown and " ".join(words).endswith(shown):
        shown = ""  # "dockworkers on strike" already says it
    display = " ".join(w for w in words + [shown] if w) or "(unspecified)"
    tokens = [t.i for t in mods + post + context] + ([noun.i] if noun is not None and not borrowed else [])
    if q.unit is not None and noun is not None and gov is not None:
        tokens.append(gov.i)
    return Subject(head, action, frozenset(_mod_text(m, links) for m in mods), display, unit, tokens,
                   gov is not None and is_hypothetical(gov), is_attribution(head, gov),
                   scope_of(doc, q, noun if not borrowed else None, gov, links))


# Words that make a figure a running or overall total ("so far", "a total of", "in all"), not one event's.
CUMULATIVE = [("so", "far"), ("thus", "far"), ("to", "date"), ("a", "total", "of"), ("in", "total"), ("overall",),
              ("altogether",), ("in", "all"), ("all", "told"), ("combined",), ("career",), ("all", "-", "time"),
              ("cumulative",), ("till", "date"), ("until", "now")]
LENGTH_NOUNS = {"mile", "km", "kilometer", "kilometre", "meter", "metre", "foot", "feet", "yard"}
COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "away"}
DISTANCE_PREPS = {"from", "off", "of", "to", "between"}
SCOPE_PREPS = {"off", "of", "to", "in", "with", "for", "during", "over", "at", "against", "from", "between", "since", "under", "by"}
NAMED = {"PERSON": "who", "ORG": "org", "NORP": "org", "GPE": "place", "LOC": "place", "FAC": "place",
         "DATE": "date", "EVENT": "event"}


def _cumulative(doc: Doc, q: Quantity) -> bool:
    sent = doc_index(doc).sent(q.start)
    words = [t.lower_ for t in doc[sent.start : sent.end]]
    return any(tuple(words[i : i + len(p)]) == p for p in CUMULATIVE for i in range(len(words) - len(p) + 1))


def _named_item(doc: Doc, tok: Token, links: dict[int, str]) -> tuple[str, str] | None:
    """A named entity or a date a token is (or is modified by): ("org", "angels"), ("date", "september")."""
    for t in [tok, *(c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"))]:
        if t.ent_type_ in NAMED and not t.like_num or t.ent_type_ == "DATE":
            return NAMED[t.ent_type_], _name_key(doc, t, links)
    return None


def scope_of(doc: Doc, q: Quantity, noun: Token | None, gov: Token | None, links: dict[int, str]) -> frozenset[tuple[str, str]]:
    """What part of the counted thing a figure covers, read from the parse: a running or overall total
    ("so far", "a total of"), a counted stretch of events ("in 54 games", "during the five operations"),
    who does it ("Miller averages 15.5"; "Klitschko's punches") and the named teams, places, dates and
    events its phrases name ("with the Angels", "from Aden", "the September quake"). Two figures of
    different values whose scopes differ measure different things (see compare.different_scope)."""
    out: set[tuple[str, str]] = set()
    if _cumulative(doc, q):
        out.add(("total", ""))
    if q.bound:
        out.add(("range", q.bound))  # the low end of a stated range is not its high end
    num = doc[q.end - 1]
    distance = noun is not None and _lemma(noun) in LENGTH_NOUNS
    owners = [t for t in (noun, gov, num) if t is not None]
    # The noun's own anchor, nearer than any verb's: "150 miles off Aden", "13 miles away from the ship",
    # "nine days before the inauguration", "Iguodala 14.9 points" (a gapped clause: whose points).
    anchor = noun.head if noun is not None and noun.dep_ in ("npadvmod", "appos") and noun.head is not noun else None
    if anchor is not None and anchor.pos_ == "ADP":
        _prep_scope(doc, q, anchor, distance, links, out)
        if noun is not None and _lemma(noun) in TIME_UNITS and anchor.lower_ in ("before", "after", "since", "until"):
            out.add(("anchor", " ".join(_lemma(g) for g in anchor.children if g.dep_ == "pobj")))
    elif anchor is not None and anchor.pos_ == "ADV":
        owners.append(anchor)
    elif anchor is not None and anchor.ent_type_ in ("PERSON", "ORG") and noun is not None and noun.dep_ == "appos":
        out.add(("who", _name_key(doc, anchor, links)))
    else:
        anchor = None
    if gov is None and anchor is None:  # "connected on just 30 of 207 punches": the verb the number's phrase hangs from
        gov = next((t for t in num.ancestors if t.pos_ == "VERB"), None)
        owners += [gov] if gov is not None else []
    owners += [c for o in owners for c in o.children if c.dep_ == "advmod" and c.lower_ in COMPASS]
    for owner in owners:
        for c in owner.children:
            if c.dep_ == "prep" and c.lower_ in SCOPE_PREPS:
                _prep_scope(doc, q, c, distance, links, out)
            elif owner is gov and c.dep_ in ("nsubj", "agent") and (c.ent_type_ in ("PERSON", "ORG") or c.pos_ == "PROPN") \
                    and c is not noun:
                out.add(("who", _name_key(doc, c, links)))
            elif owner is noun and c.dep_ == "poss" and c.ent_type_ in ("PERSON", "ORG"):
                out.add(("who", _name_key(doc, c, links)))
    return frozenset(out)


def _prep_scope(doc: Doc, q: Quantity, prep: Token, distance: bool, links: dict[int, str],
                out: set[tuple[str, str]]) -> None:
    """What one prepositional phrase says about the part counted: a counted stretch ("in 54 games"), a
    named team, place, date or event, or for a distance the point it is measured to."""
    for obj in (g for g in prep.children if g.dep_ == "pobj"):
        counted = [n for n in obj.children if n.dep_ == "nummod" and n.like_num and not q.start <= n.i < q.end]
        if counted and obj.tag_ in ("NNS", "NNPS") and _lemma(obj) not in TIME_UNITS | UNIT_NOUNS:
            out.add(("within", f"{counted[0].lower_} {_lemma(obj)}"))
        item = _named_item(doc, obj, links)
        if item is None and prep.lower_ in DISTANCE_PREPS and distance and obj.pos_ in ("NOUN", "PROPN"):
            item = ("place", _lemma(obj))  # a distance is measured to a point: "13 miles from the ship"
        if item is not None:
            out.add(item)


def is_attribution(head: str, gov: Token | None) -> bool:
    """Sources an outlet cites, or people counted as they speak: who said it, not what happened."""
    if head in ATTRIBUTION_HEADS:
        return True
    return head in SPEAKERS and gov is not None and _lemma(gov) in SPEECH_LEMMAS | VIEW_LEMMAS


def is_hypothetical(verb: Token) -> bool:
    """A conditional, speculative or modal verb: its figure is a possibility, not a report."""
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in CONDITIONAL_MODALS or c.dep_ == "advmod" and c.lower_ in SPECULATIVE_ADVERBS:
            return True
        if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
            return True
    return False


def _points_back(doc: Doc, anchors: list[int]) -> bool:
    """Whether the figure's verb has a subject pointing back with a distal demonstrative ("That temblor
    killed six", "Those raids left 12 dead"): the event is the one the sentence before names."""
    for i in anchors:
        verb = doc[i]
        if verb.pos_ != "VERB":
            continue
        verb = verb.head if verb.dep_ == "conj" else verb
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ in ("that", "those") for d in c.children):
                return True
    return False


def time_of(doc: Doc, q: Quantity, anchors: list[int]) -> tuple[str | None, str | None]:
    """The time a figure refers to when its sentence states one: (as written, comparable key).

    Only a date attached to the figure's verb or noun counts. The key is set only for absolute times
    (a month or a year), lower-cased; "a day later" is kept as text but cannot tell two measurements
    apart.
    """
    index = doc_index(doc)
    sent = index.sent(q.start)
    best = None
    near = set(anchors) | set(range(q.start, q.end))
    # "A quake struck in September, killing at least seven": a participle's figure holds when its clause's verb did.
    near |= {doc[i].head.i for i in anchors if doc[i].pos_ == "VERB" and doc[i].dep_ in ("advcl", "xcomp") and doc[i].tag_ == "VBG"}
    for ent in index.ents_within(sent.start, sent.end):
        if ent.label_ != "DATE" or ent.start < q.end and q.start < ent.end:
            continue
        up = ent.root.head
        if up.i not in near and (up.dep_ != "prep" or up.head.i not in near):
            continue  # a date of something else in the sentence ("a visit in March")
        dist = min(abs(ent.start - q.end), abs(q.start - ent.end))
        if best is None or dist < best[0]:
            best = (dist, ent)
    if best is None and sent.start > 0 and _points_back(doc, anchors):
        before = index.sent(sent.start - 1)  # "... a quake in September. That temblor killed six."
        dated = [e for e in index.ents_within(before.start, before.end) if e.label_ == "DATE"]
        best = (0, dated[-1]) if dated else None
    if best is None:
        return None, None
    ent = best[1]
    words = [t.lower_.strip(".,") for t in ent if t.lower_ not in ("on", "in", "the", "of", "since", "by")]
    absolute = any(w in MONTHS or (w.isdigit() and len(w) == 4) for w in words)
    relative = any(w in ("last", "next", "later", "ago", "earlier", "this", "coming", "past") for w in words)
    return ent.text, (" ".join(words) if absolute and not relative else None)
