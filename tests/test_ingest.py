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


# --- per-input guards and limits (issues 20 and 22): each bad input is one reason naming it -------

LONG_ARTICLE = ARTICLE + "The union said the stoppage would go on until the port authority returned to the table. " * 3


def _with_good(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(LONG_ARTICLE)
    return tmp_path / "good.txt"


def _one_reason(skipped: list[Skipped], path: Path) -> str:
    reasons = [s.error for s in skipped if s.source_path.startswith(str(path))]
    assert reasons, f"{path} not listed among {skipped}"
    assert all("\n" not in r for r in reasons)
    return reasons[0]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bigint.json", '{"text": "x", "n": ' + "9" * 5000 + "}", "JSON integer of 5,000 digits"),
        ("bigint.jsonl", '{"text": "x", "n": -' + "9" * 5000 + "}\n", "JSON integer of 5,000 digits"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
        ("deep.jsonl", '{"text": "x", "a": ' + "[" * 70 + "]" * 70 + "}\n", "JSON nested too deeply"),
    ],
)
def test_json_past_its_limits_is_skipped_and_the_rest_is_read(tmp_path: Path, name: str, data: str, reason: str):
    good = _with_good(tmp_path)
    (tmp_path / name).write_text(data)
    records, skipped = _records([tmp_path])
    assert [r.source_path for r in records] == [str(good)]
    assert reason in _one_reason(skipped, tmp_path / name)


def test_json_limits_are_settings(tmp_path: Path):
    from storyline.settings import IngestSettings

    (tmp_path / "a.json").write_text(json.dumps({"text": LONG_ARTICLE, "n": 10**150, "a": [[[[1]]]]}))
    assert _records([tmp_path])[1]  # over the default 100 digits
    items = list(read_inputs([tmp_path], IngestSettings(max_json_int_digits=200, max_json_depth=5)))
    assert not any(isinstance(i, Skipped) for i in items)
    items = list(read_inputs([tmp_path], IngestSettings(max_json_int_digits=200, max_json_depth=4)))
    assert "nested too deeply (more than 4 levels)" in items[0].error


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path: Path):
    (tmp_path / "a.json").write_text('{"text": "' + LONG_ARTICLE.replace("\n", " ") + ' \\ud83d end", "title": "x\\udc00",'
                                     ' "tags": ["\\ud800"], "\\udfff": 1}')
    (tmp_path / "b.jsonl").write_text('{"text": "' + LONG_ARTICLE.replace("\n", " ") + ' pair \\ud83d\\ude00 ok"}\n')
    records, skipped = _records([tmp_path])
    assert skipped == []
    for r in records:  # every string can be written as UTF-8
        json.dumps([r.content, r.fields, r.extra], ensure_ascii=False).encode("utf-8")
    assert records[0].content.endswith("\ufffd end") and records[0].fields["title"] == "x\ufffd"
    assert records[0].extra == {"tags": ["\ufffd"], "\ufffd": 1}
    assert records[1].content.endswith("pair \U0001f600 ok")  # a real pair is kept


def test_file_names_that_are_not_utf8_are_kept_as_escaped_text(tmp_path: Path):
    import os

    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9 \xff.txt"
    try:
        with open(raw, "wb") as handle:
            handle.write(LONG_ARTICLE.encode())
        with open(os.fsencode(str(tmp_path)) + b"/empty\xfe.txt", "wb"):
            pass
    except OSError:
        pytest.skip("the file system refuses names that are not UTF-8")
    records, skipped = _records([tmp_path])
    assert [r.source_path for r in records] == [f"{tmp_path}/caf\\xe9 \\xff.txt"]
    assert [(s.source_path, s.error) for s in skipped] == [(f"{tmp_path}/empty\\xfe.txt", "empty file")]
    records[0].source_path.encode("utf-8")


def _http_record(url: str, body: bytes, *, http_length: str | None = None, warc_length: str | None = None) -> bytes:
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {http_length or len(body)}\r\n\r\n").encode() + body
    return (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {warc_length or len(http)}\r\n\r\n"
            ).encode() + http + b"\r\n\r\n"


PAGE = f"<html><body><p>{LONG_ARTICLE}</p></body></html>".encode()


def test_warc_record_with_an_absurd_content_length_ends_the_archive_with_a_reason(tmp_path: Path):
    path = tmp_path / "crawl.warc"
    path.write_bytes(_http_record("https://harbor.example/a", PAGE)
                     + _http_record("https://harbor.example/b", b"<p>x</p>", warc_length="9" * 30))
    records, skipped = _records([path, _with_good(tmp_path)])
    assert [r.source_path for r in records] == [f"{path}#https://harbor.example/a", str(tmp_path / "good.txt")]
    assert "Content-Length is too large to be a size" in _one_reason(skipped, path)


