"""Figures in the reports: disagreements between outlets lead, each side with its span; agreements
follow, collapsed; a count rising over time reads "3, later 5"."""

from __future__ import annotations

from storyline.claims.compare import as_update
from storyline.model import Article, Claim, Conflict, ConflictValue, Dossier, Story
from storyline.report import render_html, render_markdown


def _article(aid: str, text: str, published: str | None) -> Article:
    return Article(id=aid, source_path=f"{aid}.txt", raw_text=text, clean_text=text, outlet=aid.upper(),
                   published=published)


def _dossier() -> Dossier:
    texts = {"a": ("Three people were killed in the fire, police said.", "2024-03-01"),
             "b": ("The toll rose to five dead, officials said.", "2024-03-02"),
             "c": ("The fire destroyed 12 homes.", "2024-03-02"),
             "d": ("Twelve homes burned down.", "2024-03-01")}
    arts = [_article(k, t, d) for k, (t, d) in texts.items()]
    claims = [Claim("n1", "people killed", 3, None, "exact", None, "Three people were killed", "a", 0, 24),
              Claim("n2", "people killed", 5, None, "exact", None, "rose to five dead", "b", 9, 26),
              Claim("n3", "homes destroyed", 12, None, "exact", None, "destroyed 12 homes", "c", 9, 27),
              Claim("n4", "homes destroyed", 12, None, "exact", None, "Twelve homes burned down", "d", 0, 24)]
    conflicts = [Conflict("f1", "people killed", "discrepancy", ["n1", "n2"],
                          [ConflictValue(3, "exact", ["a"]), ConflictValue(5, "exact", ["b"])], True),
                 Conflict("f2", "homes destroyed", "agreement", ["n3", "n4"], [ConflictValue(12, "exact", ["c", "d"])], True)]
    story = Story("s1", "Fire", [a.id for a in arts], claims=claims, conflicts=conflicts)
    return Dossier(articles=arts, stories=[story])


def test_rising_count_is_an_update_in_time_order():
    d = _dossier()
    published = {a.id: a.published for a in d.articles}
    update = as_update(d.stories[0].conflicts[0], published)
    assert update is not None and [(v.value, when) for v, when in update] == [(3, "2024-03-01"), (5, "2024-03-02")]
    assert as_update(d.stories[0].conflicts[1], published) is None  # an agreement
    assert as_update(d.stories[0].conflicts[0], {"a": "2024-03-02", "b": "2024-03-01"}) is None  # falls over time
    assert as_update(d.stories[0].conflicts[0], {"a": "2024-03-01"}) is None  # a side with no date


def test_markdown_leads_with_disagreements_with_both_spans_and_agreements_after():
    md = render_markdown(_dossier())
    section = md[md.index("## Figures the outlets compare"):]
    killed, agreements = section.index("**people killed**"), section.index("Agreements (1):")
    assert killed < agreements < section.index("**homes destroyed**")
    line = section[killed:section.index("\n", killed)]
    assert "3 (2024-03-01), later 5 (2024-03-02)" in line
    assert "“Three people were killed”" in line and "“rose to five dead”" in line
    assert md.index("## Figures the outlets compare") < md.index("## Figures\n")


def test_html_leads_with_disagreements_and_collapses_agreements():
    html = render_html(_dossier())
    killed, details = html.index("<strong>people killed</strong>"), html.index("<details><summary>1 figure the outlets agree on")
    assert killed < details < html.index("<strong>homes destroyed</strong>")
    assert "3 (2024-03-01), later 5 (2024-03-02)" in html
    assert "“Three people were killed”" in html and "“rose to five dead”" in html
