"""Copied passages (issue 21): each shown side by side in report.html, words in common marked, and as
text in dossier.md; everything escaped. Coverage flags stand in their own column. Fictional outlets."""

from __future__ import annotations

import re

from storyline.model import Article, Copy, CopyPassage, Dossier, Evidence, Story
from storyline.report import render_html, render_markdown
from storyline.report.view import passage_words

FROM = ("The Talvik harbour board <b>met</b> on Monday and agreed to reopen the north quay to trawlers. "
        "Its chair, Ilse Marrow, said the quay would reopen within a week.")
TO = ("Meeting on Monday, the Talvik harbour board decided the north quay will reopen to trawlers. "
      "Chair Ilse Marrow said it would happen within a week <script>alert(1)</script>.")


def _dossier() -> Dossier:
    a = Article(id="aaa", source_path="a.txt", raw_text=FROM, clean_text=FROM, outlet="Quay Courier",
                published="2031-04-02", sentences=[(0, FROM.index(" Its") + 1), (FROM.index("Its"), len(FROM))])
    b = Article(id="bbb", source_path="b.txt", raw_text=TO, clean_text=TO, outlet="Harbour <i>Herald</i>",
                published="2031-04-03", sentences=[(0, len(TO))])
    copy = Copy("aaa", "bbb", "rewritten", "known", 0.81, ordered_by="published",
                passages=[CopyPassage(Evidence("aaa", 0, len(FROM), FROM), Evidence("bbb", 0, len(TO), TO), 0.81)])
    story = Story(id="s1", title="Talvik quay to reopen", article_ids=["aaa", "bbb"], copies=[copy])
    return Dossier(articles=[a, b], stories=[story])


def test_passage_words_mark_the_words_both_sides_have():
    pieces = passage_words(FROM, TO)
    assert "".join(p for p, _ in pieces) == FROM
    marked = {p for p, same in pieces if same}
    assert {"Talvik", "harbour", "quay", "Ilse", "Marrow", "trawlers"} <= marked
    assert "agreed" not in marked and "the" not in marked  # not in the other side; a stop word


def test_html_shows_each_passage_side_by_side_escaped():
    html = render_html(_dossier())
    table = re.search(r'<table class="passage".*?</table>', html, re.S)
    assert table, "no side-by-side passage table"
    cells = re.findall(r"<td>(.*?)</td>", table.group(), re.S)
    assert len(cells) == 2
    left, right = (re.sub(r"<[^>]+>", "", c) for c in cells)
    assert "agreed to reopen the north quay" in left and "decided the north quay will reopen" in right
    assert '<mark class="same">Marrow</mark>' in cells[0] and '<mark class="same">Marrow</mark>' in cells[1]
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>met</b>" not in html
    assert "Harbour &lt;i&gt;Herald&lt;/i&gt;" in table.group()


def test_markdown_gives_each_passage_as_escaped_text():
    md = render_markdown(_dossier())
    section = md[md.index("## Copied passages"):]
    assert "passage 1 (similarity 0.81)" in section
    assert "agreed to reopen the north quay" in section and "decided the north quay will reopen" in section
    assert "<script>" not in section and "\\<script\\>" in section and "\\<b\\>met" in section


def test_html_coverage_flags_have_their_own_column():
    from storyline.model import TimelineEntry

    d = _dossier()
    text = "agreed to reopen the north quay to trawlers"
    start = FROM.index(text)
    d.stories[0].timeline = [TimelineEntry("t1", "2031-03-31", "day", "on Monday", "happened", text,
                                           evidence=[Evidence("aaa", start, start + len(text), text)])]
    html = render_html(d)
    row = re.search(r'<tr class="only[^"]*">(.*?)</tr>', html, re.S)
    assert row
    fact, flags = re.findall(r'<td class="(?:fact|flags)"[^>]*>(.*?)</td>', row.group(1), re.S)
    assert "only" not in re.sub(r"<[^>]+>", "", fact) and "only Quay Courier" in flags
