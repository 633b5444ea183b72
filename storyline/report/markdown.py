"""dossier.md: the dossier as Markdown, for reading in a terminal or pasting into notes."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, is_dataclass
from typing import Any

from ..model import Dossier
from .view import content_dating, date_range, names, story_articles

SECTION_TITLES = {
    "summary": "Summary", "timeline": "Timeline", "quotes": "Who said what", "claims": "Figures",
    "conflicts": "Conflicting figures", "entities": "Entities", "cited_sources": "Sources",
    "copies": "Copied passages",
}


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or list item."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _plain(item: Any) -> Any:
    return asdict(item) if is_dataclass(item) and not isinstance(item, type) else item


def _sources(d: dict, labels: dict[str, str]) -> str:
    ids = [d.get("article_id")] + [e["article_id"] for e in d.get("also_in", []) + d.get("evidence", [])]
    seen = list(dict.fromkeys(labels.get(i, i) for i in ids if i))
    return "; ".join(_md(s) for s in seen)


def _line(kind: str, d: dict, labels: dict[str, str], names: dict[str, str]) -> str:
    """One item as a Markdown list line, with who and where."""
    if kind == "entities":
        aliases = [a for a in d.get("aliases", []) if a != d["name"]]
        roles = f" — {_md('; '.join(d['roles']))}" if d.get("roles") else ""
        also = f" (also: {_md('; '.join(aliases[:8]))})" if aliases else ""
        return f"**{_md(d['name'])}** [{d['type']}, {d.get('articles', 0)} articles]{also}{roles}"
    if kind == "quotes":
        who = names.get(d.get("speaker_entity_id") or "") or d.get("speaker_text") or "unnamed"
        text = f"“{_md(d['text'])}”" if d["kind"] == "direct" else f"{_md(d['text'])} (reported)"
        return f"**{_md(who)}**: {text} — {_sources(d, labels)}"
    if kind == "conflicts":
        sides = []
        for v in d["values"]:
            who = names.get(v.get("speaker_entity_id") or "") or (v.get("speaker_text") or "a quoted speaker" if v.get("quoted") else "")
            outlets = ", ".join(_md(labels.get(a, a)) for a in v["article_ids"])
            figure = f"{'' if v['qualifier'] == 'exact' else v['qualifier'] + ' '}{v['value']:,g}"
            sides.append(f"{figure} ({who + ' in ' if who else ''}{outlets})")
        fit = "" if d.get("compatible") is None else ("; can all be true" if d["compatible"] else "; cannot all be true")
        return f"**{_md(d['subject'])}** — {d['kind']}{fit}: " + " vs ".join(sides)
    if kind == "timeline":
        when = d.get("date") or f"undated ({d.get('date_text', '')})"
        planned = ""
        if d.get("planned_in") and d["status"] == "happened":
            n, n_outlets = len(d["planned_in"]), len({e["article_id"] for e in d["planned_in"]})
            planned = f"; planned in {n} report{'s' if n != 1 else ''} from {n_outlets} outlet{'s' if n_outlets != 1 else ''}"
        differ = f"; outlets differ: {', '.join(d['date_conflicts'])}" if d.get("date_conflicts") else ""
        return f"**{when}** ({d['precision']}, {d['status']}{planned}{differ}) {_md(d['text'])} — {_sources(d, labels)}"
    if kind == "copies":
        arrow = "↔" if d["direction"] == "unknown" else "→"
        a, b = _md(labels.get(d["from_article_id"], d["from_article_id"])), _md(labels.get(d["to_article_id"], d["to_article_id"]))
        how = " (order from content dates)" if d.get("ordered_by") == "content" else ""
        return f"{a} {arrow} {b}{how}: {d['kind']}, {len(d['passages'])} passage(s), similarity {d['similarity']:.2f}"
    if kind == "cited_sources":
        whole = " — source of the whole article" if d.get("whole_article") else ""
        return f"**{_md(d['name'])}** ({d['kind']}) in {_md(labels.get(d['article_id'], d['article_id']))}: “{_md(d['text'])}”{whole}"
    if kind == "claims":
        who = names.get(d.get("speaker_entity_id") or "") or (d.get("speaker_text") or "quoted speaker" if d.get("quoted") else "outlet")
        figure = f"{'' if d['qualifier'] == 'exact' else d['qualifier'] + ' '}{d['value']:,g}{' ' + d['unit'] if d.get('unit') else ''}"
        return f"{_md(d['subject'])}: **{figure}** — {_md(labels.get(d['article_id'], d['article_id']))} ({_md(who)}): “{_md(d['text'])}”"
    text = d.get("text") or d.get("name") or d.get("subject") or ""
    src = _sources(d, labels)
    return f"{_md(text)}" + (f" — {src}" if src else "")


def render_markdown(dossier: Dossier) -> str:
    out: list[str] = []
    labels = {a.id: a.label for a in dossier.articles}
    for story in dossier.stories:
        arts = story_articles(dossier, story)
        placed = content_dating(story)
        sources, dates = len({a.label for a in arts}), date_range([a.published for a in arts], len(placed))
        out += [f"# {_md(story.title)}", "", f"{len(arts)} articles from {sources} sources, {dates}.", ""]
        out += ["## Articles", "", "| # | Source | Published | Author | Title | Removed |", "|---|---|---|---|---|---|"]
        for n, a in enumerate(arts, 1):
            pub = f"{a.published} ({a.published_source})" if a.published else "unknown"
            if a.id in placed:
                pub += f"; {placed[a.id]['label']} (by its content)"
            removed = ", ".join(f"{r} ×{c}" for r, c in Counter(r.reason for r in a.removed).items()) or "—"
            out.append(
                f"| {n} | {_md(a.label)} | {pub} | {_md(a.author or '—')} | {_md(a.title or a.extra.get('opening', '—'))} | {_md(removed)} |"
            )
        out.append("")
        who = {e["id"]: e["name"] for e in map(_plain, story.entities)}  # once per story, not per section
        for kind in SECTION_TITLES:
            items = getattr(story, kind)
            if not items:
                continue
            out += [f"## {SECTION_TITLES[kind]}", ""]
            for item in items:
                out.append("- " + _line(kind, _plain(item), labels, who))
            out.append("")
        rows = names(arts, limit=25) if not story.entities else []
        if rows:
            out += ["## Names mentioned", "", "| Name | Type | Mentions | Articles |", "|---|---|---|---|"]
            for r in rows:
                out.append(f"| {_md(r.text)} | {r.label} | {r.count} | {len(r.places)} |")
            out.append("")
    if dossier.skipped:
        out += ["## Skipped inputs", "", "| File | Why |", "|---|---|"]
        out += [f"| {_md(s.source_path)} | {_md(s.error)} |" for s in dossier.skipped]
        out.append("")
    return "\n".join(out) + "\n"
