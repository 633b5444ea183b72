"""Timeline: dated events from relative dates, with precision, status and every outlet's report.

``run`` fills ``story.timeline``. Per article: temporal expressions (``dates``), the event clause
each belongs to (``events``), its status (``status``) and its place on the calendar against the
article's anchor. Across articles: one entry per event with all its sources, planned reports
linked to the report of the event happening (``merge``).

Anchors. An article's own publication date is its anchor. An article without one borrows the
story's reference date (the latest publication date among the story's dated articles) only when
its content places it there: it states a year-bearing date (a month, season or day with its
year, such as "February 2025" or "the fall of 2024") within 18 months before that reference.
Under a borrowed anchor yearless dates take the nearest year and nothing finer than a month is
derived from the anchor ("on Friday" stays relative). Otherwise the article's yearless and
relative dates stay unresolved (date None, precision as the words give it) and are placed only
if they match an event another outlet dates; "two weeks later" always counts from the previous
dated event in the same passage. Once the story's events are merged, an undated article is
bounded by them (``dating``): after the latest event it reports as past, before the earliest
it reports as planned that another outlet reports as happened.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from ..stage import story_stage
from ..docindex import doc_index
from ..entities.index import MentionIndex, mention_index
from ..settings import TimelineSettings
from ..spanset import SpanSet
from ..model import Article, Evidence, Story, TimelineEntry
from .dates import (
    NOT_A_POINT,
    Placement,
    Reading,
    TimeExpr,
    build_matcher,
    find_expressions,
    forward_looking,
    parse_published,
    place,
    shift,
)
from .events import anchor_token, event_clause, participants, support_words
from .dating import place_undated
from .merge import Cluster, DatedMention, link_undated, merge_mentions
from .status import event_status

__all__ = ["run", "article_mentions", "undated_reports", "story_anchor", "build_entries"]

DEFAULTS = TimelineSettings()  # the timeline section of the settings tree (storyline.settings)
STATUS_ORDER = ("happened", "planned", "uncertain", "denied")


@story_stage(fills=("timeline", "dating"), reads=("entities", "quotes"))
def run(story: Story, articles: dict[str, Article], docs: dict[str, Doc], settings: TimelineSettings = DEFAULTS) -> None:
    """Story stage: fill story.timeline (participants need story.entities; works without)."""
    ids = [aid for aid in story.article_ids if aid in docs and aid in articles]
    if not ids:
        story.timeline, story.dating = [], []
        return
    matcher = build_matcher(docs[ids[0]].vocab)
    index = mention_index(story)
    quoted = {aid: SpanSet(spans) for aid, spans in _quote_spans(story).items()}  # built once per article
    no_quotes = SpanSet([])
    published = {aid: parse_published(articles[aid].published) for aid in ids}
    reference = max((d for d in published.values() if d), default=None)
    dated: list[DatedMention] = []
    undated: list[DatedMention] = []
    for aid in ids:
        doc, article = docs[aid], articles[aid]
        exprs = find_expressions(doc, matcher)
        anchor, kind = (published[aid], "published") if published[aid] else (story_anchor(exprs, reference, settings), "story")
        found = article_mentions(article, doc, exprs, anchor, kind if anchor else None,
                                 index.get(aid), quoted.get(aid, no_quotes), settings)
        dated.extend(found)
        undated.extend(undated_reports(article, doc, found, published[aid], index.get(aid), quoted.get(aid, no_quotes), settings))
    clusters = merge_mentions(dated, settings)
    link_undated(undated, clusters, settings)
    story.timeline = build_entries(clusters, {aid: i for i, aid in enumerate(story.article_ids)})
    story.dating = place_undated(clusters, [aid for aid in ids if published[aid] is None])


def _quote_spans(story: Story) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for q in story.quotes:
        out.setdefault(q.article_id, []).append((q.start, q.end))
        for part in q.parts:
            out.setdefault(part.article_id, []).append((part.start, part.end))
    return out


def story_anchor(exprs: list[TimeExpr], reference: date | None, settings: TimelineSettings = DEFAULTS) -> date | None:
    """The story's reference date for an undated article whose own text places it near it.

    Placed when the article states a year-bearing date finer than a year that falls within
    ``story_anchor_days`` before the reference (and not after it by more than a month); else None.
    """
    if reference is None:
        return None
    for e in exprs:
        r = e.reading
        if r is None or r.kind != "absolute" or r.precision in ("year", "range"):
            continue
        p = place(r, None, None, future=False)
        if p.lo and p.hi and reference - settings.story_anchor_window <= p.hi and p.lo <= reference + timedelta(days=31):
            return reference
    return None


def article_mentions(article: Article, doc: Doc, exprs: list[TimeExpr], anchor: date | None,
                     anchor_kind: str | None, index: MentionIndex | None,
                     quoted: SpanSet, settings: TimelineSettings = DEFAULTS) -> list[DatedMention]:
    """One mention per usable temporal expression of an article, placed and with its status.

    "Two weeks later" is shifted from the previous placed event in the same passage that is not
    a flashback (past perfect, "back in") or a state ("since"). A yearless day the article also
    prints with its year ("killed June 24, 2005" ... "on June 24"), or whose month it prints with
    one year ("in June 2005" ... "the June 20 shooting"), takes that year.
    """
    out: list[DatedMention] = []
    text = doc_index(doc).text
    years = _stated_years(exprs)
    for found in exprs:
        if found.reading is None or found.prep in NOT_A_POINT:
            continue
        year = _stated_year(found.reading, years)
        e = replace(found, reading=replace(found.reading, kind="absolute", year=year)) if year is not None else found
        assert e.reading is not None
        word = anchor_token(doc, e.start, e.end)
        if word is None:
            continue
        clause = event_clause(word, settings.event_window_chars)
        start, end = min(clause.start, e.start), max(clause.end, e.end)
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start > settings.max_clause_chars:
            continue
        clause.start, clause.end, clause.text = start, end, text[start:end]
        forward = forward_looking(e)
        status = event_status(clause, forward=forward, quoted=quoted)
        if e.reading.kind == "event":
            base = None if _names_its_reference(doc, e) else _previous_anchor(out, e.start, settings.passage_chars)
            placement = shift(base.placement, e.reading) if base else place(e.reading, None, None, future=False)
            used = "event" if base else None
        else:
            placement = place(e.reading, anchor, anchor_kind, future=status == "planned" or forward)  # type: ignore[arg-type]
            used = None if e.reading.kind == "absolute" else anchor_kind
        if status == "planned" and anchor_kind == "published" and anchor is not None and placement.hi is not None \
                and placement.hi < anchor:
            # "he would run for president in 2020", "was due to visit in March" in a report written
            # after that date: a past intention whose outcome the sentence does not tell, not a plan.
            # (An undated report's anchor is the story's date, not its own: its plans stay plans.)
            status = "uncertain"
        parts = participants(clause, index)
        clause.participants = [eid for eid, _ in parts]
        out.append(DatedMention(
            article.id, clause, status, placement, e.reading, e.text, article.evidence(clause.start, clause.end),
            parts, parse_published(article.published), None, e.prep == "since", _flashback(clause, e), used,
        ))
    if anchor_kind != "published":
        _past_plans_of_undated(out)
    return out


def _stated_years(exprs: list[TimeExpr]) -> dict[tuple[int, int | None], set[int]]:
    """(month, day) and (month, None) -> the years the article prints with that day or month
    ("June 24, 2005", "in June 2005")."""
    out: dict[tuple[int, int | None], set[int]] = {}
    for e in exprs:
        r = e.reading
        if r is not None and r.kind == "absolute" and r.month and r.year:
            out.setdefault((r.month, None), set()).add(r.year)
            if r.day:
                out.setdefault((r.month, r.day), set()).add(r.year)
    return out


def _stated_year(r: Reading | None, years: dict[tuple[int, int | None], set[int]]) -> int | None:
    """The one year the article prints with a yearless day's day (else with its month), if any."""
    if r is None or r.kind != "yearless" or not r.day or not r.month:
        return None
    for key in ((r.month, r.day), (r.month, None)):
        if key in years:
            return next(iter(years[key])) if len(years[key]) == 1 else None
    return None


