"""report.html: self-contained pages (inline CSS, no scripts from anywhere, open offline).

A build of few stories (``report.single_page_stories``) is one report.html holding every story. A
build of more is an index in report.html (title, dates, articles, outlets and main entities of
each story, biggest and most recent first) and one page per story in ``report/`` beside it, so no
page grows with the corpus: :func:`render_html` gives report.html, :func:`render_pages` the rest.

Jinja2 autoescaping is on for everything: article text is data, never markup.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..claims.compare import as_update
from ..model import Article, Dossier, Story
from ..settings import ReportSettings, Settings, SettingsError
from ..summarize.coverage import coverage, credits
from .markdown import SECTION_TITLES
from .view import (anchor, cite_anchor, content_dating, date_range, names, passage_words, sentence_pieces, story_articles,
                   summary_settings)

PAGES_DIR = "report"  # the folder of story pages beside report.html
SKIPPED_PAGE = "skipped.html"
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,80}")


def make_environment() -> Environment:
    """A Jinja2 environment for storyline's templates, autoescaping all HTML."""
    env = Environment(
        loader=PackageLoader("storyline.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(anchor=anchor, sentence_pieces=sentence_pieces, Counter=Counter, entity_names=entity_names,
                       as_update=as_update, passage_words=passage_words, header_chars=ReportSettings().header_chars)
    return env


def entity_names(story: Story) -> dict[str, str]:
    """Entity id -> display name, for sections that show who an item is about or by."""
    return {e.id: e.name for e in story.entities}


def report_settings(dossier: Dossier) -> ReportSettings:
    """The report settings the dossier was built with (the defaults when it recorded none it can read)."""
    recorded = dossier.settings.get("report")
    if not isinstance(recorded, dict):
        return ReportSettings()
    try:
        return Settings().with_overrides({"report": recorded}).report
    except SettingsError:
        return ReportSettings()


def is_split(dossier: Dossier) -> bool:
    """Whether report.html is the index, each story on its own page in report/."""
    return len(dossier.stories) > report_settings(dossier).single_page_stories


def page_name(story_id: str) -> str:
    """The file name of a story's page in report/: its id when that is a plain name (story ids
    are "s-" and hex), else a hash of it, so an id can never name a path."""
    if _SAFE_NAME.fullmatch(story_id) and story_id != SKIPPED_PAGE[: -len(".html")]:
        return f"{story_id}.html"
    return "s-" + hashlib.sha256(story_id.encode()).hexdigest()[:16] + ".html"


@dataclass(slots=True)
class IndexRow:
    """One story in the index."""

    id: str
    title: str
    href: str
    dates: str
    articles: int
    outlets: list[str]
    more_outlets: int
    entities: list[str]
    latest: str


def index_rows(dossier: Dossier, split: bool, settings: ReportSettings) -> list[IndexRow]:
    """Every story, biggest first, then the most recently published (undated ones after)."""
    by_id = {a.id: a for a in dossier.articles}
    rows = []
    for story in dossier.stories:
        arts = [by_id[i] for i in story.article_ids if i in by_id]
        outlets = list(dict.fromkeys(a.label for a in arts))
        top = sorted(story.entities, key=lambda e: (-e.articles, -len(e.mentions)))[: settings.index_entities]
        href = f"{PAGES_DIR}/{page_name(story.id)}" if split else f"#story-{story.id}"
        rows.append(IndexRow(story.id, story.title, href, date_range([a.published for a in arts], len(story.dating)),
                             len(arts), outlets[: settings.index_outlets], max(0, len(outlets) - settings.index_outlets),
                             [e.name for e in top], max((a.published for a in arts if a.published), default="")))
    rows.sort(key=lambda r: r.latest, reverse=True)
    rows.sort(key=lambda r: -r.articles)  # stable: size first, recency within a size
    return rows


def _story_view(dossier: Dossier, story: Story, settings: Any) -> dict[str, Any]:
    arts = story_articles(dossier, story)
    rows = coverage(story, arts, settings)
    return {
        "story": story,
        "articles": arts,
        "dates": date_range([a.published for a in arts], len(story.dating)),
        "sections": [(kind, title, getattr(story, kind)) for kind, title in SECTION_TITLES.items()],
        "names": names(arts) if not story.entities else [],
        "coverage": rows,
        "credits": credits(rows),
        "dating": content_dating(story),
    }


def _environment(dossier: Dossier, settings: ReportSettings) -> Environment:
    env = make_environment()
    by_id: dict[str, Article] = {a.id: a for a in dossier.articles}

    def cite(article_id: str, start: int) -> str:
        article = by_id.get(article_id)
        return "#" + (cite_anchor(article, start) if article else anchor(article_id, None))

    env.globals.update(cite=cite, header_chars=max(1, settings.header_chars),  # the cut keeps at least "…"
                       published={a.id: a.published for a in dossier.articles},  # conflicts: rising counts in time order
                       labels={a.id: a.label for a in dossier.articles}, dossier=dossier)
    return env


def render_html(dossier: Dossier) -> str:
    """report.html: every story in full, or (a build of many stories) the index of them."""
    settings = report_settings(dossier)
    env = _environment(dossier, settings)
    split = is_split(dossier)
    index = index_rows(dossier, split, settings)
    if split:
        return env.get_template("report_index.html.j2").render(index=index, skipped_href=f"{PAGES_DIR}/{SKIPPED_PAGE}")
    summary = summary_settings(dossier)
    stories = [_story_view(dossier, story, summary) for story in dossier.stories]
    return env.get_template("report.html.j2").render(stories=stories, index=index, skipped_href="#skipped")


def render_pages(dossier: Dossier) -> dict[str, str]:
    """The files of report/: one self-contained page per story (and the skipped inputs), by file
    name. Written for every build, so a story's page has the same address whatever the count."""
    settings = report_settings(dossier)
    env = _environment(dossier, settings)
    summary = summary_settings(dossier)
    page = env.get_template("report_story.html.j2")
    pages = {page_name(story.id): page.render(s=_story_view(dossier, story, summary), skipped_href=SKIPPED_PAGE)
             for story in dossier.stories}
    if dossier.skipped:
        pages[SKIPPED_PAGE] = env.get_template("report_skipped.html.j2").render()
    return pages
