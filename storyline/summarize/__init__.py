"""Summarize: a short extractive summary of a story whose every sentence names all its sources.

Sentences are scored by centrality (cosine to the story's TF-IDF centroid over lemmas), discounted
when hedged ("could", "plans to", "reportedly") so confirmed facts win, and chosen with MMR so no
two say the same thing. Each chosen sentence then collects every article that reports the same
content: the same quote (quotes stage), a copied passage (provenance stage), or a sentence similar
enough in words (found through an inverted index of rare lemmas, never all pairs). Planned events
stay worded as planned: the summary only ever quotes what an outlet wrote.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..stage import story_stage
from ..model import Article, Evidence, Story, SummarySentence, dating_bounds
from ..settings import SummarySettings
from ..vocab import HEDGE_ADVERBS, HEDGE_MODALS
from .vectors import SentenceTable, build_table

__all__ = ["run", "summarize"]

DEFAULTS = SummarySettings()  # the summarize section of the settings tree (storyline.settings)
PRONOUNS = {"he", "she", "they", "it", "his", "her", "their", "its", "this", "these", "those"}
# Words that make a sentence less than a plain report of fact: hedges (storyline.vocab), plans, doubt.
HEDGES = HEDGE_MODALS | {"would"} | HEDGE_ADVERBS | {"expected", "plan", "plans", "planning", "rumour", "rumor", "if",
                                                   "unclear", "likely", "potential"}


@story_stage(fills=("summary",), reads=("timeline", "quotes", "claims", "conflicts", "copies", "dating"))
def run(story: Story, articles: dict[str, Article], docs: dict[str, Doc], settings: SummarySettings = DEFAULTS) -> None:
    """Story stage: fill story.summary."""
    story.summary = summarize(story, articles, docs, settings)


def summarize(story: Story, articles: dict[str, Article], docs: dict[str, Doc],
              s: SummarySettings = DEFAULTS) -> list[SummarySentence]:
    arts = [articles[a] for a in story.article_ids if a in articles and a in docs]
    if not arts:
        return []
    quoted = _quoted_spans(story)
    table = build_table(arts, docs, quoted, min_words=s.min_words)
    if not table.rows:
        return []
    weight = _event_weights(story, s)
    events = [_events_of(table.rows[i], story) for i in range(len(table.rows))]
    scores = [_score(table, i, s) * _weight_of(table.rows[i], weight) for i in range(len(table.rows))]
    chosen: list[int] = []
    covered: set[str] = set()  # articles that some chosen sentence reports the content of
    limit = min(s.max_sentences, max(3, len(arts) + 3))
    while len(chosen) < limit:
        best, best_score = None, 0.0
        for i, base in enumerate(scores):
            if i in chosen or base <= 0:
                continue
            # two sentences reporting one timeline event say the same thing, whatever their words
            redundancy = max((1.0 if events[i] & events[j] else table.similarity(i, j) for j in chosen), default=0.0)
            if table.rows[i].article_id not in covered:
                base *= 1 + s.cover_bonus
            value = s.mmr_lambda * base - (1 - s.mmr_lambda) * redundancy
            if redundancy < s.max_redundancy and (best is None or value > best_score):
                best, best_score = i, value
        if best is None:
            break
        chosen.append(best)
        covered |= {aid for aid, _, _ in _sources(table, best, story, s.same_content)}
    chosen.sort(key=_chronology(story, arts, table))
    labels = {a.id: a.label for a in arts}
    return [_with_sources(table, i, story, labels, s.same_content) for i in chosen]


def _score(table: SentenceTable, i: int, s: SummarySettings) -> float:
    """Centrality, raised for content several outlets report, lowered for hedged or conditional wording."""
    row = table.rows[i]
    outlets = {table.rows[j].article_id for j in table.similar(i, s.same_content)} - {row.article_id}
    value = table.centrality(i) * (1 + s.support_bonus * len(outlets))
    first = row.text.split()[0].lower()
    if row.lemmas & HEDGES or first in ("if", "should", "unless"):
        value *= s.hedge_discount
    if first in PRONOUNS:
        value *= s.pronoun_discount
    return value


def _event_weights(story: Story, s: SummarySettings) -> dict[str, list[tuple[int, int, float]]]:
    """Spans that report timeline events: raised by how many outlets carry the event, lowered
    when the span only announces as planned what another report says happened."""
    out: dict[str, list[tuple[int, int, float]]] = {}
    for t in story.timeline:
        outlets = len({ev.article_id for ev in t.evidence})
        planned = {(ev.article_id, ev.start) for ev in t.planned_in}
        for ev in t.evidence:
            w = 1 + s.event_bonus * (outlets - 1)
            if t.status == "happened" and (ev.article_id, ev.start) in planned:
                w = s.hedge_discount
            out.setdefault(ev.article_id, []).append((ev.start, ev.end, w))
    claims = {c.id: c for c in story.claims}
    for conflict in story.conflicts:  # a figure several outlets give is a fact worth stating
        for cid in conflict.claim_ids:
            c = claims.get(cid)
            if c is not None:
                out.setdefault(c.article_id, []).append((c.start, c.end, 1 + s.claim_bonus))
    return out


def _events_of(row, story: Story) -> set[str]:  # noqa: ANN001 - vectors.Row
    """Ids of the timeline entries a sentence is evidence for."""
    return {t.id for t in story.timeline for ev in t.evidence
            if ev.article_id == row.article_id and ev.start < row.end and row.start < ev.end}


def _weight_of(row, weights: dict[str, list[tuple[int, int, float]]]) -> float:  # noqa: ANN001 - vectors.Row
    found = [w for s, e, w in weights.get(row.article_id, []) if s < row.end and row.start < e]
    return max(found) if found else 1.0


def _chronology(story: Story, arts: list[Article], table: SentenceTable):
    """Sort key: the date of the event a sentence reports (timeline stage), else its article's date,
    else where the story's events place its undated article (just before an event it reports as
    still to come, just after the latest it reports as past), else last."""
    dated: dict[str, list[tuple[int, int, str]]] = {}
    for t in story.timeline:
        for ev in t.evidence:
            if t.date:
                dated.setdefault(ev.article_id, []).append((ev.start, ev.end, t.date))
    when = {a.id: (a.published or "9999", 0) for a in arts}
    for aid, (after, before) in dating_bounds(story).items():  # only undated articles are placed
        if aid in when:
            when[aid] = (before, -1) if before else (after or "9999", 1)
    order = {a.id: n for n, a in enumerate(arts)}

    def key(i: int) -> tuple[str, int, int, int]:
        row = table.rows[i]
        dates = [d for s, e, d in dated.get(row.article_id, []) if s < row.end and row.start < e]
        day, rank = (min(dates), 0) if dates else when[row.article_id]
        return (day, rank, order[row.article_id], row.start)

    return key


def _quoted_spans(story: Story) -> dict[str, list[tuple[int, int]]]:
    """Direct-quote spans per article: a speaker's words are not the outlet's reporting."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for q in story.quotes:
        if q.kind == "direct":
            spans.setdefault(q.article_id, []).append((q.start, q.end))
            for ev in q.also_in:
                spans.setdefault(ev.article_id, []).append((ev.start, ev.end))
    return spans


