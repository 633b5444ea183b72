"""The story stages a scorer needs: every registered stage up to and including the one scored."""

from __future__ import annotations

from ..pipeline import StoryStage, default_stages


def upto(name: str) -> list[StoryStage]:
    """Registered stages up to the one whose module is ``storyline.NAME``."""
    out: list[StoryStage] = []
    for stage in default_stages():
        out.append(stage)
        if stage.__module__.split(".")[1] == name:
            return out
    raise LookupError(f"stage {name!r} is not among the default stages")
