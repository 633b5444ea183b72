"""What a story stage reads and fills, declared on the stage (like spaCy's ``requires``/``assigns``).

A story stage is ``run(story, articles, docs)`` filling some of the Story's item lists. It says
which lists it reads and which it fills with :func:`story_stage`; :func:`check_order` refuses a
plan in which a stage reads a list no earlier stage fills, at start-up rather than as an empty
section at the end of a build; :func:`stages_table` is the table docs/stages.md shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., None])


class PlanError(ValueError):
    """Story stages in an order where one reads what no earlier stage fills."""


def story_stage(*, fills: tuple[str, ...], reads: tuple[str, ...] = ()) -> Callable[[F], F]:
    """Declare the Story lists a stage function fills and the ones it reads (kept on the function)."""
    from .model import STORY_ITEM_LISTS

    unknown = [k for k in (*fills, *reads) if k not in STORY_ITEM_LISTS]
    if unknown:
        raise ValueError(f"not Story item lists: {', '.join(unknown)}")

    def mark(fn: F) -> F:
        fn.fills = fills  # type: ignore[attr-defined]
        fn.reads = reads  # type: ignore[attr-defined]
        return fn

    return mark


def fills(stage: Callable[..., None]) -> tuple[str, ...]:
    return getattr(stage, "fills", ())


def reads(stage: Callable[..., None]) -> tuple[str, ...]:
    return getattr(stage, "reads", ())


def check_order(stages: Iterable[Callable[..., None]], name: Callable[[Callable[..., None]], str]) -> None:
    """Raise PlanError if a stage reads a list that no stage before it fills."""
    filled: set[str] = set()
    for stage in stages:
        missing = [k for k in reads(stage) if k not in filled]
        if missing:
            raise PlanError(f"stage '{name(stage)}' reads {', '.join(missing)}, which no earlier stage fills")
        filled.update(fills(stage))


def stages_table(stages: Iterable[Callable[..., None]], name: Callable[[Callable[..., None]], str]) -> str:
    """A Markdown table of the stages in order, with what each reads and fills."""
    rows = ["| # | stage | reads | fills |", "|---|---|---|---|"]
    for i, stage in enumerate(stages, 1):
        rows.append(f"| {i} | {name(stage)} | {', '.join(reads(stage)) or '(the parses only)'} | {', '.join(fills(stage))} |")
    return "\n".join(rows) + "\n"