def _past_plans_of_undated(mentions: list[DatedMention]) -> None:
    """An undated report was written after the latest event it tells as happened (by a date that
    states its year); a plan dated before that ("he would run for president in 2020" in a report
    of 2025's talks) had passed when it was written: a past intention, not a plan."""
    told = [m.placement.lo for m in mentions
            if m.status == "happened" and m.reading is not None and m.reading.kind == "absolute" and m.placement.lo]
    if not told:
        return
    written_after = max(told)
    for m in mentions:
        if m.status == "planned" and m.placement.hi is not None and m.placement.hi < written_after:
            m.status = "uncertain"


def _names_its_reference(doc: Doc, expr: TimeExpr) -> bool:
    """ "two weeks before the shooting", "three weeks before he was murdered": the words name the
    point they count from, so the previous dated event is not it (the date stays relative).
    "Two weeks later, ..." names none and counts from the passage's last event."""
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or span[-1].lower_ not in ("before", "after") or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return not (nxt.is_punct or nxt.is_space) and doc_index(doc).sent_of[nxt.i] == doc_index(doc).sent_of[span[-1].i]


def _flashback(clause, expr: TimeExpr) -> bool:  # noqa: ANN001 - events.Clause
    """Past perfect ("had begun") or "back in": background, not the passage's running time."""
    if expr.text.lower().startswith("back "):
        return True
    pred = clause.predicate
    return any(c.lower_ == "had" and c.dep_ in ("aux", "auxpass") for c in pred.children)


