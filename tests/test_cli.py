"""cli: `storyline build` writes the four outputs and a summary; exits non-zero only when nothing was read."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from storyline import store
from storyline.cli import cli
from tests.conftest import RESOURCES


def test_cli_build_writes_outputs(tmp_path):
    out = tmp_path / "out"
    timings = tmp_path / "timings.json"
    result = CliRunner().invoke(cli, ["build", str(RESOURCES / "text"), str(RESOURCES / "feed.json"), "-o", str(out),
                                      "--timings", str(timings)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [".storyline", "dossier.json", "dossier.md", "report", "report.html", "storyline.sqlite"]
    spent = json.loads(timings.read_text())
    assert set(spent["phases"]) == {"read", "clean+parse", "cluster", "analyse", "write"}
    assert {"clean", "entities", "quotes", "timeline", "claims", "provenance", "summarize"} <= set(spent["parts"])
    dossier = json.loads((out / "dossier.json").read_text())
    assert dossier["schema"] == "storyline.dossier/2"
    assert len(dossier["articles"]) == 6
    assert {s["source_path"].rsplit("/", 1)[-1] for s in dossier["skipped"]} == {"expected.json", "non-english.txt"}
    assert "articles read" in result.output and "skipped" in result.output
    assert "non-english.txt: not English" in result.output


def test_cli_exit_code_when_nothing_readable(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert (tmp_path / "out" / "report.html").exists()  # the report still lists what was skipped


def test_cli_help_and_module_entry():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0 and "build" in result.output
    proc = subprocess.run([sys.executable, "-m", "storyline", "build", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "INPUTS" in proc.stdout


def test_cli_build_config_errors_name_the_setting(tmp_path):
    config = tmp_path / "settings.toml"
    config.write_text("[cluster]\nthreshhold = 0.2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(RESOURCES / "text"), "-o", str(tmp_path / "out"), "--config", str(config)])
    assert result.exit_code == 2
    assert "unknown setting 'threshhold'" in result.output and not (tmp_path / "out").exists()


def test_cli_eval_lists_only_what_runs():
    from storyline.eval import SCORERS, available

    result = CliRunner().invoke(cli, ["eval", "--help"])
    assert all(name in result.output for name in available())
    assert available() == [*SCORERS, "all"]
    unknown = CliRunner().invoke(cli, ["eval", "heldout"])
    assert unknown.exit_code == 2 and "available: clustering, entities" in unknown.output


# --- bad situations answered with one line ------------------------------------------------------

def _one_line_error(result, *words):
    """A usage error, not a traceback: exit code 1, one 'Error:' line naming what went wrong."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert all(w in lines[0] for w in words), lines[0]
    return lines[0]


def _small_inputs(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("scraped.txt", "pdf-wrapped.txt"):
        (folder / name).write_bytes((RESOURCES / "text" / name).read_bytes())
    return folder


@pytest.mark.parametrize("content", [b"", b"not a database at all, just words\n" * 40, "sqlite"])
def test_add_to_a_corrupt_or_foreign_store_is_one_line(tmp_path, content):
    path = tmp_path / "storyline.sqlite"
    if content == "sqlite":  # a real SQLite file, but somebody else's
        import sqlite3
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE invoices (n INTEGER)")
        db.commit()
        db.close()
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["add", str(RESOURCES / "text"), "--store", str(path)])
    _one_line_error(result, str(path), "not a storyline store")
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["storyline.sqlite"]


def test_out_pointing_at_a_file_is_one_line_before_any_work(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_text("the journalist's own file")
    result = CliRunner().invoke(cli, ["build", str(RESOURCES / "text"), "-o", str(target)])
    _one_line_error(result, str(target), "is a file, not a folder")
    assert target.read_text() == "the journalist's own file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_output_folder_is_one_line_before_any_work(tmp_path):
    out = tmp_path / "locked"
    out.mkdir()
    out.chmod(0o500)
    try:
        result = CliRunner().invoke(cli, ["build", str(RESOURCES / "text"), "-o", str(out / "sub")])
    finally:
        out.chmod(0o700)
    _one_line_error(result, str(out), "permission denied")


@pytest.mark.parametrize("errno_, why", [(13, "Permission denied"), (28, "No space left on device")])
def test_a_write_that_fails_is_one_line_and_keeps_the_old_outputs(tmp_path, monkeypatch, errno_, why):
    inputs, out = _small_inputs(tmp_path / "in"), tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "-q"]).exit_code == 0
    before = {n: (out / n).read_bytes() for n in ("dossier.json", "dossier.md", "report.html", "storyline.sqlite")}
    (inputs / "later.txt").write_bytes((RESOURCES / "text" / "short-paragraphs.txt").read_bytes())

    def refuse(*args, **kwargs):
        raise OSError(errno_, why)

    monkeypatch.setattr(store, "write", refuse)  # the folder fills up, or its permissions change, mid-write
    result = CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "-q"])
    _one_line_error(result, f"cannot write the outputs to {out}: {why}", "previous outputs there are unchanged")
    assert {n: (out / n).read_bytes() for n in before} == before


