"""Clean plain text: drop page furniture line by line, read the header, rejoin hard-wrapped lines.

Nothing is lost: every dropped line is recorded with its reason and raw offsets, and the
clean text keeps a map back to raw_text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import OffsetMap, Removed
from ..settings import CleanSettings
from .junk import ends_sentence, is_list_item, is_stray_tag, is_title_like, line_junk_reason
from .lines import mark_outside, mark_page_top
from .meta import PageCues, byline_name, dateline_date, is_masthead, masthead_name, page_cues, url_line
from .offsets import Line, TextBuilder
from .repeats import line_key

# Reasons that mark a cluster of page furniture around a photo or a teaser: a title-like line
# next to one of them is another article's headline, not a subheading of this one.
FURNITURE = {"photo-credit", "repeated-headline", "related", "social-embed", "sponsor"}


@dataclass(slots=True)
class CleanText:
    """Result of cleaning: the text, its map to raw, what was removed, and metadata the text stated."""

    text: str
    offset_map: OffsetMap
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None  # a URL line at the top of the page (scrapers save it first)


def split_lines(raw: str) -> list[Line]:
    """raw_text as lines, each knowing its raw offsets (newlines excluded)."""
    lines: list[Line] = []
    pos = 0
    for piece in raw.split("\n"):
        lines.append(Line.from_raw(pos, piece))
        pos += len(piece) + 1
    return lines


DEFAULTS = CleanSettings()


def clean_plain_text(raw: str, *, find_header: bool = True, settings: CleanSettings = DEFAULTS,
                     repeated: frozenset[str] = frozenset()) -> CleanText:
    """Clean scraped plain text (see module docstring): the article is found among the page's lines.
    ``repeated`` are the line keys the build found across many inputs (storyline.clean.repeats)."""
    return clean_lines(split_lines(raw), find_header=find_header, find_article=True, settings=settings,
                       repeated=repeated)


def clean_lines(lines: list[Line], *, find_header: bool = True, find_article: bool = False,
                settings: CleanSettings = DEFAULTS, repeated: frozenset[str] = frozenset()) -> CleanText:
    """Clean source lines that already know their raw offsets (plain text, or HTML main text).

    With ``find_article`` the lines are a whole page (plain text): the article block is found and
    what lies around it is removed (storyline.clean.lines). HTML main text is already the article."""
    lines = [line.stripped() for line in lines]
    texts = [line.text for line in lines]
    reasons: list[str | None] = [line_junk_reason(t, settings.junk_max_line) for t in texts]
    for i, text in enumerate(texts):  # boilerplate seen on many other pages of the site or folder
        if repeated and text and not reasons[i] and len(text) <= settings.repeat_max_chars and line_key(text) in repeated:
            reasons[i] = "repeated-boilerplate"
    result = CleanText("", OffsetMap())
    width = wrap_width([t for t, r in zip(texts, reasons) if not r], settings.wrap_max_width)
    if find_article:
        mark_page_top(texts, reasons, width is not None, settings)
    headline_index = _read_header(texts, reasons, result, width, settings) if find_header else None
    _mark_context_junk(texts, reasons, headline_index, width, settings)
    if find_article:
        cues = page_cues(texts, settings.header_lines)

        def read_head(start: int, end: int) -> None:
            _read_block_head(texts, reasons, result, start, end, cues, settings)

        headline_index = mark_outside(texts, reasons, headline_index, width is not None, settings, read_head)

    removed = [
        Removed(line.raw_start, line.raw_end, line.text, reason)
        for line, reason in zip(lines, reasons)
        if reason and line.text
    ]
    kept = [(line, reason) for line, reason in zip(lines, reasons)]
    result.text, result.offset_map = _assemble(kept, settings.wrap_max_width)
    result.removed = removed
    if headline_index is not None and result.title is None:
        result.title = texts[headline_index]
    return result


def _next_content(texts: list[str], reasons: list[str | None], i: int) -> int | None:
    for j in range(i + 1, len(texts)):
        if texts[j] and not reasons[j]:
            return j
    return None


def _read_header(texts: list[str], reasons: list[str | None], result: CleanText, width: int | None,
                 settings: CleanSettings) -> int | None:
    """Mark masthead, dateline and byline above the headline; return the headline's index.

    The headline is the first line that is neither junk nor header metadata. When that line is
    the start of a hard-wrapped paragraph (it does not end a sentence and runs on), there is no
    headline and None is returned.
    """
    first = True
    cues = page_cues(texts, settings.header_lines)  # for a numeric dateline whose day/month order the page must decide
    for i, text in enumerate(texts[: settings.header_lines]):
        if not text:
            continue
        url = url_line(text) if not reasons[i] else None
        if url:
            reasons[i] = "url"
            result.url = result.url or url
            continue
        date = dateline_date(text, cues, settings) if reasons[i] in (None, "number", "separator") else None
        if reasons[i] and not date:
            first = False
            continue
        if date:  # the first dateline is the publication; a later one ("UPDATED: ...") is header too
            reasons[i], result.published = "dateline", result.published or date
            first = False
            continue
        nxt = _next_content(texts, reasons, i)
        if first and nxt is not None and is_masthead(text):
            reasons[i], result.outlet = "masthead", masthead_name(text)
            first = False
            continue
        name = byline_name(text)
        if name and nxt is not None and (text.lower().startswith("by ") or is_title_like(texts[nxt])):
            reasons[i], result.author = "byline", name
            first = False
            continue
        if nxt == i + 1 and not ends_sentence(text) and _runs_on(text, texts[nxt], width):
            return None  # opens straight into a wrapped paragraph: there is no headline line
        _read_after_headline(texts, reasons, result, i, cues, settings)
        return i
    return None


def _read_after_headline(texts: list[str], reasons: list[str | None], result: CleanText, headline: int,
                         cues: PageCues, settings: CleanSettings) -> None:
    """A dateline (or the page's URL) printed under the headline, or under a standfirst; the
    datelines that follow one ("PUBLISHED: ..." then "UPDATED: ...") are header too."""
    seen = 0
    after_dateline = False
    for j in range(headline + 1, min(len(texts), settings.header_lines)):
        text = texts[j]
        if not text or reasons[j] not in (None, "number", "separator"):
            continue
        seen += 1
        if seen > settings.after_headline_lines and not after_dateline:
            return
        url = url_line(text)
        if url:
            reasons[j] = "url"
            result.url = result.url or url
            continue
        date = dateline_date(text, cues, settings)
        after_dateline = bool(date)
        if date:
            reasons[j], result.published = "dateline", result.published or date


BY_LINE = re.compile(r"^by\s+\S", re.I)


def _read_block_head(texts: list[str], reasons: list[str | None], result: CleanText, start: int, end: int,
                     cues: PageCues, settings: CleanSettings) -> None:
    """The lines between the article's headline and its first paragraph: a lone dateline there is the
    header's ("11 Jan 2019", "Published: ..."), and so is a byline ("By Jane Roe", "By Staff Writer").
    Each is read as the header reading reads it (the first date is the publication) and removed."""
    for i in range(start, end):
        text = texts[i]
        if not text or reasons[i]:
            continue
        date = dateline_date(text, cues, settings)
        if date:
            reasons[i], result.published = "dateline", result.published or date
        elif BY_LINE.match(text) and len(text.split()) <= 10 and not ends_sentence(text):
            reasons[i] = "byline"
            result.author = result.author or byline_name(text)


def _mark_context_junk(texts: list[str], reasons: list[str | None], headline: int | None, width: int | None,
                       settings: CleanSettings) -> None:
    """Rules that need neighbours: repeated headline, embedded post text, teaser headlines, stray tags."""
    if headline is not None:
        key = _norm(texts[headline])
        for i in range(headline + 1, len(texts)):
            if texts[i] and not reasons[i] and _norm(texts[i]) == key:
                reasons[i] = "repeated-headline"
    for i, text in enumerate(texts):
        if reasons[i] == "social-embed" and text[:1] in "—–-":
            j = _prev_nonblank(texts, i)
            if j is not None and not reasons[j] and j != headline and len(texts[j]) <= 300:
                reasons[j] = "social-embed"  # the embedded post's own text, just above its credit line
    _mark_link_boxes(texts, reasons, headline, settings.teaser_max_chars)
    _mark_doubled_teasers(texts, reasons, headline, settings.doubled_within_lines)
    blank_separated = sum(1 for t in texts if not t) >= 2
    for i, text in enumerate(texts):
        if not text or reasons[i] or i == headline:
            continue
        neighbours = [k for k in (_prev_nonblank(texts, i), _next_nonblank(texts, i)) if k is not None]
        standalone = i + 1 >= len(texts) or not texts[i + 1] or reasons[i + 1]
        if standalone and is_title_like(text) and any(reasons[k] in FURNITURE for k in neighbours):
            reasons[i] = "related-headline"
        elif blank_separated and not (width and len(text) >= 0.6 * width) and _is_wedged_teaser(texts, reasons, i, headline):
            reasons[i] = "related-headline"
        elif is_stray_tag(text) and not is_list_item(text):
            prev = _prev_nonblank(texts, i)
            if prev is None or ends_sentence(texts[prev]) or reasons[prev]:
                reasons[i] = "stray-tag"


BOX_HEADINGS = {"section-heading"}  # the heading of a box of links ("Most Popular", "Related Articles")
BOX_SKIPS = {"number", "separator", "stray-tag", "photo-credit", "navigation", "sponsor"}  # furniture a box of links holds


def _mark_link_boxes(texts: list[str], reasons: list[str | None], headline: int | None, teaser_max_chars: int) -> None:
    """Under the heading of a box of links, the run of headline-shaped lines that follows is the box's
    teasers (other articles' headlines: whole lines ending without a full stop), up to the first sentence."""
    for i, reason in enumerate(reasons):
        if reason not in BOX_HEADINGS:
            continue
        for j in range(i + 1, len(texts)):
            text = texts[j]
            if not text or reasons[j] in BOX_SKIPS or reasons[j] == "related-headline":
                continue
            if reasons[j] or j == headline or len(text) > teaser_max_chars or text.endswith(".") \
                    and not text.endswith("...") or is_list_item(text) or not (text[0].isupper() or text[0] in "\"“'‘") \
                    or j + 1 < len(texts) and texts[j + 1] and not reasons[j + 1]:  # a wrapped paragraph's first line
                break
            reasons[j] = "related-headline"


def _mark_doubled_teasers(texts: list[str], reasons: list[str | None], headline: int | None, within: int) -> None:
    """A headline-shaped line printed twice a few lines apart (the link of a teaser's picture, then of its
    title) is another article's teaser: both go as 'related-headline'. The page's own headline is not one."""
    seen: dict[str, int] = {}
    nonblank = [i for i, t in enumerate(texts) if t]
    for pos, i in enumerate(nonblank):
        text = texts[i]
        if reasons[i] or i == headline or not is_title_like(text):
            continue
        key = _norm(text)
        j = seen.get(key)
        if j is not None and pos - j <= within and (headline is None or key != _norm(texts[headline])):
            reasons[nonblank[j]] = reasons[i] = "related-headline"
        seen[key] = pos


def _is_wedged_teaser(texts: list[str], reasons: list[str | None], i: int, headline: int | None) -> bool:
    """Another article's headline pasted between two sentences of prose, with no blank line around it.

    Only in text whose paragraphs are otherwise separated by blank lines; a subheading has a
    blank line above it, a teaser link scraped into the body does not.
    """
    if i == 0 or i + 1 >= len(texts) or i - 1 == headline:
        return False
    before, after = texts[i - 1], texts[i + 1]
    return (
        bool(before and after)
        and not reasons[i - 1]
        and not reasons[i + 1]
        and ends_sentence(before)
        and len(texts[i].split()) >= 6
        and is_title_like(texts[i])
        and not is_title_like(after)
    )


def _prev_nonblank(texts: list[str], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if texts[j]:
            return j
    return None


def _next_nonblank(texts: list[str], i: int) -> int | None:
    for j in range(i + 1, len(texts)):
        if texts[j]:
            return j
    return None


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def wrap_width(lines: list[str], max_width: int = DEFAULTS.wrap_max_width) -> int | None:
    """The fixed line width of hard-wrapped text (PDF copy), or None if lines are not wrapped.

    Wrapped text has most lines close to one width and many of them stop mid-sentence.
    """
    lengths = sorted(len(t) for t in lines if t)
    if len(lengths) < 6:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > max_width or width < 30:
        return None
    full_open = sum(1 for t in lines if t and len(t) >= 0.75 * width and not ends_sentence(t))
    return width if full_open >= 0.3 * len(lengths) else None


def _assemble(lines: list[tuple[Line, str | None]], wrap_max_width: int) -> tuple[str, OffsetMap]:
    """Concatenate kept lines: hard-wrapped lines join into paragraphs, blocks are separated by blank lines."""
    width = wrap_width([line.text for line, reason in lines if not reason], wrap_max_width)
    builder = TextBuilder()
    prev: Line | None = None
    gap_blank = False  # a blank line (or only junk) lies between prev and the current line
    for line, reason in lines:
        if reason:
            continue
        if not line.text:
            gap_blank = True
            continue
        if prev is not None:
            gap_start, gap_len = prev.raw_end, line.raw_start - prev.raw_end
            if not gap_blank and width and _continues(prev.text, line.text, width):
                if prev.text.endswith("-") and prev.text[-2:-1].isalpha():
                    pass  # "cross-" + "border": the hyphen stays, no space
                else:
                    builder.add_separator(" ", gap_start, gap_len)
            elif is_list_item(line.text) and not gap_blank:
                builder.add_separator("\n", gap_start, gap_len)
            else:
                builder.add_separator("\n\n", gap_start, gap_len)
        builder.add_line(line)
        prev, gap_blank = line, False
    return builder.build()


def _runs_on(line: str, nxt: str, width: int | None) -> bool:
    """Whether a line without final punctuation is the first line of a wrapped paragraph."""
    if nxt[:1].islower():
        return True
    return width is not None and width > 0 and len(line) >= 0.6 * width


def _continues(prev: str, nxt: str, width: int) -> bool:
    """Whether ``nxt`` carries on the paragraph that ``prev`` broke off at the wrap width."""
    if is_list_item(nxt):
        return False
    if len(prev) >= 0.6 * width:
        return True
    return not ends_sentence(prev) and nxt[:1].islower()