def _previous_anchor(mentions: list[DatedMention], offset: int, reach: int) -> DatedMention | None:
    """The last placed running-time event at most ``reach`` characters before ``offset``."""
    for m in reversed(mentions):
        if offset - m.evidence.end > reach:
            return None
        if m.placed and not m.since and not m.flashback and m.status != "planned" and m.placement.precision != "year":
            return m
    return None


def undated_reports(article: Article, doc: Doc, dated: list[DatedMention], published: date | None,
                    index: MentionIndex | None, quoted: SpanSet,
                    settings: TimelineSettings = DEFAULTS) -> list[DatedMention]:
    """Reports of events that carry no date ("the release of the chairman", "plans to visit").

    Only event words of known kinds outside every dated clause, with a named participant; each
    keeps the passage time (the nearest placed date before it in the article) for the link.
    """
    if index is None:
        return []
    taken = SpanSet((m.clause.start, m.clause.end) for m in dated)
    out: list[DatedMention] = []
    seen: set[tuple[int, int]] = set()
    for word in support_words(doc):
        if taken.holds(word.idx):
            continue
        clause = event_clause(word, settings.event_window_chars)
        if (clause.start, clause.end) in seen or clause.end - clause.start > settings.max_clause_chars:
            continue
        seen.add((clause.start, clause.end))
        parts = index.inside(clause.start, clause.end)
        if not any(t in ("PERSON", "ORG") for _, t in parts):
            continue
        clause.participants = [eid for eid, _ in parts]
        status = event_status(clause, forward=False, quoted=quoted)
        if not _reportable(clause.predicate, status):
            continue
        narrative = next((m.placement for m in reversed(dated) if m.placed and m.evidence.start <= clause.start
                          and clause.start - m.evidence.end < settings.narrative_chars), None)
        out.append(DatedMention(article.id, clause, status, Placement(None, "day"), None, "",
                           article.evidence(clause.start, clause.end), parts, published, narrative))
    return out


def _reportable(word: Token, status: str) -> bool:
    """A dateless report counts only when it says the event happened or is planned: a past verb
    ("came to Minsk") or a definite event noun ("the release of ..."), never a generic present
    ("talks a lot with"), a gerund or a hedge ("if he does visit")."""
    if status in ("uncertain", "denied"):
        return False
    if status == "planned":
        return True
    if word.pos_ == "VERB":
        return word.tag_ == "VBD" or word.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") for c in word.children)
    return any(c.dep_ in ("det", "poss") for c in word.children)


