"""Engines schedule the flow's steps (storyline.flow); stages never know which engine runs them."""

from ..flow import BuildStats
from .local import add, build

__all__ = ["add", "build", "BuildStats"]
