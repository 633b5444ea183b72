"""Web UI and JSON API over the example story's store: every page and route, escaping, read-only, no paths."""

from __future__ import annotations

import hashlib
import sqlite3
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from storyline.web import create_app, queries, serve
from storyline.web.render import article_url

from ._html import Page
from .conftest import IMG, SCRIPT


@pytest.fixture(scope="module")
def client(example) -> TestClient:
    return TestClient(create_app(example.path))


@pytest.fixture(scope="module")
def evil(hostile) -> TestClient:
    return TestClient(create_app(hostile.path))


@pytest.fixture(scope="module")
def story(example):
    return example.dossier.stories[0]


def _span(url: str) -> tuple[str, int, int]:
    parts = urlsplit(url)
    q = parse_qs(parts.query)
    return parts.path.rsplit("/", 1)[-1], int(q["start"][0]), int(q["end"][0])


# --- pages --------------------------------------------------------------------------------------


def test_story_list(client, story):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = Page(r.text)
    assert f"/stories/{story.id}" in page.hrefs()
    assert story.title in r.text
    assert not page.with_class("hit")  # no search, no results


def test_search_shows_snippets_linking_to_articles(client, example):
    r = client.get("/", params={"q": "dockworkers"})
    assert r.status_code == 200
    page = Page(r.text)
    hits = page.with_class("hit")
    assert len(hits) >= 2
    marked = [t for t, a in page.tags if t == "mark"]
    assert marked
    ids = {a.id for a in example.dossier.articles}
    linked = {h.rsplit("/", 1)[-1] for h in page.hrefs() if h.startswith("/articles/")}
    assert linked and linked <= ids
    assert "search-message" not in r.text


@pytest.mark.parametrize("q", ['"unterminated', "foo:bar", "AND", "(((", "*", "NEAR(", "-", "x" * 1000, "^", "'"])
def test_bad_search_is_a_friendly_message(client, q):
    r = client.get("/", params={"q": q})
    assert r.status_code == 200
    assert Page(r.text).text_of("search-message")
    api = client.get("/api/search", params={"q": q})
    assert api.status_code == 200 and api.json()["message"]


def test_malformed_search_falls_back_to_its_words(client):
    r = client.get("/api/search", params={"q": 'envoy"'}).json()
    assert r["ran"] == '"envoy"' and r["hits"]


def test_story_page_shows_sections(client, story):
    r = client.get(f"/stories/{story.id}")
    assert r.status_code == 200
    page = Page(r.text)
    for kind in ("summary", "quotes", "entities"):
        assert getattr(story, kind), f"the example story should have {kind}"
        assert page.text_of(f"{story.id}-{kind}") is not None, kind
    for e in story.entities:
        assert f"/entities/{e.id}" in page.hrefs()
    for a in story.article_ids:
        assert f"/articles/{a}" in page.hrefs()


def test_story_page_links_each_quote_to_its_exact_span(client, story, example):
    hrefs = set(Page(client.get(f"/stories/{story.id}").text).hrefs())
    for q in story.quotes:
        assert article_url(q.article_id, q.start, q.end) in hrefs, q.text
    for url in (h for h in hrefs if h.startswith("/articles/") and "start=" in h):
        aid, s, e = _span(url)
        assert 0 <= s < e <= len(example.dossier.article(aid).clean_text)


def test_entity_page_lists_every_mention(client, story, example):
    entity = story.entities[0]
    r = client.get(f"/entities/{entity.id}")
    assert r.status_code == 200
    hrefs = Page(r.text).hrefs()
    for m in entity.mentions:
        assert article_url(m.article_id, m.start, m.end) in hrefs
        assert example.dossier.article(m.article_id).clean_text[m.start:m.end] == m.text
    assert f"/stories/{story.id}#{entity.id}" in hrefs


def test_article_page_highlights_every_span(client, example):
    db = sqlite3.connect(example.path)
    aid, n = db.execute("SELECT article_id, COUNT(*) FROM evidence GROUP BY article_id ORDER BY 2 DESC LIMIT 1").fetchone()
    article = example.dossier.article(aid)
    r = client.get(f"/articles/{aid}")
    assert r.status_code == 200
    page = Page(r.text)
    assert page.text_of("text") == article.clean_text  # highlighting never drops or repeats text
    assert len([a for _, a in page.tags if (a.get("id") or "").startswith("sp-")]) == n
    links = [a["href"] for t, a in page.tags if t == "a" and "hl" in (a.get("class") or "")]
    assert links and all(h.startswith("/stories/") and "#" in h for h in links)
    assert page.text_of("target") is None


