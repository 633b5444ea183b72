"""Profiles: an article or a whole story as one comparable unit, and the similarity of two of them.

A story profile is the sum of its articles' profiles (a centroid before normalising), so the
same score compares article with article in batch and article with story when assigning new
reports; nothing but the sums, the article count and the date span needs to be kept.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..settings import ClusterSettings
from .features import DAY, FIGURE, GROUP, NAMED, ORG, PERSON, PLACE, YEAR, ArticleFeatures

# How much a shared key of each kind says about being the same story (people and organisations most).
KEY_KIND_WEIGHT = {PERSON: 1.0, ORG: 1.0, NAMED: 1.0, PLACE: 0.7, FIGURE: 0.6, DAY: 0.6, GROUP: 0.3, YEAR: 0.3}

Idf = Callable[[str], float]


Params = ClusterSettings  # the cluster section of the settings tree (storyline.settings)


@dataclass(slots=True)
class Profile:
    """Summed weights of one article or story, its size and publication span."""

    terms: dict[str, float] = field(default_factory=dict)
    keys: dict[str, float] = field(default_factory=dict)
    n: int = 0
    first: int | None = None  # earliest/latest publication day among dated members
    last: int | None = None
    years: dict[int, float] = field(default_factory=dict)  # years mentioned, summed over members

    @classmethod
    def of(cls, f: ArticleFeatures) -> Profile:
        keys = {k: 1.0 + math.log(c) if c >= 1 else c for k, c in f.keys.items()}
        years = {y: 1.0 / (i + 1) for i, y in enumerate(f.years)}
        return cls(dict(f.terms), keys, 1, f.day, f.day, years)

    def add(self, other: Profile, max_terms: int = ClusterSettings().profile_terms) -> None:
        """Fold another profile into this one (in place); past twice ``max_terms`` lemmas, only the
        ``max_terms`` strongest are kept, so a long-running story's centroid stays small."""
        for src, dst in ((other.terms, self.terms), (other.keys, self.keys)):
            for k, v in src.items():
                dst[k] = dst.get(k, 0.0) + v
        for y, v in other.years.items():
            self.years[y] = self.years.get(y, 0.0) + v
        self.n += other.n
        if other.first is not None:
            self.first = other.first if self.first is None else min(self.first, other.first)
            self.last = other.last if self.last is None else max(self.last, other.last)  # type: ignore[type-var]
        if len(self.terms) > max_terms * 2:
            self.terms = dict(sorted(self.terms.items(), key=lambda kv: -kv[1])[:max_terms])

    def year(self) -> int | None:
        """The year this unit is about: its publication year, else the year it mentions most."""
        if self.first is not None:
            return date.fromordinal(self.first).year
        return max(self.years, key=lambda y: (self.years[y], y)) if self.years else None

    def to_dict(self) -> dict[str, Any]:
        return {"terms": self.terms, "keys": self.keys, "n": self.n, "first": self.first, "last": self.last,
                "years": {str(y): v for y, v in self.years.items()}}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Profile:
        return cls(dict(d["terms"]), dict(d["keys"]), d["n"], d.get("first"), d.get("last"),
                   {int(y): v for y, v in d.get("years", {}).items()})


def key_weight(key: str) -> float:
    return KEY_KIND_WEIGHT.get(key[:2], 1.0)


def time_factor(a: Profile, b: Profile, p: Params) -> float:
    """1 when two units are close in time, falling as the gap between their date spans grows.

    A story can run for weeks, so the gap is between spans, not single dates. When neither side is
    dated, the years they mention stand in (different years, none in common: a different event);
    when time cannot be checked at all, the pair gets the ``undated`` discount, since it may be
    months apart.
    """
    if a.first is not None and b.first is not None:
        gap = max(0, a.first - b.last, b.first - a.last)  # type: ignore[operator]
        if gap <= p.grace_days:
            return 1.0
        return 1.0 / (1.0 + ((gap - p.grace_days) / p.half_days) ** 2)
    if a.first is None and b.first is None:  # a dated report's text often recalls other years
        ya, yb = a.year(), b.year()
        if ya is not None and yb is not None and ya != yb and not (set(a.years) & set(b.years)):
            return p.year_mismatch
        if ya is not None and ya == yb:
            return 1.0
    return p.undated


def max_gap_days(p: Params) -> float:
    """The publication gap beyond which even identical reports score under the batch threshold."""
    if p.threshold >= 1.0:
        return float(p.grace_days)
    return p.grace_days + p.half_days * math.sqrt(1.0 / max(p.threshold, 1e-6) - 1.0)


def unit_profile(f: ArticleFeatures, idf: Idf) -> Profile:
    """An article's profile as unit-length TF-IDF vectors (terms; keys also by kind weight), weighted
    with the IDF of the moment it is made.

    Summed over a story, ``dot(article, sum) / n`` is the article's mean cosine to the story's
    members: the batch average linkage, kept in one vector per story. The weights go into the
    stored vectors, not into the query: were they applied at query time, a story's members (made
    unit-length under the IDF of their day) would be met with the IDF of a bigger corpus, in which
    every word is rarer, and old stories would look more alike with every report added.
    """
    base = Profile.of(f)
    kind = {k: idf(k) * key_weight(k) for k in base.keys}
    terms = {k: v * idf(k) for k, v in base.terms.items()}
    keys = {k: v * kind[k] for k, v in base.keys.items()}
    tn = math.sqrt(sum(v * v for v in terms.values())) or 1.0
    kn = math.sqrt(sum(v * v for v in keys.values())) or 1.0
    base.terms = {k: v / tn for k, v in terms.items()}
    base.keys = {k: v / kn for k, v in keys.items()}
    return base


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * w for k, v in a.items() if (w := b.get(k)) is not None)


@dataclass(slots=True)
class Query:
    """A unit-length weighted article profile, ready to meet many stories (``mean_score``)."""

    profile: Profile
    terms: dict[str, float]
    keys: dict[str, float]

    @classmethod
    def of(cls, unit: Profile, idf: Idf | None = None) -> Query:
        """``unit`` from ``unit_profile`` (its weights are in it already; ``idf`` is not needed)."""
        return cls(unit, unit.terms, unit.keys)


def mean_score(q: Query, story: Profile, p: Params) -> float:
    """Mean content score of an article against a story of unit profiles (a story's summed
    vectors dotted with the article's, over its size), times the time factor."""
    terms, keys = dot(q.terms, story.terms) / story.n, dot(q.keys, story.keys) / story.n
    return (p.term_weight * terms + (1.0 - p.term_weight) * keys) * time_factor(q.profile, story, p)


def story_linkage(a: Profile, b: Profile, idf: Idf, p: Params) -> float:
    """Mean content score over all article pairs of two stories of unit profiles, times time
    (average linkage from the two sums alone)."""
    q = Query.of(a, idf)
    return mean_score(q, b, p) / a.n


def idf_from(df: dict[str, int], n: int) -> Idf:
    """Smoothed inverse document frequency over ``n`` articles."""
    cache: dict[str, float] = {}

    def idf(key: str) -> float:
        v = cache.get(key)
        if v is None:
            v = cache[key] = math.log((n + 1) / (df.get(key, 0) + 1)) + 1.0
        return v

    return idf
