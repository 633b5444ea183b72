"""ingest: every kind of bad input becomes a one-line reason, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.ingest import RawRecord, decode, read_inputs
from storyline.model import Skipped

ARTICLE = (
    "Dock strike enters third week\n\n"
    "Dockworkers at the port of Valdemar stayed off the cranes for a fifteenth day on Monday, "
    "union leaders said, as talks with the port authority stalled again.\n"
)


def _records(paths):
    items = list(read_inputs(paths))
    return [i for i in items if isinstance(i, RawRecord)], [i for i in items if isinstance(i, Skipped)]


def test_ingest_reads_text_html_json_and_jsonl(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>")
    (tmp_path / "c.json").write_text(json.dumps({"title": "T", "text": ARTICLE, "outlet": "Harbor Wire", "tags": ["port"]}))
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n\n" + json.dumps({"html": "<p>x</p>"}) + "\n")
    records, skipped = _records([tmp_path])
    assert [r.format for r in records] == ["txt", "html", "json-text", "json-text", "json-html"]
    assert records[2].fields == {"title": "T", "outlet": "Harbor Wire"}
    assert records[2].extra == {"tags": ["port"]}
    assert records[4].source_path.endswith("d.jsonl#L3")
    assert skipped == []


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n\t \n", "empty file"),
        ("image.txt", bytes(range(256)) * 8, "binary file"),
        ("scan.pdf", b"%PDF-1.4 ...", "unsupported file type '.pdf'"),
        ("noext", b"hello", "unsupported file type 'noext'"),
        ("bad.json", b'{"title": "x", "text": ', "invalid JSON"),
        ("list.json", b"[1, 2]", "must be a JSON object"),
        ("notext.json", b'{"title": "only a title"}', "neither 'text' nor 'html'"),
        ("nothing.jsonl", b"\n\n", "empty file"),
    ],
)
def test_ingest_skips_bad_input_with_reason(tmp_path: Path, name: str, data: bytes, reason: str):
    (tmp_path / name).write_bytes(data)
    records, skipped = _records([tmp_path / name])
    assert records == []
    assert len(skipped) >= 1
    assert all(s.source_path.startswith(str(tmp_path / name)) for s in skipped)
    assert reason in skipped[0].error
    assert "\n" not in skipped[0].error


def test_ingest_jsonl_bad_line_skips_only_that_line(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": ARTICLE}) + "\n{broken\n" + json.dumps({"text": ARTICLE + " More."}) + "\n")
    records, skipped = _records([path])
    assert len(records) == 2
    assert [s.source_path for s in skipped] == [f"{path}#L2"]
    assert skipped[0].error.startswith("invalid JSON")


def test_ingest_decodes_legacy_encodings():
    text = "Le café du port, naïve et São Tomé: the strike went on through the winter months."
    assert decode(text.encode("cp1252")) == text
    assert decode("\ufeff".encode() + b"BOM first") == "BOM first"
    assert decode(b"line one\r\nline two\rline three") == "line one\nline two\nline three"


def test_ingest_skips_files_over_the_size_limit(tmp_path: Path):
    from storyline.settings import IngestSettings

    (tmp_path / "big.txt").write_text(ARTICLE * 5)
    items = list(read_inputs([tmp_path], IngestSettings(max_file_bytes=100)))
    assert len(items) == 1 and items[0].error.startswith("file too large")
    assert _records([tmp_path])[0]  # within the default limit it is read


def test_ingest_missing_path_and_hidden_files(tmp_path: Path):
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: main")
    (tmp_path / "a.txt").write_text(ARTICLE)
    records, skipped = _records([tmp_path, tmp_path / "missing.txt"])
    assert [Path(r.source_path).name for r in records] == ["a.txt"]
    assert skipped == [Skipped(str(tmp_path / "missing.txt"), "no such file or folder")]


def test_ingest_a_folder_readme_is_listed_not_read_unless_named(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "README.md").write_text("# Articles for the harbour story\n\nCollected by the desk in June.\n")
    records, skipped = _records([tmp_path])
    assert [Path(r.source_path).name for r in records] == ["a.txt"]
    assert [(Path(s.source_path).name, s.error.split(",")[0]) for s in skipped] == [("README.md", "a folder's README or licence file")]
    named, _ = _records([tmp_path / "README.md"])
    assert [Path(r.source_path).name for r in named] == ["README.md"]


def _warc(path: Path, pages: list[tuple[str, str]], *, gzip: bool) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(html.encode()), http_headers=headers))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/x.png", "response", payload=BytesIO(b"\x89PNG"), http_headers=headers))


@pytest.mark.parametrize("gzip", [True, False])
def test_ingest_reads_html_responses_from_warc(tmp_path: Path, gzip: bool):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    _warc(path, [("https://harbor.example/a", f"<html><body><p>{ARTICLE}</p></body></html>"),
                 ("https://harbor.example/b", "<html><body><p>Second page.</p></body></html>")], gzip=gzip)
    records, skipped = _records([path])
    assert [r.fields["url"] for r in records] == ["https://harbor.example/a", "https://harbor.example/b"]
    assert all(r.format == "html" for r in records) and skipped == []
    assert records[0].source_path == f"{path}#https://harbor.example/a"


def test_ingest_broken_warc_keeps_records_before_the_break(tmp_path: Path):
    path = tmp_path / "crawl.warc"
    _warc(path, [("https://harbor.example/a", f"<html><body><p>{ARTICLE}</p></body></html>")], gzip=False)
    path.write_bytes(path.read_bytes() + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ntruncated")
    records, skipped = _records([path])
    assert len(records) == 1
    assert len(skipped) == 1 and skipped[0].error.startswith("broken WARC after 1 HTML record(s)")
    garbage = tmp_path / "junk.warc.gz"
    garbage.write_bytes(b"\x1f\x8b not really gzip")
    records, skipped = _records([garbage])
    assert records == [] and skipped[0].error.startswith(("broken WARC", "no HTML responses"))


FEEDS = Path(__file__).parent / "resources" / "feeds"


def test_ingest_reads_rss_and_atom_items_with_their_metadata():
    records = list(read_inputs([FEEDS / "harbourside-herald.rss", FEEDS / "coastal-wire.atom"]))
    read = {r.source_path.split("#", 1)[1]: r for r in records if isinstance(r, RawRecord)}
    skipped = [r for r in records if isinstance(r, Skipped)]
    ferry = read["hh-2031-0612-ferry"]
    assert ferry.format == "feed-html" and "<script" not in ferry.content  # feedparser drops scripts
    assert ferry.fields == {"url": "https://harbourside.example/2031/06/ferry-strike",
                            "title": "Ferry crews strike for a second day at Tallvik", "author": "Maren Holt",
                            "outlet": "Harbourside Herald", "published": "2031-06-12T06:30:00+00:00"}
    assert ferry.extra == {"feed_item_id": "hh-2031-0612-ferry"}
    market = read["https://harbourside.example/2031/06/fish-market"]  # a full article in <description>
    assert "<article><p>The fish market will stay at the old quay" in market.content
    atom = read["urn:coastal-wire:2031-0613-ferry"]
    assert atom.fields["outlet"] == "Coastal Wire" and atom.fields["author"] == "Ivo Brandt"
    assert atom.fields["published"].startswith("2031-06-13T09:45")
    assert [s.error for s in skipped] == [
        "feed item carries only a 15-word summary, not the article (save the page itself to include it)"]
    assert skipped[0].source_path.endswith("harbourside-herald.rss#https://harbourside.example/2031/06/harbour-plan")


def test_ingest_broken_or_empty_feed_is_skipped_with_a_reason(tmp_path: Path):
    (tmp_path / "empty.rss").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    (tmp_path / "notes.xml").write_bytes(b"\x00\x01 not xml at all")
    found = {Path(r.source_path).name: r for r in read_inputs([tmp_path, FEEDS / "broken.rss"])}
    assert found["empty.rss"].error == "feed has no items"
    assert found["notes.xml"].error.startswith("not a readable RSS or Atom feed")
    assert found["broken.rss#0"].error.startswith("malformed feed")


def test_feed_items_build_into_dated_articles_with_their_outlet(nlp):
    from storyline.engines import build

    d = build([FEEDS], nlp=nlp)
    by_outlet = {a.outlet: a for a in d.articles}
    assert set(by_outlet) == {"Harbourside Herald", "Coastal Wire"}
    ferry = next(a for a in d.articles if a.title == "Ferry crews strike for a second day at Tallvik")
    assert (ferry.published, ferry.published_source, ferry.author) == ("2031-06-12", "meta", "Maren Holt")
    assert "Sponsored" not in ferry.clean_text and "Talks are expected to resume on Monday" in ferry.clean_text
    assert len(d.skipped) == 2  # the teaser and the broken feed's item
