"""Options of a build, in one place; passed to the engine, never read from globals."""

from __future__ import annotations

from dataclasses import dataclass

from .nlp import DEFAULT_MODEL


@dataclass(slots=True, frozen=True, kw_only=True)
class Settings:
    model: str = DEFAULT_MODEL  # an installed spaCy pipeline package
    n_process: int = 1  # spaCy worker processes
    batch_size: int = 32
    detect_language: bool = True
