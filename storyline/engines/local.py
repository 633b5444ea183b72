"""The local engine: runs every stage in this process (spaCy may fork its own workers)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import Progress
from spacy.language import Language
from spacy.tokens import Doc

from ..cluster import one_story
from ..ingest import RawRecord, read_inputs
from ..model import Article, Dossier, Skipped
from ..nlp import load_pipeline, parse
from ..pipeline import STORY_STAGES, StoryStage, clean_one, drop_duplicates, language_detector
from ..settings import Settings


@dataclass(slots=True)
class BuildStats:
    """What a run did, for the one-screen summary."""

    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


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

    t0 = time.perf_counter()
    records: list[RawRecord] = []
    skipped: list[Skipped] = []
    for item in read_inputs(paths):
        (skipped if isinstance(item, Skipped) else records).append(item)  # type: ignore[arg-type]
    stats.seconds["read"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    detect = language_detector() if settings.detect_language else None
    task = progress.add_task("cleaning", total=len(records)) if progress else None
    cleaned: list[Article] = []
    for record in records:
        result = clean_one(record, detect)
        (skipped if isinstance(result, Skipped) else cleaned).append(result)  # type: ignore[arg-type]
        if progress and task is not None:
            progress.advance(task)
    articles, dupes = drop_duplicates(cleaned)
    skipped.extend(dupes)
    stats.seconds["clean"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    docs: dict[str, Doc] = {}
    if articles:
        nlp = nlp or load_pipeline(settings.model)
        task = progress.add_task("parsing", total=len(articles)) if progress else None
        for article, doc in parse(articles, nlp, n_process=settings.n_process, batch_size=settings.batch_size):
            docs[article.id] = doc
            if progress and task is not None:
                progress.advance(task)
    stats.seconds["parse"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    stories = one_story(articles)
    by_id = {a.id: a for a in articles}
    for story in stories:
        for stage in stages:
            stage(story, by_id, docs)
    stats.seconds["analyse"] = time.perf_counter() - t0
    return Dossier(articles=articles, skipped=skipped, stories=stories)
