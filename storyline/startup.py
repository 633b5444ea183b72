"""Start-up: import spaCy's ML layer without torch, which only the sentence-embedding model needs.

thinc (under spaCy) imports torch at import time whenever it is installed, to offer PyTorch layers
that the CNN pipelines storyline loads never use. That costs about 1.5 s and 300 MB before the
first article is read, on every command, even ``storyline --help``. So thinc is imported once, here,
with torch hidden from it; torch is then imported for real by sentence-transformers, and only when
a story has sentences to embed (provenance.embedder). ``STORYLINE_THINC_TORCH=1`` lets thinc see
torch, for a spaCy pipeline built on PyTorch layers (a transformer pipeline).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
from collections.abc import Sequence
from types import ModuleType

THINC_TORCH_ENV = "STORYLINE_THINC_TORCH"


class _HideTorch(importlib.abc.MetaPathFinder):
    """A finder that answers "not installed" for torch and its submodules, and nothing else."""

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname == "torch" or fullname.startswith("torch."):
            raise ModuleNotFoundError(f"No module named {fullname!r} (hidden from thinc at start-up)", name=fullname)
        return None


def import_thinc_without_torch() -> bool:
    """Import thinc with torch hidden; False when it was too late (already imported) or not wanted."""
    if "thinc" in sys.modules or "torch" in sys.modules or os.environ.get(THINC_TORCH_ENV) == "1":
        return False
    hide = _HideTorch()
    sys.meta_path.insert(0, hide)
    try:
        import thinc.api  # noqa: F401
    finally:
        sys.meta_path.remove(hide)
    return True