def test_warc_records_over_the_record_limit_are_skipped_alone(tmp_path: Path):
    from storyline.settings import IngestSettings

    path = tmp_path / "crawl.warc"
    path.write_bytes(_http_record("https://harbor.example/big", PAGE * 20) + _http_record("https://harbor.example/a", PAGE))
    items = list(read_inputs([path], IngestSettings(max_record_bytes=len(PAGE) * 5)))
    assert [(i.source_path, type(i).__name__) for i in items] == [
        (f"{path}#https://harbor.example/big", "Skipped"), (f"{path}#https://harbor.example/a", "RawRecord")]
    assert items[0].error.startswith("WARC record too large")


def test_gzip_bomb_is_stopped_at_the_cap_never_inflated(tmp_path: Path):
    import gzip
    import resource
    import time
    import zlib

    path = tmp_path / "crawl.warc.gz"
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as out:
        out.write(gzip.compress(_http_record("https://harbor.example/a", PAGE)))
        out.write(packer.compress(_http_record("https://harbor.example/z", b"", warc_length="2000000100")[:-4]))
        zeros = b"\n" * (1 << 20)
        for _ in range(2000):  # 2 GB of newlines, about 2 MB packed
            out.write(packer.compress(zeros))
        out.write(packer.flush())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    records, skipped = _records([path, _with_good(tmp_path)])
    assert time.perf_counter() - started < 20
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 400_000  # KB: never the 2 GB
    assert [r.source_path for r in records] == [f"{path}#https://harbor.example/a", str(tmp_path / "good.txt")]
    reasons = {s.source_path: s.error for s in skipped}
    assert reasons[str(path)].startswith("WARC inflates to more than 200 MB: skipped as a possible gzip bomb")


def test_a_warc_header_line_of_many_megabytes_is_stopped(tmp_path: Path):
    import gzip
    import time

    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nX-Junk: " + b"a" * 30_000_000))
    started = time.perf_counter()
    _, skipped = _records([path])
    assert time.perf_counter() - started < 20
    assert "a line of more than 10 MB" in _one_reason(skipped, path)


def test_warcio_warnings_become_one_line_not_stderr(tmp_path: Path, capfd):
    path = tmp_path / "crawl.warc"
    http_len = len(_http_record("https://harbor.example/a", PAGE).split(b"\r\n\r\n", 1)[1]) - 4
    short = _http_record("https://harbor.example/a", PAGE, warc_length=str(http_len - 3))  # "ml>" left over
    path.write_bytes(short + _http_record("https://harbor.example/b", PAGE))
    items = list(read_inputs([path]))
    assert capfd.readouterr().err == ""
    warned = [i for i in items if isinstance(i, Skipped) and i.source_path == str(path)]
    assert warned and warned[0].error.startswith("WARC read with") and "\n" not in warned[0].error


def test_feed_with_nested_entities_is_skipped_at_once(tmp_path: Path):
    import time

    entities = '<!ENTITY a0 "lollollol">' + "".join('<!ENTITY a{} "{}">'.format(i, f"&a{i - 1};" * 10) for i in range(1, 12))
    (tmp_path / "laughs.rss").write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel><title>&a11;</title>'
        "<item><title>x</title><description>&a11;</description></item></channel></rss>")
    good = _with_good(tmp_path)
    started = time.perf_counter()
    records, skipped = _records([tmp_path])
    assert time.perf_counter() - started < 2
    assert [r.source_path for r in records] == [str(good)]
    assert "declares its own XML entities" in _one_reason(skipped, tmp_path / "laughs.rss")


def test_many_teasers_of_one_feed_are_counted_not_listed(tmp_path: Path):
    items = "".join(f"<item><guid>t{n}</guid><title>Teaser {n}</title><description>Read more about the strike.</description></item>"
                    for n in range(3000))
    (tmp_path / "teasers.rss").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>')
    _, skipped = _records([tmp_path / "teasers.rss"])
    assert [s.source_path.rsplit("#", 1)[-1] for s in skipped[:5]] == ["t0", "t1", "t2", "t3", "t4"]
    assert len(skipped) == 6
    assert skipped[-1] == Skipped(str(tmp_path / "teasers.rss"), "3,000 items skipped as teasers (each carries only a "
                                  "summary, not the article; the first 5 listed by name)")


