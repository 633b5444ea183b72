"""Summarize: a short extractive summary of a story whose every sentence names all its sources.

Sentences are scored by centrality (cosine to the story's TF-IDF centroid over lemmas), discounted
when hedged ("could", "plans to", "reportedly") so confirmed facts win, raised by the outlets that
support them, and chosen with MMR so no two say the same thing. Each chosen sentence then credits
every other outlet that supports it by the support rule (storyline.summarize.support): a span that
says the same thing, with the same status and figures, found as a similar sentence, a copied
passage (provenance stage) or a report of the same timeline event; each credit is kept with its
similarity, status and basis. The summary opens with the story's news, the sentences dated near
its publication dates, most supported first; background follows, oldest first. Planned events
stay worded as planned: the summary only ever quotes what an outlet wrote.
"""

from __future__ import annotations

from spacy.tokens import Doc

import bisect
from datetime import date

from ..docindex import doc_index
from ..stage import story_stage
from ..model import Article, Evidence, Story, SummarySentence, Support, TimelineEntry, dating_bounds
from ..settings import SummarySettings
from ..vocab import HEDGE_ADVERBS, HEDGE_MODALS
from .support import Statement, SupportIndex, judge, span_status
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
    table = build_table(arts, docs, quoted, min_words=s.min_words, index_lemmas=s.index_lemmas)
    if not table.rows:
        return []
    credits = Credits(story, table, _sentences(arts, docs), s)
    weight = _event_weights(story, s)
    reports = credits.reports
    events = [_events_of(table.rows[i], reports) for i in range(len(table.rows))]
    scores = [_score(table, i, s, credits) * _weight_of(table.rows[i], weight) for i in range(len(table.rows))]
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
        covered |= {table.rows[best].article_id} | {sup.article_id for sup in credits.of(best)}
    chosen.sort(key=_news_first(story, arts, table, credits, events, s))
    labels = {a.id: a.label for a in arts}
    return [_with_sources(table, i, credits, labels) for i in chosen]


def _score(table: SentenceTable, i: int, s: SummarySettings, credits: Credits) -> float:
    """Centrality, raised for content other outlets support, lowered for hedged or conditional wording."""
    row = table.rows[i]
    value = table.centrality(i) * (1 + s.support_bonus * len(credits.of(i)))
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


Reports = dict[str, list[tuple[int, int, TimelineEntry]]]


def _reports_by_article(story: Story) -> Reports:
    """Each article's timeline reports (start, end, entry), in timeline order: a sentence looks at
    its own article's reports, never at the whole timeline."""
    out: Reports = {}
    for t in story.timeline:
        for ev in t.evidence:
            out.setdefault(ev.article_id, []).append((ev.start, ev.end, t))
    return out


def _events_of(row, reports: Reports) -> set[str]:  # noqa: ANN001 - vectors.Row
    """Ids of the timeline entries a sentence is evidence for."""
    return {t.id for start, end, t in reports.get(row.article_id, []) if start < row.end and row.start < end}


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


def _news_first(story: Story, arts: list[Article], table: SentenceTable, credits: Credits, events: list[set[str]],
                s: SummarySettings):
    """Sort key: the story's news first, background after.

    A sentence is news when its date (as _chronology reads it) lies within ``news_days`` of the
    story's publication dates (stated, or an undated article's content window), or is unknown;
    news leads with what most outlets report (the sentence's supporters and the outlets reporting
    its event), background follows oldest first. So a dossier opens with the meeting all outlets
    report, not with the visit of five years before that gives it context.
    """
    chronology = _chronology(story, arts, table)
    window = _story_window(story, arts)
    reach = {t.id: len({ev.article_id for ev in t.evidence}) for t in story.timeline}

    dated = {t.id: t.date for t in story.timeline if t.date}

    def key(i: int) -> tuple[int, float, tuple[str, int, int, int]]:
        when = chronology(i)
        # its latest event: "freed on Friday those held since the winter" is news of Friday
        latest = max((dated[e] for e in events[i] if e in dated), default=when[0])
        news = window is None or latest == "9999" or _days_apart(latest, window) <= s.news_days
        if not news:
            return (1, 0.0, when)
        outlets = 1 + len(credits.of(i)) + max((reach[e] for e in events[i] if e in reach), default=0)
        return (0, -outlets, when)

    return key


def _story_window(story: Story, arts: list[Article]) -> tuple[date, date] | None:
    """The earliest and latest of the story's publication dates, stated or set by content."""
    days = [d for a in arts for d in [_day(a.published, last=False)] if d]
    for after, before in dating_bounds(story).values():
        days += [d for d in (_day(after, last=True), _day(before, last=False)) if d]
    return (min(days), max(days)) if days else None


def _day(value: str | None, *, last: bool) -> date | None:
    """An ISO date at any precision ("2020", "2025-06", "2024-09/2024-11") as its first or last day."""
    if not value:
        return None
    part = value.split("/")[-1 if last else 0][:10]
    bits = part.split("-")
    try:
        year = int(bits[0])
        month = int(bits[1]) if len(bits) > 1 else (12 if last else 1)
        day = int(bits[2]) if len(bits) > 2 else (28 if last else 1)
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def _days_apart(value: str, window: tuple[date, date]) -> int:
    """Days between a sentence's date (at its precision, its nearest day) and the window."""
    lo, hi = _day(value, last=False), _day(value, last=True)
    if lo is None or hi is None:
        return 0
    if hi < window[0]:
        return (window[0] - hi).days
    if lo > window[1]:
        return (lo - window[1]).days
    return 0


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


