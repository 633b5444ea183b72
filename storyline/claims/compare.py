"""Figures across outlets: agreement, discrepancy or contradiction, by logical compatibility.

Each qualified value is an interval ("more than 1,000" is (1000, ∞), "about 60" is 60 ± 10 %).
Two figures agree when they state the same value; they are a discrepancy when the values differ
but both can hold (two lower bounds, an estimate around an exact count); a contradiction when no
number satisfies both ("exactly 14" vs "exactly 15" for the same subject and time).

Claims are grouped by a normalised subject key in a dict and only compared inside a group, so
the cost is linear in the number of claims, never all pairs across the corpus.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..settings import ClaimSettings
from ..model import Claim, Conflict, ConflictValue

DEFAULTS = ClaimSettings()
ABOUT = DEFAULTS.about_tolerance  # "about N" covers N ± 10 % unless the settings say otherwise
EPS = 1e-9


@dataclass(slots=True)
class Measured:
    """A claim with what comparison needs beyond the Claim fields."""

    claim: Claim
    key: tuple[str, str]  # (counted noun lemma, action class)
    mods: frozenset[str] = field(default_factory=frozenset)
    quoted: bool = False  # inside a quote or reported speech: the speaker's figure, not the outlet's
    when: str | None = None  # comparable absolute time, when stated
    context: frozenset[str] = field(default_factory=frozenset)  # content words around the figure
    dim: tuple[str, float] = ("count", 1.0)  # unit dimension and the factor to its base unit (miles -> km)
    scope: frozenset[tuple[str, str]] = field(default_factory=frozenset)  # subjects.scope_of: what part is counted
    reported: str | None = None  # the day the article was published (YYYY-MM-DD), when stated


# Units that measure a length, with their size in km: figures in km and in miles compare.
LENGTHS = {"km": 1.0, "kilometer": 1.0, "kilometre": 1.0, "mile": 1.609344, "m": 0.001, "meter": 0.001,
           "metre": 0.001, "foot": 0.0003048, "feet": 0.0003048, "yard": 0.0009144}
TIME_UNITS = {"second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century", "season"}


MEASURES = TIME_UNITS | {"length"}  # dimensions measured in units, not counts of a noun


def is_currency(dim: str) -> bool:
    """A dimension that is a currency code as written ("USD", "EUR"): dimension() keeps it so."""
    return len(dim) == 3 and dim.isupper()


def dimension(unit: str | None) -> tuple[str, float]:
    """The dimension a unit measures, with its factor: ("length", 1.609344) for miles; a count for nouns."""
    if unit is None:
        return "count", 1.0
    if unit == "percent" or len(unit) == 3 and unit.isupper():
        return unit, 1.0  # a share, or a currency kept as written
    word = unit.lower().rstrip(".")
    single = word[:-1] if word.endswith("s") and word[:-1] in LENGTHS | dict.fromkeys(TIME_UNITS) else word
    single = {"kilometers": "kilometer", "kilometres": "kilometre", "miles": "mile"}.get(word, single)
    if single in LENGTHS:
        return "length", LENGTHS[single]
    if single in TIME_UNITS:
        return single, 1.0
    return "count", 1.0


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False


def interval(value: float, qualifier: str, about: float = ABOUT) -> Interval:
    """The values a qualified figure allows."""
    if qualifier == "more than":
        return Interval(value, math.inf, lo_open=True)
    if qualifier == "at least":
        return Interval(value, math.inf)
    if qualifier == "less than":
        return Interval(-math.inf, value, hi_open=True)
    if qualifier == "up to":
        return Interval(-math.inf, value)
    if qualifier == "about":
        return Interval(value * (1 - about), value * (1 + about))
    return Interval(value, value)


def compatible(a: tuple[float, str], b: tuple[float, str], about: float = ABOUT) -> bool:
    """Whether some number satisfies both qualified values (both can be true)."""
    x, y = interval(*a, about), interval(*b, about)
    lo, lo_open = (x.lo, x.lo_open) if x.lo > y.lo or x.lo == y.lo and x.lo_open else (y.lo, y.lo_open)
    hi, hi_open = (x.hi, x.hi_open) if x.hi < y.hi or x.hi == y.hi and x.hi_open else (y.hi, y.hi_open)
    if lo < hi - EPS:
        return True
    return abs(lo - hi) <= EPS and not lo_open and not hi_open


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= EPS * max(1.0, abs(a), abs(b))


def kind_of(figures: list[tuple[float, str]], about: float = ABOUT) -> str:
    """agreement (one value), contradiction (some pair cannot both hold) or discrepancy."""
    values = [v for v, _ in figures]
    if all(same_value(values[0], v) for v in values):
        return "agreement"
    distinct = list(dict.fromkeys(figures))
    for i, a in enumerate(distinct):  # distinct figures of one subject: a handful
        for b in distinct[i + 1 :]:
            if not compatible(a, b, about):
                return "contradiction"
    return "discrepancy"


def _mods_cluster(items: list[Measured]) -> list[list[Measured]]:
    """Split one key's claims where their modifiers name different kinds ("US" vs "Belarusian" citizens).

    Modifiers that are a subset of another's ("prisoners" and "political prisoners") stay together.
    """
    clusters: list[tuple[set[str], list[Measured]]] = []
    for m in sorted(items, key=lambda m: -len(m.mods)):
        for sig, members in clusters:
            if m.mods <= sig:
                members.append(m)
                break
        else:
            clusters.append((set(m.mods), [m]))
    return [members for _, members in clusters]


def _time_split(items: list[Measured]) -> list[list[Measured]]:
    """Different values stated for different absolute times measure different things."""
    if len({round(m.claim.value, 6) for m in items}) < 2 or any(m.when is None for m in items):
        return [items]
    by_time: dict[str, list[Measured]] = defaultdict(list)
    for m in items:
        by_time[m.when].append(m)  # type: ignore[index]
    return list(by_time.values())


def _rarity(measured: list[Measured]) -> dict[str, float]:
    """Weight of each context word: words around figures of most articles of the story say little."""
    seen: dict[str, set[str]] = defaultdict(set)
    for m in measured:
        for w in m.context:
            seen[w].add(m.claim.article_id)
    n = len({m.claim.article_id for m in measured}) or 1
    return {w: math.log(1 + n / len(arts)) for w, arts in seen.items()}


def _normalized(m: Measured) -> float:
    return m.claim.value * m.dim[1]


def different_scope(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> bool:
    """Whether two scopes (subjects.scope_of) cover different parts of a thing: a running total and one
    event's count, different counted stretches ("in 54 games"), or, when both name one, different people,
    teams, places, dates or events. A name only one side gives is detail, not a different scope."""
    if (("total", "") in a) != (("total", "") in b):
        return True
    for kind in ("within", "anchor", "range"):  # "in 54 games"; "nine days before it" vs "in 30 days"; range ends
        if {x for x in a if x[0] == kind} != {x for x in b if x[0] == kind}:
            return True
    for kind in ("who", "org", "place", "date", "event"):
        xa, xb = {x for x in a if x[0] == kind}, {x for x in b if x[0] == kind}
        if xa and xb and not xa & xb:
            return True
    return False


TIME_BOUND = ("age", "record")  # subjects.anchored_subject: figures of a named holder that change with time
CHANGES = ("fallen", "risen", "cut", "additional")  # action classes that measure a difference, not a level


def is_change(action: str) -> bool:
    """Whether an action class counts a difference ("fell by 5", "a drop of five", "five more")."""
    return any(action.startswith(c) or c in action for c in CHANGES)


def same_thing(a: Measured, b: Measured, rarity: dict[str, float], settings: ClaimSettings = DEFAULTS,
               weights: dict[int, float] | None = None) -> bool:
    """Whether two figures of one block say the same thing: they share enough of their (rarity-weighted)
    context; figures of different values need more of it, as equal values are themselves evidence."""
    if a.key[1] and b.key[1] and a.key[1] != b.key[1]:
        return False  # "people killed" is never "people injured"
    if ("additional" in a.key[1]) != ("additional" in b.key[1]):
        return False  # "two other victims" are beside the one already counted: a part, not the total
    if is_change(a.key[1]) != is_change(b.key[1]):
        return False  # "a drop of five points" is a difference; "14.9 points" a level
    who_a, who_b = ({x for x in m.scope if x[0] == "who"} for m in (a, b))
    if a.key[0] in TIME_BOUND and a.key == b.key and who_a == who_b and (a.key[0] == "age" or who_a):
        # An age or a running record of one named holder (ages carry the name in their key, records in
        # their scope): equal values are the same figure whatever the
        # words around them; different values are another time (a birthday, more fights) unless both
        # state one time.
        return same_value(_normalized(a), _normalized(b)) or a.when is not None and a.when == b.when
    if a.scope != b.scope and not same_value(_normalized(a), _normalized(b)) and different_scope(a.scope, b.scope):
        return False  # 12 seized in this operation vs 31 so far; 13 home runs with the Angels vs 33 in 2008
    weights = weights if weights is not None else {}
    wa = weights[id(a)] if id(a) in weights else sum(rarity.get(w, 0.0) for w in a.context)
    wb = weights[id(b)] if id(b) in weights else sum(rarity.get(w, 0.0) for w in b.context)
    if min(wa, wb) <= 0:
        return False
    equal = same_value(_normalized(a), _normalized(b))
    shared = sum(rarity.get(w, 0.0) for w in a.context & b.context) / min(wa, wb)
    # Both say what happens to it, the same, and their values can both hold (bounds, rounding): the
    # weaker evidence suffices. Values that cannot both hold need the stronger evidence of a contradiction.
    x, y = sorted((abs(_normalized(a)), abs(_normalized(b))))
    # A time stated for one figure only ("in September ... killing at least seven") may be another
    # event's: different values then need the stronger evidence too.
    stated = bool(a.key[1]) and a.key[1] == b.key[1] and (a.when is None) == (b.when is None) \
        and x * settings.bound_ratio >= y and compatible(
        (_normalized(a), a.claim.qualifier), (_normalized(b), b.claim.qualifier), settings.about_tolerance)
    need = settings.same_overlap if equal or stated else settings.differing_overlap
    if not (equal or stated) and len(a.context & b.context) < settings.differing_min_shared:
        return False  # "injuring at least two" beside "About 100 people have been injured": one word in common
    return shared >= need


def _verified(items: list[Measured], rarity: dict[str, float], settings: ClaimSettings) -> list[list[Measured]]:
    """Split a block into groups whose every two members say the same thing (complete linkage)."""
    groups: list[tuple[list[Measured], dict[tuple, Measured]]] = []  # members, one per distinct figure
    weights = {id(m): sum(rarity.get(w, 0.0) for w in m.context) for m in items}
    for m in items:
        sig = (m.claim.value, m.claim.qualifier, m.key[1], m.context, m.scope)  # members alike answer alike
        for members, distinct in groups:
            if all(same_thing(m, o, rarity, settings, weights) for o in distinct.values()):
                members.append(m)
                distinct.setdefault(sig, m)
                break
        else:
            groups.append(([m], {sig: m}))
    return [members for members, _ in groups]


def group(measured: list[Measured], settings: ClaimSettings = DEFAULTS) -> list[list[Measured]]:
    """Claims that measure the same thing: blocked by counted head, action and unit dimension, split by
    modifiers and stated time, then verified pairwise inside each (small) block by shared context."""
    by_key: dict[tuple[str, str], list[Measured]] = defaultdict(list)
    for m in measured:
        # A measure in time or length units, or a sum of money, is blocked by its dimension alone: "a
        # 90-day stay" and "90 days of treatment" measure one stretch, "an offer of $160 million" and
        # "worth $160 million" one sum, whichever noun (or none) the parse hangs it on.
        by_dim = m.key[0] not in TIME_BOUND and (m.dim[0] in MEASURES or is_currency(m.dim[0]))
        if m.key[0] in TIME_BOUND and not m.key[1]:
            continue  # an age or a record of nobody named: "age" alone would put everyone's side by side
        if m.key[0] or by_dim:  # a count of nothing known is never compared
            by_key[("" if by_dim else m.key[0], m.dim[0])].append(m)  # an unknown action may still be a known one's
    rarity = _rarity(measured)
    out = []
    for items in by_key.values():
        for cluster in _mods_cluster(items):
            for part in _time_split(cluster):
                out.extend(_verified(part, rarity, settings))
    return out


def _sides(items: list[Measured]) -> list[ConflictValue]:
    """One side per (value, qualifier, who says it), with every article stating it."""
    sides: dict[tuple[float, str, str | None, bool], ConflictValue] = {}
    for m in items:
        c = m.claim
        k = (round(c.value, 6), c.qualifier, c.speaker_entity_id, m.quoted)
        side = sides.setdefault(k, ConflictValue(c.value, c.qualifier, [], c.speaker_entity_id, m.quoted, c.speaker_text))
        if c.article_id not in side.article_ids:
            side.article_ids.append(c.article_id)
    return sorted(sides.values(), key=lambda s: (s.value, s.qualifier))


def subject_name(items: list[Measured]) -> str:
    """The commonest wording of the subject (longest on ties: it says most)."""
    counts = Counter(m.claim.subject for m in items)
    return max(counts, key=lambda s: (counts[s], len(s)))


# Actions whose count only grows as an event goes on (casualties, arrests, evacuations): two exact tolls
# reported at different or unknown times can both hold, an earlier and a later one.
TOLLS = frozenset({"killed", "injured", "arrested", "evacuated", "displaced"})


def rising_toll(items: list[Measured]) -> bool:
    """Figures of a toll that rises, not all reported on one known day: an update, not a contradiction."""
    if not all(m.key[1] in TOLLS for m in items):
        return False
    days = {m.reported for m in items}
    return None in days or len(days) > 1


def converted_alike(items: list[Measured], tolerance: float) -> bool:
    """Figures given in different units ("7 km", "4 miles") whose values, converted, lie within the
    rounding of a conversion of each other: one measure, not a disagreement."""
    if len({m.dim[1] for m in items}) < 2 or any(m.claim.qualifier not in ("exact", "about") for m in items):
        return False
    values = [_normalized(m) for m in items]
    return min(values) > 0 and max(values) <= min(values) * (1 + tolerance)


def compare(measured: list[Measured], about: float = ABOUT, settings: ClaimSettings = DEFAULTS) -> list[Conflict]:
    """Conflicts (of any kind) for every subject that two or more articles give a figure for."""
    out: list[Conflict] = []
    for items in group(measured, settings):
        if len({m.claim.article_id for m in items}) < 2:
            continue
        kind = kind_of([(_normalized(m), m.claim.qualifier) for m in items], about)
        if kind != "agreement" and converted_alike(items, settings.conversion_tolerance):
            kind = "agreement"  # "48 km" and "30 miles" (48.3 km): one distance, rounded in two units
        elif kind == "contradiction" and rising_toll(items):
            kind = "discrepancy"  # "12 injured", later "18 injured": a toll reported at two times
        ids = [m.claim.id for m in items]
        cid = "f-" + hashlib.sha1("|".join(sorted(ids)).encode()).hexdigest()[:10]
        out.append(Conflict(cid, subject_name(items), kind, ids, _sides(items),  # type: ignore[arg-type]
                            compatible=kind != "contradiction"))
    order = {"contradiction": 0, "discrepancy": 1, "agreement": 2}
    out.sort(key=lambda c: (order[c.kind], c.subject))
    return out


def as_update(conflict: Conflict, published: dict[str, str | None]) -> list[tuple[ConflictValue, str]] | None:
    """A discrepancy that reads as a count rising over time, its sides in time order with the date
    each was first published ("3, later 5"); None when it is not one: not a discrepancy, a side with
    no publication date, two sides first published at one time, or values that do not rise with time."""
    if conflict.kind != "discrepancy" or len(conflict.values) < 2:
        return None
    firsts: list[tuple[str, ConflictValue]] = []
    for side in conflict.values:
        dates = [d for d in (published.get(a) for a in side.article_ids) if d]
        if not dates:
            return None
        firsts.append((min(dates), side))
    firsts.sort(key=lambda f: f[0])
    times, values = [t for t, _ in firsts], [s.value for _, s in firsts]
    if len(set(times)) < len(times) or any(b <= a for a, b in zip(values, values[1:])):
        return None
    return [(side, when) for when, side in firsts]
