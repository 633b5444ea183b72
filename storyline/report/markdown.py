"""dossier.md: the dossier as Markdown, for reading in a terminal or pasting into notes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..claims.compare import as_update
from ..model import CitedSource, Claim, Conflict, Copy, Dossier, Entity, Quote, Story, SummarySentence, TimelineEntry
from .view import content_dating, date_range, names, story_articles

SECTION_TITLES = {
    "summary": "Summary", "timeline": "Timeline", "quotes": "Who said what",
    "conflicts": "Figures the outlets compare", "claims": "Figures", "entities": "Entities", "cited_sources": "Sources",
    "copies": "Copied passages",
}


# Characters that start Markdown or inline HTML anywhere in a line: code, emphasis, links and
# images, raw HTML, autolinks and entities, table cells, strikethrough, attribute blocks.
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]<>#|~&]")
_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")  # a list, a setext line, an ordered list


def _md(text: object) -> str:
    """Article-derived text as literal Markdown text, on one line: every character that could make
    an element (HTML, a link, an image, emphasis, code, a cell break) is backslash-escaped, and
    bare URLs and addresses are broken up so autolinking renderers (GFM) leave them as text."""
    flat = _MD_SPECIAL.sub(lambda m: "\\" + m.group(), " ".join(str(text).split()))
    flat = _LINE_START.sub(lambda m: m.group() + "\\" if m.group()[0].isdigit() else "\\" + m.group(), flat)
    flat = re.sub(r":(?=//)", "\\:", flat)  # https://...
    flat = re.sub(r"(?i)\b(www)\.", r"\1\\.", flat)  # www....
    return flat.replace("@", "\\@")  # someone@example.org


def _sources(article_ids: Iterable[str], labels: dict[str, str]) -> str:
    seen = list(dict.fromkeys(labels.get(i, i) for i in article_ids if i))
    return "; ".join(_md(s) for s in seen)


def _entity_line(e: Entity) -> str:
    aliases = [a for a in e.aliases if a != e.name]
    roles = f" — {_md('; '.join(e.roles))}" if e.roles else ""
    also = f" (also: {_md('; '.join(aliases[:8]))})" if aliases else ""
    return f"**{_md(e.name)}** \\[{_md(e.type)}, {e.articles} articles\\]{also}{roles}"


def _quote_line(q: Quote, labels: dict[str, str], names: dict[str, str]) -> str:
    who = names.get(q.speaker_entity_id or "") or q.speaker_text or "unnamed"
    text = f"“{_md(q.text)}”" if q.kind == "direct" else f"{_md(q.text)} (reported)"
    return f"**{_md(who)}**: {text} — {_sources([q.article_id, *(e.article_id for e in q.also_in)], labels)}"


def _conflict_line(k: Conflict, labels: dict[str, str], names: dict[str, str],
                   claims: dict[str, Claim] | None = None, published: dict[str, str | None] | None = None) -> str:
    """One comparison: each side with who states it, its outlets and (given the claims) the span it
    was read from; a discrepancy that is a count rising over time reads "3, later 5"."""
    spans: dict[tuple[str, float, str], str] = {}
    for cid in k.claim_ids:
        c = (claims or {}).get(cid)
        if c is not None:
            spans.setdefault((c.article_id, c.value, c.qualifier), c.text)
    update = as_update(k, published or {})
    ordered = [v for v, _ in update] if update else k.values
    sides = []
    for v in ordered:
        who = names.get(v.speaker_entity_id or "") or (v.speaker_text or "a quoted speaker" if v.quoted else "")
        outlets = ", ".join(_md(labels.get(a, a)) + (f": “{_md(spans[(a, v.value, v.qualifier)])}”"
                                                      if (a, v.value, v.qualifier) in spans else "")
                            for a in v.article_ids)
        figure = f"{'' if v.qualifier == 'exact' else v.qualifier + ' '}{v.value:,g}"
        sides.append(f"{_md(figure)} ({_md(who) + ' in ' if who else ''}{outlets})")
    fit = "" if k.compatible is None else ("; can all be true" if k.compatible else "; cannot all be true")
    if update:
        when = ", later ".join(f"{v.value:,g} ({_md(date)})" for v, date in update)
        return f"**{_md(k.subject)}** — update, a count rising over time: {when}: " + ", later ".join(sides)
    return f"**{_md(k.subject)}** — {_md(k.kind)}{fit}: " + " vs ".join(sides)


def _conflict_section(story: Story, labels: dict[str, str], names: dict[str, str],
                      published: dict[str, str | None]) -> list[str]:
    """Contradictions and discrepancies between outlets first, each with both spans; agreements after."""
    claims = {c.id: c for c in story.claims}
    differ = [k for k in story.conflicts if k.kind != "agreement"]
    agree = [k for k in story.conflicts if k.kind == "agreement"]
    out = ["- " + _conflict_line(k, labels, names, claims, published) for k in differ]
    if agree:
        out += ["", f"Agreements ({len(agree)}):", ""]
        out += ["- " + _conflict_line(k, labels, names, claims, published) for k in agree]
    return out


def _timeline_line(t: TimelineEntry, labels: dict[str, str]) -> str:
    when = t.date or f"undated ({t.date_text})"
    planned = ""
    if t.planned_in and t.status == "happened":
        n, n_outlets = len(t.planned_in), len({e.article_id for e in t.planned_in})
        planned = f"; planned in {n} report{'s' if n != 1 else ''} from {n_outlets} outlet{'s' if n_outlets != 1 else ''}"
    differ = f"; outlets differ: {_md(', '.join(t.date_conflicts))}" if t.date_conflicts else ""
    return (f"**{_md(when)}** ({_md(t.precision)}, {_md(t.status)}{planned}{differ}) {_md(t.text)} — "
            f"{_sources((e.article_id for e in t.evidence), labels)}")


def _copy_line(c: Copy, labels: dict[str, str]) -> str:
    """The copy, then each passage's two sides as text (nested list lines, escaped)."""
    arrow = "↔" if c.direction == "unknown" else "→"
    a, b = _md(labels.get(c.from_article_id, c.from_article_id)), _md(labels.get(c.to_article_id, c.to_article_id))
    how = " (order from content dates)" if c.ordered_by == "content" else ""
    lines = [f"{a} {arrow} {b}{how}: {_md(c.kind)}, {len(c.passages)} passage(s), similarity {c.similarity:.2f}"]
    for n, p in enumerate(c.passages, 1):
        lines += [f"  - passage {n} (similarity {p.similarity:.2f})",
                  f"    - {a}: “{_md(p.from_span.text)}”", f"    - {b}: “{_md(p.to_span.text)}”"]
    return "\n".join(lines)


