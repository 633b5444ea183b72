"""cli: `storyline build` writes the four outputs and a summary; exits non-zero only when nothing was read."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from storyline.cli import cli
from tests.conftest import RESOURCES


def test_cli_build_writes_outputs(tmp_path):
    out = tmp_path / "out"
    timings = tmp_path / "timings.json"
    result = CliRunner().invoke(cli, ["build", str(RESOURCES / "text"), str(RESOURCES / "feed.json"), "-o", str(out),
                                      "--timings", str(timings)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [".storyline", "dossier.json", "dossier.md", "report.html", "storyline.sqlite"]
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
