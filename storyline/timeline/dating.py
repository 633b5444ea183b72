"""Undated articles placed between the story's dated events by what they report.

An article that reports an event as past was written after it; one that reports as still to
come an event other outlets report as happened was written before it. The bounds are the
event's own placement (its earliest possible day for "after", its latest for "before"), so a
month-precise event gives a month-wide bound. Events dated only to a year say too little and
are not used; bounds that contradict each other are dropped rather than reconciled.
"""

from __future__ import annotations

from datetime import date

from ..model import ArticleDating, Evidence
from .merge import Cluster, DatedMention

__all__ = ["place_undated"]

USABLE = ("day", "part-of-month", "month")


def place_undated(clusters: list[Cluster], undated_ids: list[str]) -> list[ArticleDating]:
    """One ArticleDating per undated article that the story's dated events bound from either side."""
    out: list[ArticleDating] = []
    for aid in undated_ids:
        after = _latest_past(clusters, aid)
        before = _earliest_future(clusters, aid)
        if after and before and after[0] > before[0]:
            continue  # the article's reports disagree with each other: no placement
        if after or before:
            out.append(ArticleDating(
                aid,
                after=after[1] if after else None, before=before[1] if before else None,
                after_evidence=after[2] if after else None, before_evidence=before[2] if before else None,
            ))
    return out


def _usable(c: Cluster) -> bool:
    p = c.placement
    return p.lo is not None and p.hi is not None and p.precision in USABLE


def _report(c: Cluster, aid: str, status: str) -> DatedMention | None:
    return next((m for m in c.mentions if m.article_id == aid and m.status == status), None)


def _latest_past(clusters: list[Cluster], aid: str) -> tuple[date, str, Evidence] | None:
    """The latest event the article reports as having happened: (earliest day, shown date, its words)."""
    best: tuple[date, str, Evidence] | None = None
    for c in clusters:
        m = _report(c, aid, "happened") if _usable(c) else None
        if m is None:
            continue
        p = c.placement
        if p.lo is not None and (best is None or p.lo > best[0]):
            best = (p.lo, p.date or p.lo.isoformat(), m.evidence)
    return best


def _earliest_future(clusters: list[Cluster], aid: str) -> tuple[date, str, Evidence] | None:
    """The earliest event the article reports as planned that another report says happened."""
    best: tuple[date, str, Evidence] | None = None
    for c in clusters:
        m = _report(c, aid, "planned") if _usable(c) else None
        if m is None or not any(o.status == "happened" and o.article_id != aid for o in c.mentions):
            continue
        p = c.placement
        if p.hi is not None and (best is None or p.hi < best[0]):
            best = (p.hi, p.date or p.hi.isoformat(), m.evidence)
    return best