def test_an_output_folder_inside_the_inputs_is_not_read_back(tmp_path):
    inputs = _small_inputs(tmp_path / "news")
    out = inputs / "out"
    first = CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "-q"])
    assert first.exit_code == 0, first.output
    read_first = {a["source_path"] for a in json.loads((out / "dossier.json").read_text())["articles"]}
    (inputs / "README.md").write_text("notes")
    second = CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out)])
    assert second.exit_code == 0, second.output
    dossier = json.loads((out / "dossier.json").read_text())
    assert {a["source_path"] for a in dossier["articles"]} == read_first
    skipped = {s["source_path"]: s["error"] for s in dossier["skipped"]}
    assert skipped[str(out)] == "a storyline output folder, not read back as input"
    assert not any(p.startswith(str(out) + "/") for p in skipped)
    assert "README" in " ".join(skipped)  # the folder's README is still listed as the reader lists it


def test_skip_reasons_and_file_names_print_as_plain_text(tmp_path):
    """Rich markup ("[/warc]") in a reason or a name, control characters and ESC sequences in a file
    name, and a reason longer than 80 columns: each skipped input is one line, shown as it is."""
    inputs = _small_inputs(tmp_path / "in")
    (inputs / "record [bold]x[red].txt").write_text("")
    evil = "evil\x1b]0;pwned\x07\x1b[2J\rname\nnext.txt"
    try:
        (inputs / evil).write_text("")
    except OSError:
        pytest.skip("the file system refuses control characters in names")
    (inputs / ("long-" + "x" * 150 + ".txt")).write_text("")
    result = CliRunner().invoke(cli, ["build", str(inputs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output and "\r" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("  skipped ")]
    assert len(lines) == 3, result.output
    assert any("record [bold]x[red].txt: " in line for line in lines)
    assert any("evil\\x1b]0;pwned\\x07\\x1b[2J\\x0dname\\x0anext.txt: " in line for line in lines)
    assert any(("long-" + "x" * 150 + ".txt: ") in line for line in lines)


def test_a_reason_with_closing_markup_does_not_crash_the_summary():
    import io

    from storyline.cli import _console, _print_summary
    from storyline.model import Dossier, Skipped

    console = _console(quiet=False)
    console.file = io.StringIO()
    dossier = Dossier(articles=[], skipped=[Skipped("in/crawl.warc#3", "record [/warc] ends early [bold]")], stories=[])
    _print_summary(console, dossier, {}, 1.0)
    assert "  skipped in/crawl.warc#3: record [/warc] ends early [bold]" in console.file.getvalue()


def test_a_build_over_bad_inputs_keeps_the_good_articles_and_lists_each_bad_one(tmp_path):
    """Issues 20/22: names that are not UTF-8, lone surrogates, huge integers, deep nesting, a FIFO and
    broken links among good articles: the build writes its outputs, every bad input is one line."""
    inputs = _small_inputs(tmp_path / "in")
    body = json.dumps((inputs / "scraped.txt").read_text())[1:-1]
    try:
        with open(os.fsencode(str(inputs)) + b"/caf\xe9.txt", "wb") as handle:
            handle.write((inputs / "pdf-wrapped.txt").read_bytes())
    except OSError:
        pytest.skip("the file system refuses names that are not UTF-8")
    (inputs / "pdf-wrapped.txt").unlink()
    (inputs / "surrogate.json").write_text('{"text": "' + body + ' \\ud83d end", "title": "x\\udc00"}')
    (inputs / "bigint.json").write_text('{"text": "x", "n": ' + "9" * 5000 + "}")
    (inputs / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    os.mkfifo(inputs / "pipe.txt")
    os.symlink("nowhere.txt", inputs / "dangling.txt")
    os.symlink("loop.txt", inputs / "loop.txt")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out)])
    assert result.exit_code == 0, result.output
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    read = {a["source_path"].rsplit("/", 1)[-1] for a in dossier["articles"]}
    assert {"caf\\xe9.txt", "surrogate.json"} <= read
    skipped = {s["source_path"].rsplit("/", 1)[-1] for s in dossier["skipped"]}
    assert {"bigint.json", "deep.json", "pipe.txt", "dangling.txt", "loop.txt"} <= skipped
    assert {a.id for a in store.load(out / "storyline.sqlite").articles} == {a["id"] for a in dossier["articles"]}


def test_many_teasers_and_warc_warnings_print_as_a_few_single_lines(tmp_path):
    from tests.test_ingest import PAGE, _http_record

    inputs = _small_inputs(tmp_path / "in")
    items = "".join(f"<item><guid>t{n}[/warc]</guid><title>Teaser {n}</title><description>Read more.</description></item>"
                    for n in range(2000))
    (inputs / "teasers.rss").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>')
    http_len = len(_http_record("https://harbor.example/a", PAGE).split(b"\r\n\r\n", 1)[1]) - 4
    (inputs / "crawl.warc").write_bytes(_http_record("https://harbor.example/a", PAGE, warc_length=str(http_len - 3))
                                        + _http_record("https://harbor.example/b", PAGE))
    result = CliRunner().invoke(cli, ["build", str(inputs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "WARNING:" not in result.output and "Remainder" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("  skipped ")]
    assert any(line.endswith("teasers.rss: 2,000 items skipped as teasers (each carries only a summary, not the article; "
                             "the first 5 listed by name)") for line in lines), result.output
    assert any("crawl.warc: WARC read with 1 warning(s)" in line for line in lines), result.output
    skipped = json.loads((tmp_path / "out" / "dossier.json").read_text())["skipped"]
    assert len(skipped) < 10
