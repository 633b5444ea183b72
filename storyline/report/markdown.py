"""dossier.md: the dossier as Markdown, for reading in a terminal or pasting into notes."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, is_dataclass

from ..model import Dossier
from .view import date_range, names, story_articles

SECTION_TITLES = {
    "summary": "Summary", "timeline": "Timeline", "quotes": "Who said what", "claims": "Figures",
    "conflicts": "Conflicting figures", "entities": "Entities", "cited_sources": "Cited sources",
    "copies": "Copied passages",
}


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or list item."""
    return " ".join(str(text).split()).replace("|", "\\|")


def render_markdown(dossier: Dossier) -> str:
    out: list[str] = []
    labels = {a.id: a.label for a in dossier.articles}
    for story in dossier.stories:
        arts = story_articles(dossier, story)
        out += [f"# {_md(story.title)}", "", f"{len(arts)} articles from {len({a.label for a in arts})} sources, {date_range(arts)}.", ""]
        out += ["## Articles", "", "| # | Source | Published | Author | Title | Removed |", "|---|---|---|---|---|---|"]
        for n, a in enumerate(arts, 1):
            pub = f"{a.published} ({a.published_source})" if a.published else "unknown"
            removed = ", ".join(f"{r} ×{c}" for r, c in Counter(r.reason for r in a.removed).items()) or "—"
            out.append(
                f"| {n} | {_md(a.label)} | {pub} | {_md(a.author or '—')} | {_md(a.title or a.extra.get('opening', '—'))} | {_md(removed)} |"
            )
        out.append("")
        for kind in SECTION_TITLES:
            items = getattr(story, kind)
            if not items:
                continue
            out += [f"## {SECTION_TITLES[kind]}", ""]
            for item in items:
                d = asdict(item) if is_dataclass(item) else item
                text = d.get("text") or d.get("name") or d.get("subject") or ""
                where = d.get("article_id")
                src = f" — {_md(labels.get(where, where))}" if where else ""
                out.append(f"- {_md(text)}{src}")
            out.append("")
        rows = names(arts, limit=25)
        if rows and not story.entities:
            out += ["## Names mentioned", "", "| Name | Type | Mentions | Articles |", "|---|---|---|---|"]
            for r in rows:
                out.append(f"| {_md(r.text)} | {r.label} | {r.count} | {len(r.places)} |")
            out.append("")
    if dossier.skipped:
        out += ["## Skipped inputs", "", "| File | Why |", "|---|---|"]
        out += [f"| {_md(s.source_path)} | {_md(s.error)} |" for s in dossier.skipped]
        out.append("")
    return "\n".join(out) + "\n"
