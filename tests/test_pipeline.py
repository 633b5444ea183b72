"""The per-record half of the pipeline: cleaning in input order, in parallel, never ended by one input."""

from __future__ import annotations

import pytest

from storyline import pipeline
from storyline.ingest import RawRecord
from storyline.model import Article, Skipped
from storyline.settings import CleanSettings

BODY = ("Dock workers at Port Calder walked off the job on Monday after talks with the harbour board broke down. "
        "The union said 1,200 members had joined the strike, and the board said freight would be diverted to Osmund.")


def records(n: int) -> list[RawRecord]:
    return [RawRecord(source_path=f"/tmp/in/{i:03d}.txt", format="txt",
                      content=f"Strike day {i} at Port Calder\n\n{BODY} Shift {i} stayed home.") for i in range(n)]


def outcome(items: list[Article | Skipped]) -> list[tuple[str, str]]:
    return [(x.source_path, x.error if isinstance(x, Skipped) else x.clean_text) for x in items]


def test_parallel_cleaning_gives_the_serial_result_in_input_order() -> None:
    recs = records(40)
    serial = list(pipeline.clean_all(recs, None, CleanSettings(), n_process=1, batch_size=8))
    parallel = list(pipeline.clean_all(recs, None, CleanSettings(), n_process=2, batch_size=8))
    assert outcome(parallel) == outcome(serial)
    assert [x.source_path for x in parallel] == [r.source_path for r in recs]
    assert all(isinstance(x, Article) and "Shift" in x.clean_text for x in parallel)


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_cleaning_bug_on_one_input_skips_that_input(monkeypatch: pytest.MonkeyPatch, n_process: int) -> None:
    real = pipeline.clean_record

    def flaky(record: RawRecord, **kwargs: object) -> Article:
        if record.source_path.endswith("007.txt"):
            raise ValueError("unexpected table layout\nsecond line of detail")
        return real(record, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "clean_record", flaky)  # forked workers inherit the patch
    out = list(pipeline.clean_all(records(20), None, CleanSettings(), n_process=n_process, batch_size=4))
    skipped = [x for x in out if isinstance(x, Skipped)]
    assert [(s.source_path, s.error) for s in skipped] == [
        ("/tmp/in/007.txt", "cleaning failed: ValueError: unexpected table layout")]
    assert sum(isinstance(x, Article) for x in out) == 19
