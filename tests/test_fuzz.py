"""Fuzz (issues 20 and 22): whatever bytes an input holds, ingest + clean answer with records or one-line
reasons naming the input, never an exception; and a small run of the make-fuzz corpus keeps every
good article and lists every bad input."""

from __future__ import annotations

import importlib.util
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest import RawRecord, read_inputs
from storyline.model import Skipped
from storyline.pipeline import clean_one, language_detector

ROOT = Path(__file__).resolve().parent.parent
DETECT = language_detector()
SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".rss", ".atom", ".xml", ".warc", ".warc.gz", ".md"]
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read_and_clean(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        items = list(read_inputs([path]))
        assert items, "an input is never dropped silently"
        for item in items:
            assert item.source_path.startswith(str(path))
            if isinstance(item, Skipped):
                assert item.error and "\n" not in item.error
                continue
            assert isinstance(item, RawRecord)
            result = clean_one(item, DETECT)
            if isinstance(result, Skipped):
                assert result.error and "\n" not in result.error
            else:
                json.dumps([result.clean_text, result.title, result.published], ensure_ascii=False).encode("utf-8")


@FEW
@given(st.sampled_from(SUFFIXES), st.binary(max_size=3000))
def test_any_bytes_in_any_input_kind_are_read_or_skipped_with_a_reason(suffix, data):
    _read_and_clean(f"input{suffix}", data)


@FEW
@given(st.sampled_from(SUFFIXES), st.text(max_size=2000))
def test_any_text_in_any_input_kind_is_read_or_skipped_with_a_reason(suffix, text):
    _read_and_clean(f"input{suffix}", text.encode("utf-8", "surrogatepass"))


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=200),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=30,
)
_records = st.fixed_dictionaries({}, optional={
    "text": st.text(max_size=800) | _json_values, "html": st.text(max_size=800), "title": _json_values,
    "published": st.sampled_from(["yesterday", "9999999999", "2025-02-31", "2024-02-29", "2286-11-20"]) | st.text(max_size=30),
    "url": st.text(max_size=60), "outlet": _json_values,
})


@FEW
@given(st.lists(_records, max_size=4), st.booleans())
def test_json_records_of_any_shape_are_read_or_skipped_with_a_reason(records, as_lines):
    if as_lines:
        _read_and_clean("feed.jsonl", "\n".join(json.dumps(r) for r in records).encode())
    else:
        _read_and_clean("feed.json", json.dumps(records).encode())


@FEW
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="/\x00"), min_size=1, max_size=60))
def test_any_file_name_is_read_and_shown_as_text(name):
    with tempfile.TemporaryDirectory() as tmp:
        try:
            (Path(tmp) / f"{name}.txt").write_bytes(b"")
        except OSError:
            return  # too long for the file system, or "." / ".."
        items = list(read_inputs([Path(tmp)]))
        for item in items:
            item.source_path.encode("utf-8")


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("storyline_fuzz", ROOT / "benchmarks" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_every_fuzz_class_is_read_one_by_one_without_a_crash(tmp_path):
    fuzz = _fuzz_module()
    bad, good = fuzz.make_corpus(tmp_path / "in", len(fuzz.MAKERS), seed=3)
    outcome, crashed = fuzz.read_each(bad, tmp_path / "in")
    assert crashed == []
    assert outcome["article"] == 0 and outcome["skipped"] >= len(fuzz.MAKERS)
    assert len(good) == 6


def test_a_small_fuzz_corpus_builds_with_every_good_article_and_every_bad_input_listed(tmp_path, nlp):
    from storyline.engines import build

    fuzz = _fuzz_module()
    bad, good = fuzz.make_corpus(tmp_path / "in", 2 * len(fuzz.MAKERS), seed=5)
    dossier = build([tmp_path / "in"], nlp=nlp)
    read = {a.source_path.split("#", 1)[0] for a in dossier.articles}
    assert set(good) <= read
    listed = {s.source_path.split("#", 1)[0] for s in dossier.skipped}
    assert [n for n in bad if n not in listed and n not in read] == []
