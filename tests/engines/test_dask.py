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


@pytest.mark.slow
def test_dask_add_matches_local_add(nlp, tmp_path):
    """`add` is one flow (storyline.flow): on Dask it gives the local engine's dossier and assignment."""
    import shutil

    from storyline import store
    from storyline.engines import add as add_local
    from storyline.engines.dask import add as add_dask

    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    files = sorted(EXAMPLE.iterdir())
    for f in files[:-1]:
        shutil.copy(f, first / f.name)
    shutil.copy(files[-1], later / files[-1].name)
    path = store.save(build_local([first], nlp=nlp), tmp_path / "storyline.sqlite")
    local, local_result = add_local(path, [later], nlp=nlp)
    dask, dask_result = add_dask(path, [later], workers=1)
    assert dask_result == local_result and local_result.touched
    assert dossier_to_dict(dask) == dossier_to_dict(local)


@pytest.mark.slow
def test_each_worker_builds_the_stages_once_and_keeps_the_parses(tmp_path):
    """The plugin builds the story stages (and their embedder provider) once per worker; the client
    never holds a parse, only a future per article."""
    from distributed import Client, LocalCluster

    from storyline import flow
    from storyline.engines.dask import DaskRunner, StorylineOnWorker
    from storyline.flow import BuildStats
    from storyline.settings import Settings

    settings = Settings()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.register_plugin(StorylineOnWorker(settings))
        with DaskRunner(client, None) as runner:
            dossier = flow.build([EXAMPLE], runner, settings, BuildStats())
            assert set(runner.docs) == {a.id for a in dossier.articles}
            assert all(type(f).__name__ == "Future" for f in runner.docs.values())

        def provider_loaded(dask_worker):  # noqa: ANN001
            stage = dask_worker.storyline_stages[4]
            return id(dask_worker.storyline_stages), stage.provider._embedder is not None

        (first,) = client.run(provider_loaded).values()
        (second,) = client.run(provider_loaded).values()
    assert first == second and first[1]  # the same stages, whose one provider loaded the model the example needs