def test_many_bad_lines_of_one_jsonl_are_counted_not_listed(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    path.write_text("{broken\n" * 500 + json.dumps({"text": LONG_ARTICLE}) + "\n")
    records, skipped = _records([path])
    assert len(records) == 1 and len(skipped) == 6
    assert skipped[-1].source_path == str(path) and skipped[-1].error.startswith("500 records skipped as 'invalid JSON at line 1'")


def test_links_fifos_devices_and_unreadable_folders_are_listed_never_dropped(tmp_path: Path):
    import os
    import signal

    good = _with_good(tmp_path)
    os.symlink("loop.txt", tmp_path / "loop.txt")
    os.symlink("nowhere.txt", tmp_path / "dangling.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    os.symlink(".", tmp_path / "again")  # a link to a folder already being read
    signal.alarm(20)  # a FIFO read would block for ever
    try:
        records, skipped = _records([tmp_path, tmp_path / "pipe.txt"])
    finally:
        signal.alarm(0)
    assert [r.source_path for r in records] == [str(good)]
    reasons = {Path(s.source_path).name: s.error for s in skipped}
    assert reasons == {
        "again": "a link to a folder already read (a loop), not read again",
        "dangling.txt": "broken link to nowhere.txt (it does not exist), not read",
        "loop.txt": "symlink loop (the link leads back to itself), not read",
        "pipe.txt": "a FIFO (named pipe), not a file: not read",
        "zero.txt": "a device, not a file: not read",
    }
    assert len(skipped) == 6  # the FIFO named on its own is listed too


def test_unreadable_files_and_folders_are_listed(tmp_path: Path, monkeypatch):
    import errno
    import os

    good = _with_good(tmp_path)
    (tmp_path / "secret.txt").write_text(LONG_ARTICLE)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text(LONG_ARTICLE)
    real_open, real_scandir = os.open, os.scandir

    def no_access(path, *args, **kwargs):  # as for a user without read permission (root reads everything)
        if str(path).endswith(("secret.txt", "locked")):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return (real_scandir if not args and not kwargs else real_open)(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_access)
    monkeypatch.setattr(os, "scandir", lambda path: no_access(path))
    records, skipped = _records([tmp_path])
    assert [r.source_path for r in records] == [str(good)]
    assert {Path(s.source_path).name: s.error for s in skipped} == {
        "locked": "cannot read folder: permission denied", "secret.txt": "cannot read file: permission denied"}


def test_an_unexpected_error_in_one_input_is_its_reason(tmp_path: Path, monkeypatch):
    from storyline import ingest

    good = _with_good(tmp_path)
    (tmp_path / "odd.json").write_text(json.dumps({"text": LONG_ARTICLE}))

    def boom(*args, **kwargs):
        raise RuntimeError("something no limit foresaw\nsecond line")

    monkeypatch.setattr(ingest, "_json_records", boom)
    records, skipped = _records([tmp_path])
    assert [r.source_path for r in records] == [str(good)]
    assert skipped == [Skipped(str(tmp_path / "odd.json"), "could not be read (RuntimeError: something no limit foresaw second line)")]


# --- language detection on garbage (issue 22): enough letters, English function words, a confidence floor

SHORT_TEXTS = {  # 20 to 29 words each
    "de": "Die Hafenarbeiter in Valdemar haben am Montag den fünfzehnten Tag in Folge gestreikt, sagten die "
          "Gewerkschaftsführer, während die Gespräche mit der Hafenbehörde erneut ins Stocken gerieten",
    "fr": "Les dockers du port de Valdemar ont fait grève lundi pour le quinzième jour consécutif, ont déclaré les "
          "dirigeants syndicaux, alors que les négociations étaient au point mort",
    "es": "Los estibadores del puerto de Valdemar se mantuvieron en huelga el lunes por decimoquinto día consecutivo, "
          "dijeron los líderes sindicales, mientras las conversaciones volvían a estancarse",
    "nl": "De havenarbeiders in Valdemar staakten maandag voor de vijftiende dag op rij, zeiden vakbondsleiders, terwijl "
          "de gesprekken met het havenbedrijf opnieuw vastliepen zonder akkoord",
}


def _cleaned(paths):
    from storyline.pipeline import clean_one, language_detector

    detect = language_detector()
    out = []
    for item in read_inputs(paths):
        out.append(item if isinstance(item, Skipped) else clean_one(item, detect))
    return [a for a in out if not isinstance(a, Skipped)], [s for s in out if isinstance(s, Skipped)]


def test_garbage_and_short_foreign_texts_do_not_become_articles(tmp_path: Path):
    import random

    rng = random.Random(7)
    good = _with_good(tmp_path)
    for n in range(10):
        words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 9)))
                 for _ in range(rng.randint(20, 200))]
        (tmp_path / f"gibberish{n}.txt").write_text("Title\n\n" + " ".join(words) + ".\n")
        (tmp_path / f"bytes{n}.txt").write_bytes(bytes(rng.choice([32, *range(0xC0, 0x100)]) for _ in range(2000)))
    for lang, text in SHORT_TEXTS.items():
        assert 20 <= len(text.split()) <= 29
        (tmp_path / f"short-{lang}.txt").write_text(f"Titel\n\n{text}.\n")
    chinese = "瓦尔德马港的码头工人周一连续第十五天罢工，工会领导人表示，与港务局的谈判再次陷入僵局。"
    (tmp_path / "chinese.txt").write_text("港口罢工\n\n" + chinese * 6 + "\n")
    (tmp_path / "russian.txt").write_text("Забастовка\n\n" + "Докеры порта Вальдемар бастовали в понедельник пятнадцатый день подряд. " * 5)
    articles, skipped = _cleaned([tmp_path])
    assert [a.source_path for a in articles] == [str(good)]
    reasons = {Path(s.source_path).name: s.error for s in skipped}
    assert len(reasons) == 26
    assert reasons["chinese.txt"] == "not English (written in Chinese, Japanese or Korean script); storyline reads English news only"
    assert reasons["russian.txt"].startswith("not English (written in Cyrillic script)")
    for lang in SHORT_TEXTS:
        assert reasons[f"short-{lang}.txt"].startswith(("not English", "too short to tell")), reasons[f"short-{lang}.txt"]
    assert all(r.startswith(("not English", "too short to tell", "too little", "not text", "binary"))
               for r in reasons.values()), reasons


