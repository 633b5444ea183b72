"""Coverage matrix: which outlet reported which fact, what only one outlet has, what one left out.

One row per fact: a timeline event as the timeline merged it across outlets (its planned reports
and its reports of what happened are two rows: an announcement is not the event), a figure (the
figures several outlets compare, and one figure given alike by several outlets in sentences that
say the same thing), a quote. An outlet's cell is filled only when one of its spans supports the
fact by the support rule (storyline.summarize.support); each cell keeps that Support, so the
report can say why. "Only one outlet" means no other outlet's span supports the fact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Article, Claim, Evidence, Story, Support, TimelineEntry
from ..settings import SummarySettings
from ..unionfind import DisjointSet
from .support import Statement, SupportIndex, entry_status, judge, span_status

DEFAULTS = SummarySettings()


@dataclass(slots=True)
class CoverageRow:
    kind: str  # "event", "figure", "quote"
    label: str  # cut at a word break (coverage_label_chars); ``text`` holds it whole
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # article id -> span carrying the fact
    only: str | None = None  # the single article that has it
    left_out_by: list[str] = field(default_factory=list)  # articles missing a fact all others carry
    status: str | None = None  # planned / happened / denied / uncertain (events)
    support: dict[str, Support] = field(default_factory=dict)  # article id -> the span credited, and why
    text: str = ""  # the label in full
    item_id: str | None = None  # the timeline entry, conflict, claim or quote the row is


def credits(rows: Iterable[CoverageRow]) -> dict[tuple[str, str | None], dict[str, Support]]:
    """(item id, status) -> article id -> its Support: what the reports show beside an event's or a
    quote's other outlets (a quote's status is None)."""
    return {(r.item_id, r.status): r.support for r in rows if r.item_id}


def short_label(text: str, limit: int) -> str:
    """``text`` on one line, cut at the last word break before ``limit`` characters (never inside
    a word), with an ellipsis when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit + 1].rsplit(" ", 1)[0] if " " in flat[: limit + 1] else flat[:limit]
    return cut.rstrip(",;:—-– ") + " …"


class _Judge:
    """The support rule over one story's spans (text only: the report has no parse)."""

    def __init__(self, story: Story, articles: Iterable[Article] | None, s: SummarySettings) -> None:
        self.story, self.s = story, s
        self.articles = {a.id: a for a in articles or [] if a.id in set(story.article_ids)}
        texts = [a.clean_text[x:y] for a in self.articles.values() for x, y in a.sentences]
        if not texts:  # no article texts given: the story's own cited spans stand for its sentences
            texts = [ev.text for t in story.timeline for ev in t.evidence] + [c.text for c in story.claims] + \
                [ev.text for q in story.quotes for ev in (q.span, *q.also_in)]
        self.index = SupportIndex.of_texts(texts, story)

    def statement(self, ev: Evidence, status: str | None) -> Statement:
        return self.index.statement(ev.article_id, ev.start, ev.end, ev.text, status=status)

    def sentence(self, ev: Evidence) -> Evidence:
        """The sentence holding a span (the span itself when its article's text is not at hand)."""
        a = self.articles.get(ev.article_id)
        if a is None or not a.sentences:
            return ev
        k = a.sentence_index(ev.start)
        x, y = a.sentences[k] if k is not None else (ev.start, ev.end)
        x, y = min(x, ev.start), max(y, ev.end)
        return Evidence(a.id, x, y, a.clean_text[x:y])

    def credits(self, lead: Statement, spans: Iterable[tuple[Evidence, str | None]], basis: str) -> dict[str, Support]:
        """Article id -> its best supporting span among ``spans``; the lead's own article first."""
        out = {lead.article_id: Support(lead.article_id, lead.start, lead.end, lead.text, similarity=1.0,
                                        status=lead.status, basis="own")}
        accepted, waiting = [lead], [self.statement(ev, status) for ev, status in spans]
        while waiting:  # a report supports the fact when it supports the lead or a report already credited
            found = None
            for n, other in enumerate(waiting):
                sups = [sup for item in accepted if (sup := judge(item, other, basis, self.s, whole=False))]
                if sups:
                    found = n, max(sups, key=lambda sup: sup.similarity)
                    break
            if found is None:
                break
            n, sup = found
            accepted.append(waiting.pop(n))
            if sup.article_id not in out or sup.similarity > out[sup.article_id].similarity:
                out[sup.article_id] = sup
        return out


def coverage(story: Story, articles: Iterable[Article] | None = None, s: SummarySettings = DEFAULTS) -> list[CoverageRow]:
    """Rows of the coverage matrix, events first, then figures, then quotes."""
    j = _Judge(story, articles, s)
    rows = [*_event_rows(story, j), *_figure_rows(story, j), *_quote_rows(story, j)]
    everyone = list(story.article_ids)
    for row in rows:
        row.text = row.text or row.label
        row.label = short_label(row.text, s.coverage_label_chars)
        row.cells = {aid: (sup.start, sup.end) for aid, sup in row.support.items()}
        carried = [a for a in everyone if a in row.cells]
        if len(carried) == 1 and len(everyone) > 1:
            row.only = carried[0]
        if len(everyone) >= s.omission_min_articles and len(carried) == len(everyone) - 1:
            row.left_out_by = [a for a in everyone if a not in row.cells]
    return rows


