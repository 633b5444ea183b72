"""storyline: many news reports of one story in, a cross-checked dossier with cited spans out."""

from .model import Article, Dossier, Evidence, Skipped, Story

__all__ = ["Article", "Dossier", "Evidence", "Skipped", "Story"]
__version__ = "0.1.0"
