"""report.html: one self-contained page (inline CSS, no scripts from anywhere, opens offline).

Jinja2 autoescaping is on for everything: article text is data, never markup.
"""

from __future__ import annotations

from collections import Counter

from jinja2 import Environment, PackageLoader, select_autoescape

from ..claims.compare import as_update
from ..model import Dossier, Story
from ..summarize.coverage import coverage, credits
from .markdown import SECTION_TITLES
from .view import (anchor, cite_anchor, content_dating, date_range, names, passage_words, sentence_pieces, story_articles,
                   summary_settings)


def make_environment() -> Environment:
    """A Jinja2 environment for storyline's templates, autoescaping all HTML."""
    env = Environment(
        loader=PackageLoader("storyline.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(anchor=anchor, sentence_pieces=sentence_pieces, Counter=Counter, entity_names=entity_names,
                       as_update=as_update, passage_words=passage_words)
    return env


def entity_names(story: Story) -> dict[str, str]:
    """Entity id -> display name, for sections that show who an item is about or by."""
    return {e.id: e.name for e in story.entities}


def render_html(dossier: Dossier) -> str:
    env = make_environment()
    by_id = {a.id: a for a in dossier.articles}

    def cite(article_id: str, start: int) -> str:
        article = by_id.get(article_id)
        return "#" + (cite_anchor(article, start) if article else anchor(article_id, None))

    env.globals["cite"] = cite
    env.globals["published"] = {a.id: a.published for a in dossier.articles}  # conflicts: rising counts in time order
    stories = []
    settings = summary_settings(dossier)
    for story in dossier.stories:
        arts = story_articles(dossier, story)
        rows = coverage(story, arts, settings)
        sections = [(kind, title, getattr(story, kind)) for kind, title in SECTION_TITLES.items()]
        stories.append(
            {
                "story": story,
                "articles": arts,
                "dates": date_range([a.published for a in arts], len(story.dating)),
                "sections": sections,
                "names": names(arts) if not story.entities else [],
                "coverage": rows,
                "credits": credits(rows),
                "dating": content_dating(story),
            }
        )
    return env.get_template("report.html.j2").render(
        stories=stories, dossier=dossier, labels={a.id: a.label for a in dossier.articles}
    )
