"""Resolve mentions into entities: first within each article, then across articles.

Rules, in order, each recorded on the entity as a Merge(rule, score, forms):
- within an article, a surname (or a surname spaCy tagged as an organisation or place) links to the
  full name with that surname in the same article; when two people there share it, to the one
  named more often (then the first named);
- across articles, the same normalised name merges; places, organisations and facilities with the
  same name are one entity whatever label spaCy gave them (the tagger often calls a country acting
  as a state an ORG), but different names ("Washington", "the United States") stay apart: a
  metonymy is never assumed;
- people merge across articles when their surnames are one name in two spellings (transliteration
  key, then edit distance or phonetic key) and every given name on both sides is compatible;
- a person named only by surname in an article joins the bearer of that surname; if several
  people bear it, the most prominent one (named in most articles);
- a person named only by a given name ("Dana") joins the one person named in full with it, in the
  article, else in the story; with several bearers it stays apart;
- an organisation named by the last words of a longer name ("the Rangers") or by its initials
  ("VFC") joins that name when the story has exactly one such (never a one-word name the story
  also writes in lower case: "the House" is not the White House's short form).
Mentions are first repaired with what the whole story names (see ``refine``).
Blocking: people are compared only within a block of the same surname-key prefix, never all pairs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import Merge
from .groups import GROUP_LABEL
from .mentions import PLACE_LABELS, SURNAME_ONLY_LABELS, NameMention
from ..settings import EntitySettings
from .names import DEFAULTS, demonym_shaped, fold, given_forms, given_names_compatible, name_key, surnames_match, translit_key


@dataclass(slots=True)
class LocalEntity:
    """One entity as one article names it."""

    article_id: str
    person: bool
    key: str  # exact-merge key
    mentions: list[NameMention] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)

    @property
    def full_names(self) -> list[list[str]]:
        return [m.name for m in self.mentions if m.label == "PERSON" and len(m.name) >= 2]

    @property
    def surname(self) -> str:
        names = self.full_names or [m.name for m in self.mentions]
        return names[0][-1]

    @property
    def given(self) -> list[list[str]]:
        return [n[:-1] for n in self.full_names]

    @property
    def given_keys(self) -> set[str]:
        """Folded given names (and bracketed nicknames) this person goes by."""
        return {g for n in self.given if n for g in given_forms(n)}


def _group(label: str) -> str:
    """Labels whose same-named mentions are one entity ("Ukrainian" tagged NORP here, GPE there)."""
    return "PLACE" if label in PLACE_LABELS or label == "NORP" else label


def link_in_article(mentions: list[NameMention], s: EntitySettings = DEFAULTS) -> list[LocalEntity]:
    """Group one article's mentions into local entities (see module docstring).

    People are looked up by folded surname (and surname-only people by key), not by a scan of
    everyone named so far, so a long page with hundreds of names costs no more per name.
    """
    people: list[LocalEntity] = []
    by_surname: dict[str, list[LocalEntity]] = defaultdict(list)  # people named in full, in order
    singles: dict[str, LocalEntity] = {}  # people named by one word only, by key
    others: dict[str, LocalEntity] = {}
    pending: list[NameMention] = []
    for m in mentions:
        if m.label == "PERSON" and len(m.name) >= 2:
            _add_full_name(people, by_surname, m, s)
        else:
            pending.append(m)
    for m in pending:
        # a group noun ("police") is nobody's surname, even beside a "Vancouver Police" tagged PERSON
        bearer = None if m.label == GROUP_LABEL else _surname_bearer(by_surname, m) or _given_name_bearer(people, m)
        if bearer is not None:
            if m.label != "PERSON":
                bearer.merges.append(Merge(f"surname tagged {m.label} in article", 0.9, [m.text, " ".join(bearer.full_names[0])]))
            bearer.mentions.append(m)
        elif m.label in SURNAME_ONLY_LABELS:
            continue  # not a surname of anyone here: the tagger's guess is not worth an entity
        elif m.label == "PERSON":
            key = fold(" ".join(m.name))
            single = singles.get(key)
            if single is None:
                single = singles[key] = LocalEntity(m.article_id, True, key)
                people.append(single)
            single.mentions.append(m)
        else:
            key = f"{_group(m.label)}:{name_key(' '.join(m.name) if m.label == GROUP_LABEL else m.text, m.label)}"
            others.setdefault(key, LocalEntity(m.article_id, False, key)).mentions.append(m)
    for person in people:
        person.mentions.sort(key=lambda x: x.start)
    return people + list(others.values())


def _add_full_name(people: list[LocalEntity], by_surname: dict[str, list[LocalEntity]], m: NameMention, s: EntitySettings) -> None:
    """Join a full name to the first person of that surname whose given names agree, else a new person.

    A person's surname is that of their first full name, so it never changes once filed.
    """
    surname = fold(m.name[-1])
    for p in by_surname[surname]:
        if all(given_names_compatible(g, m.name[:-1], s) for g in p.given):
            p.mentions.append(m)
            return
    person = LocalEntity(m.article_id, True, fold(" ".join(m.name)), [m])
    people.append(person)
    by_surname[surname].append(person)


def _surname_bearer(by_surname: dict[str, list[LocalEntity]], m: NameMention) -> LocalEntity | None:
    """The person in this article whose surname this single-word mention is."""
    if len(m.name) != 1:
        return None
    bearers = by_surname.get(fold(m.name[0]), [])
    if not bearers:
        return None
    return max(bearers, key=lambda p: (len(p.mentions), -p.mentions[0].start))


def _given_name_bearer(people: list[LocalEntity], m: NameMention) -> LocalEntity | None:
    """The one person in this article named in full with this given name ("Dana" -> Dana Pirelli);
    None when there are none or several."""
    if len(m.name) != 1 or m.label != "PERSON":
        return None
    word = fold(m.name[0]).replace(" ", "")
    bearers = [p for p in people if p.full_names and word in p.given_keys]
    return bearers[0] if len(bearers) == 1 else None


class _Clusters:
    """Union-find over local entities that refuses to join people with incompatible given names."""

    def __init__(self, items: list[LocalEntity], s: EntitySettings) -> None:
        self.items = items
        self.settings = s
        self.parent = list(range(len(items)))
        self.merges: dict[int, list[Merge]] = defaultdict(list)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def members(self, root: int) -> list[LocalEntity]:
        return [e for j, e in enumerate(self.items) if self.find(j) == root]

    def compatible(self, a: int, b: int) -> bool:
        given_a = [g for e in self.members(self.find(a)) for g in e.given]
        given_b = [g for e in self.members(self.find(b)) for g in e.given]
        return all(given_names_compatible(x, y, self.settings) for x in given_a for y in given_b)

    def union(self, a: int, b: int, merge: Merge) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[rb] = ra
        self.merges[ra].extend(self.merges.pop(rb, []))
        self.merges[ra].append(merge)
        return True


def merge_across(local: list[LocalEntity], s: EntitySettings = DEFAULTS,
                 lower_words: frozenset[str] | set[str] = frozenset()) -> list[tuple[list[LocalEntity], list[Merge]]]:
    """Merge local entities of all articles into story entities, with the reasons for each merge.

    ``lower_words`` are the words the story writes in lower case: a one-word organisation name that
    is also an everyday word ("the House", "the Council") is never taken for a longer name's short form."""
    uf = _Clusters(local, s)
    by_key: dict[str, int] = {}
    for i, e in enumerate(local):
        key = e.key if not e.person or e.full_names else "P1:" + e.key
        if key in by_key:
            uf.union(by_key[key], i, Merge("same name", 1.0, [e.mentions[0].text, local[by_key[key]].mentions[0].text]))
        else:
            by_key[key] = i
    # one name tagged PERSON in some articles and a place or organisation in others ("Port Sarvik",
    # "Kyiv"): one entity; its type is decided by the majority of its mentions
    for key, i in list(by_key.items()):
        if key.startswith("PLACE:"):
            for person_key in (key[6:], "P1:" + key[6:]):
                j = by_key.get(person_key)
                if j is not None:
                    uf.union(i, j, Merge("same name, different tags", 0.9, [local[i].mentions[0].text, local[j].mentions[0].text]))

    full = [i for i, e in enumerate(local) if e.person and e.full_names]
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in full:
        blocks[translit_key(local[i].surname)[:2]].append(i)
        blocks["f:" + fold(local[i].surname)[:2]].append(i)
    pairs: list[tuple[float, int, int, str]] = []
    for members in blocks.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                ok, score, rule = surnames_match(local[a].surname, local[b].surname, s)
                if ok:
                    pairs.append((score, a, b, rule))
    for score, a, b, rule in sorted(set(pairs), reverse=True):
        if uf.find(a) != uf.find(b) and uf.compatible(a, b):
            forms = [" ".join(local[a].full_names[0]), " ".join(local[b].full_names[0])]
            uf.union(a, b, Merge(rule, score, forms))

    prominence = Counter(uf.find(i) for i in full)
    for i, e in enumerate(local):
        if e.person and not e.full_names and len(uf.members(uf.find(i))) == len([x for x in uf.members(uf.find(i)) if x.person and not x.full_names]):
            _attach_surname_only(uf, local, i, full, prominence)
        elif not e.person and len(e.mentions[0].name) == 1 and e.key.startswith("PLACE:"):
            _attach_mistagged_surname(uf, local, i, full)

    for i, e in enumerate(local):
        if e.person and not e.full_names and len(e.mentions[0].name) == 1 and uf.members(uf.find(i)) == [e]:
            _attach_given_name_only(uf, local, i, full)
    _attach_short_org_names(uf, local, lower_words)

    roots: dict[int, list[LocalEntity]] = defaultdict(list)
    for i, e in enumerate(local):
        roots[uf.find(i)].append(e)
    return [(members, uf.merges.get(root, [])) for root, members in roots.items()]


