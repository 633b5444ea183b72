"""The Dask engine: the flow's steps scheduled on a Dask cluster (local processes or remote workers).

The flow (storyline.flow: build and add) is the local engine's; only where its steps run differs.
Each worker loads the spaCy pipeline, the language detector and the story stages (with their one
sentence-embedding model) once, in a worker plugin. Records go to workers in shards; a worker
cleans and parses them and sends back only each article and its clustering features. The parses
stay on the workers, one future per article, and travel at most once, worker to worker, to the
worker that analyses their story. Stages do not know they run here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from distributed import Client, Future, LocalCluster, WorkerPlugin, get_worker
from rich.progress import Progress

from .. import flow
from ..cluster import Assignment, extract_features
from ..flow import Advance, BuildStats, Prepared
from ..ingest import RawRecord
from ..model import Article, Dossier, Skipped, Story
from ..nlp import parse
from ..pipeline import (
    StoryStage,
    analyse_story,
    clean_and_parse,
    default_stages,
    doc_from_bytes,
    doc_to_bytes,
    language_detector,
)
from ..settings import Settings

SHARD_SIZE = 32  # records per task: enough to amortise scheduling, small enough to balance

Packed = dict[str, bytes]  # article id -> its parse, serialised


class StorylineOnWorker(WorkerPlugin):
    """Worker plugin: the spaCy pipeline, the language detector and the story stages, once per worker."""

    name = "storyline"

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed.Worker
        from ..nlp import load_pipeline

        worker.storyline_settings = self.settings
        worker.storyline_nlp = load_pipeline(self.settings.model)
        worker.storyline_detect = language_detector() if self.settings.detect_language else None
        worker.storyline_stages = default_stages(self.settings)  # the embedder loads at most once per worker


def _on_worker(name: str) -> Any:
    return getattr(get_worker(), f"storyline_{name}")  # set by the plugin above


def _prepare_shard(records: list[RawRecord]) -> tuple[list[Skipped | Prepared], Packed]:
    settings: Settings = _on_worker("settings")
    out: list[Skipped | Prepared] = []
    packed: Packed = {}
    for item in clean_and_parse(records, _on_worker("nlp"), detect_language=_on_worker("detect"),
                                batch_size=settings.batch_size, settings=settings.clean):
        if isinstance(item, Skipped):
            out.append(item)
        else:
            out.append(_keep(*item, packed, settings))
    return out, packed


def _parse_shard(articles: list[Article]) -> tuple[list[Prepared], Packed]:
    settings: Settings = _on_worker("settings")
    packed: Packed = {}
    return [_keep(a, doc, packed, settings) for a, doc in parse(articles, _on_worker("nlp"), batch_size=settings.batch_size)], packed


def _keep(article: Article, doc, packed: Packed, settings: Settings) -> Prepared:  # noqa: ANN001 - spacy Doc
    packed.setdefault(article.id, doc_to_bytes(doc))
    return Prepared(article, extract_features(article, doc, settings.cluster))


def _items(shard: tuple[list, Packed]) -> list:
    return shard[0]


def _doc_of(shard: tuple[list, Packed], article_id: str) -> bytes:
    return shard[1][article_id]


def _analyse(story: Story, articles: list[Article], packed: list[bytes], stages: list[StoryStage] | None) -> Story:
    nlp = _on_worker("nlp")
    docs = {a.id: doc_from_bytes(b, nlp.vocab) for a, b in zip(articles, packed, strict=True)}
    return analyse_story(story, {a.id: a for a in articles}, docs, stages if stages is not None else _on_worker("stages"))


class DaskRunner:
    """Runs the per-article and per-story steps on a Dask cluster; parses stay on the workers."""

    def __init__(self, client: Client, story_stages: list[StoryStage] | None) -> None:
        self.client = client
        self.story_stages = story_stages  # None: each worker's own (built once by the plugin)
        self.docs: dict[str, Future] = {}  # article id -> the future holding its packed parse

    def prepare(self, records: list[RawRecord], advance: Advance) -> list[Skipped | Prepared]:
        shards = [records[i : i + SHARD_SIZE] for i in range(0, len(records), SHARD_SIZE)]
        return self._gathered(self.client.map(_prepare_shard, shards, pure=False), [2 * len(s) for s in shards], advance)

    def reparse(self, articles: list[Article]) -> list[Prepared]:
        shards = [articles[i : i + SHARD_SIZE] for i in range(0, len(articles), SHARD_SIZE)]
        found = self._gathered(self.client.map(_parse_shard, shards, pure=False), [0] * len(shards), lambda steps: None)
        return [p for p in found if isinstance(p, Prepared)]

    def _gathered(self, futures: list[Future], steps: list[int], advance: Advance) -> list[Skipped | Prepared]:
        """Each shard's articles and features, in input order; a future per article's parse, left on its worker."""
        out: list[Skipped | Prepared] = []
        for future, n in zip(futures, steps, strict=True):
            items = self.client.submit(_items, future, pure=False).result()
            for item in items:
                if isinstance(item, Prepared) and item.article.id not in self.docs:
                    self.docs[item.article.id] = self.client.submit(_doc_of, future, item.article.id, pure=False)
            out.extend(items)
            advance(n)
        return out

    def analyse(self, stories: list[Story], articles: dict[str, Article], advance: Advance) -> list[Story]:
        jobs = [self.client.submit(_analyse, story, [articles[a] for a in story.article_ids],
                                   [self.docs[a] for a in story.article_ids], self.story_stages, pure=False)
                for story in stories]
        analysed: list[Story] = []
        for job in jobs:
            analysed.append(job.result())
            advance(1)
        return analysed

    def close(self) -> None:
        self.docs.clear()

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class _Cluster:
    """A client on ``scheduler``, else on a LocalCluster of ``workers`` processes, with the plugin registered."""

    def __init__(self, settings: Settings, workers: int, scheduler: str | None) -> None:
        self.cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                           dashboard_address=None)
        self.client = Client(scheduler or self.cluster)
        self.client.register_plugin(StorylineOnWorker(settings))

    def __enter__(self) -> Client:
        return self.client

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def build(
    paths: Iterable[str | Path],
    settings: Settings = Settings(),
    *,
    workers: int = 2,
    scheduler: str | None = None,
    progress: Progress | None = None,
    story_stages: list[StoryStage] | None = None,
    stats: BuildStats | None = None,
) -> Dossier:
    """Build a Dossier on Dask: at ``scheduler`` (an address), else on a LocalCluster of ``workers``."""
    stats = stats if stats is not None else BuildStats()
    with _Cluster(settings, workers, scheduler) as client, DaskRunner(client, story_stages) as runner:
        return flow.build(paths, runner, settings, stats, progress)


def add(
    store_path: str | Path,
    paths: Iterable[str | Path],
    settings: Settings = Settings(),
    *,
    workers: int = 2,
    scheduler: str | None = None,
    progress: Progress | None = None,
    story_stages: list[StoryStage] | None = None,
    stats: BuildStats | None = None,
) -> tuple[Dossier, Assignment]:
    """Add new inputs to a stored dossier (see flow.add), on Dask."""
    stats = stats if stats is not None else BuildStats()
    with _Cluster(settings, workers, scheduler) as client, DaskRunner(client, story_stages) as runner:
        return flow.add(store_path, paths, runner, settings, stats, progress)
