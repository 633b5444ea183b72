"""The eval gate: a score below its floor, or a floor naming no figure, fails `storyline eval`."""

from __future__ import annotations

import sys
import types
from pathlib import Path

from storyline.eval import gate, runner
from storyline.eval.gate import Bound, Row, failures, read_floors, table
from storyline.eval.sets import BuiltSet
from storyline.model import Dossier


def _floors(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "floors.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_floors_file_reads_floors_and_ceilings(tmp_path):
    floors = read_floors(_floors(tmp_path, '[quotes]\n"direct recall" = 0.9\n[figures]\n"false alarms" = { max = 0.1 }\n'))
    assert floors == {"quotes.direct recall": Bound(0.9), "figures.false alarms": Bound(0.1, upper=True)}


def test_a_score_below_its_floor_fails_and_one_above_passes():
    floors = {"quotes.direct recall": Bound(0.9)}
    assert failures([Row("quotes", "direct recall", 0.91)], floors) == []
    broken = failures([Row("quotes", "direct recall", 0.85)], floors)
    assert broken == ["quotes.direct recall: 0.850 is below its floor 0.900"]


def test_a_ceiling_fails_when_the_score_rises_above_it():
    floors = {"figures.false alarms": Bound(0.1, upper=True)}
    assert failures([Row("figures", "false alarms", 0.05)], floors) == []
    assert failures([Row("figures", "false alarms", 0.2)], floors) == ["figures.false alarms: 0.200 is above its floor ≤0.100"]


def test_a_floor_whose_figure_was_not_measured_fails():
    assert failures([], {"dates.publication date read": Bound(0.5)}) == [
        "dates.publication date read: no such figure was measured (floor 0.500)"]
    # ...unless that stage was not run at all (``storyline eval quotes`` checks only the quotes floors)
    assert failures([], {"dates.publication date read": Bound(0.5)}, stages={"quotes"}) == []


def test_table_shows_storyline_baseline_and_floor_and_marks_a_broken_floor():
    text = table([Row("quotes", "direct recall", 0.8, 0.46, 485)], {"quotes.direct recall": Bound(0.9)})
    line = text.splitlines()[-1]
    assert line.split()[:4] == ["quotes", "direct", "recall", "0.800"]
    assert "0.460" in line and "0.900" in line and line.endswith("!")


def test_the_projects_floors_file_parses_and_every_floor_names_a_scorer():
    floors = read_floors(gate.DEFAULT_FLOORS)
    assert floors, "benchmarks/floors.toml holds the gate's floors"
    assert {k.split(".", 1)[0] for k in floors} <= set(runner.SCORERS)


def test_storyline_eval_exits_non_zero_when_a_score_is_below_its_floor(tmp_path, monkeypatch, capsys):
    """The whole runner with a stand-in scorer: the exit code is what CI sees."""
    fake = types.ModuleType("storyline.eval.fake")
    fake.SET, fake.STAGE, fake.NEEDS_DOCS = "ecbplus-dev", "fake", False  # type: ignore[attr-defined]
    fake.score = lambda built, nlp, show=False: [Row("fake", "recall", 0.5, 0.4, 10)]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "storyline.eval.fake", fake)
    data = tmp_path / "data"
    (data / "ecbplus-dev").mkdir(parents=True)
    monkeypatch.setattr(runner, "build_set", lambda name, *a, **k: BuiltSet(name, data / name, Dossier()))
    args = ["--data", str(data), "--out", str(tmp_path / "out")]
    assert runner.run(["fake"], args + ["--floors", str(_floors(tmp_path, '[fake]\nrecall = 0.6\n'))]) == 1
    assert "BELOW FLOOR fake.recall: 0.500 is below its floor 0.600" in capsys.readouterr().out
    assert runner.run(["fake"], args + ["--floors", str(_floors(tmp_path, '[fake]\nrecall = 0.45\n'))]) == 0


def test_eval_without_the_shared_data_says_where_it_looked(tmp_path, capsys):
    assert runner.run(["quotes"], ["--data", str(tmp_path / "nowhere")]) == 2
    assert str(tmp_path / "nowhere") in capsys.readouterr().err
