"""Session fixtures shared by all tests: the spaCy pipeline (loaded once) and the example story's dossier."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.engines import build
from storyline.model import Dossier
from storyline.nlp import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = Path(__file__).resolve().parent / "resources"
EXAMPLE = ROOT / "examples" / "harbor-strike"
EXAMPLE_GOLD = ROOT / "examples" / "gold" / "harbor-strike"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def example_dossier(nlp) -> Dossier:
    return build([EXAMPLE], nlp=nlp)


@pytest.fixture(scope="session")
def resources() -> Path:
    return RESOURCES
