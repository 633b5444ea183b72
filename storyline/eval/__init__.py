"""Evaluation on real news with gold answers: ``storyline eval NAME`` or ``storyline eval all``.

One module per stage (clustering, entities, quotes, figures, dates, cleaning) scores that stage
on a shared set (see ``sets``) beside a simple baseline; ``runner`` builds each set once and
checks the floors of ``gate``. The example story's scorers are in ``example`` (unit tests).
"""

from __future__ import annotations

from .runner import SCORERS, run as run_scorers


def available() -> list[str]:
    """Names ``storyline eval`` takes."""
    return [*SCORERS, "all"]


def run(name: str, argv: list[str]) -> int:
    if name not in available():
        raise KeyError(name)
    return run_scorers(list(SCORERS) if name == "all" else [name], argv)