def _same_event(reports: Reports, row) -> list[tuple[str, int, int]]:  # noqa: ANN001 - vectors.Row
    """Other outlets' reports of the dated event the sentence reports (timeline stage), planned
    and happened alike: the support rule's status check tells them apart. Only its main event, the
    one whose report covers most of it: "Pompeo visited in 2020, and lower-level diplomats since,
    including a February 2025 visit" is a report of 2020, not of February 2025."""
    best, most = None, 0
    for start, end, t in reports.get(row.article_id, []):
        if t.date:
            overlap = min(row.end, end) - max(row.start, start)
            if overlap > most:
                best, most = t, overlap
    if best is None:
        return []
    return [(ev.article_id, ev.start, ev.end) for ev in best.evidence if ev.article_id != row.article_id]


class Credits:
    """Who supports each summary candidate, by the support rule, computed once per sentence.

    Candidates come only from links that are already blocked: the table's rare-lemma index, the
    story's copied passages and its timeline events; never all pairs of sentences.
    """

    def __init__(self, story: Story, table: SentenceTable, sentences: dict[str, list[tuple[int, int]]],
                 s: SummarySettings) -> None:
        self.story, self.table, self.sentences, self.s = story, table, sentences, s
        self.reports = _reports_by_article(story)  # each article's timeline reports, bucketed once
        texts = table.article_text
        self.index = SupportIndex.of_texts((texts[aid][a:b] for aid, spans in sentences.items() for a, b in spans), story)
        self._cache: dict[int, list[Support]] = {}
        self._statements: dict[tuple[str, int], Statement] = {}

    def statement(self, article_id: str, start: int, end: int) -> Statement:
        key = (article_id, start)
        if key not in self._statements:
            text = self.table.article_text[article_id][start:end]
            self._statements[key] = self.index.statement(
                article_id, start, end, text, status=span_status(self.index, article_id, start, end, text))
        return self._statements[key]

    def sentence_at(self, article_id: str, offset: int) -> tuple[int, int] | None:
        """The sentence of ``article_id`` holding ``offset``."""
        spans = self.sentences.get(article_id, [])
        k = bisect.bisect_right(spans, (offset, len(self.table.article_text.get(article_id, "")) + 1)) - 1
        return spans[k] if k >= 0 and spans[k][0] <= offset < spans[k][1] else None

    def of(self, i: int) -> list[Support]:
        """The other outlets' spans that support row i, the best one per article, most similar first."""
        if i in self._cache:
            return self._cache[i]
        row = self.table.rows[i]
        item = self.statement(row.article_id, row.start, row.end)
        candidates: list[tuple[str, str, int, int]] = []
        for j in self.table.similar(i, 0.0):
            other = self.table.rows[j]
            candidates.append(("similar sentence", other.article_id, other.start, other.end))
        for aid, start, end in _copied_elsewhere(self.story, row.article_id, row.start):
            candidates += [("copied passage", aid, a, b) for a, b in self.sentences.get(aid, []) if a < end and start < b]
        for aid, start, _ in _same_event(self.reports, row):
            sentence = self.sentence_at(aid, start)
            if sentence:
                candidates.append(("same event", aid, *sentence))
        best: dict[str, Support] = {}
        for basis, aid, start, end in candidates:
            if aid == row.article_id or aid not in self.table.article_text:
                continue
            support = judge(item, self.statement(aid, start, end), basis, self.s)
            if support and (aid not in best or support.similarity > best[aid].similarity):
                best[aid] = support
        self._cache[i] = sorted(best.values(), key=lambda sup: (-sup.similarity, sup.article_id, sup.start))
        return self._cache[i]


def _sentences(arts: list[Article], docs: dict[str, Doc]) -> dict[str, list[tuple[int, int]]]:
    """Each article's sentences as (start, end), leading and trailing blanks left out."""
    out: dict[str, list[tuple[int, int]]] = {}
    for a in arts:
        spans = []
        for sent in doc_index(docs[a.id]).sents:
            text = sent.text
            start = sent.start_char + len(text) - len(text.lstrip())
            end = sent.start_char + len(text.rstrip())
            if end > start:
                spans.append((start, end))
        out[a.id] = spans
    return out


def _with_sources(table: SentenceTable, i: int, credits: Credits, labels: dict[str, str]) -> SummarySentence:
    """The chosen sentence with its own span and every span that supports it."""
    row = table.rows[i]
    support = credits.of(i)
    evidence = [Evidence(row.article_id, row.start, row.end, row.text)]
    evidence += [Evidence(sup.article_id, sup.start, sup.end, sup.text) for sup in support]
    status = credits.statement(row.article_id, row.start, row.end).status
    return SummarySentence(text=row.text, evidence=evidence, outlets=sorted({labels.get(e.article_id, e.article_id) for e in evidence}),
                           status=status, support=support)