def _event_rows(story: Story, j: _Judge) -> list[CoverageRow]:
    """One row per timeline event and status: its planned reports apart from its reports of what happened."""
    rows = []
    for t in story.timeline:
        by_status: dict[str, list[Evidence]] = defaultdict(list)
        for ev in t.evidence:
            by_status[entry_status(t, ev.article_id, ev.start)].append(ev)
        for status, spans in sorted(by_status.items(), key=lambda kv: kv[0] != t.status):
            lead_ev = _lead(t, spans, j, status)
            lead = j.statement(lead_ev, status)
            support = j.credits(lead, [(ev, status) for ev in spans if ev is not lead_ev], "same event")
            text = t.text if lead_ev.text.split() == t.text.split() else lead_ev.text
            rows.append(CoverageRow("event", "", status=status, support=support, item_id=t.id,
                                    text=f"{t.date or t.date_text or 'undated'} · {status} · {' '.join(text.split())}"))
    return rows


def _lead(t: TimelineEntry, spans: list[Evidence], j: _Judge, status: str) -> Evidence:
    """The report the row is read from: the one most other outlets' reports support (the
    timeline's own wording first among equals). One event's reports are few: all pairs is cheap."""
    words = t.text.split()
    statements = [j.statement(ev, status) for ev in spans]

    def backing(n: int) -> tuple[int, bool]:
        others = {o.article_id for o in statements if judge(statements[n], o, "same event", j.s, whole=False)}
        return (len(others), spans[n].text.split() == words)

    return spans[max(range(len(spans)), key=lambda n: (backing(n), -n))]


def _figure_rows(story: Story, j: _Judge) -> list[CoverageRow]:
    """The compared figures, then every other figure: one row for the same figure (value and thing
    counted) that outlets give in sentences supporting each other (blocked by value and unit)."""
    rows = []
    claims = {c.id: c for c in story.claims}
    grouped: set[str] = set()
    for k in story.conflicts:
        members = [claims[i] for i in k.claim_ids if i in claims]
        if not members:
            continue
        grouped.update(m.id for m in members)
        values = ", ".join(f"{v.qualifier} {v.value:g}".strip() for v in k.values)
        support = {m.article_id: Support(m.article_id, m.start, m.end, m.text, similarity=1.0, basis=f"figure ({k.kind})")
                   for m in reversed(members)}
        rows.append(CoverageRow("figure", "", support=support, text=f"{k.subject}: {values} ({k.kind})"))
    blocks: dict[tuple[str, float], list[Claim]] = defaultdict(list)
    for c in claims.values():
        if c.id not in grouped:
            blocks[(c.unit or "", c.value)].append(c)
    for block in blocks.values():
        # a figure is read in its own words (the figure, the thing counted, its verb) with the status
        # of its sentence; two figures of differently dated events are two facts
        sentences = [j.sentence(c.span) for c in block]
        statements = [j.statement(c.span, span_status(j.index, ev.article_id, ev.start, ev.end, ev.text))
                      for c, ev in zip(block, sentences)]
        dates = [_event_dates(story, ev) for ev in sentences]
        same = DisjointSet(len(block))
        for a in range(len(block)):
            for b in range(a + 1, len(block)):  # within one block of the same value and unit only
                if _dates_meet(dates[a], dates[b]) and judge(statements[a], statements[b], "same figure", j.s, whole=False):
                    same.union(a, b)
        groups: dict[int, list[int]] = defaultdict(list)
        for a in range(len(block)):
            groups[same.find(a)].append(a)
        for group in groups.values():
            lead, c = statements[group[0]], block[group[0]]
            support = j.credits(lead, [(block[m].span, statements[m].status) for m in group[1:]], "same figure")
            rows.append(CoverageRow("figure", "", support=support,
                                    text=f"{c.subject}: {c.qualifier} {c.value:g}".replace("  ", " ").replace(": exact ", ": ")))
    return rows


def _event_dates(story: Story, ev: Evidence) -> set[str]:
    """Dates of the timeline events a sentence reports."""
    return {t.date for t in story.timeline if t.date for e in t.evidence
            if e.article_id == ev.article_id and e.start < ev.end and ev.start < e.end}


def _dates_meet(a: set[str], b: set[str]) -> bool:
    """Whether two sentences may report one event: one of them is undated, or a date of one
    contains a date of the other ("2025-02" and "2025-02-14")."""
    return not a or not b or any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def _quote_rows(story: Story, j: _Judge) -> list[CoverageRow]:
    """Quotes (direct ones, and reported speech in several outlets): an outlet carries one when its
    span says it in the same words, or close enough (the speaker's words: no status)."""
    rows = []
    for q in story.quotes:
        if q.kind == "direct" or q.also_in:  # reported speech is a row when several outlets carry it
            lead = j.statement(q.span, None)
            rows.append(CoverageRow("quote", "", support=j.credits(lead, [(ev, None) for ev in q.also_in], "same quote"),
                                    text=f"“{q.text}”" if q.kind == "direct" else f"{q.text} (reported)", item_id=q.id))
    return rows
