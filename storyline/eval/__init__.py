"""Evaluation scorers, one module per stage: ``storyline eval NAME [ARGS]`` runs ``storyline.eval.NAME.main(ARGS)``.

Each module has ``main(argv: list[str]) -> int`` that prints its scores and returns an exit code.
"""

from __future__ import annotations

import importlib
import pkgutil


def available() -> list[str]:
    """Names of the installed scorers."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def run(name: str, argv: list[str]) -> int:
    if name not in available():
        raise KeyError(name)
    module = importlib.import_module(f"{__name__}.{name}")
    return int(module.main(argv) or 0)
