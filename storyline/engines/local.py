"""The local engine: runs the flow's steps in this process (spaCy may fork its own parse workers).

Each article's Doc is written to a temporary file as it comes out of the parse (storyline.docstore)
and read back story by story, so memory does not grow with the build; the flow (storyline.flow)
gets the article and its clustering features only.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from rich.progress import Progress
from spacy.language import Language
from spacy.tokens import Doc

from .. import flow
from ..cluster import Assignment, extract_features
from ..docindex import release_index
from ..docstore import DocStore
from ..flow import Advance, BuildStats, Prepared, merge_skipped, read_all
from ..ingest import RawRecord
from ..model import Article, Dossier, Skipped, Story
from ..nlp import load_pipeline, parse
from ..pipeline import StoryStage, analyse_story, clean_and_parse, default_stages, language_detector
from ..settings import Settings

__all__ = ["BuildStats", "LocalRunner", "add", "build", "merge_skipped", "read_all"]


class LocalRunner:
    """Runs the per-article and per-story steps here, with one spaCy pipeline loaded on first use."""

    def __init__(self, settings: Settings, nlp: Language | None, stages: list[StoryStage], stats: BuildStats) -> None:
        self.settings, self.stages, self.stats = settings, stages, stats
        self._nlp = nlp
        self.docs: DocStore | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_pipeline(self.settings.model)
        return self._nlp

    def prepare(self, records: list[RawRecord], advance: Advance) -> list[Skipped | Prepared]:
        if not records:
            return []
        detect = language_detector() if self.settings.detect_language else None
        out: list[Skipped | Prepared] = []
        for item in clean_and_parse(records, self.nlp, detect_language=detect, n_process=self.settings.n_process,
                                    batch_size=self.settings.batch_size, on_record=lambda: advance(1),
                                    seconds=self.stats.parts, settings=self.settings.clean):
            advance(1)
            out.append(item if isinstance(item, Skipped) else self._keep(*item))
        return out

    def reparse(self, articles: list[Article]) -> list[Prepared]:
        if not articles:
            return []
        return [self._keep(a, doc) for a, doc in parse(articles, self.nlp, n_process=self.settings.n_process,
                                                        batch_size=self.settings.batch_size)]

    def _keep(self, article: Article, doc: Doc) -> Prepared:
        """The article's features now, its Doc on disk (the parse's copy let go)."""
        t0 = time.perf_counter()
        prepared = Prepared(article, extract_features(article, doc, self.settings.cluster))
        if self.docs is None:
            self.docs = DocStore(doc.vocab)
        self.docs.add(article.id, doc)
        release_index(doc)
        self.stats.parts["keep"] = self.stats.parts.get("keep", 0.0) + time.perf_counter() - t0
        return prepared

    def analyse(self, stories: list[Story], articles: dict[str, Article], advance: Advance) -> list[Story]:
        """Each story's stages over that story's Docs only, read back from disk and let go after it."""
        for story in stories:
            docs = self.docs.subset(story.article_ids) if self.docs is not None else {}
            analyse_story(story, articles, docs, self.stages, self.stats.parts)
            for doc in docs.values():
                release_index(doc)
            advance(1)
        return stories

    def close(self) -> None:
        if self.docs is not None:
            self.docs.close()

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def build(
    paths: Iterable[str | Path],
    settings: Settings = Settings(),
    *,
    nlp: Language | None = None,
    progress: Progress | None = None,
    story_stages: list[StoryStage] | None = None,
    stats: BuildStats | None = None,
) -> Dossier:
    """Read, clean, parse and analyse the inputs into a Dossier, in this process."""
    stats = stats if stats is not None else BuildStats()
    stages = default_stages(settings) if story_stages is None else story_stages
    with LocalRunner(settings, nlp, stages, stats) as runner:
        return flow.build(paths, runner, settings, stats, progress)


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
    """Add new inputs to a stored dossier (see flow.add), in this process."""
    stats = stats if stats is not None else BuildStats()
    stages = default_stages(settings) if story_stages is None else story_stages
    with LocalRunner(settings, nlp, stages, stats) as runner:
        return flow.add(store_path, paths, runner, settings, stats, progress)
