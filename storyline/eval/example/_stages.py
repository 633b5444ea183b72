"""What every scorer shares: the example story and its gold, and the stages to run before scoring."""

from __future__ import annotations

from pathlib import Path

from ...pipeline import StoryStage, default_stages

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
EXAMPLE_INPUT = EXAMPLES / "harbor-strike"


def example_gold(name: str) -> Path:
    """A gold file of the bundled example story ("quotes.json", ...)."""
    return EXAMPLES / "gold" / "harbor-strike" / name


def gold_and_inputs(argv: list[str], gold_name: str) -> tuple[Path, list[str]]:
    """``[GOLD INPUT...]`` from the command line, defaulting to the example story and its gold."""
    return (Path(argv[0]) if argv else example_gold(gold_name)), (argv[1:] or [str(EXAMPLE_INPUT)])


def upto(name: str) -> list[StoryStage]:
    """Registered stages up to the one whose module is ``storyline.NAME``."""
    out: list[StoryStage] = []
    for stage in default_stages():
        out.append(stage)
        if stage.__module__.split(".")[1] == name:
            return out
    raise LookupError(f"stage {name!r} is not among the default stages")
