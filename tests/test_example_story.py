"""The bundled example story (examples/harbor-strike) against its gold file: what the foundation must get right.

Later stages add their assertions (entities, quotes, timeline, claims, provenance) here or in
their own test modules, reading the other gold files beside clean.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_GOLD

GOLD = json.loads((EXAMPLE_GOLD / "clean.json").read_text(encoding="utf-8"))
# HTML pages: what trafilatura leaves out is "boilerplate"; the gold names finer kinds of it
HTML_REASONS = {"cookie-banner", "footer", "navigation", "related", "photo-credit"}


def _article(dossier, name: str):
    matches = [a for a in dossier.articles if Path(a.source_path.split("#")[0]).name == name]
    assert len(matches) == 1, name
    return matches[0]


def test_example_reads_every_file(example_dossier):
    assert example_dossier.skipped == []
    assert len(example_dossier.articles) == len(GOLD) == 6
    assert len(example_dossier.stories) == 1


@pytest.mark.parametrize("name", sorted(GOLD))
def test_example_metadata_and_sources(example_dossier, name):
    article, gold = _article(example_dossier, name), GOLD[name]
    assert article.title == gold["title"]
    assert article.outlet == gold["outlet"]
    assert article.outlet_source == gold["outlet_source"]
    assert article.published == gold["published"]
    assert article.published_source == gold["published_source"]
    assert article.author == gold["author"]
    for key, value in gold.get("extra", {}).items():
        assert article.extra[key] == value


@pytest.mark.parametrize("name", sorted(GOLD))
def test_example_junk_removed_with_reason(example_dossier, name):
    article, gold = _article(example_dossier, name), GOLD[name]
    removed = {}
    for r in article.removed:
        removed.setdefault(" ".join(r.text.split()), set()).add(r.reason)
    paragraphs = [" ".join(p.split()) for p in article.clean_text.split("\n")]
    for junk in gold["junk"]:
        line = " ".join(junk["line"].split())
        # a repeated headline stays once, as the headline
        assert paragraphs.count(line) == (1 if junk["reason"] == "repeated-headline" else 0), line
        reasons = removed.get(line)
        if name.endswith(".html"):
            assert line not in article.clean_text
            assert reasons and (junk["reason"] in reasons or "boilerplate (not main text)" in reasons), line
        else:
            assert reasons == {junk["reason"]}, (line, reasons)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_example_real_paragraphs_kept(example_dossier, name):
    article, gold = _article(example_dossier, name), GOLD[name]
    text = " ".join(article.clean_text.split())
    for keep in gold["keep"]:
        assert " ".join(keep.split()) in text, keep
    for r in article.removed:
        assert r.text not in gold["keep"]


def test_example_clean_offsets_map_to_raw(example_dossier):
    for article in example_dossier.articles:
        for r in article.removed:
            assert article.raw_text[r.start : r.end] == r.text
        for start, end in article.sentences:
            rs, re_ = article.offset_map.span_to_raw(start, end)
            raw_words = "".join(article.raw_text[rs:re_].split())
            assert raw_words.startswith("".join(article.clean_text[start:end].split())[:20])
