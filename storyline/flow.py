"""The build, written once: read -> clean and parse each article -> cluster -> analyse each story.

``build`` and ``add`` are the whole flow of a run. Where the per-article step (clean, parse, take
the clustering features) and the per-story step (the story stages) run is a :class:`Runner`'s
business: ``engines.local`` runs them in this process, ``engines.dask`` on a Dask cluster. A
runner keeps each article's parse where it was made and hands the flow only the article and its
compact features, so parses never pass through here; every engine has both ``build`` and ``add``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rich.progress import Progress

from . import store
from .clean.repeats import mark_repeats
from .cluster.titles import distinguish_titles
from .cluster import (ArticleFeatures, Assignment, ClusterState, assign_extracted, features_in_order, state_from_stories,
                      stories_from_state)
from .cluster.state import STATE_SCHEMA
from .ingest import RawRecord, read_inputs
from .model import STORY_ITEM_LISTS, Article, Dossier, Skipped, Story
from .pipeline import drop_duplicates, group_stories
from .settings import IngestSettings, Settings

Advance = Callable[[int], None]  # steps done, for a progress bar


@dataclass(slots=True)
class Prepared:
    """An article cleaned and parsed, with the features clustering compares (its Doc stays with the runner)."""

    article: Article
    features: ArticleFeatures


class Runner(Protocol):
    """Where the per-article and per-story steps run."""

    def prepare(self, records: list[RawRecord], advance: Advance) -> list[Skipped | Prepared]:
        """Clean and parse each record, in input order (two steps per record for ``advance``)."""
        ...

    def reparse(self, articles: list[Article]) -> list[Prepared]:
        """Parse articles cleaned in an earlier run (parses are not stored)."""
        ...

    def analyse(self, stories: list[Story], articles: dict[str, Article], advance: Advance) -> list[Story]:
        """Run the story stages on each story with its articles' parses; the stories, analysed, in order."""
        ...


@dataclass(slots=True)
class BuildStats:
    """What a run did, for the one-screen summary and ``--timings``."""

    seconds: dict[str, float] = field(default_factory=dict)  # phases: read, clean+parse, cluster, analyse
    parts: dict[str, float] = field(default_factory=dict)  # inside the phases: clean, and each story stage

    @contextmanager
    def timed(self, phase: str) -> Iterator[None]:
        """Add the time spent in the ``with`` block to ``phase``."""
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[phase] = self.seconds.get(phase, 0.0) + time.perf_counter() - t0

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def read_all(paths: Iterable[str | Path], settings: IngestSettings | None = None) -> tuple[list[RawRecord], list[Skipped]]:
    """Every input record, and the inputs that could not be read."""
    records: list[RawRecord] = []
    skipped: list[Skipped] = []
    for item in read_inputs(paths, settings or IngestSettings()):
        (skipped if isinstance(item, Skipped) else records).append(item)  # type: ignore[arg-type]
    return records, skipped


def build(paths: Iterable[str | Path], runner: Runner, settings: Settings, stats: BuildStats,
          progress: Progress | None = None) -> Dossier:
    """Read, clean, parse, cluster and analyse the inputs into a Dossier."""
    with stats.timed("read"):
        records, skipped = read_all(paths, settings.ingest)
        mark_repeats(records, settings.clean)  # boilerplate repeated across inputs, counted once per build
    with stats.timed("clean+parse"):
        articles, features = _prepare(runner, records, skipped, progress)
    with stats.timed("cluster"):
        stories, state = group_stories(articles, features, settings.cluster)
    with stats.timed("analyse"):
        stories = _analyse(runner, stories, {a.id: a for a in articles}, progress)
        distinguish_titles(stories, {a.id: a for a in articles}, settings.report.title_lead_sentences)
    return Dossier(articles=articles, skipped=skipped, stories=stories, cluster_state=state.to_json(),
                   settings=settings.to_dict())