def _cited_line(c: CitedSource, labels: dict[str, str]) -> str:
    whole = " — source of the whole article" if c.whole_article else ""
    return f"**{_md(c.name)}** ({_md(c.kind)}) in {_md(labels.get(c.article_id, c.article_id))}: “{_md(c.text)}”{whole}"


def _claim_line(c: Claim, labels: dict[str, str], names: dict[str, str]) -> str:
    who = names.get(c.speaker_entity_id or "") or (c.speaker_text or "quoted speaker" if c.quoted else "outlet")
    figure = f"{'' if c.qualifier == 'exact' else c.qualifier + ' '}{c.value:,g}{' ' + c.unit if c.unit else ''}"
    return f"{_md(c.subject)}: **{_md(figure)}** — {_md(labels.get(c.article_id, c.article_id))} ({_md(who)}): “{_md(c.text)}”"


def _summary_line(s: SummarySentence, labels: dict[str, str]) -> str:
    """The sentence, its status, its outlet, then each outlet supporting it with why."""
    status = f" ({_md(s.status)})" if s.status else ""
    if not s.support:
        src = _sources((e.article_id for e in s.evidence), labels)
        return f"{_md(s.text)}{status}" + (f" — {src}" if src else "")
    own = _md(labels.get(s.evidence[0].article_id, s.evidence[0].article_id)) if s.evidence else ""
    why = [f"{_md(labels.get(p.article_id, p.article_id))} ({_md(p.basis)}, similarity {p.similarity:.2f}"
           + (f", {_md(p.status)})" if p.status else ")") for p in s.support]
    return f"{_md(s.text)}{status} — " + "; ".join([own, *why])