def build_entries(clusters: list[Cluster], article_order: dict[str, int] | None = None) -> list[TimelineEntry]:
    """Timeline entries in date order, one per event; entries the text gives no calendar place
    ("two weeks later" with nothing before it) come last, in the story's article order and the
    order each article tells them, never alphabetically."""
    order = article_order or {}
    kept = [c for c in clusters if c.mentions and any(m.date_text for m in c.mentions)]
    return [_entry(c) for c in sorted(kept, key=lambda c: _sort_key(c, order))]


def _sort_key(c: Cluster, article_order: dict[str, int]) -> tuple[int, date, int, int, int, str]:
    p = c.placement
    if p.lo:
        return (0, p.lo, (p.hi - p.lo).days if p.hi else 0, 0, 0, c.mentions[0].clause.text)
    first = min(c.mentions, key=lambda m: (article_order.get(m.article_id, len(article_order)), m.evidence.start))
    return (1, date.max, 0, article_order.get(first.article_id, len(article_order)), first.evidence.start, "")


def _entry(c: Cluster) -> TimelineEntry:
    p = c.placement
    statuses = {m.status for m in c.mentions}
    status = next(s for s in STATUS_ORDER if s in statuses)
    if status == "happened" and all(m.status == "denied" for m in c.mentions if m.date_text):
        status = "denied"
    lead = _lead(c)
    date_texts, conflicts = _date_texts(c, p, lead)
    evidence = _unique([m.evidence for m in sorted(c.mentions, key=_evidence_order)])
    planned_in = _unique([m.evidence for m in sorted(c.mentions, key=_evidence_order) if m.status == "planned"])
    participants: list[str] = []
    for m in c.mentions:
        participants += [eid for eid in m.clause.participants if eid not in participants]
    key = f"{p.date}|{lead.article_id}|{lead.evidence.start}"
    return TimelineEntry(
        id="t-" + hashlib.sha1(key.encode()).hexdigest()[:10],
        date=p.date, precision=p.precision, date_text=date_texts, status=status,  # type: ignore[arg-type]
        text=" ".join(lead.clause.text.split()), participants=participants, evidence=evidence, planned_in=planned_in,
        anchor=lead.anchor, date_conflicts=conflicts, stated=_stated(c),
    )


def _stated(c: Cluster) -> dict[str, list[str]]:
    """What each article's own words date the event to, at their own precision (ranges and
    seasons, and reports with no calendar place of their own, state nothing here)."""
    out: dict[str, list[str]] = {}
    for m in sorted(c.mentions, key=_evidence_order):
        own = m.placement.date
        if m.date_text and own and "/" not in own and own not in out.get(m.article_id, []):
            out.setdefault(m.article_id, []).append(own)
    return out


def _lead(c: Cluster) -> DatedMention:
    """The report whose words describe the entry: a dated report of it happening, most precise."""
    from .merge import PRECISION_RANK

    dated = [m for m in c.mentions if m.date_text] or c.mentions
    return min(dated, key=lambda m: (m.status != "happened", m.since, m.flashback, PRECISION_RANK[m.placement.precision] if m.placed else 9,
                                     -len(m.participants), m.evidence.start))


def _date_texts(c: Cluster, p, lead: DatedMention) -> tuple[str, list[str]]:  # noqa: ANN001 - dates.Placement
    """The words that date the entry, as written (the lead report's first), and the days outlets
    give for it when they differ."""
    texts: list[str] = []
    for m in sorted(c.mentions, key=lambda m: (m is not lead, m.status != "happened",
                                                m.placement.precision != p.precision)):
        if m.date_text and m.date_text not in texts:
            texts.append(m.date_text)
    days = sorted({d for m in c.mentions if m.placed and m.placement.precision == "day" and m.status == "happened"
                   for d in [m.placement.date] if d})
    return "; ".join(texts), days if len(days) > 1 else []


def _evidence_order(m: DatedMention) -> tuple[date, str, int]:
    return (m.published or date.max, m.article_id, m.evidence.start)


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for ev in evidence:
        k = (ev.article_id, ev.start, ev.end)
        if k not in seen:
            seen.add(k)
            out.append(ev)
    return out