def add(store_path: str | Path, paths: Iterable[str | Path], runner: Runner, settings: Settings, stats: BuildStats,
        progress: Progress | None = None) -> tuple[Dossier, Assignment]:
    """Add new inputs to a stored dossier: each new article joins a story or opens one.

    Only the stories that gained articles are analysed again (their older articles are parsed
    again from their clean text: parses are not stored); every other story keeps its items as
    stored, and every story keeps its id.
    """
    old = store.load(store_path)
    with stats.timed("read"):
        records, skipped = read_all(paths, settings.ingest)
        mark_repeats(records, settings.clean, [_as_record(a) for a in old.articles])  # the store's pages count too
    with stats.timed("clean+parse"):
        fresh, features = _prepare(runner, records, skipped, progress)
    known = {a.id for a in old.articles}
    new = [a for a in fresh if a.id not in known]
    skipped.extend(Skipped(a.source_path, "already in the store") for a in fresh if a.id in known)
    with stats.timed("cluster"):
        stored = ClusterState.stored(old.cluster_state) if old.cluster_state else {}
        if stored.get("schema") == STATE_SCHEMA:
            state = ClusterState.from_json(old.cluster_state or "")
        elif stored:  # an older state: made again from the articles, the stories kept as they are
            features.update((p.article.id, p.features) for p in runner.reparse(old.articles))
            state = state_from_stories(old.articles, old.stories, features, settings.cluster)
            state.merged_into.update(stored.get("merged_into") or {})
        else:  # a store written before clustering existed: rebuild the state from its articles
            features.update((p.article.id, p.features) for p in runner.reparse(old.articles))
            _, state = group_stories(old.articles, features, settings.cluster)
        result = assign_extracted(features_in_order(new, features), state)
    articles = old.articles + new
    by_id = {a.id: a for a in articles}
    changed = set(result.touched) | set(result.opened)
    previous = {s.id: s for s in old.stories}
    stories = stories_from_state(state, by_id)
    with stats.timed("analyse"):
        redo = [s for s in stories if s.id in changed or s.id not in previous]
        stale = [by_id[a] for s in redo for a in s.article_ids if a not in features]
        features.update((p.article.id, p.features) for p in runner.reparse(stale))
        analysed = {s.id: s for s in _analyse(runner, redo, by_id, progress)}
    for i, story in enumerate(stories):
        if story.id in analysed:
            stories[i] = analysed[story.id]
        else:
            kept = previous[story.id]
            for kind in STORY_ITEM_LISTS:
                setattr(story, kind, getattr(kept, kind))
    distinguish_titles(stories, by_id, settings.report.title_lead_sentences)  # every title from its headline again
    dossier = Dossier(articles=articles, skipped=merge_skipped(old.skipped, skipped, {a.source_path for a in new}),
                      stories=stories, cluster_state=state.to_json(), settings=settings.to_dict())
    return dossier, result


def _as_record(article: Article) -> RawRecord:
    """A stored article as the raw record it was read from (for the repeated-boilerplate counter)."""
    fields = {k: v for k, v in (("outlet", article.outlet if article.outlet_source == "meta" else None),
                                ("url", article.url)) if v}
    return RawRecord(article.source_path, article.format, article.raw_text, fields)


def _prepare(runner: Runner, records: list[RawRecord], skipped: list[Skipped], progress: Progress | None
             ) -> tuple[list[Article], dict[str, ArticleFeatures]]:
    """Articles in input order (duplicates dropped into ``skipped``) and their features."""
    advance = _progress_task(progress, "processing", 2 * len(records))
    parsed: list[Article] = []
    features: dict[str, ArticleFeatures] = {}
    for item in runner.prepare(records, advance):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            parsed.append(item.article)
            features.setdefault(item.article.id, item.features)
    articles, dupes = drop_duplicates(parsed)
    skipped.extend(dupes)
    return articles, features


def _analyse(runner: Runner, stories: list[Story], by_id: dict[str, Article], progress: Progress | None) -> list[Story]:
    return runner.analyse(stories, by_id, _progress_task(progress, "analysing", len(stories)))


def _progress_task(progress: Progress | None, name: str, total: int) -> Advance:
    if progress is None or not total:
        return lambda steps: None
    task = progress.add_task(name, total=total)
    return lambda steps: progress.advance(task, steps)


def merge_skipped(old: list[Skipped], new: list[Skipped], now_read: set[str]) -> list[Skipped]:
    """The store's skipped inputs after an add: one entry per input, the latest reason winning, and
    none for an input that has now been read (a file fixed since the last run)."""
    latest = {s.source_path: s for s in old if s.source_path not in now_read}
    for s in new:
        latest.pop(s.source_path, None)  # re-insert so the newest reasons come last
        latest[s.source_path] = s
    return list(latest.values())
