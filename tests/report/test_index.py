"""report.html at volume: the story index (order, what a row shows, escaping), when a build is one
page and when it is an index with a page per story, and dossier.md's numbered story list."""

from __future__ import annotations

from storyline.model import Article, Dossier, Entity, Story
from storyline.report import render_html, render_markdown, render_pages
from storyline.report.html import page_name


def _dossier(sizes: list[int], settings: dict | None = None) -> Dossier:
    """Story i has sizes[i] articles, from as many outlets, published on day i + 1; story 0's title carries markup."""
    arts, stories = [], []
    for i, n in enumerate(sizes):
        ids = []
        for k in range(n):
            text = f"Quay {i} reopened, report {k}.\n"
            art = Article(id=f"a{i}-{k}", source_path=f"in/{i}-{k}.txt", raw_text=text, clean_text=text, title=f"Quay {i}",
                          title_source="meta", outlet=f"Outlet {k}", outlet_source="meta", published=f"2025-02-{i + 1:02d}",
                          sentences=[(0, len(text) - 1)])
            arts.append(art)
            ids.append(art.id)
        entities = [Entity(id=f"e{i}-{j}", name=f"Name {j}", type="PERSON", articles=j) for j in range(8)]
        title = "Quay <script>alert(1)</script>" if i == 0 else f"Quay {i}"
        stories.append(Story(id=f"s-{i}", title=title, article_ids=ids, entities=entities))
    return Dossier(articles=arts, skipped=[], stories=stories, settings={"report": settings} if settings else {})


def test_index_orders_by_size_then_recency_and_links_each_page():
    d = _dossier([2, 9, 2, 1])
    html = render_html(d)
    order = [html.index(f'href="report/{page_name(f"s-{i}")}"') for i in (1, 2, 0, 3)]
    assert order == sorted(order)  # 9 articles; then 2 and 2, the later first; then 1
    assert set(render_pages(d)) == {page_name(s.id) for s in d.stories}
    assert "Outlet 5 · +3 more" in html.replace("</td>", "").replace(' <span class="src">', " · ").replace("</span>", "")
    assert "Name 7 · Name 6 · Name 5 · Name 4 · Name 3" in html and "Name 2" not in html  # the five most mentioned
    assert "<script>" not in html and "Quay &lt;script&gt;" in html
    assert "Quay 1 reopened" not in html  # no article text on the index


def test_one_story_is_one_page_and_a_setting_keeps_a_few_together():
    one = _dossier([3])
    assert 'class="index"' not in render_html(one) and "Quay 0 reopened" in render_html(one)
    few = _dossier([3, 2], settings={"single_page_stories": 5})
    html = render_html(few)
    assert 'href="#story-s-1"' in html and 'id="story-s-1"' in html and "Quay 1 reopened" in html


def test_story_pages_link_back_and_hold_only_their_story():
    d = _dossier([2, 3])
    page = render_pages(d)[page_name("s-1")]
    assert 'href="../report.html"' in page and "Quay 1 reopened" in page and "Quay 0 reopened" not in page


def test_odd_story_ids_never_name_a_path():
    assert page_name("s-0123abcd") == "s-0123abcd.html"
    for bad in ("../etc/passwd", "a/b", "skipped", ""):
        name = page_name(bad)
        assert "/" not in name and name != "skipped.html" and name.endswith(".html")


def test_markdown_opens_on_a_numbered_story_list():
    md = render_markdown(_dossier([1, 2]))
    assert md.startswith("2 stories:\n\n- Story 1: Quay \\<script\\>alert(1)\\</script\\> — 1 articles")
    assert "\n# Story 2: Quay 1\n" in md
    assert not render_markdown(_dossier([1])).startswith("1 stories")


def test_coverage_headers_stay_narrow_with_many_outlets_full_name_on_hover():
    from storyline.model import Quote

    arts = []
    for k in range(22):
        text = '"The quay is open again," the mayor said.\n'
        arts.append(Article(id=f"a{k}", source_path=f"in/{k}.txt", raw_text=text, clean_text=text, title="Quay",
                            title_source="meta", outlet=f"The Extraordinarily Long Named Gazette {k}", outlet_source="meta",
                            published="2025-02-01", sentences=[(0, len(text) - 1)]))
    quote = Quote(id="q1", text="The quay is open again,", kind="direct", speaker_entity_id=None, speaker_text="the mayor",
                  article_id="a0", start=1, end=24)
    story = Story(id="s-1", title="Quay", article_ids=[a.id for a in arts], quotes=[quote])
    html = render_html(Dossier(articles=arts, skipped=[], stories=[story]))
    assert html.count('<th class="outlet"') == 22
    assert '<th class="outlet" title="The Extraordinarily Long Named Gazette 7 · in/7.txt"><span>The Extraordi…</span></th>' in html