def _copied_elsewhere(story: Story, article_id: str, offset: int) -> list[tuple[str, int, int]]:
    """Where the passage holding (article_id, offset) reappears in other articles (provenance stage)."""
    out = []
    for copy in story.copies:
        for p in copy.passages:
            if copy.from_article_id == article_id and p.from_span.start <= offset < p.from_span.end:
                out.append((copy.to_article_id, p.to_span.start, p.to_span.end))
            elif copy.to_article_id == article_id and p.to_span.start <= offset < p.to_span.end:
                out.append((copy.from_article_id, p.from_span.start, p.from_span.end))
    return out


def _same_event(story: Story, row) -> list[tuple[str, int, int]]:  # noqa: ANN001 - vectors.Row
    """Other outlets' reports of the dated events the sentence reports (timeline stage)."""
    out = []
    for t in story.timeline:
        if t.date and any(ev.article_id == row.article_id and ev.start < row.end and row.start < ev.end for ev in t.evidence):
            planned = {(p.article_id, p.start) for p in t.planned_in}
            out += [(ev.article_id, ev.start, ev.end) for ev in t.evidence
                    if ev.article_id != row.article_id and (ev.article_id, ev.start) not in planned]
    return out


def _sources(table: SentenceTable, i: int, story: Story, same_content: float) -> list[tuple[str, int, int]]:
    """Every article's span reporting what sentence i reports, its own first, one per article."""
    row = table.rows[i]
    out = [(row.article_id, row.start, row.end)]
    seen = {row.article_id}
    similar = [(table.rows[j].article_id, table.rows[j].start, table.rows[j].end) for j in table.similar(i, same_content)]
    for aid, start, end in similar + _copied_elsewhere(story, row.article_id, row.start) + _same_event(story, row):
        if aid not in seen and aid in table.article_text:
            seen.add(aid)
            out.append((aid, start, end))
    return out


def _with_sources(table: SentenceTable, i: int, story: Story, labels: dict[str, str], same_content: float) -> SummarySentence:
    row = table.rows[i]
    evidence = [Evidence(aid, start, end, table.article_text[aid][start:end]) for aid, start, end in _sources(table, i, story, same_content)]
    return SummarySentence(text=row.text, evidence=evidence, outlets=sorted({labels.get(e.article_id, e.article_id) for e in evidence}))