def test_article_page_marks_the_requested_span(client, story, example):
    q = next(q for q in story.quotes if q.kind == "direct")
    r = client.get(article_url(q.article_id, q.start, q.end))
    page = Page(r.text)
    assert page.text_of("target") == q.text
    assert page.text_of("text") == example.dossier.article(q.article_id).clean_text


def test_requested_span_cutting_through_other_spans(client, story, example):
    e = story.entities[0]
    m = e.mentions[0]
    text = example.dossier.article(m.article_id).clean_text
    start, end = max(0, m.start - 7), min(len(text), m.end - 2)
    page = Page(client.get(f"/articles/{m.article_id}", params={"start": start, "end": end}).text)
    assert page.text_of("target") == text[start:end]
    assert page.text_of("text") == text


def test_start_without_end_marks_the_sentence(client, example):
    art = example.dossier.articles[0]
    s, e = art.sentences[1]
    page = Page(client.get(f"/articles/{art.id}", params={"start": s + 3}).text)
    assert page.text_of("target") == art.clean_text[s + 3:e]


@pytest.mark.parametrize("params", [{"start": "x"}, {"start": "5", "end": "2"}, {"start": "0", "end": "99999999"}, {"start": "-3", "end": "4"}])
def test_bad_span_in_url_is_ignored_with_a_note(client, example, params):
    art = example.dossier.articles[0]
    r = client.get(f"/articles/{art.id}", params=params)
    assert r.status_code == 200
    page = Page(r.text)
    assert page.text_of("target") is None and page.with_class("note")


# --- JSON API -----------------------------------------------------------------------------------


def test_api_stories(client, story):
    data = client.get("/api/stories").json()
    assert [s["id"] for s in data] == [story.id]
    assert data[0]["articles"] == len(story.article_ids)
    assert data[0]["items"]["quotes"] == len(story.quotes)


def test_api_story(client, story):
    data = client.get(f"/api/stories/{story.id}").json()
    assert data["title"] == story.title
    assert [q["id"] for q in data["quotes"]] == [q.id for q in story.quotes]
    assert len(data["summary"]) == len(story.summary)
    assert {a["id"] for a in data["articles"]} == set(story.article_ids)


def test_api_entity(client, story):
    e = story.entities[0]
    data = client.get(f"/api/entities/{e.id}").json()
    assert data["stories"][0]["story_id"] == story.id
    assert len(data["stories"][0]["entity"]["mentions"]) == len(e.mentions)


def test_api_article_spans_match_text(client, example):
    art = example.dossier.articles[0]
    data = client.get(f"/api/articles/{art.id}").json()
    assert data["clean_text"] == art.clean_text
    assert data["spans"]
    for s in data["spans"]:
        assert s["text"] == art.clean_text[s["start"]:s["end"]]


def test_api_search(client):
    data = client.get("/api/search", params={"q": "envoy"}).json()
    assert data["message"] is None and data["hits"]
    assert all("envoy" in m.lower() for h in data["hits"] for m in h["matches"])


def test_openapi_documents_the_api_and_nothing_loads_from_a_cdn(client):
    spec = client.get("/openapi.json").json()
    for p in ("/api/stories", "/api/stories/{story_id}", "/api/entities/{entity_id}", "/api/articles/{article_id}", "/api/search"):
        assert "get" in spec["paths"][p]
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


# --- safety -------------------------------------------------------------------------------------


def _pages(d) -> list[str]:
    story = d.stories[0]
    art = d.articles[0]
    urls = ["/", f"/?q={art.clean_text.split()[1]}", "/?q=alert", "/?q=script", f"/stories/{story.id}", f"/articles/{art.id}",
            f"/articles/{art.id}?start=0&end=30", "/nope"]
    urls += [f"/entities/{e.id}" for e in story.entities]
    return urls


def _api(d) -> list[str]:
    story, art = d.stories[0], d.articles[0]
    return ["/api/stories", f"/api/stories/{story.id}", f"/api/articles/{art.id}", "/api/search?q=alert",
            *(f"/api/entities/{e.id}" for e in story.entities)]


