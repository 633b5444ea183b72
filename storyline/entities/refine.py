"""Story-level repair of the tagger's mentions, before they are linked into entities.

The small spaCy model is reliable on body text and unreliable on title-case lines (headlines), on
names led by a nationality or an occupation ("American Hasim Rahman" as one ORG) and on names it
simply misses in one article but tags in another. What the story names clearly elsewhere is the
evidence used here, never a word list:

- a mention holding a person's full name that the story's body text names on its own, with extra
  words around it, becomes that name ("Dana Pirelli Checks Into Rehab" -> "Dana Pirelli", the
  leading "Comedian" or "American" kept as the title);
- a mention on a title-case line whose last word the story writes in lower case elsewhere, and that
  names nothing named in the body, is a headline fragment ("Sequel Filmmaker", "Party Girl"), not
  an entity;
- a known name (a full name, a person's surname, a multi-word organisation, an acronym) written in
  an article where the tagger did not tag it becomes a mention there.

Costs: one walk over each Doc's tokens (the lower-case vocabulary and the missed-name scan, by a
dictionary keyed on the first word), and per mention a look at its own words only.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..docindex import doc_index
from .mentions import NameMention, is_org_head
from .names import TITLE_WORDS, fold, is_known_given_name

_WORD = re.compile(r"\S+")
# Short lower-case words a title-case line may hold ("Checks Into Rehab at Betty Ford").
TITLE_CASE_SMALL = {"a", "an", "the", "of", "in", "at", "to", "on", "for", "and", "or", "by", "vs", "with",
                    "from", "as", "into", "over"}


@dataclass(slots=True)
class StoryNames:
    """What the story's body text names, and the words it writes in lower case."""

    full_names: set[tuple[str, ...]] = field(default_factory=set)  # folded person names of 2+ words
    body_names: set[tuple[str, ...]] = field(default_factory=set)  # folded names of any label
    lower_words: set[str] = field(default_factory=set)
    outlets: set[tuple[str, ...]] = field(default_factory=set)  # folded names of the story's outlets
    surnames: set[str] = field(default_factory=set)  # last words of the full names
    given: set[str] = field(default_factory=set)  # first words of the full names
    first_last: set[tuple[str, str]] = field(default_factory=set)  # (first word, last word) of the full names
    labels: dict[tuple[str, ...], str] = field(default_factory=dict)  # body name -> its most frequent label
    other_labels: dict[tuple[str, ...], str] = field(default_factory=dict)  # ... and its most frequent other than PERSON
    lexicon: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)  # first word -> (words, label)


def name_words(m: NameMention) -> tuple[str, ...]:
    return tuple(w for w in (fold(x).replace(" ", "") for x in m.name) if w)


def lower_vocabulary(doc: Doc) -> set[str]:
    """Words the article writes in lower case (so they are words, not names)."""
    return {t.lower_ for t in doc if t.is_lower and t.is_alpha}


def title_case_context(doc: Doc, m: NameMention, s_small: set[str] = TITLE_CASE_SMALL) -> bool:
    """Does the mention stand on a title-case run (a headline)? Two or more capitalised words that
    no entity holds must stand in the unbroken run of capitalised and small words around it."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    count = 0
    for step, begin in ((-1, span.start - 1), (1, span.end)):
        i = begin
        while 0 <= i < len(doc):
            t = doc[i]
            if "\n" in t.text or t.text in (".", "!", "?"):
                break
            if t.is_alpha and t.text[:1].isupper():
                count += not t.ent_type_
            elif t.is_alpha and t.lower_ not in s_small:
                break
            i += step
    return count >= 2


def collect(per_article: list[tuple[str, Doc, list[NameMention]]], outlets: tuple[str, ...] = ()) -> StoryNames:
    """The story's known names (from mentions off title-case lines) and its lower-case words."""
    names = StoryNames()
    names.outlets = {w for w in (tuple(fold(o).replace("the ", "", 1).split()) for o in outlets) if w}
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for _aid, doc, _mentions in per_article:
        names.lower_words |= lower_vocabulary(doc)
    for _aid, doc, mentions in per_article:
        for m in mentions:
            if title_case_context(doc, m):
                continue
            words = name_words(m)
            if not words:
                continue
            names.body_names.add(words)
            labels[words][m.label] += 1
            if m.label == "PERSON" and len(words) >= 2 and (words[0] not in names.lower_words
                                                            or is_known_given_name(words[0])):
                names.full_names.add(words)  # not "Port Sarvik", "Comedian Dana Pirelli": an everyday first word
    for words, counts in labels.items():
        label = counts.most_common(1)[0][0]
        if words in names.full_names and counts["PERSON"] * 2 >= sum(counts.values()):
            label = "PERSON"  # a full name the tagger calls a person at least half the time
        names.labels[words] = label
        others = [(n, lab) for lab, n in counts.items() if lab != "PERSON"]
        if others:
            names.other_labels[words] = max(others)[1]
        entry = _lexicon_entry(words, label, names)
        if entry:
            names.lexicon.setdefault(entry[0], []).append((entry, label))
    names.full_names -= _firms(names.full_names)
    names.surnames = {w[-1] for w in names.full_names}
    names.given = {w[0] for w in names.full_names}
    names.first_last = {(w[0], w[-1]) for w in names.full_names}
    for words in names.full_names:
        surname = words[-1]
        if surname not in names.lower_words and len(surname) > 2 and (surname,) not in labels:
            names.lexicon.setdefault(surname, []).append(((surname,), "PERSON"))
    return names