def _line(item: object, labels: dict[str, str], names: dict[str, str]) -> str:
    """One item as a Markdown list line, with who and where."""
    match item:
        case Entity():
            return _entity_line(item)
        case Quote():
            return _quote_line(item, labels, names)
        case Conflict():
            return _conflict_line(item, labels, names)
        case TimelineEntry():
            return _timeline_line(item, labels)
        case Copy():
            return _copy_line(item, labels)
        case CitedSource():
            return _cited_line(item, labels)
        case Claim():
            return _claim_line(item, labels, names)
        case SummarySentence():
            return _summary_line(item, labels)
    raise TypeError(f"no Markdown line for {type(item).__name__}")


def _story_index(dossier: Dossier) -> list[str]:
    """The stories at the top, numbered as their headings are ("Story 3: ..."), so a reader finds
    one by its number in any viewer (links to headings depend on each renderer's slugs)."""
    by_id = {a.id: a for a in dossier.articles}
    out = [f"{len(dossier.stories)} stories:", ""]
    for n, story in enumerate(dossier.stories, 1):
        arts = [by_id[i] for i in story.article_ids if i in by_id]
        dates = date_range([a.published for a in arts], len(story.dating))
        out.append(f"- Story {n}: {_md(story.title)} — {len(arts)} articles, {_md(dates)}")
    return out + [""]


def render_markdown(dossier: Dossier) -> str:
    out: list[str] = _story_index(dossier) if len(dossier.stories) > 1 else []
    labels = {a.id: a.label for a in dossier.articles}
    published = {a.id: a.published for a in dossier.articles}
    many = len(dossier.stories) > 1
    for n, story in enumerate(dossier.stories, 1):
        arts = story_articles(dossier, story)
        placed = content_dating(story)
        sources, dates = len({a.label for a in arts}), date_range([a.published for a in arts], len(placed))
        out += [f"# {f'Story {n}: ' if many else ''}{_md(story.title)}", "", f"{len(arts)} articles from {sources} sources, {_md(dates)}.", ""]
        out += ["## Articles", "", "| # | Source | Published | Author | Title | Removed |", "|---|---|---|---|---|---|"]
        for n, a in enumerate(arts, 1):
            pub = f"{a.published} ({a.published_source})" if a.published else "unknown"
            if a.id in placed:
                pub += f"; {placed[a.id]['label']} (by its content)"
            removed = ", ".join(f"{r} ×{c}" for r, c in Counter(r.reason for r in a.removed).items()) or "—"
            out.append(
                f"| {n} | {_md(a.label)} | {_md(pub)} | {_md(a.author or '—')} | {_md(a.title or a.extra.get('opening', '—'))} | {_md(removed)} |"
            )
        out.append("")
        who = {e.id: e.name for e in story.entities}  # once per story, not per section
        for kind in SECTION_TITLES:
            items = getattr(story, kind)
            if not items:
                continue
            out += [f"## {SECTION_TITLES[kind]}", ""]
            if kind == "conflicts":
                out += _conflict_section(story, labels, who, published) + [""]
                continue
            for item in items:
                out.append("- " + _line(item, labels, who))
            out.append("")
        rows = names(arts, limit=25) if not story.entities else []
        if rows:
            out += ["## Names mentioned", "", "| Name | Type | Mentions | Articles |", "|---|---|---|---|"]
            for r in rows:
                out.append(f"| {_md(r.text)} | {_md(r.label)} | {r.count} | {len(r.places)} |")
            out.append("")
    if dossier.skipped:
        out += ["## Skipped inputs", "", "| File | Why |", "|---|---|"]
        out += [f"| {_md(s.source_path)} | {_md(s.error)} |" for s in dossier.skipped]
        out.append("")
    return "\n".join(out) + "\n"
