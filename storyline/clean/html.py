"""HTML pages: main text and metadata from trafilatura, aligned back onto the page's full text.

raw_text of an HTML article is the page's visible text, one block element a line, so that
what trafilatura left out (navigation, cookie banners, related links, footers) appears in
``removed`` like any other junk, with offsets a reader can follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree

from ..model import Removed, Segment
from .offsets import Line

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "title", "button",
}
INVISIBLE_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
ALIGN_WINDOW = 4000  # where to look first for the next main-text line in the page text
ANCHOR_WORDS = 6  # opening words that pin a main-text line to its place in the page
WORD_REACH = 40  # within a line, the next word sits just after the previous one


class HtmlError(ValueError):
    """A page with no readable text."""


@dataclass(slots=True)
class HtmlMain:
    page_text: str  # the article's raw_text
    lines: list[Line]  # main text lines aligned onto page_text
    boilerplate: list[Removed]
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    url: str | None


def page_text(html: str) -> str:
    """All visible text of a page, a line per block element, whitespace inside lines collapsed."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise HtmlError(f"unparseable HTML: {exc}") from None
    chunks: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in INVISIBLE_TAGS:
            if el.tail:
                chunks.append(el.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            chunks.append("\n")
        if el.text and tag:
            chunks.append(el.text)
        for child in el:
            walk(child)
        if block:
            chunks.append("\n")
        if el.tail:
            chunks.append(el.tail)

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(chunks).split("\n"))
    return "\n".join(line for line in lines if line)


def align(main_text: str, page: str) -> list[Line]:
    """Map each line of ``main_text`` onto ``page`` word by word, in order.

    Each line is first anchored by its opening words (so one stray match cannot pull the
    cursor far ahead), then its words are matched close to each other. A word trafilatura
    added (a list bullet, say) maps to a zero-length raw stretch.
    """
    lines: list[Line] = []
    cursor = 0
    for text in main_text.split("\n"):
        cursor = _anchor_line(text, page, cursor)
        segments: list[Segment] = []
        pos = 0
        prev_raw_end: int | None = None
        for word in text.split():
            off = text.index(word, pos)
            reach = WORD_REACH if any(c.isalnum() for c in word) else 2
            found = page.find(word, cursor, cursor + len(word) + reach)
            if off > pos and prev_raw_end is not None:  # the whitespace between two words
                raw_gap = (found if found >= 0 else cursor) - prev_raw_end
                segments.append(Segment(pos, off - pos, prev_raw_end, max(0, raw_gap)))
            if found >= 0:
                segments.append(Segment(off, len(word), found, len(word)))
                cursor = found + len(word)
            else:
                segments.append(Segment(off, len(word), cursor, 0))
            prev_raw_end = cursor
            pos = off + len(word)
        lines.append(Line(text, segments) if segments else Line("", [Segment(0, 0, cursor, 0)]))
    return lines


def _anchor_line(text: str, page: str, cursor: int) -> int:
    """Where in ``page`` (at or after ``cursor``) the line's opening words stand; else ``cursor``."""
    words = text.split()[:ANCHOR_WORDS]
    if not any(c.isalnum() for w in words for c in w):
        return cursor
    # trafilatura may prefix a marker the page lacks ("- " before list items): try without it too
    for opening in (words, words[1:]):
        if not opening:
            continue
        pattern = re.compile(r"\s+".join(re.escape(w) for w in opening))
        m = pattern.search(page, cursor, cursor + ALIGN_WINDOW) or pattern.search(page, cursor)
        if m:
            return m.start()
    return cursor


def uncovered(page: str, lines: list[Line], reason: str) -> list[Removed]:
    """Page lines (or parts) that no main-text word came from."""
    covered = bytearray(len(page))
    for line in lines:
        for seg in line.segments:
            if seg.clean_len == seg.raw_len:
                covered[seg.raw_start : seg.raw_start + seg.raw_len] = b"\x01" * seg.raw_len
    out: list[Removed] = []
    start = None
    for i, ch in enumerate(page + "\n"):
        gap = i < len(page) and not covered[i] and ch != "\n"
        if gap and start is None:
            start = i
        elif not gap and start is not None:
            chunk = page[start:i]
            if chunk.strip() and any(c.isalnum() for c in chunk):
                lead = len(chunk) - len(chunk.lstrip())
                out.append(Removed(start + lead, start + len(chunk.rstrip()), chunk.strip(), reason))
            start = None
    return out


def extract_main(html: str, *, url: str | None = None) -> HtmlMain:
    """Main text and metadata of a page with trafilatura, aligned onto the page text."""
    page = page_text(html)
    if not page.strip():
        raise HtmlError("HTML page has no visible text")
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    main = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not main:
        raise HtmlError("no article text found in HTML page")
    lines = align(main, page)
    return HtmlMain(
        page_text=page,
        lines=lines,
        boilerplate=uncovered(page, lines, "boilerplate (not main text)"),
        title=getattr(doc, "title", None) or None,
        outlet=getattr(doc, "sitename", None) or None,
        author=getattr(doc, "author", None) or None,
        published=getattr(doc, "date", None) or None,
        url=getattr(doc, "url", None) or url,
    )
