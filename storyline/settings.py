"""Options of a build, in one place; passed to the engine, never read from globals."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .nlp import DEFAULT_MODEL

# Parse processes a build starts by default: one per usable core, up to this many (each holds its own
# copy of the spaCy pipeline, about 300 MB).
MAX_DEFAULT_PROCESSES = 4


def default_processes() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count), capped."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(usable, MAX_DEFAULT_PROCESSES))


@dataclass(slots=True, frozen=True, kw_only=True)
class Settings:
    model: str = DEFAULT_MODEL  # an installed spaCy pipeline package
    n_process: int = field(default_factory=default_processes)  # spaCy parse processes (both cores on a 2-core machine)
    batch_size: int = 32
    detect_language: bool = True
