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

ABOUT = ClaimSettings().about_tolerance  # "about N" covers N ± 10 % unless the settings say otherwise
EPS = 1e-9


@dataclass(slots=True)
class Measured:
    """A claim with what comparison needs beyond the Claim fields."""

    claim: Claim
    key: tuple[str, str]  # (counted noun lemma, action class)
    mods: frozenset[str] = field(default_factory=frozenset)
    quoted: bool = False  # inside a quote or reported speech: the speaker's figure, not the outlet's
    when: str | None = None  # comparable absolute time, when stated


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


def group(measured: list[Measured]) -> list[list[Measured]]:
    """Claims that measure the same thing: same key, compatible modifiers, same time when stated."""
    by_key: dict[tuple[str, str], list[Measured]] = defaultdict(list)
    for m in measured:
        if m.key[0]:  # a figure counting nothing known is never compared
            by_key[m.key].append(m)
    out = []
    for items in by_key.values():
        for cluster in _mods_cluster(items):
            out.extend(_time_split(cluster))
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


def compare(measured: list[Measured], about: float = ABOUT) -> list[Conflict]:
    """Conflicts (of any kind) for every subject that two or more articles give a figure for."""
    out: list[Conflict] = []
    for items in group(measured):
        if len({m.claim.article_id for m in items}) < 2:
            continue
        kind = kind_of([(m.claim.value, m.claim.qualifier) for m in items], about)
        ids = [m.claim.id for m in items]
        cid = "f-" + hashlib.sha1("|".join(sorted(ids)).encode()).hexdigest()[:10]
        out.append(Conflict(cid, subject_name(items), kind, ids, _sides(items),  # type: ignore[arg-type]
                            compatible=kind != "contradiction"))
    order = {"contradiction": 0, "discrepancy": 1, "agreement": 2}
    out.sort(key=lambda c: (order[c.kind], c.subject))
    return out