def _firms(full_names: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Names tagged PERSON that lead with another person's surname, a word no full name starts with,
    and end in a word nobody bears ("Pirelli Freight" beside "Dana Pirelli"): firms named after someone."""
    surnames = Counter(w[-1] for w in full_names)
    given = Counter(w[0] for w in full_names)
    return {w for w in full_names if len(w) >= 2 and surnames[w[0]] and given[w[0]] == 1 and surnames[w[-1]] == 1
            and w[0] != w[-1]}


def _lexicon_entry(words: tuple[str, ...], label: str, names: StoryNames) -> tuple[str, ...] | None:
    """A known name worth looking for where the tagger missed it: a name of two or more words, or
    a single word the story never writes in lower case."""
    if len(words) >= 2:
        return words
    word = words[0]
    if word not in names.lower_words and len(word) > 2:
        return words
    return None


def refine_mentions(article_id: str, doc: Doc, mentions: list[NameMention], names: StoryNames) -> list[NameMention]:
    """The article's mentions repaired by what the story names (see module docstring)."""
    out: list[NameMention] = []
    for m in mentions:
        if m.label == "PERSON" and _organisation(m, names):
            m.label = "ORG"
        out.extend(_repaired(doc, m, names))
    out.extend(_missed(article_id, doc, out, names))
    out.sort(key=lambda x: x.start)
    return out


def _organisation(m: NameMention, names: StoryNames) -> bool:
    """A name tagged PERSON that is one of the story's outlets, or a firm named after a person the
    story names: a known surname leading words that are nobody's name ("Pirelli Freight")."""
    words = name_words(m)
    if words in names.outlets:
        return True
    if len(words) < 2 or words in names.full_names:
        return False
    return words[0] in names.surnames and words[0] not in names.given and words[-1] not in names.surnames



def _repaired(doc: Doc, m: NameMention, names: StoryNames) -> list[NameMention]:
    """One mention as the story's names read it: cut to a known full name it holds, relabelled a
    person when the body names it as one, split or dropped when it is a headline fragment."""
    keep = [(k, w) for k, w in enumerate(fold(x).replace(" ", "") for x in m.name) if w]
    words = tuple(w for _, w in keep)
    if not words:
        return [m]
    cut = _known_run(words, names)
    if cut is not None:
        a, b = cut
        extras = words[:a] + words[b:]
        tail = words[b:]
        everyday = all(w in names.lower_words or w in TITLE_WORDS for w in extras)
        if (words not in names.full_names or everyday) and not any(is_org_head(w) for w in tail) \
                and (m.label == "PERSON" or not tail):
            return [_sub_mention(m, keep[a][0], keep[b - 1][0] + 1, "PERSON", titled=True)]
    lead = _words_before_surname(doc, m, words, names)
    if lead is not None:
        return [_sub_mention(m, keep[-1][0], keep[-1][0] + 1, "PERSON", titled=lead)]
    if m.label != "PERSON" and _person_named_in_full(words, names):
        m.label = "PERSON"  # "Kimani (Kiki) Gray" tagged ORG: a story person's given name and surname around a nickname
    if m.label == "PERSON" and len(words) >= 2 and words not in names.full_names and words in names.other_labels \
            and words[0] in names.lower_words and words[0] not in TITLE_WORDS:
        m.label = names.other_labels[words]  # "Port Sarvik" tagged PERSON here, a place elsewhere
    if m.label != "PERSON" and words in names.full_names and names.labels.get(words) == "PERSON":
        m.label = "PERSON"  # "Dana (Dee) Pirelli" tagged ORG here, a person in the body
    if words in names.body_names or not title_case_context(doc, m):
        return [m]
    if not any(w in names.lower_words for w in words):
        return [m]
    # a headline fragment ("Pirelli Rejects Offer", "Sequel Filmmaker"): only the known names in it
    out: list[NameMention] = []
    run: list[int] = []
    for n, (_, w) in enumerate(keep + [(-1, "")]):
        if w and w not in names.lower_words:
            run.append(n)
            continue
        piece = tuple(words[x] for x in run)
        if piece and (piece in names.body_names or (len(piece) == 1 and piece[0] in names.surnames)):
            label = "PERSON" if piece in names.full_names or piece[0] in names.surnames else names.labels.get(piece, m.label)
            out.append(_sub_mention(m, keep[run[0]][0], keep[run[-1]][0] + 1, label, titled=False))
        run = []
    return out


def _words_before_surname(doc: Doc, m: NameMention, words: tuple[str, ...], names: StoryNames) -> bool | None:
    """Words a span tagged PERSON holds before a story person's surname that are nobody's given name:
    True for a description the story writes in lower case ("Media Mogul Page": a title), False for
    the words of a title-case line ("Administration Flips Bush Ruling"); None when they may be given names."""
    if m.label != "PERSON" or len(words) < 2 or words in names.full_names or words[-1] not in names.surnames:
        return None
    lead = words[:-1]
    if any(w in names.given or is_known_given_name(w) for w in lead):
        return None
    if all(w in names.lower_words for w in lead):
        return True
    return False if title_case_context(doc, m) else None


def _person_named_in_full(words: tuple[str, ...], names: StoryNames) -> bool:
    """First and last word are the given name and surname of one person the story names in full."""
    return len(words) >= 3 and (words[0], words[-1]) in names.first_last


def _known_run(words: tuple[str, ...], names: StoryNames) -> tuple[int, int] | None:
    """The longest known full name standing inside ``words`` with other words around it."""
    return next(((i, i + size) for size in range(len(words) - 1, 1, -1) for i in range(len(words) - size + 1)
                 if words[i : i + size] in names.full_names), None)


def _sub_mention(m: NameMention, i: int, j: int, label: str, titled: bool) -> NameMention:
    """The part of a mention holding its name words [i, j); with ``titled`` the words before them
    stay in the mention as its title ("Comedian" of "Comedian Dana Pirelli")."""
    raw = list(_WORD.finditer(m.text))
    offset = len(raw) - len(m.name)  # title words stand before the name
    first, last = raw[offset + i], raw[offset + j - 1]
    head = m.text[: first.start()].split()
    if titled and head:
        start, title = m.start, " ".join(head)
    else:
        start, title = m.start + first.start(), None
    end = m.start + last.end()
    text = m.text[start - m.start : last.end()]
    return NameMention(m.article_id, start, end, text, label, list(m.name[i:j]), title, m.sentence,
                       m.roles if label == "PERSON" else [], m.prev_word, m.place_cue, m.person_cue)


def _missed(article_id: str, doc: Doc, mentions: list[NameMention], names: StoryNames) -> list[NameMention]:
    """Known names written in this article where the tagger tagged nothing."""
    if not names.lexicon:
        return []
    index = doc_index(doc)
    covered = sorted((m.start, m.end) for m in mentions)
    starts = [c[0] for c in covered]

    def free(start: int, end: int) -> bool:
        k = bisect.bisect_right(starts, end - 1) - 1
        while k >= 0 and covered[k][1] > start - 200:
            if covered[k][0] < end and start < covered[k][1]:
                return False
            k -= 1
        return True

    out: list[NameMention] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if not (tok.is_alpha and tok.text[:1].isupper()) or tok.ent_type_:
            i += 1
            continue
        hit = None
        for words, label in names.lexicon.get(tok.lower_ if tok.is_ascii else fold(tok.text), []):
            j = i + len(words)
            if j > n or any(fold(doc[i + k].text).replace(" ", "") != w for k, w in enumerate(words)):
                continue
            if any(not doc[k].text[:1].isupper() for k in range(i, j)):
                continue
            if j < n and doc[j].is_alpha and doc[j].text[:1].isupper() and not doc[j].ent_type_:
                continue  # "Dana Pirelli Smith": part of a longer name
            if len(words) == 1 and label == "PERSON" and i > 0 and doc[i - 1].is_alpha and doc[i - 1].text[:1].isupper() \
                    and fold(doc[i - 1].text) not in TITLE_WORDS:
                continue  # another given name before the surname: maybe another person
            if hit is None or len(words) > len(hit[0]):
                hit = (words, label)
        if hit is None:
            i += 1
            continue
        j = i + len(hit[0])
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if free(start, end):
            text = index.text[start:end]
            out.append(NameMention(article_id, start, end, text, hit[1], text.split(),
                                   sentence=index.sent_of[i], prev_word=doc[i - 1].lower_ if i else ""))
        i = j
    return out


