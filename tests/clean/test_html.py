"""clean.html: main text at least as good as trafilatura's own, metadata from the page, offsets into page text."""

from __future__ import annotations

import json
import re

import pytest
import trafilatura

from storyline.clean import clean_record
from storyline.ingest import RawRecord
from tests.conftest import RESOURCES

HTML = RESOURCES / "html"
EXPECTED = json.loads((HTML / "expected.json").read_text())


def _article(name: str):
    return clean_record(RawRecord(str(HTML / name), "html", (HTML / name).read_text(encoding="utf-8")))


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_html_main_text_and_metadata(name: str):
    article = _article(name)
    expected = EXPECTED[name]
    text = _norm(article.clean_text)
    for sentence in expected["must_contain"]:
        assert _norm(sentence) in text, sentence
    for junk in expected["must_not_contain"]:
        assert junk not in text, junk
    assert article.title == expected["title"]
    assert article.outlet == expected["outlet"]
    assert article.author == expected["author"]
    assert article.published == expected["published"]
    assert article.outlet_source == ("meta" if expected["outlet"] else "none")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_html_at_least_as_good_as_trafilatura(name: str):
    """Every word trafilatura keeps, storyline keeps, unless a junk rule removed its line with a reason."""
    html = (HTML / name).read_text(encoding="utf-8")
    theirs = trafilatura.extract(html, include_comments=False) or ""
    article = _article(name)
    junk_lines = {r.text for r in article.removed if not r.reason.startswith("boilerplate")}
    for line in theirs.split("\n"):
        line = line.strip().lstrip("- ").strip()
        if line and line not in junk_lines:
            assert _norm(line) in _norm(article.clean_text), line
    for junk in EXPECTED[name]["must_not_contain"]:
        if junk in theirs:  # trafilatura kept it; storyline's rules must remove it
            assert junk not in article.clean_text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_html_offsets_point_into_page_text(name: str):
    article = _article(name)
    for removed in article.removed:
        assert article.raw_text[removed.start : removed.end] == removed.text
    for m in re.finditer(r"\w{4,}", article.clean_text):
        rs, re_ = article.offset_map.span_to_raw(m.start(), m.end())
        assert article.raw_text[rs:re_] == m.group(), m.group()
