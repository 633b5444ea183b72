"""The stages of a build, as plain functions an engine can schedule in any order it likes.

Per-record stages (clean) run independently on each input; the parse runs in batches; story
stages get one story with its articles and parsed Docs and fill the story's item lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc

from . import entities, quotes, summarize
from .clean import CleanError, LanguageDetector, clean_record
from .ingest import RawRecord
from .model import Article, Skipped, Story

# A story stage fills some of a story's item lists from its articles and their parses.
StoryStage = Callable[[Story, dict[str, Article], dict[str, Doc]], None]

# Stages that fill stories[].entities, quotes, timeline, ... in the order they run.
STORY_STAGES: list[StoryStage] = [entities.run, quotes.run, summarize.run]


def clean_one(record: RawRecord, detect_language: LanguageDetector | None) -> Article | Skipped:
    """Clean one record, or say why it was skipped."""
    try:
        return clean_record(record, detect_language=detect_language)
    except CleanError as exc:
        return Skipped(record.source_path, str(exc))


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
