"""engines.local: a build over good and bad inputs succeeds, lists every bad one, and is deterministic."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from storyline.engines import build
from storyline.model import dossier_to_dict
from tests.conftest import RESOURCES

GOOD = ["text/scraped.txt", "text/short-paragraphs.txt", "html/wire-story.html", "feed.jsonl"]


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    for rel in GOOD + ["text/latin1.txt", "text/non-english.txt"]:
        shutil.copy(RESOURCES / rel, folder / Path(rel).name)
    shutil.copy(RESOURCES / "text/scraped.txt", folder / "scraped-copy.txt")  # same content twice
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    rng = random.Random(7)
    (folder / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    (folder / "broken.json").write_text('{"title": "half a record", "text": "The port')
    (folder / "tiny.html").write_text("<html><body><p>Hi</p>")
    (folder / "utf16.txt").write_bytes("Dockworkers at the port went on strike again on Monday.".encode("utf-16"))
    return folder


def test_build_skips_bad_inputs_and_goes_on(mixed_folder: Path, nlp):
    dossier = build([mixed_folder], nlp=nlp)
    skipped = {Path(s.source_path).name: s.error for s in dossier.skipped}
    assert skipped["empty.txt"] == "empty file"
    assert skipped["photo.jpg"].startswith("unsupported file type")
    assert skipped["binary.txt"].startswith("binary file")
    assert skipped["broken.json"].startswith("invalid JSON")
    assert skipped["tiny.html"].startswith(("no article text", "too little article text"))
    assert skipped["non-english.txt"] == "not English (detected 'de'); storyline reads English news only"
    assert "same content as" in skipped["scraped.txt"] or "same content as" in skipped["scraped-copy.txt"]
    assert skipped["utf16.txt"].startswith("too little article text")  # decoded, but one line is no article
    names = sorted(Path(a.source_path.split("#")[0]).name for a in dossier.articles)
    assert names.count("feed.jsonl") == 3
    assert "latin1.txt" in names and "wire-story.html" in names
    placed = [a for s in dossier.stories for a in s.article_ids]
    assert sorted(placed) == sorted(a.id for a in dossier.articles)  # unrelated reports: each in exactly one story
    for article in dossier.articles:
        assert article.sentences and article.ner
        for m in article.ner:
            assert article.clean_text[m.start : m.end] == m.text


def test_build_survives_random_bytes(tmp_path: Path, nlp):
    rng = random.Random(2025)
    suffixes = [".txt", ".html", ".json", ".jsonl", ".htm"]
    for i in range(40):
        kind = i % 4
        if kind == 0:
            data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
        elif kind == 1:  # printable noise, sometimes with markup
            data = "".join(rng.choice("<>/{}[]\":,abc \n\t&;#é“”") for _ in range(rng.randrange(1, 2000))).encode()
        elif kind == 2:  # truncated real input
            src = (RESOURCES / rng.choice(GOOD)).read_bytes()
            data = src[: rng.randrange(1, len(src))]
        else:  # real input with flipped bytes
            src = bytearray((RESOURCES / rng.choice(GOOD)).read_bytes())
            for _ in range(20):
                src[rng.randrange(len(src))] = rng.randrange(256)
            data = bytes(src)
        (tmp_path / f"f{i:02d}{rng.choice(suffixes)}").write_bytes(data)
    dossier = build([tmp_path], nlp=nlp)
    assert len(dossier.articles) + len(dossier.skipped) >= 40
    assert all(s.error and "\n" not in s.error for s in dossier.skipped)


def test_build_is_deterministic(nlp):
    inputs = [RESOURCES / rel for rel in GOOD]
    first = dossier_to_dict(build(inputs, nlp=nlp))
    second = dossier_to_dict(build(inputs, nlp=nlp))
    assert first == second
