"""The stages of a build, as plain functions an engine can schedule in any order it likes.

Per-record stages (clean) run independently on each input; the parse runs in batches; story
stages get one story with its articles and parsed Docs and fill the story's item lists.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from functools import partial, update_wrapper
from collections.abc import Callable, Iterable, Iterator, Mapping

from spacy.language import Language
from spacy.tokens import Doc

from . import claims, entities, provenance, quotes, summarize, timeline
from .clean import CleanError, LanguageDetector, clean_record
from .ingest import RawRecord
from .cluster import ArticleFeatures, ClusterState, cluster_features_with_state
from .model import Article, Skipped, Story
from .docindex import known_text
from .nlp import parse, worker_count
from .settings import CleanSettings, ClusterSettings, Settings
from .stage import check_order

log = logging.getLogger(__name__)

# A story stage fills some of a story's item lists from its articles and their parses.
StoryStage = Callable[[Story, dict[str, Article], dict[str, Doc]], None]

def default_stages(settings: Settings | None = None) -> list[StoryStage]:
    """The story stages of a build, in the order they run, each given its section of the settings.
    Built per build: the provenance stage holds the one sentence-embedding model the build loads
    (lazily, only if it needs it)."""
    s = settings or Settings()
    stages = [configured(entities.run, s.entities), configured(quotes.run, s.quotes), configured(timeline.run, s.timeline),
              configured(claims.run, s.claims), provenance.stage(provenance.EmbedderProvider(), s.provenance), configured(summarize.run, s.summarize)]
    check_order(stages, stage_name)
    return stages


def configured(run: Callable[..., None], section: object) -> StoryStage:
    """A stage function bound to its settings section, still named (and moduled) as the stage."""
    return update_wrapper(partial(run, settings=section), run)


def clean_one(record: RawRecord, detect_language: LanguageDetector | None,
              settings: CleanSettings | None = None) -> Article | Skipped:
    """Clean one record, or say why it was skipped: no input, however odd, ends the build here."""
    try:
        return clean_record(record, detect_language=detect_language, settings=settings or CleanSettings())
    except CleanError as exc:
        return Skipped(record.source_path, str(exc))
    except Exception as exc:  # noqa: BLE001 - a cleaning bug on one input skips that input, named
        log.exception("cleaning %s failed", record.source_path)
        first_line = next(iter(str(exc).splitlines()), "")
        return Skipped(record.source_path, f"cleaning failed: {type(exc).__name__}: {first_line}")


def drop_duplicates(articles: Iterable[Article]) -> tuple[list[Article], list[Skipped]]:
    """Keep the first of articles with the same content id; list the rest as skipped."""
    seen: dict[str, Article] = {}
    skipped: list[Skipped] = []
    for article in articles:
        first = seen.get(article.id)
        if first is None:
            seen[article.id] = article
        else:
            skipped.append(Skipped(article.source_path, f"same content as {first.source_path}"))
    return list(seen.values()), skipped


def language_detector() -> LanguageDetector:
    """py3langid's identifier with normalised probabilities, built once per run."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)

    def detect(text: str) -> tuple[str, float]:
        lang, prob = identifier.classify(text[:5000])
        return str(lang), float(prob)

    return detect


def clean_and_parse(
    records: Iterable[RawRecord], nlp: Language, *, detect_language: LanguageDetector | None,
    n_process: int = 1, batch_size: int = 32, on_record: Callable[[], None] | None = None,
    seconds: dict[str, float] | None = None, settings: CleanSettings | None = None,
) -> Iterator[Skipped | tuple[Article, Doc]]:
    """Per-record work: clean each record, then parse the articles in batches.

    Yields Skipped for records that failed and (article, doc) for the rest; adds the time spent
    cleaning to ``seconds["clean"]``. Cleaning uses as many processes as the parse does.
    """
    cleaned: list[Article] = []
    t0 = time.perf_counter()
    for result in clean_all(list(records), detect_language, settings, n_process=n_process, batch_size=batch_size):
        if isinstance(result, Skipped):
            yield result
        else:
            cleaned.append(result)
        if on_record:
            on_record()
    if seconds is not None:
        seconds["clean"] = seconds.get("clean", 0.0) + time.perf_counter() - t0
    yield from parse(cleaned, nlp, n_process=n_process, batch_size=batch_size)


def clean_all(records: list[RawRecord], detect_language: LanguageDetector | None, settings: CleanSettings | None,
              *, n_process: int = 1, batch_size: int = 32) -> Iterator[Article | Skipped]:
    """Clean records in input order, in ``n_process`` forked processes when there are batches enough
    for each (cleaning a folder of long pages costs a fifth of their parse: one core would idle)."""
    workers = worker_count(len(records), n_process, batch_size)
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        for record in records:
            yield clean_one(record, detect_language, settings)
        return
    # fork: the workers inherit the detector and settings instead of unpickling them per task
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_cleaner, initargs=(detect_language, settings)) as pool:
        yield from pool.imap(_clean_in_worker, records, chunksize=max(1, batch_size // 4))


_worker_cleaner: Callable[[RawRecord], Article | Skipped] | None = None  # set once in each cleaning process


def _start_cleaner(detect_language: LanguageDetector | None, settings: CleanSettings | None) -> None:
    global _worker_cleaner
    _worker_cleaner = partial(clean_one, detect_language=detect_language, settings=settings)


def _clean_in_worker(record: RawRecord) -> Article | Skipped:
    assert _worker_cleaner is not None, "the pool's initializer sets the cleaner"
    return _worker_cleaner(record)


def group_stories(articles: list[Article], features: Mapping[str, ArticleFeatures],
                  settings: ClusterSettings | None = None) -> tuple[list[Story], ClusterState]:
    """Articles into stories (the cluster stage, from the features taken at parse time), with the
    state later additions resume from."""
    return cluster_features_with_state(articles, features, settings or ClusterSettings())


def stage_name(stage: StoryStage) -> str:
    """A story stage's name: its stage package ("entities", "provenance", ...), else its own name."""
    parts = getattr(stage, "__module__", "").split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "storyline" else getattr(stage, "__name__", repr(stage))


def analyse_story(story: Story, articles: dict[str, Article], docs: dict[str, Doc],
                  stages: list[StoryStage], seconds: dict[str, float] | None = None) -> Story:
    """Run the story stages on one story, in order (adding each stage's time to ``seconds``)."""
    for aid, doc in docs.items():
        if aid in articles:
            known_text(doc, articles[aid].clean_text)
    for stage in stages:
        t0 = time.perf_counter()
        stage(story, articles, docs)
        if seconds is not None:
            name = stage_name(stage)
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - t0
    return story


def doc_to_bytes(doc: Doc) -> bytes:
    """A parsed Doc for shipping between processes (its strings travel with it)."""
    return doc.to_bytes(exclude=["user_data"])


def doc_from_bytes(data: bytes, vocab) -> Doc:  # noqa: ANN001 - spacy Vocab
    """The Doc back, on any vocab (a blank English one will do: strings come with the bytes)."""
    return Doc(vocab).from_bytes(data)
