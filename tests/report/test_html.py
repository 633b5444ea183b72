"""report.html: self-contained, escaped, and every item links to its sentence in context."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from storyline.engines import build
from storyline.model import Quote
from storyline.report import render_html, render_json, render_markdown, render_pages
from storyline.report.html import page_name
from tests.conftest import RESOURCES

HOSTILE = (
    "Harbour board <script>alert('x')</script> meets again\n\n"
    "The harbour board met on Monday <img src=x onerror=alert(1)> and agreed to reopen the north quay, "
    "its chair said, after a week in which <b>no ship</b> could dock & cargo piled up on the pier.\n"
)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def dossier(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_text(HOSTILE)
    d = build([folder, RESOURCES / "text" / "scraped.txt", folder / "missing.txt"], nlp=nlp)
    article = next(a for a in d.articles if "hostile" in a.source_path)
    start = article.clean_text.index("agreed to reopen")
    own = next(s for s in d.stories if article.id in s.article_ids)
    own.quotes.append(
        Quote(id="q1", text="agreed to reopen the north quay", kind="indirect", speaker_entity_id=None,
              speaker_text="its chair", article_id=article.id, start=start, end=start + 31)
    )
    return d


def all_pages(dossier) -> list[str]:
    """report.html and every page of report/."""
    return [render_html(dossier), *render_pages(dossier).values()]


def _own_story(dossier):
    """The story of the hostile article."""
    article = next(a for a in dossier.articles if "hostile" in a.source_path)
    return next(s for s in dossier.stories if article.id in s.article_ids)


def story_page(dossier, story) -> str:
    return render_pages(dossier)[page_name(story.id)]


def test_html_escapes_article_text(dossier):
    hostile = _own_story(dossier)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in story_page(dossier, hostile)
    for page in all_pages(dossier):
        tags = _Collector()
        tags.feed(page)
        assert not [t for t, _ in tags.tags if t in ("script", "img", "iframe", "object")]
        assert "<script>" not in page
        assert all(not k.startswith("on") for _, attrs in tags.tags for k in attrs)


def test_html_is_self_contained(dossier):
    for page in all_pages(dossier):
        tags = _Collector()
        tags.feed(page)
        for tag, attrs in tags.tags:
            for key in ("src", "href"):
                value = attrs.get(key) or ""
                assert not re.match(r"(https?:)?//", value), (tag, value)
        assert "Content-Security-Policy" in page


def test_html_items_link_to_their_sentence(dossier):
    own = _own_story(dossier)
    page = story_page(dossier, own)
    article = next(a for a in dossier.articles if "hostile" in a.source_path)
    sentence = article.sentence_index(own.quotes[0].start)
    anchor = f"a-{article.id}-s{sentence}"
    assert f'href="#{anchor}"' in page
    assert f'id="{anchor}"' in page
    # the anchored sentence holds the quoted words
    m = re.search(rf'id="{anchor}">(.*?)</span>', page, re.S)
    assert m and "agreed to reopen the north quay" in m.group(1)


def test_reports_list_skipped_inputs(dossier):
    assert "missing.txt" in (render_html(dossier) if len(dossier.stories) == 1 else render_pages(dossier)["skipped.html"])
    md = render_markdown(dossier)
    assert "## Skipped inputs" in md and "no such file or folder" in md
    assert '"skipped"' in render_json(dossier)


def test_reports_show_where_the_content_places_an_undated_article(example_dossier):
    md = render_markdown(example_dossier)
    row = next(line for line in md.splitlines() if line.startswith("| ") and "05-tradewinds-review.txt" in line)
    assert re.search(r"unknown; after 2025-03-1\d \(by its content\)", row)
    html = render_html(example_dossier)
    cell = html[html.index('<span class="placed">'):]
    cell = cell[: cell.index("</td>")]
    assert re.match(r'<span class="placed">after 2025-03-1\d</span> <span class="src">by its content: <a href="#a-', cell)


def test_markdown_timeline_counts_planned_reports_and_their_outlets(example_dossier):
    md = render_markdown(example_dossier)
    visit = next(line for line in md.splitlines() if line.startswith("- **2025-03-14**"))
    assert "happened; planned in 3 reports from 2 outlets" in visit


def test_story_dates_say_how_many_articles_are_undated_and_placed():
    from storyline.report.view import date_range

    assert date_range(["2025-06-19", None, None, None, None], 3) == "2025-06-19; 4 undated, 3 placed by their content"
    assert date_range(["2025-03-04", "2025-05-27"]) == "2025-03-04 – 2025-05-27"
    assert date_range([None, None], 1) == "no publication dates stated; 1 placed by their content"
