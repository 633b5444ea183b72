"""The served story list at volume: sorted by query parameter, paged, bad parameters a 400, titles escaped."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from storyline import store
from storyline.model import Article, Dossier, Story
from storyline.web import create_app

from ._html import Page

N = 23


def many_dossier() -> Dossier:
    """N one-article stories: story i has i % 4 + 1 articles, published on day i; one title carries markup."""
    arts, stories = [], []
    for i in range(N):
        ids = []
        for k in range(i % 4 + 1):
            text = f"Quay {i} reopened on Monday, report {k}.\n"
            art = Article(id=f"a{i}-{k}", source_path=f"in/{i}-{k}.txt", raw_text=text, clean_text=text,
                          title=f"Quay {i}", title_source="meta", outlet=f"Courier {k}", outlet_source="meta",
                          published=f"2025-01-{i + 1:02d}", sentences=[(0, len(text) - 1)])
            arts.append(art)
            ids.append(art.id)
        title = f"Quay {i:02d} <b>reopens</b>" if i == 5 else f"Quay {i:02d} reopens"
        stories.append(Story(id=f"s-{i:02d}", title=title, article_ids=ids))
    return Dossier(articles=arts, skipped=[], stories=stories)


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    path = store.save(many_dossier(), tmp_path_factory.mktemp("many") / "m.sqlite")
    return TestClient(create_app(path))


def _listed(client: TestClient, url: str) -> list[str]:
    r = client.get(url)
    assert r.status_code == 200, r.text
    return [a["href"] or "" for t, a in Page(r.text).tags if t == "a" and (a.get("href") or "").startswith("/stories/")]


def test_pages_hold_every_story_once(client):
    seen = []
    for page in (1, 2, 3):
        seen += _listed(client, f"/?per=10&page={page}")
    assert sorted(seen) == [f"/stories/s-{i:02d}" for i in range(N)]
    assert _listed(client, "/?per=10&page=4") == []
    assert "back to the first page" in client.get("/?per=10&page=4").text


def test_sorts(client):
    by_size = _listed(client, "/?per=100")
    sizes = [int(h[-2:]) % 4 + 1 for h in by_size]
    assert sizes == sorted(sizes, reverse=True)
    assert _listed(client, "/?sort=recent&per=100") == [f"/stories/s-{i:02d}" for i in reversed(range(N))]
    assert _listed(client, "/?sort=oldest&per=100") == [f"/stories/s-{i:02d}" for i in range(N)]
    assert _listed(client, "/?sort=title&per=100") == [f"/stories/s-{i:02d}" for i in range(N)]


def test_page_links_keep_the_order_and_the_search(client):
    page = Page(client.get("/?sort=recent&per=10&q=quay").text)
    hrefs = [a.get("href") or "" for t, a in page.tags if t == "a"]
    assert "/?q=quay&sort=recent&page=2&per=10" in hrefs  # next page, same order and search
    assert "/?q=quay&per=10" in hrefs  # another order starts again at page 1


@pytest.mark.parametrize("query", ["sort=bogus", "page=0", "page=x", "per=0", "per=100000"])
def test_bad_list_parameters_are_400(client, query):
    assert client.get(f"/?{query}").status_code == 400
    assert client.get(f"/api/stories?{query}").status_code == 400


def test_api_sorts_and_pages_like_the_list(client):
    everything = client.get("/api/stories").json()
    assert len(everything) == N
    recent = client.get("/api/stories?sort=recent&page=2&per=5").json()
    assert [s["id"] for s in recent] == [f"s-{i:02d}" for i in range(N - 6, N - 11, -1)]


def test_titles_are_escaped_in_the_list(client):
    text = client.get("/?sort=title&per=100").text
    assert "Quay 05 &lt;b&gt;reopens&lt;/b&gt;" in text and "<b>reopens" not in text
