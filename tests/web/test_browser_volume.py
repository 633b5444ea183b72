"""Reports at volume in a real headless Chromium (Debian's, as in test_browser): a build of 50+
fictional stories opens on an index in report.html listing every story, and each index link lands
on that story's own page; the served story list pages through all of them and sorts them.

Skipped only when /usr/bin/chromium is missing (CI installs Debian's chromium package).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from storyline import store
from storyline.engines import build
from storyline.model import Dossier
from storyline.report import write_outputs
from tests.report.many_stories import write_feed

from .conftest import CHROMIUM
from .test_browser import Served

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")

STORIES = 56


@dataclass
class Volume:
    out: Path
    dossier: Dossier


@pytest.fixture(scope="module")
def volume(nlp, tmp_path_factory) -> Volume:
    folder = tmp_path_factory.mktemp("many")
    d = build([write_feed(folder / "in", STORIES)], nlp=nlp)
    out = folder / "out"
    write_outputs(d, out)
    return Volume(out, d)


def test_report_index_lists_every_story_and_each_link_lands(browser, volume):
    d = volume.dossier
    assert len(d.stories) >= 50
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    index_url = (volume.out / "report.html").absolute().as_uri()
    page.goto(index_url)
    rows = page.locator("table.index tr td:first-child a")
    assert rows.count() == len(d.stories)
    links = {rows.nth(i).inner_text(): rows.nth(i).get_attribute("href") for i in range(rows.count())}
    assert set(links) == {s.title for s in d.stories}
    sizes = [int(page.locator("table.index td.n").nth(i).inner_text()) for i in range(rows.count())]
    assert sizes == sorted(sizes, reverse=True)  # biggest first
    for story in d.stories:
        page.goto(index_url)
        page.locator("table.index a", has_text=story.title).first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith(str(links[story.title])), page.url
        assert page.locator("h1").inner_text() == story.title
        assert page.locator("article.article").count() == len(story.article_ids)
        assert page.locator("script").count() == 0
    page.locator("a", has_text="All stories").click()  # and back to the index
    page.wait_for_load_state("load")
    assert page.locator("table.index tr td:first-child a").count() == len(d.stories)
    assert all(u.startswith("file://") for u in requested), [u for u in requested if not u.startswith("file://")]
    page.close()


def test_served_story_list_pages_through_every_story(browser, volume, tmp_path):
    d = volume.dossier
    path = store.save(d, tmp_path / "many.sqlite")
    with Served(path) as served:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(served.url + "/?per=20")
        seen: list[str] = []
        while True:
            cards = page.locator(".card.story h3 a")
            assert 1 <= cards.count() <= 20
            seen += [cards.nth(i).get_attribute("href") or "" for i in range(cards.count())]
            following = page.locator("nav.pages a[rel=next]")
            if not following.count():
                break
            following.click()
            page.wait_for_load_state("load")
        assert sorted(seen) == sorted(f"/stories/{s.id}" for s in d.stories)
        page.goto(served.url + "/?sort=title&per=500")
        titles = [t.inner_text() for t in page.locator(".card.story h3 a").all()]
        assert titles == sorted((s.title for s in d.stories), key=str.casefold)
        for story in d.stories[:10] + d.stories[-5:]:
            page.locator(".card.story h3 a", has_text=story.title).first.click()
            page.wait_for_load_state("load")
            assert page.locator("h1").inner_text() == story.title
            page.go_back()
        page.close()