def _attach_surname_only(uf: _Clusters, local: list[LocalEntity], i: int, full: list[int], prominence: Counter) -> None:
    word = local[i].surname
    matches = []
    for j in full:
        ok, score, rule = surnames_match(word, local[j].surname, uf.settings)
        if ok:
            matches.append((uf.find(j), score, j))
    roots = {r for r, _, _ in matches}
    if not roots:
        return
    best = max(roots, key=lambda r: prominence[r])
    j = next(j for r, _, j in matches if r == best)
    score = next(s for r, s, _ in matches if r == best)
    rule = "surname only" if len(roots) == 1 else "surname only, most prominent bearer"
    uf.union(best, i, Merge(rule, score if len(roots) == 1 else round(score / len(roots), 3),
                            [local[i].mentions[0].text, " ".join(local[j].full_names[0])]))


def _attach_mistagged_surname(uf: _Clusters, local: list[LocalEntity], i: int, full: list[int]) -> None:
    """A lone surname spaCy tagged as an organisation ("Kellogg" ORG) or a nationality ("Vasko" NORP,
    a word not shaped like one) joins the one person bearing it; never a word the parse puts where a
    place goes ("in Washington")."""
    mentions = local[i].mentions
    labels = Counter(m.label for m in mentions)
    if any(m.place_cue for m in mentions):
        return
    org = labels.get("ORG", 0) >= sum(labels.values()) / 2
    nationality = labels.get("NORP", 0) >= sum(labels.values()) / 2 and not demonym_shaped(mentions[0].name[0])
    if not (org or nationality):
        return  # mostly a place: leave it
    word = fold(local[i].mentions[0].name[0])
    bearers = {uf.find(j) for j in full if fold(local[j].surname) == word}
    if len(bearers) == 1:
        j = next(j for j in full if fold(local[j].surname) == word)
        rule = f"surname tagged {labels.most_common(1)[0][0]}"
        uf.union(uf.find(j), i, Merge(rule, 0.8, [local[i].mentions[0].text, " ".join(local[j].full_names[0])]))