def test_too_few_letters_is_too_short_to_tell(tmp_path: Path):
    (tmp_path / "numbers.txt").write_text("Results\n\n" + " ".join(f"{n} -" for n in range(30)) + " a b c d e.\n")
    _, skipped = _cleaned([tmp_path])
    assert skipped[0].error.startswith("too short to tell its language (")


def test_short_english_articles_are_still_read(tmp_path: Path):
    text = ("Dockworkers at the port of Valdemar stayed off the cranes for a fifteenth day on Monday, "
            "union leaders said, as talks stalled again.")
    assert 20 <= len(text.split()) < 30
    (tmp_path / "short.txt").write_text(f"Dock strike goes on\n\n{text}\n")
    articles, skipped = _cleaned([tmp_path])
    assert [a.source_path for a in articles] == [str(tmp_path / "short.txt")] and skipped == []


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_decoded_not_called_binary(tmp_path: Path, codec: str):
    text = LONG_ARTICLE.replace("Valdemar", "Valdémar")
    (tmp_path / "a.txt").write_bytes(text.encode(codec))
    records, skipped = _records([tmp_path])
    assert skipped == [] and records[0].content == text
    (tmp_path / "b.txt").write_bytes(bytes(range(256)) * 8)  # NUL bytes that are not UTF-16
    assert _records([tmp_path / "b.txt"])[1][0].error.startswith("binary file")


# --- date sanity (issue 22): a stated date is a real, plausible day, or it is not used (with why) ---

@pytest.mark.parametrize(
    ("stated", "published", "why"),
    [
        ("yesterday", None, "'yesterday' is relative, with no date to count from"),
        ("3 days ago", None, "'3 days ago' is relative, with no date to count from"),
        ("9999999999", None, "'9999999999' is a bare number, not a date"),
        ("2025-02-31", None, "'2025-02-31' names no such day"),
        ("31 February 2025", None, "'31 February 2025' cannot be read as a date"),
        ("2286-11-20T17:46:39", None, "'2286-11-20T17:46:39' is implausible (year 2286, outside 1800-2100)"),
        ("2024-02-29T08:00:00Z", "2024-02-29", None),
        ("Tue, 12 Jun 2031 06:30:00 GMT", "2031-06-12", None),
    ],
)
def test_a_stated_publication_date_is_a_real_day_or_unread_with_its_reason(tmp_path: Path, stated, published, why):
    from storyline.clean import clean_record

    (tmp_path / "a.json").write_text(json.dumps({"text": LONG_ARTICLE, "published": stated}))
    records, _ = _records([tmp_path])
    article = clean_record(records[0])
    assert article.published == published
    assert article.extra.get("published_unread") == why
    assert article.published_source == ("meta" if published else "none")


def test_relative_and_impossible_dates_in_an_undated_article_are_never_placed(tmp_path: Path, nlp):
    from datetime import date

    from storyline.engines import build

    (tmp_path / "a.txt").write_text(
        "Dock strike enters third week\n\n"
        "Dockworkers at the port of Valdemar stayed off the cranes again yesterday, union leaders said, as talks with "
        "the port authority stalled. The union said the old contract ran out on February 31, 2025, and that the "
        "authority had promised a new offer on 9999999999. Both sides are expected to meet again next week, "
        "the union said, though no date has been set for the talks.\n")
    d = build([tmp_path], nlp=nlp)
    article = d.articles[0]
    assert article.published is None
    today = date.today().isoformat()
    for entry in d.stories[0].timeline:
        assert today not in (entry.date or "") and "2025-02" not in (entry.date or "") and "2286" not in (entry.date or "")
