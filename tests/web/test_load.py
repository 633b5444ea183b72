"""Serving under load (issue 20 item 4): requests from many threads at once, the page cache, workers."""

from __future__ import annotations

import dataclasses
import json
import os
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient

from storyline import store
from storyline.web import SERVE_ENV, ServeSettings, app_from_environment, create_app, serve
from storyline.web.app import SECURITY_HEADERS, PageCache

from .conftest import hostile_dossier


def _urls(example) -> list[str]:
    d = example.dossier
    story, art = d.stories[0], d.articles[0]
    return ["/", f"/stories/{story.id}", f"/articles/{art.id}", "/?q=strike", "/api/stories",
            f"/api/stories/{story.id}", f"/api/articles/{art.id}", "/api/search?q=strike", "/stories/nope"]


def test_concurrent_requests_from_many_threads_all_succeed_with_the_headers(example):
    app = create_app(example.path, allowed_hosts=["testserver"])
    with TestClient(app) as c:
        urls = _urls(example)
        expected = {u: c.get(u).text for u in urls}
        with ThreadPoolExecutor(max_workers=8) as pool:
            responses = list(pool.map(lambda u: (u, c.get(u)), urls * 12))
    assert len(responses) == 12 * len(urls)
    for url, r in responses:
        assert r.status_code == (404 if url == "/stories/nope" else 200), url
        for name, value in SECURITY_HEADERS.items():
            assert r.headers[name] == value, (url, name)
        assert r.text == expected[url], url  # no answer mixed up with another thread's


def test_the_cache_serves_the_same_page_and_a_changed_store_is_read_anew(tmp_path):
    path = store.save(hostile_dossier(), tmp_path / "s.sqlite")
    app = create_app(path)
    c = TestClient(app)
    cache: PageCache = app.state.pages
    first = c.get("/stories/s-evil")
    assert first.status_code == 200 and len(cache) == 1
    again = c.get("/stories/s-evil")
    assert again.text == first.text and len(cache) == 1  # served from the cache
    assert c.get("/stories/nope").status_code == 404 and len(cache) == 1  # errors are not kept

    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert c.get("/stories/s-evil").text == first.text and len(cache) == 2  # a new store version: rendered again

    d = hostile_dossier()
    d.stories[0].title = "A retitled story"
    store.save(d, path)  # a rebuild replaces the file
    changed = c.get("/stories/s-evil")
    assert changed.status_code == 200 and "A retitled story" in changed.text and "A retitled story" not in first.text


def test_the_cache_is_bounded_in_pages_and_bytes_least_recently_used_first():
    ident = ("/s", 1, 1)
    cache = PageCache(max_pages=2, max_bytes=10)
    cache.put(("/a", "", ident), "aaa")
    cache.put(("/b", "", ident), "bbb")
    assert cache.get(("/a", "", ident)) == "aaa"  # /a is now the most recent
    cache.put(("/c", "", ident), "ccc")
    assert cache.get(("/b", "", ident)) is None and len(cache) == 2
    cache.put(("/d", "", ident), "dddddddd")  # 8 bytes: only it fits beside nothing else
    assert len(cache) == 1 and cache.get(("/d", "", ident)) == "dddddddd"
    cache.put(("/e", "", ident), "e" * 11)  # larger than the whole cache: not kept
    assert cache.get(("/e", "", ident)) is None
    off = PageCache(max_pages=0, max_bytes=10)
    off.put(("/a", "", ident), "a")
    assert len(off) == 0


def test_no_cache_renders_every_time(example):
    app = create_app(example.path, settings=ServeSettings(cache_pages=0))
    c = TestClient(app)
    assert c.get("/").status_code == 200 and c.get("/").status_code == 200
    assert len(app.state.pages) == 0


def test_several_workers_run_the_app_from_the_environment(example, monkeypatch):
    import uvicorn

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    monkeypatch.delenv(SERVE_ENV, raising=False)
    serve(example.path, settings=ServeSettings(workers=3, cache_pages=7))
    assert seen["app"] == "storyline.web:app_from_environment" and seen["factory"] is True
    assert seen["workers"] == 3 and seen["host"] == "127.0.0.1"
    spec = json.loads(os.environ[SERVE_ENV])
    assert spec["hosts"] == ["localhost", "127.0.0.1"] and spec["settings"]["cache_pages"] == 7
    app = app_from_environment()
    assert app.state.pages.max_pages == 7
    c = TestClient(app, base_url="http://127.0.0.1")
    r = c.get("/")
    assert r.status_code == 200 and r.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert c.get("/", headers={"host": "evil.example"}).status_code == 400  # the Host guard reaches the workers


def test_one_worker_serves_the_app_itself(example, monkeypatch):
    import uvicorn

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    serve(example.path)
    assert not isinstance(seen["app"], str) and "workers" not in seen
    assert dataclasses.asdict(ServeSettings())["workers"] == 1


def test_the_serve_command_passes_workers_and_cache_size(example, monkeypatch):
    from click.testing import CliRunner

    import storyline.web
    from storyline.cli import cli

    seen: dict = {}
    monkeypatch.setattr(storyline.web, "serve", lambda path, **kw: seen.update(kw, path=path))
    r = CliRunner().invoke(cli, ["serve", str(example.path), "--workers", "2", "--cache-pages", "5"])
    assert r.exit_code == 0, r.output
    assert seen["host"] == "127.0.0.1" and seen["settings"] == ServeSettings(workers=2, cache_pages=5)
    assert CliRunner().invoke(cli, ["serve", str(example.path), "--workers", "0"]).exit_code == 2
