"""The local engine: runs every stage in this process (spaCy may fork its own workers)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import Progress
from spacy.language import Language
from spacy.tokens import Doc

from .. import store
from ..cluster import ArticleFeatures, Assignment, ClusterState, assign_extracted, extract_features, features_in_order, stories_from_state
from ..docindex import release_index
from ..docstore import DocStore
from ..ingest import RawRecord, read_inputs
from ..model import STORY_ITEM_LISTS, Article, Dossier, Skipped, Story
from ..nlp import load_pipeline, parse
from ..pipeline import (
    default_stages,
    StoryStage,
    analyse_story,
    clean_and_parse,
    drop_duplicates,
    group_stories,
    language_detector,
)
from ..settings import Settings


@dataclass(slots=True)
class BuildStats:
    """What a run did, for the one-screen summary."""

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


def read_all(paths: Iterable[str | Path]) -> tuple[list[RawRecord], list[Skipped]]:
    """Every input record, and the inputs that could not be read."""
    records: list[RawRecord] = []
    skipped: list[Skipped] = []
    for item in read_inputs(paths):
        (skipped if isinstance(item, Skipped) else records).append(item)  # type: ignore[arg-type]
    return records, skipped


def build(
    paths: Iterable[str | Path],
    settings: Settings = Settings(),
    *,
    nlp: Language | None = None,
    progress: Progress | None = None,
    story_stages: list[StoryStage] | None = None,
    stats: BuildStats | None = None,
) -> Dossier:
    """Read, clean, parse and analyse the inputs into a Dossier."""
    stats = stats if stats is not None else BuildStats()
    stages = default_stages(settings) if story_stages is None else story_stages

    with stats.timed("read"):
        records, skipped = read_all(paths)
    with ParsedArticles.opened() as parsed:
        with stats.timed("clean+parse"):
            articles = _clean_and_parse(records, skipped, settings, nlp, progress, stats, into=parsed)
        with stats.timed("cluster"):
            stories, state = group_stories(articles, parsed.features, settings.cluster)
        with stats.timed("analyse"):
            _analyse_all(stories, {a.id: a for a in articles}, parsed, stages, progress, stats)
    return Dossier(articles=articles, skipped=skipped, stories=stories, cluster_state=state.to_json(),
                   settings=settings.to_dict())


@dataclass
class ParsedArticles:
    """What the parse leaves for later phases: each article's clustering features in memory, its Doc
    on disk (docstore), read back story by story. A build's memory then grows with its features,
    not with its Docs."""

    features: dict[str, ArticleFeatures] = field(default_factory=dict)
    docs: DocStore | None = None

    def add(self, article: Article, doc: Doc) -> None:
        if article.id in self.features:
            return
        self.features[article.id] = extract_features(article, doc)
        if self.docs is None:
            self.docs = DocStore(doc.vocab)
        self.docs.add(article.id, doc)
        release_index(doc)  # the Doc is on disk now: let the parse's copy go

    def docs_of(self, article_ids: Iterable[str]) -> dict[str, Doc]:
        return self.docs.subset(list(article_ids)) if self.docs is not None else {}

    @classmethod
    @contextmanager
    def opened(cls) -> Iterator[ParsedArticles]:
        parsed = cls()
        try:
            yield parsed
        finally:
            if parsed.docs is not None:
                parsed.docs.close()


def _analyse_all(stories: list[Story], by_id: dict[str, Article], parsed: ParsedArticles, stages: list[StoryStage],
                 progress: Progress | None, stats: BuildStats | None = None) -> None:
    """Each story's stages over that story's Docs only, read back from disk and let go after it."""
    task = progress.add_task("analysing", total=len(stories)) if progress and stories else None
    for story in stories:
        docs = parsed.docs_of(story.article_ids)
        analyse_story(story, by_id, docs, stages, stats.parts if stats else None)
        for doc in docs.values():
            release_index(doc)
        if progress and task is not None:
            progress.advance(task)


def add(
    store_path: str | Path,
    paths: Iterable[str | Path],
    settings: Settings = Settings(),
    *,
    nlp: Language | None = None,
    progress: Progress | None = None,
    story_stages: list[StoryStage] | None = None,
    stats: BuildStats | None = None,
) -> tuple[Dossier, Assignment]:
    """Add new inputs to a stored dossier: each new article joins a story or opens one.

    Only the stories that gained articles are analysed again (their older articles are re-parsed
    from their clean text: parses are not stored); every other story keeps its items as stored,
    and every story keeps its id.
    """
    stats = stats if stats is not None else BuildStats()
    stages = default_stages(settings) if story_stages is None else story_stages
    old = store.load(store_path)
    nlp = nlp or load_pipeline(settings.model)
    with stats.timed("read"):
        records, skipped = read_all(paths)
    with ParsedArticles.opened() as parsed:
        with stats.timed("clean+parse"):
            fresh = _clean_and_parse(records, skipped, settings, nlp, progress, stats, into=parsed)
        known = {a.id for a in old.articles}
        new = [a for a in fresh if a.id not in known]
        skipped.extend(Skipped(a.source_path, "already in the store") for a in fresh if a.id in known)
        with stats.timed("cluster"):
            if old.cluster_state:
                state = ClusterState.from_json(old.cluster_state)
            else:  # a store written before clustering existed: rebuild the state from its articles
                _reparse(old.articles, nlp, settings, parsed)
                _, state = group_stories(old.articles, parsed.features, settings.cluster)
            result = assign_extracted(features_in_order(new, parsed.features), state)
        articles = old.articles + new
        by_id = {a.id: a for a in articles}
        changed = set(result.touched) | set(result.opened)
        previous = {s.id: s for s in old.stories}
        stories = stories_from_state(state, by_id)
        with stats.timed("analyse"):
            redo = [s for s in stories if s.id in changed or s.id not in previous]
            _reparse([by_id[a] for s in redo for a in s.article_ids if a not in parsed.features], nlp, settings, parsed)
            _analyse_all(redo, by_id, parsed, stages, progress, stats)
            for story in stories:
                if story not in redo:
                    kept = previous[story.id]
                    for kind in STORY_ITEM_LISTS:
                        setattr(story, kind, getattr(kept, kind))
    dossier = Dossier(articles=articles, skipped=merge_skipped(old.skipped, skipped, {a.source_path for a in new}),
                      stories=stories, cluster_state=state.to_json(), settings=settings.to_dict())
    return dossier, result


def merge_skipped(old: list[Skipped], new: list[Skipped], now_read: set[str]) -> list[Skipped]:
    """The store's skipped inputs after an add: one entry per input, the latest reason winning, and
    none for an input that has now been read (a file fixed since the last run)."""
    latest = {s.source_path: s for s in old if s.source_path not in now_read}
    for s in new:
        latest.pop(s.source_path, None)  # re-insert so the newest reasons come last
        latest[s.source_path] = s
    return list(latest.values())


def _reparse(articles: list[Article], nlp: Language, settings: Settings, into: ParsedArticles) -> None:
    """Parse stored articles again (parses are not stored) into ``into``."""
    for article, doc in parse(articles, nlp, n_process=settings.n_process, batch_size=settings.batch_size):
        into.add(article, doc)


def _clean_and_parse(records: list[RawRecord], skipped: list[Skipped], settings: Settings, nlp: Language | None,
                     progress: Progress | None, stats: BuildStats | None, *, into: ParsedArticles) -> list[Article]:
    """The articles (duplicates dropped into ``skipped``); their features and Docs go ``into``."""
    # one step when a record is cleaned, one when it is parsed (or skipped)
    task = progress.add_task("processing", total=2 * len(records)) if progress else None

    def advance(steps: int = 1) -> None:
        if progress is not None and task is not None:
            progress.advance(task, steps)

    parsed: list[Article] = []
    parts = stats.parts if stats else {}
    if records:
        nlp = nlp or load_pipeline(settings.model)
        detect = language_detector() if settings.detect_language else None
        for item in clean_and_parse(records, nlp, detect_language=detect, n_process=settings.n_process,
                                    batch_size=settings.batch_size, on_record=advance, seconds=parts):
            advance()
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                article, doc = item
                parsed.append(article)
                t0 = time.perf_counter()
                into.add(article, doc)
                parts["keep"] = parts.get("keep", 0.0) + time.perf_counter() - t0
    articles, dupes = drop_duplicates(parsed)
    skipped.extend(dupes)
    return articles
