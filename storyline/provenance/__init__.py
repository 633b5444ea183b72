"""Provenance: which outlet's text reappears where, and whom each article names as its source.

``run`` fills ``story.copies`` (verbatim, rewritten and syndicated copies, each passage linking the
two spans) and ``story.cited_sources``. Rewritten passages need sentence embeddings: pass an
:class:`EmbedderProvider` built once per build (``stage(provider)`` makes the story stage); without
one, ``run`` makes its own and loads the model for that call.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from ..settings import ProvenanceSettings
from ..stage import story_stage
from ..model import Article, Story
from .build import articles_text, find_copies
from .copies import DEFAULTS
from .cited import find_cited
from .embedder import EmbedderProvider, LazyEmbedder

StoryStage = Callable[[Story, dict[str, Article], dict[str, Doc]], None]

PROVENANCE_FILLS = ("copies", "cited_sources")
PROVENANCE_READS = ("quotes", "dating")  # quoted spans are not copies; undated articles' windows orient a copy

__all__ = ["run", "stage", "find_copies", "find_cited", "EmbedderProvider"]


@story_stage(fills=PROVENANCE_FILLS, reads=PROVENANCE_READS)
def run(story: Story, articles: dict[str, Article], docs: dict[str, Doc],
        embedder: EmbedderProvider | None = None, settings: ProvenanceSettings = DEFAULTS) -> None:
    """Story stage: fill story.copies and story.cited_sources."""
    provider = embedder if embedder is not None else EmbedderProvider()
    texts = articles_text(story, articles)
    story.copies = find_copies(texts, LazyEmbedder(provider), settings)
    story.cited_sources = [c for aid in story.article_ids if aid in articles
                           for c in find_cited(articles[aid], docs.get(aid))]


def stage(provider: EmbedderProvider, settings: ProvenanceSettings = DEFAULTS) -> StoryStage:
    """The story stage bound to one provider, so a build loads the sentence model at most once."""

    @story_stage(fills=PROVENANCE_FILLS, reads=PROVENANCE_READS)
    def provenance_stage(story: Story, articles: dict[str, Article], docs: dict[str, Doc]) -> None:
        run(story, articles, docs, embedder=provider, settings=settings)

    provenance_stage.provider = provider  # type: ignore[attr-defined]  # which model this stage loads (tests, engines)
    return provenance_stage
