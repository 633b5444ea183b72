"""Cross-outlet merging: one entry per event, every outlet that reports it, planned -> happened.

Mentions are blocked by date bucket (the months, or for coarse dates the years, their interval
covers) so only mentions that could share a date are ever compared; within a bucket a mention
joins the most similar compatible cluster (same kind of event, shared participants, shared
words). Mentions without a calendar date (an undated article's "In March", a report of "the
release" with no date at all) are placed last through an inverted index on (kind, participant).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..model import Evidence
from ..settings import TimelineSettings
from .dates import Placement, Reading
from .events import Clause
from .status import Status

PRECISION_RANK = {"day": 0, "part-of-month": 1, "month": 2, "range": 3, "season": 4, "year": 5}
TYPE_WEIGHT = {"PERSON": 1.0, "ORG": 0.8, "FAC": 0.6, "EVENT": 0.6, "GPE": 0.4, "LOC": 0.4, "NORP": 0.2}
W_KIND, W_PEOPLE, W_WORDS = 0.45, 0.35, 0.2
DEFAULTS = TimelineSettings()  # join_score, link_score, same_day_slack: the timeline section of the settings tree
NARRATIVE_SLACK = timedelta(days=31)


@dataclass(slots=True)
class DatedMention:
    """One outlet's report of an event (internal to the stage)."""

    article_id: str
    clause: Clause
    status: Status
    placement: Placement
    reading: Reading | None
    date_text: str
    evidence: Evidence
    participants: list[tuple[str, str]] = field(default_factory=list)
    published: date | None = None
    narrative: Placement | None = None  # the passage's time, for a report without a date
    since: bool = False  # "since X": a state that began at X
    flashback: bool = False  # past perfect or "back in": not an anchor for "two weeks later"
    anchor: str | None = None  # what the date was resolved against (see TimelineEntry.anchor)

    @property
    def placed(self) -> bool:
        return self.placement.lo is not None


@dataclass(slots=True)
class Cluster:
    """Mentions of one event, with what they share."""

    mentions: list[DatedMention] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)
    people: dict[str, float] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)

    def add(self, m: DatedMention) -> None:
        self.mentions.append(m)
        self.kinds[m.clause.kind] = self.kinds.get(m.clause.kind, 0) + 1
        for eid, etype in m.participants:
            self.people[eid] = TYPE_WEIGHT.get(etype, 0.3)
        self.words |= m.clause.keywords

    @property
    def placement(self) -> Placement:
        """The finest placement, preferring reports of the event as happened."""
        placed = [m for m in self.mentions if m.placed]
        if not placed:
            return self.mentions[0].placement
        happened = [m for m in placed if m.status == "happened"] or placed
        return min(happened, key=lambda m: (PRECISION_RANK[m.placement.precision], m.placement.lo)).placement

    @property
    def kind(self) -> str:
        return max(self.kinds, key=lambda k: self.kinds[k])


def similarity(m: DatedMention, c: Cluster) -> float:
    """How likely ``m`` reports the event of ``c``: kind, shared participants, shared words."""
    kind = 1.0 if m.clause.kind in c.kinds else 0.0
    shared = sum(c.people[eid] for eid, _ in m.participants if eid in c.people)
    words = m.clause.keywords
    overlap = len(words & c.words) / min(len(words), len(c.words)) if words and c.words else 0.0
    return W_KIND * kind + W_PEOPLE * min(shared, 1.0) + W_WORDS * overlap


def compatible(a: Placement, b: Placement, *, strong: bool, slack: int = DEFAULTS.same_day_slack) -> bool:
    """Can two placements be the date of one event? Overlap, or nearby days for a strong match."""
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return False
    if a.lo <= b.hi and b.lo <= a.hi:
        return True
    if strong and a.precision == b.precision == "day":
        return abs((a.lo - b.lo).days) <= slack
    return False


def bucket_keys(p: Placement) -> list[tuple[int, ...]]:
    """Blocking keys: each month a short interval covers, else each year (at most a dozen)."""
    if p.lo is None or p.hi is None:
        return []
    if (p.hi - p.lo).days <= 93:
        keys, d = [], p.lo.replace(day=1)
        while d <= p.hi:
            keys.append((d.year, d.month))
            d = (d + timedelta(days=32)).replace(day=1)
        return keys + [(y,) for y in range(p.lo.year, p.hi.year + 1)]
    return [(y,) for y in range(p.lo.year, min(p.hi.year, p.lo.year + 11) + 1)]


def _order(m: DatedMention) -> tuple[int, int, int]:
    """Happened reports with fine dates first: they fix an event's date; plans join them."""
    return (0 if m.status == "happened" else 1, PRECISION_RANK[m.placement.precision], 0 if m.placed else 1)


