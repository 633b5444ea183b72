"""HTML rendering for the web UI: one Jinja2 environment over the web's and the report's templates.

The web pages put the report's own section templates (``storyline/report/templates/sections``) on
the story page, so the dossier reads the same in report.html and in the browser. Only ``cite`` differs:
in the report it points at a sentence further down the same file; here it opens the article page
with the cited span marked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import ChoiceLoader, Environment, PackageLoader
from markupsafe import Markup

from ..model import Story
from ..report.html import make_environment
from ..report.markdown import SECTION_TITLES


def story_url(story_id: str, fragment: str | None = None) -> str:
    return f"/stories/{quote(story_id, safe='')}" + (f"#{quote(fragment, safe='')}" if fragment else "")


def entity_url(entity_id: str) -> str:
    return f"/entities/{quote(entity_id, safe='')}"


def article_url(article_id: str, start: int | None = None, end: int | None = None) -> str:
    """The article page; with a span, that span is marked and scrolled to (``#target``)."""
    url = f"/articles/{quote(article_id, safe='')}"
    if start is None:
        return url
    params = {"start": start} if end is None else {"start": start, "end": end}
    return f"{url}?{urlencode(params)}#target"


def section_anchor(story_id: str, kind: str) -> str:
    """The id of a section's heading on the story page (the same as report.html uses)."""
    return f"{story_id}-{kind}"


def item_url(story_id: str, kind: str, item_id: str | None) -> str:
    """Where an item stands on the story page: its own row for entities, else its section."""
    if kind == "entities" and item_id:
        return story_url(story_id, item_id)
    return story_url(story_id, section_anchor(story_id, kind))


def make_web_environment() -> Environment:
    """The report's environment (same globals, autoescaping on) with the web templates searched first."""
    env = make_environment()
    env.loader = ChoiceLoader([PackageLoader("storyline.web", "templates"), env.loader])  # type: ignore[list-item]
    env.globals.update(story_url=story_url, entity_url=entity_url, article_url=article_url, item_url=item_url,
                       section_anchor=section_anchor)
    return env


def cite_for(kind: str, ends: dict[tuple[str, str, int], int]) -> Callable[[str, int], str]:
    """A ``cite(article_id, start)`` for one section that links to the cited span on its article page.

    Templates pass only the start; the end comes from the story's evidence rows of the same kind
    (else any kind), so a quote's link marks exactly the quote.
    """

    def cite(article_id: str, start: int) -> str:
        end = ends.get((kind, article_id, start), ends.get(("*", article_id, start)))
        return article_url(article_id, start, end)

    return cite


def render_sections(env: Environment, story: Story, labels: dict[str, str],
                    ends: dict[tuple[str, str, int], int]) -> list[tuple[str, str, Markup]]:
    """(kind, title, html) for every non-empty section, each rendered by the report's template for it."""
    out = []
    for kind, title in SECTION_TITLES.items():
        items: list[Any] = getattr(story, kind)
        if not items:
            continue
        template = env.select_template([f"sections/{kind}.html.j2", "sections/_generic.html.j2"])
        # The template autoescapes every value it prints; the result is HTML we made, hence Markup.
        html = Markup(template.render(story=story, items=items, labels=labels, cite=cite_for(kind, ends)))
        out.append((kind, title, html))
    return out
