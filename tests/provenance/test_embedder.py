"""The sentence model on its two runtimes: the ONNX copy make setup exports, and torch as the fallback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from storyline.provenance import embedder as emb
from storyline.provenance.onnx_export import agreement_of, export

pytest.importorskip("onnxruntime")
pytest.importorskip("torch")

SENTENCES = [
    "The ferry company Nordlys Lines cancelled 42 crossings between Tallvik and Osmund on Tuesday.",
    "Forty-two sailings between Tallvik and Osmund were called off by Nordlys Lines on Tuesday.",
    "Local hotels said they had taken bookings from stranded travellers.",
    "Talks resume.",
    " ".join(["The pilots' association repeated its demands at a long meeting in the harbour office."] * 30),  # truncated
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("onnx") / "minilm.onnx"
    assert export(path) >= 0.9999
    return path


def test_export_gives_the_vectors_of_sentence_transformers(exported: Path) -> None:
    onnx = emb.OnnxSentenceModel(exported, emb.packaged_model_dir(), batch_size=2)  # batches of unequal lengths
    torch_model = emb.load_torch_minilm()
    a, b = onnx.encode(SENTENCES), torch_model.encode(SENTENCES)
    assert a.shape == (len(SENTENCES), emb.DIMENSIONS)
    assert agreement_of(a, b) > 0.9999
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    # and the vectors still mean something: the rewritten sentence is nearer than the unrelated one
    assert a[0] @ a[1] > a[0] @ a[2] + 0.2


def test_empty_input_gives_no_rows(exported: Path) -> None:
    assert emb.OnnxSentenceModel(exported, emb.packaged_model_dir()).encode([]).shape == (0, emb.DIMENSIONS)


def test_loader_prefers_the_onnx_copy_and_falls_back_to_torch(exported: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(emb.ONNX_ENV, str(exported))
    assert isinstance(emb.load_minilm(), emb.OnnxSentenceModel)
    monkeypatch.setenv(emb.ONNX_ENV, str(tmp_path / "missing.onnx"))
    assert isinstance(emb.load_minilm(), emb.SentenceModel)
    damaged = tmp_path / "damaged.onnx"
    damaged.write_bytes(b"not a model")
    monkeypatch.setenv(emb.ONNX_ENV, str(damaged))
    assert isinstance(emb.load_minilm(), emb.SentenceModel)
    assert "could not be used" in caplog.text


def test_a_build_on_the_onnx_copy_never_imports_torch(exported: Path) -> None:
    code = ("import sys; from storyline.provenance.embedder import load_minilm; "
            "load_minilm().encode(['Dock workers returned to the quays at dawn.']); "
            "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    env = {**os.environ, emb.ONNX_ENV: str(exported)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]

