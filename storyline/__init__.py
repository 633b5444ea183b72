"""storyline: many news reports of one story in, a cross-checked dossier with cited spans out."""

from .startup import import_thinc_without_torch

import_thinc_without_torch()  # before anything imports spaCy: see storyline.startup

from .model import Article, Dossier, Evidence, Skipped, Story  # noqa: E402

__all__ = ["Article", "Dossier", "Evidence", "Skipped", "Story"]
__version__ = "0.1.0"