def test_article_text_is_escaped_on_every_page(evil, hostile):
    for url in _pages(hostile.dossier):
        r = evil.get(url)
        assert r.status_code in (200, 404), url
        tags = {t for t, _ in Page(r.text).tags}
        assert not tags & {"script", "img", "iframe", "object", "embed", "b"}, url
        if r.status_code == 200:
            assert "&lt;script&gt;" in r.text, url
        assert "<script" not in r.text and "<img" not in r.text and "<b>" not in r.text, url


def test_hostile_spans_are_highlighted_as_text(evil, hostile):
    art = hostile.dossier.articles[0]
    q = hostile.dossier.stories[0].quotes[0]
    page = Page(evil.get(article_url(art.id, q.start, q.end)).text)
    assert page.text_of("text") == art.clean_text
    assert page.text_of("target") == q.text
    assert SCRIPT in page.text_of("text") and IMG in page.text_of("text")


def test_api_returns_hostile_text_as_json_data(evil, hostile):
    for url in _api(hostile.dossier):
        r = evil.get(url)
        assert r.status_code == 200 and r.headers["content-type"] == "application/json", url
    assert SCRIPT in evil.get(f"/api/articles/{hostile.dossier.articles[0].id}").json()["clean_text"]


def test_pages_load_nothing_from_elsewhere(client, example):
    for url in _pages(example.dossier):
        r = client.get(url)
        page = Page(r.text)
        assert not [a for t, a in page.tags if t in ("script", "link", "img", "iframe")], url
        assert not [h for h in page.hrefs() if "//" in h], url
        assert "default-src 'none'" in r.headers["content-security-policy"]


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_read_only(client, example, method):
    before = hashlib.sha256(example.path.read_bytes()).hexdigest()
    story, art = example.dossier.stories[0], example.dossier.articles[0]
    for url in ["/", f"/stories/{story.id}", f"/articles/{art.id}", f"/entities/{story.entities[0].id}",
                "/api/stories", f"/api/stories/{story.id}", f"/api/articles/{art.id}", "/api/search"]:
        r = getattr(client, method)(url)
        assert r.status_code == 405, (method, url)
    assert hashlib.sha256(example.path.read_bytes()).hexdigest() == before


def test_connection_cannot_write(example):
    db = queries.connect(example.path)
    with pytest.raises(sqlite3.OperationalError):
        db.execute("CREATE TABLE x (a)")
    with pytest.raises(sqlite3.OperationalError):
        db.execute("DELETE FROM articles")


@pytest.mark.parametrize("url", [
    "/articles/..%2F..%2Fetc%2Fpasswd", "/articles/../../etc/passwd", "/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/articles/..%5C..%5Cwindows", "/stories/..%2F..%2Fetc%2Fpasswd", "/entities/%2Fetc%2Fpasswd",
    "/api/articles/..%2F..%2Fetc%2Fpasswd", "/api/stories/..", "/api/entities/%2e%2e", "/articles/%00",
    "/static/../../etc/passwd", "/..%2F..%2Fetc%2Fpasswd", "/articles/s.sqlite", "/api/articles/nope",
])
def test_paths_cannot_reach_files(client, url):
    r = client.get(url)
    assert r.status_code == 404, url
    assert "root:" not in r.text and "SQLite format" not in r.text


def test_unknown_ids_are_404(client):
    for url in ["/stories/nope", "/entities/nope", "/articles/nope", "/api/stories/nope", "/api/entities/nope"]:
        assert client.get(url).status_code == 404, url
    assert client.get("/api/stories/nope").json() == {"detail": "No story with this id"}
    assert "Not found" in client.get("/stories/nope").text


def test_host_header_is_checked_when_asked(example):
    c = TestClient(create_app(example.path, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1")
    assert c.get("/").status_code == 200
    assert c.get("/", headers={"host": "evil.example"}).status_code == 400


def test_serve_binds_loopback_by_default(example, monkeypatch):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    serve(example.path)
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000


def test_not_a_store(tmp_path):
    with pytest.raises(FileNotFoundError):
        create_app(tmp_path / "missing.sqlite")
    (tmp_path / "junk.sqlite").write_text("not a database")
    with pytest.raises(ValueError):
        create_app(tmp_path / "junk.sqlite")
