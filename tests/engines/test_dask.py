"""engines.dask: the same stages on a Dask cluster give the same dossier as the local engine."""

from __future__ import annotations

import pytest

from storyline.engines import build as build_local
from storyline.engines.dask import build as build_dask
from storyline.model import dossier_to_dict
from tests.conftest import EXAMPLE, RESOURCES


@pytest.mark.slow
def test_dask_engine_matches_local(nlp, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    inputs = [EXAMPLE, RESOURCES / "text" / "non-english.txt", tmp_path / "empty.txt"]
    local = dossier_to_dict(build_local(inputs, nlp=nlp))
    dask = dossier_to_dict(build_dask(inputs, workers=2))
    assert dask["skipped"] == local["skipped"] and len(dask["skipped"]) == 2
    assert [a["id"] for a in dask["articles"]] == [a["id"] for a in local["articles"]]
    assert dask == local
