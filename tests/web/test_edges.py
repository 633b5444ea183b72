"""serve under bad requests: malformed or out-of-range parameters are 400/404 or a note, never a 500;
every response, errors included, carries the security headers; the Host guard covers every loopback
address; routes run off the event loop on a per-thread read-only connection that follows a new build."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient

from storyline.report import write_outputs
from storyline.web import ServeSettings, allowed_hosts_for, create_app, queries, serve
from storyline.web.app import SECURITY_HEADERS

from ._html import Page
from .conftest import hostile_dossier


@pytest.fixture(scope="module")
def client(example) -> TestClient:
    return TestClient(create_app(example.path), raise_server_exceptions=False)


def assert_secure(r) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert r.headers.get(name) == value, (r.request.url, r.status_code, name)
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]


@pytest.mark.parametrize("params", [
    {"start": "11111111111111111111"}, {"start": "-11111111111111111111"}, {"start": "9" * 5000},
    {"start": "11111111111111111111", "end": "11111111111111111112"}, {"start": "0", "end": "1" * 30},
    {"start": "1e5"}, {"start": ""}, {"start": "0x10"}, {"start": "\x00"}, {"start": "nan", "end": "inf"},
])
def test_out_of_range_or_malformed_span_is_a_note_not_a_500(client, example, params):
    r = client.get(f"/articles/{example.dossier.articles[0].id}", params=params)
    assert r.status_code == 200, r.text
    assert Page(r.text).with_class("note") and Page(r.text).text_of("target") is None
    assert_secure(r)


@pytest.mark.parametrize("url", [
    "/articles/%00", "/stories/" + "9" * 5000, "/entities/%ff%fe", "/api/articles/" + "x" * 10000,
    "/api/stories/%00?x=1", "/nowhere", "/api/search?q=" + "%22" * 3000, "/?q=%00%00", "/api/search?q=NEAR(a b, 99999999999999999999)",
])
def test_odd_addresses_are_never_a_500_and_keep_the_headers(client, url):
    r = client.get(url)
    assert r.status_code in (200, 400, 404), (url, r.status_code)
    assert_secure(r)


def test_every_response_carries_the_headers_errors_included(example, monkeypatch):
    app = create_app(example.path, allowed_hosts=["127.0.0.1"], settings=ServeSettings(cache_pages=0))  # "/" rendered anew
    c = TestClient(app, base_url="http://127.0.0.1",
                   raise_server_exceptions=False)
    responses = [c.get("/"), c.get("/api/stories"), c.get("/stories/nope"), c.get("/api/stories/nope"),
                 c.post("/"), c.delete("/api/stories"), c.get("/", headers={"host": "evil.example"}),
                 c.get("/openapi.json")]
    assert [r.status_code for r in responses] == [200, 200, 404, 404, 405, 405, 400, 200]

    def broken(*args, **kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(queries, "stories", broken)
    monkeypatch.setattr(queries, "story_page", broken)  # the story list and /api/stories read through it
    page, api = c.get("/"), c.get("/api/stories")
    assert page.status_code == 500 and api.status_code == 500
    assert "disk went away" not in page.text + api.text and "Traceback" not in page.text
    for r in [*responses, page, api]:
        assert_secure(r)


@pytest.mark.parametrize("host, ok, refused", [
    ("127.0.0.1", ["127.0.0.1", "localhost:8000"], ["evil.example", "127.0.0.2"]),
    ("127.0.0.2", ["127.0.0.2:8000", "localhost"], ["evil.example", "rebind.evil.example:8000"]),
    ("127.255.0.9", ["127.255.0.9"], ["attacker.example"]),
    ("::1", ["[::1]:8000", "localhost"], ["evil.example", "[::2]"]),
    ("localhost", ["localhost", "127.0.0.1", "[::1]"], ["evil.example"]),
])
def test_host_guard_on_every_loopback_address(example, monkeypatch, host, ok, refused):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    serve(example.path, host=host)
    assert seen["host"] == host
    c = TestClient(seen["app"])
    for h in ok:
        assert c.get("/", headers={"host": h}).status_code == 200, h
    for h in refused:
        r = c.get("/", headers={"host": h})
        assert r.status_code == 400, h
        assert_secure(r)


def test_no_guard_when_shared_on_a_network_on_purpose():
    assert allowed_hosts_for("0.0.0.0") is None and allowed_hosts_for("192.168.1.20") is None
    assert allowed_hosts_for("::") is None


def test_routes_run_off_the_event_loop(example, monkeypatch):
    """Every store query and render runs in the thread pool (no event loop running in its thread);
    only a page-cache lookup runs on the loop."""
    calls: list[bool] = []

    def off_loop(fn):
        def wrapped(*args, **kwargs):
            try:
                asyncio.get_running_loop()
                calls.append(False)
            except RuntimeError:
                calls.append(True)
            return fn(*args, **kwargs)
        return wrapped

    for name in ("stories", "story", "article", "entity", "search", "labels"):
        monkeypatch.setattr(queries, name, off_loop(getattr(queries, name)))
    d = example.dossier
    ent = next(s.entities[0] for s in d.stories if s.entities)
    urls = ["/", "/?q=strike", f"/stories/{d.stories[0].id}", f"/articles/{d.articles[0].id}", f"/entities/{ent.id}",
            "/api/stories", f"/api/stories/{d.stories[0].id}", f"/api/articles/{d.articles[0].id}", "/api/search?q=strike",
            f"/api/entities/{ent.id}"]
    with TestClient(create_app(example.path)) as c:
        assert all(c.get(u).status_code == 200 for u in urls)
    assert len(calls) >= len(urls) and all(calls)


def test_one_connection_per_thread_follows_a_new_build(tmp_path, monkeypatch):
    opened = []
    real = queries.connect
    monkeypatch.setattr(queries, "connect", lambda path: opened.append(real(path)) or opened[-1])
    out = tmp_path / "out"
    first = hostile_dossier()
    write_outputs(first, out)
    with TestClient(create_app(out / "storyline.sqlite")) as c:  # one event loop and thread pool, as under uvicorn
        checked = len(opened)  # create_app checks the store once
        for _ in range(20):
            assert c.get("/api/stories").json()[0]["title"] == first.stories[0].title
        assert 1 <= len(opened) - checked < 20  # reused by the pool's threads, not one per request
        second = hostile_dossier()
        second.stories[0].title = "Pier reopens after repairs"
        write_outputs(second, out)  # the output folder flips to the new run
        assert all(c.get("/api/stories").json()[0]["title"] == "Pier reopens after repairs" for _ in range(5))
