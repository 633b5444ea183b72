"""Engines schedule the stages; stages never know which engine runs them."""

from .local import BuildStats, build

__all__ = ["build", "BuildStats"]
