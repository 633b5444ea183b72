"""The Dask engine: the same stages, scheduled on a Dask cluster (local processes or remote workers).

Records are read on the client and sent to workers in shards; each worker loads the spaCy
pipeline once (a worker plugin) and returns cleaned articles with their parses as bytes. Stories
are grouped on the client, then each story is analysed on a worker. Stages do not know they run
here: they are the same functions the local engine calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin, get_worker
from rich.progress import Progress

from ..cluster import extract_features
from ..model import Article, Dossier, Skipped, Story
from ..pipeline import (
    default_stages,
    StoryStage,
    analyse_story,
    clean_and_parse,
    doc_from_bytes,
    doc_to_bytes,
    drop_duplicates,
    group_stories,
    language_detector,
)
from ..settings import Settings
from .local import BuildStats, read_all

SHARD_SIZE = 32  # records per task: enough to amortise scheduling, small enough to balance


class SpacyOnWorker(WorkerPlugin):
    """Worker plugin: load the spaCy pipeline (and the language detector) once per worker."""

    name = "storyline-spacy"

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed.Worker
        from ..nlp import load_pipeline

        worker.storyline_nlp = load_pipeline(self.settings.model)
        worker.storyline_detect = language_detector() if self.settings.detect_language else None


def _worker_state():
    worker = get_worker()
    return worker.storyline_nlp, worker.storyline_detect  # type: ignore[attr-defined]  # set by the plugin above


def _process_shard(records: list, parse_batch: int) -> list[Skipped | tuple[Article, bytes]]:
    nlp, detect = _worker_state()
    out: list[Skipped | tuple[Article, bytes]] = []
    for item in clean_and_parse(records, nlp, detect_language=detect, batch_size=parse_batch):
        out.append(item if isinstance(item, Skipped) else (item[0], doc_to_bytes(item[1])))
    return out


def _analyse(story: Story, articles: list[Article], packed: list[bytes], stages: list[StoryStage]) -> Story:
    nlp, _ = _worker_state()
    docs = {a.id: doc_from_bytes(b, nlp.vocab) for a, b in zip(articles, packed)}
    return analyse_story(story, {a.id: a for a in articles}, docs, stages)


def _clean_and_parse(client: Client, records: list, skipped: list[Skipped], settings: Settings,
                     progress: Progress | None) -> tuple[list[Article], dict[str, bytes]]:
    """Articles in input order (duplicates dropped into ``skipped``) and their packed parses."""
    shards = [records[i : i + SHARD_SIZE] for i in range(0, len(records), SHARD_SIZE)]
    futures = client.map(_process_shard, shards, parse_batch=settings.batch_size, pure=False)
    task = progress.add_task("processing", total=len(records)) if progress else None
    parsed: list[Article] = []
    packed: dict[str, bytes] = {}
    for shard, future in zip(shards, futures):  # input order, whatever order shards finish in
        for item in future.result():
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                parsed.append(item[0])
                packed.setdefault(item[0].id, item[1])
        if progress and task is not None:
            progress.advance(task, len(shard))
    articles, dupes = drop_duplicates(parsed)
    skipped.extend(dupes)
    return articles, packed


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
    import spacy

    stats = stats if stats is not None else BuildStats()
    stages = default_stages(settings) if story_stages is None else story_stages
    with stats.timed("read"):
        records, skipped = read_all(paths)
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        with stats.timed("clean+parse"):
            client.register_plugin(SpacyOnWorker(settings))
            articles, packed = _clean_and_parse(client, records, skipped, settings, progress)
        with stats.timed("analyse"):
            vocab = spacy.blank("en").vocab
            stories, state = group_stories(articles, {a.id: extract_features(a, doc_from_bytes(packed[a.id], vocab)) for a in articles},
                                           settings.cluster)
            by_id = {a.id: a for a in articles}
            jobs = [
                client.submit(_analyse, story, [by_id[a] for a in story.article_ids],
                              [packed[a] for a in story.article_ids], stages, pure=False)
                for story in stories
            ]
            analysed: list[Story] = client.gather(jobs)
        return Dossier(articles=articles, skipped=skipped, stories=analysed, cluster_state=state.to_json(),
                       settings=settings.to_dict())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