def _attach_given_name_only(uf: _Clusters, local: list[LocalEntity], i: int, full: list[int]) -> None:
    """A person named only by a given name in an article ("Dana") joins the one person of the story
    named in full with it; with none or several, it stays apart."""
    word = fold(local[i].mentions[0].name[0]).replace(" ", "")
    roots = {uf.find(j) for j in full if word in local[j].given_keys}
    if len(roots) == 1:
        root = roots.pop()
        j = next(j for j in full if uf.find(j) == root)
        uf.union(root, i, Merge("given name only, one bearer in the story", 0.8,
                                [local[i].mentions[0].text, " ".join(local[j].full_names[0])]))


ACRONYM_SKIP = {"of", "and", "for", "the", "on", "in", "&"}


def _org_words(e: LocalEntity) -> tuple[str, ...] | None:
    """The folded words of an organisation's name (a local entity most often tagged ORG), else None."""
    if e.person or not e.key.startswith("PLACE:"):
        return None
    labels = Counter(m.label for m in e.mentions)
    if labels.get("ORG", 0) * 2 <= sum(labels.values()):
        return None
    return tuple(e.key[6:].split())


def _attach_short_org_names(uf: _Clusters, local: list[LocalEntity], lower_words: frozenset[str] | set[str]) -> None:
    """An organisation named by the last words of a longer name ("the Harriers" / "the Dunmore
    Harriers") or by its initials ("DHA" / "Dunmore Harbour Authority") joins that longer name when
    the story holds exactly one such; blocked by last word and by initials, never all pairs."""
    words = {i: w for i, e in enumerate(local) if (w := _org_words(e))}
    by_last: dict[str, list[int]] = defaultdict(list)
    by_initials: dict[str, list[int]] = defaultdict(list)
    for i, w in words.items():
        if len(w) >= 2:
            by_last[w[-1]].append(i)
            content = [x for x in w if x not in ACRONYM_SKIP]
            for letters in {"".join(x[0] for x in content), "".join(x[0] for x in w)}:
                if len(letters) >= 2:
                    by_initials[letters].append(i)
    for i, w in sorted(words.items(), key=lambda kv: -len(kv[1])):
        acronym = len(w) == 1 and local[i].mentions[0].text.isupper()
        if acronym:
            longer = by_initials.get(w[0], [])
            rule = "acronym of the name"
        elif w[-1] in lower_words:
            continue
        else:
            longer = [j for j in by_last.get(w[-1], []) if len(words[j]) > len(w) and words[j][-len(w):] == w]
            rule = "short form of the name"
        roots = {uf.find(j) for j in longer}
        if len(roots) == 1 and uf.find(i) not in roots:
            j = longer[0]
            uf.union(uf.find(j), i, Merge(rule + ", one such name in the story", 0.8,
                                          [local[i].mentions[0].text, local[j].mentions[0].text]))