def merge_mentions(mentions: list[DatedMention], s: TimelineSettings = DEFAULTS) -> list[Cluster]:
    """Mentions (dated, placed or not) grouped into events. Undated reports are linked separately."""
    clusters: list[Cluster] = []
    buckets: dict[tuple[int, ...], list[int]] = {}
    unplaced: list[DatedMention] = []
    for m in sorted(mentions, key=_order):
        if not m.placed:
            unplaced.append(m)
            continue
        best, best_s = None, s.join_score
        fine = len(bucket_keys(m.placement)) <= 4
        seen: set[int] = set()
        for key in bucket_keys(m.placement):
            if not fine and len(key) == 2:
                continue
            for ci in buckets.get(key, []):
                if ci in seen:
                    continue
                seen.add(ci)
                score = similarity(m, clusters[ci])
                if score >= best_s and compatible(m.placement, clusters[ci].placement, strong=score >= s.link_score,
                                                  slack=s.same_day_slack):
                    best, best_s = ci, score
        if best is None:
            clusters.append(Cluster())
            best = len(clusters) - 1
        clusters[best].add(m)
        for key in bucket_keys(m.placement):
            buckets.setdefault(key, []).append(best)
    for m in unplaced:
        _place_by_story(m, clusters, s.join_score)
    return clusters


def _place_by_story(m: DatedMention, clusters: list[Cluster], join_score: float) -> None:
    """An unplaced dated report (yearless month, relative date) joins the event it matches.

    A cluster qualifies when its date agrees with what the words do say (same month, same day
    when both give one); otherwise the report stands alone with its date left relative.
    """
    r = m.reading
    best, best_s = None, join_score
    for c in clusters:
        p = c.placement
        if p.lo is None or r is None or not _agrees(r, p):
            continue
        s = similarity(m, c)
        if s > best_s:
            best, best_s = c, s
    if best is None:
        fresh = Cluster()
        fresh.add(m)
        clusters.append(fresh)
    else:
        best.add(m)


def _agrees(r: Reading, p: Placement) -> bool:
    """Does a placed date fit the month/day (or the weekday) an unplaced reading gives?

    An undated report's "on Wednesday" fits an event another outlet dates to a Wednesday: the
    weekday is a check the words make, so a same-kind event on another weekday never joins."""
    if p.lo is None or p.hi is None:
        return False
    if r.weekday is not None:
        return p.precision == "day" and p.lo.weekday() == r.weekday
    if r.month is None:
        return False
    if (p.hi - p.lo).days > 62:
        return False
    months = {p.lo.month, p.hi.month}
    if r.month not in months:
        return False
    if r.day is not None and p.precision == "day":
        return p.lo.day == r.day
    if r.part is not None and p.precision == "day":
        return r.part[0] <= p.lo.day <= r.part[1] + 2
    return True


def link_undated(reports: list[DatedMention], clusters: list[Cluster], s: TimelineSettings = DEFAULTS) -> None:
    """Reports with no date of their own ("the release of the chairman", "plans to visit") join
    the event they name: same kind, a shared person or organisation, a compatible passage time.

    Looked up by an inverted index on (kind, participant), so only clusters that share both are
    scored. A report that matches nothing is dropped: without a date it is not a timeline entry.
    """
    index: dict[tuple[str, str], list[int]] = {}
    for ci, c in enumerate(clusters):
        for kind in c.kinds:
            for eid in c.people:
                index.setdefault((kind, eid), []).append(ci)
    for m in reports:
        candidates = {ci for eid, _ in m.participants for ci in index.get((m.clause.kind, eid), [])}
        best, best_s = None, s.link_score
        for ci in sorted(candidates):
            c = clusters[ci]
            if not _narrative_fits(m, c) or any(x.article_id == m.article_id and x.clause.start <= m.clause.start < x.clause.end
                                                for x in c.mentions):
                continue
            people = sum(c.people[eid] for eid, t in m.participants if eid in c.people and t in ("PERSON", "ORG"))
            if people < 0.8:
                continue
            score = similarity(m, c)
            if score > best_s:
                best, best_s = ci, score
        if best is not None:
            clusters[best].add(m)


def _narrative_fits(m: DatedMention, c: Cluster) -> bool:
    """A report's passage time (the nearest date before it) must not contradict the event's date;
    a planned report must come from an article published before the event's end."""
    p = c.placement
    if p.lo is None or p.hi is None:
        return False
    if m.narrative is not None and m.narrative.lo is not None and m.narrative.hi is not None:
        if m.narrative.hi + NARRATIVE_SLACK < p.lo or p.hi + NARRATIVE_SLACK < m.narrative.lo:
            return False
    if m.status == "planned" and m.published is not None and m.published > p.hi:
        return False
    return True
