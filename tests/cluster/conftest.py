"""The project's gold story corpus, parsed once per session, with its gold labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval.clustering import _file_of, parse_inputs, read_gold

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "examples" / "gold" / "stories.tsv"


@pytest.fixture(scope="session")
def gold_corpus(nlp):
    """(articles, docs, labels by article id) for examples/gold/stories.tsv."""
    rows = read_gold(GOLD)
    by_file = dict(rows)
    articles, docs = parse_inputs([p for p, _ in rows], nlp=nlp)
    labels = {a.id: by_file[_file_of(a)] for a in articles}
    return articles, docs, labels
