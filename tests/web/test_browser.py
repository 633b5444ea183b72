"""The served UI in a real headless Chromium (Debian's, driven by Playwright): search, open a story,
follow a quote to its article and find it highlighted; hostile article text never executes.

Uses /usr/bin/chromium; Playwright's own browser downloads are never used. Skipped only when that
binary is missing (CI installs Debian's chromium package).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from storyline.web import create_app
from tests.conftest import ROOT

from .conftest import CHROMIUM, IMG, SCRIPT

ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")


class Served:
    """uvicorn serving one store on a free loopback port, in a background thread."""

    def __init__(self, store_path: Path) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))  # the port is ours before uvicorn starts: no race for it
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(create_app(store_path, allowed_hosts=["127.0.0.1"]), log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="module")
def served(example) -> Iterator[Served]:
    with Served(example.path) as s:
        yield s


@pytest.fixture(scope="module")
def served_hostile(hostile) -> Iterator[Served]:
    with Served(hostile.path) as s:
        yield s


def test_search_story_quote_to_highlighted_span(browser, served, example):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(served.url + "/")
    assert page.locator(".card.story").count() == len(example.dossier.stories)

    page.locator("form.search input[name=q]").fill("envoy")
    page.locator("form.search button").click()
    page.wait_for_url("**/?q=envoy")
    hits = page.locator(".card.hit")
    assert hits.count() >= 2
    assert "envoy" in hits.first.locator("mark.hit").first.inner_text().lower()

    hits.first.locator("a[href^='/stories/']").first.click()
    page.wait_for_url("**/stories/**")
    story = example.dossier.stories[0]
    assert page.locator("h1").inner_text() == story.title
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story-page.png"), full_page=True)

    quote = page.locator("li.quote.direct").first
    quote_text = quote.locator("q").text_content()
    quote.locator("a.src").first.click()
    page.wait_for_url("**/articles/**")
    target = page.locator("#target")
    assert target.text_content() == quote_text
    assert target.is_visible()
    box, viewport = target.bounding_box(), page.viewport_size
    assert box and viewport and 0 <= box["y"] < viewport["height"] - box["height"]  # scrolled into view
    assert target.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"  # marked distinctly
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article-page.png"))

    target.locator("a.hl").first.click()  # and back to the quotes on the story page
    page.wait_for_url(f"**/stories/{story.id}#{story.id}-quotes")
    page.close()


def test_script_in_article_text_never_runs(browser, served_hostile, hostile):
    # Without the Content-Security-Policy, so only escaping stands between the text and the page.
    context = browser.new_context(bypass_csp=True, java_script_enabled=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    d = hostile.dossier
    art, story = d.articles[0], d.stories[0]
    for url in ["/", "/?q=alert", f"/stories/{story.id}", f"/articles/{art.id}", f"/articles/{art.id}?start=0&end=40",
                *(f"/entities/{e.id}" for e in story.entities)]:
        page.goto(served_hostile.url + url)
        page.wait_for_load_state("load")
        assert page.locator("script").count() == 0, url
        assert page.locator("img").count() == 0, url
        assert page.evaluate("() => typeof window.alert") == "function"
    page.goto(served_hostile.url + f"/articles/{art.id}")
    text = page.locator("#text").text_content() or ""
    assert SCRIPT in text and IMG in text  # shown as the words the article contains
    assert dialogs == []
    context.close()
