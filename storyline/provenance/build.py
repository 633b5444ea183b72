"""From articles to Copy items: run the three finders, orient each copy by publication date."""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date, datetime

from ..model import Article, Copy, CopyPassage, Evidence, Story, dating_bounds
from ..settings import ProvenanceSettings
from .copies import DEFAULTS, Passage, find_verbatim
from .embedder import Embedder
from .rewritten import find_rewritten
from .syndication import find_syndicated
from .text import ArticleText, quoted_spans


def articles_text(story: Story, articles: dict[str, Article]) -> list[ArticleText]:
    """The story's articles as ArticleText, leaving out quoted words (marks and the quotes stage's spans)."""
    direct: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for q in story.quotes:
        if q.kind == "direct":
            direct[q.article_id].append((q.start, q.end))
            direct[q.article_id].extend((e.start, e.end) for e in q.also_in)
    windows = dating_bounds(story)
    out = []
    for aid in story.article_ids:
        a = articles.get(aid)
        if a is None:
            continue
        out.append(ArticleText(a.id, a.clean_text, list(a.sentences), a.published,
                               sorted(set(quoted_spans(a.clean_text)) | set(direct[aid])),
                               window=windows.get(aid, (None, None))))
    return out


def _when(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        when = datetime.fromisoformat(published)
    except ValueError:
        return None
    return when.replace(tzinfo=None) if when.tzinfo is None else when


def _bound(iso: str | None, last: bool) -> date | None:
    """The first (or last) day an ISO date of any precision ("2025", "2025-04", "2025-04-21") covers."""
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso[:10].split("-")]
        year, month = parts[0], parts[1] if len(parts) > 1 else (12 if last else 1)
        day = parts[2] if len(parts) > 2 else (calendar.monthrange(year, month)[1] if last else 1)
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def _span(a: ArticleText) -> tuple[date | None, date | None]:
    """The days an article can have been published: its stated day, or its content's window."""
    if a.published:
        day = _bound(a.published, False)
        return day, day
    return _bound(a.window[0], False), _bound(a.window[1], True)


def orient_by_content(a: ArticleText, b: ArticleText) -> tuple[bool, str]:
    """(swap, "content") when one article's window ends before the other's begins, else unknown."""
    (a_lo, a_hi), (b_lo, b_hi) = _span(a), _span(b)
    if a_hi and b_lo and a_hi < b_lo:
        return False, "content"
    if b_hi and a_lo and b_hi < a_lo:
        return True, "content"
    return False, "unknown"


def orient(a: ArticleText, b: ArticleText) -> tuple[bool, str]:
    """(swap, direction): the earlier publication is the source; equal dates say nothing; when a
    date is missing, the content's window may still order the two ("content")."""
    wa, wb = _when(a.published), _when(b.published)
    if wa is None or wb is None:
        return orient_by_content(a, b)
    try:
        if wa == wb or (len(a.published or "") <= 10 or len(b.published or "") <= 10) and wa.date() == wb.date():
            return False, "unknown"
        return wb < wa, "known"
    except TypeError:  # one date with a time zone, one without: compare the days only
        if wa.date() == wb.date():
            return False, "unknown"
        return wb.date() < wa.date(), "known"


def _overlaps(x: tuple[int, int], y: tuple[int, int]) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def _evidence(a: ArticleText, span: tuple[int, int]) -> Evidence:
    return Evidence(a.id, span[0], span[1], a.text[span[0]:span[1]])


def copy_passage(p: Passage, by_id: dict[str, ArticleText], swap: bool) -> CopyPassage:
    """The passage as two cited spans, the copy's from-side first (b's when ``swap``)."""
    a, b = _evidence(by_id[p.a_id], p.a_span), _evidence(by_id[p.b_id], p.b_span)
    return CopyPassage(b, a, p.similarity) if swap else CopyPassage(a, b, p.similarity)


def to_copies(kind: str, passages: list[Passage], by_id: dict[str, ArticleText]) -> list[Copy]:
    """One Copy per article pair and kind, its passages in text order, oriented by date."""
    grouped: dict[tuple[str, str], list[Passage]] = defaultdict(list)
    for p in passages:
        grouped[(p.a_id, p.b_id)].append(p)
    out = []
    for (aid, bid), ps in grouped.items():
        swap, how = orient(by_id[aid], by_id[bid])
        direction, ordered_by = ("unknown", None) if how == "unknown" else ("known", "content" if how == "content" else "published")
        cps = sorted((copy_passage(p, by_id, swap) for p in ps), key=lambda c: c.from_span.start)
        weight = sum(c.from_span.end - c.from_span.start for c in cps) or 1
        sim = round(sum(c.similarity * (c.from_span.end - c.from_span.start) for c in cps) / weight, 3)
        src, dst = (bid, aid) if swap else (aid, bid)
        out.append(Copy(src, dst, kind, direction, sim, cps, ordered_by))  # type: ignore[arg-type]
    return out


def families(verbatim: list[Passage]) -> dict[tuple[str, int], tuple[str, int]]:
    """Sentences that are verbatim copies of each other, (article id, unit) -> the family's first member.

    The rewritten-passage finder indexes and embeds each family once.
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(k: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(k, k)
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for p in verbatim:
        for i, j in p.pairs:
            x, y = find((p.a_id, i)), find((p.b_id, j))
            if x != y:
                parent[max(x, y)] = min(x, y)
    return {k: find(k) for k in parent}


def find_copies(articles: list[ArticleText], embedder: Embedder | None, s: ProvenanceSettings = DEFAULTS) -> list[Copy]:
    """Syndicated articles, then verbatim passages, then rewritten ones not already covered.

    Rewritten passages are looked for between every two articles not syndicated from each other,
    also where one side is a verbatim copy of a third article (its sentences are embedded once).
    """
    by_id = {a.id: a for a in articles}
    syndicated = find_syndicated(articles, s)
    whole = {frozenset((p.a_id, p.b_id)) for p in syndicated}
    verbatim = [p for p in find_verbatim(articles, s) if frozenset((p.a_id, p.b_id)) not in whole]
    rewritten: list[Passage] = []
    if embedder is not None:
        taken = defaultdict(list)
        for p in verbatim:
            taken[(p.a_id, p.b_id)].append(p)
        for p in find_rewritten(articles, embedder, families(verbatim), s):
            if frozenset((p.a_id, p.b_id)) in whole:
                continue
            if any(_overlaps(p.a_span, v.a_span) or _overlaps(p.b_span, v.b_span) for v in taken[(p.a_id, p.b_id)]):
                continue
            rewritten.append(p)
    return (to_copies("syndicated", syndicated, by_id) + to_copies("verbatim", verbatim, by_id)
            + to_copies("rewritten", rewritten, by_id))
