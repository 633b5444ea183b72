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

from ..ingest import RawRecord, read_inputs
from ..model import Article, Dossier, Skipped
from ..nlp import load_pipeline
from ..pipeline import (
    STORY_STAGES,
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

    seconds: dict[str, float] = field(default_factory=dict)

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
    stages = STORY_STAGES if story_stages is None else story_stages

    with stats.timed("read"):
        records, skipped = read_all(paths)
    with stats.timed("clean+parse"):
        articles, docs = _clean_and_parse(records, skipped, settings, nlp, progress)
    with stats.timed("analyse"):
        stories = group_stories(articles, docs)
        by_id = {a.id: a for a in articles}
        task = progress.add_task("analysing", total=len(stories)) if progress and stories else None
        for story in stories:
            analyse_story(story, by_id, docs, stages)
            if progress and task is not None:
                progress.advance(task)
    return Dossier(articles=articles, skipped=skipped, stories=stories)


def _clean_and_parse(records: list[RawRecord], skipped: list[Skipped], settings: Settings, nlp: Language | None,
                     progress: Progress | None) -> tuple[list[Article], dict[str, Doc]]:
    """Articles (duplicates dropped into ``skipped``) and their parses."""
    nlp = nlp or load_pipeline(settings.model) if records else nlp
    # one step when a record is cleaned, one when it is parsed (or skipped)
    task = progress.add_task("processing", total=2 * len(records)) if progress else None

    def advance(steps: int = 1) -> None:
        if progress is not None and task is not None:
            progress.advance(task, steps)

    parsed: list[Article] = []
    docs: dict[str, Doc] = {}
    if records:
        detect = language_detector() if settings.detect_language else None
        for item in clean_and_parse(records, nlp, detect_language=detect, n_process=settings.n_process,
                                    batch_size=settings.batch_size, on_record=advance):
            advance()
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                article, doc = item
                parsed.append(article)
                docs.setdefault(article.id, doc)
    articles, dupes = drop_duplicates(parsed)
    skipped.extend(dupes)
    return articles, docs
