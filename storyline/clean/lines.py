"""The article among the lines of a copied web page: a line classifier in jusText's spirit.

A page copied as text is a column of lines: menus, the headline, the article's paragraphs, share
buttons, related links, a comment form, the footer. Each line gets jusText's context-free features
(length, stopword density on jusText's English stoplist, link and markup density, a copyright
sign) plus what plain text shows instead of tags: a short capitalised line without punctuation is a
link (a run of them is a menu), a line addressing the reader about cookies, subscriptions or
newsletters is a notice. jusText's context revision then settles the short and near-good lines by
their neighbours (a short line between two paragraphs is article text).

The article is the longest coherent block of content lines: the run of lines with the largest
total score, where prose adds its characters (short lines a share of theirs) and furniture between
them costs (a menu line most), so the block crosses a photo credit or an embedded post but not a
menu to reach a teaser. Plain lines right against the block join it (a short lede, a closing
line). Inside it only notices, markup and copyright lines go; real short lines stay (list items,
scores, timestamps, a one-line quote, code, a list of capitalised items). Outside it everything
goes with the reason its shape shows (menu, notice, markup, footer) or 'outside-article'; the
headline the header reading found stays. Menus, notices and markup above the first paragraph are
marked before the header is read, so the headline is not a cookie banner.

Everything here is linear in the number of lines; every threshold is a field of CleanSettings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..settings import CleanSettings
from .junk import ends_sentence, is_list_item, is_title_like
from .meta import dateline_date

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"
# Shapes that stay inside the article: a URL line (a cited source), a run of short capitalised lines
# (inside an article more often a list than a menu), a line of code.
KEPT_INSIDE = {"link", "menu", "code"}
TOP_FURNITURE = {"menu", "notice", "markup", "footer"}  # shapes taken out above the first paragraph, before the header
# Lines a rule removed that cost an article block nothing: what sits inside articles (a lone figure, a
# rule, a photo credit, an embedded post, a sponsor line, a "Related:" link, a tag).
# rule reasons a menu may run through
NAVIGATION = {"navigation", "stray-tag", "separator", "number", "follow-us", "repeated-boilerplate", "timestamp"}
NEUTRAL = {"markup", "number", "timestamp", "separator", "photo-credit", "social-embed", "sponsor", "related", "related-headline", "stray-tag",
           "repeated-headline"}

WORD = re.compile(r"[^\W\d_][\w'’\-]*")
# A token of HTML/CSS/template residue: ".wrapper", "#masthead", "/wp:paragraph", "mntl-sc-block",
# "header_content", "<div", "${ID}", "[if".
MARKUP_TOKEN = re.compile(
    r"^[.#][a-z][\w-]*$|^/[\w:/-]*[\w:-]$|^[a-z]+:[a-z][\w-]*$|^[a-z\d]+([-_]+[a-z\d]+)+$|_|[<>{}=$\[\]]|^\d{5,}$"
)
# "<p>", "</span>", '<a href="...">': a line of page source copied as text opens and closes with tags
HTML_TAG = re.compile(r"</?[a-z][a-z\d]*(\s[^<>]*)?/?>", re.I)
URL = re.compile(r"\b(https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+(\.[\w-]+)*\.(com|org|net|co\.uk|io|gov|edu)\b(/\S*)?",
                 re.I)
# A line of program code or a shell command (an article about software quotes them): an assignment, a call,
# a command-line flag. HTML tags and CSS selectors are not code.
CODE = re.compile(r"^(?![<.#/])\S.*(\s=\s|\w\(.*\)|\s-{1,2}[a-z][\w-]*\b)")
COPYRIGHT = re.compile(r"©|&copy|\(c\)\s*(19|20)\d\d|\ball rights reserved\b|^copyright\b", re.I)
# What a notice says to the reader about the page itself: cookies, scripts, subscribing, newsletters,
# accounts, comment forms, legal pages, affiliate links. Phrases, not topics: an article about
# cookies or subscriptions is not a notice.
NOTICE = re.compile(
    r"\b(uses?|using|accept( all)?|enable|disable|allow|block(ing)?|manage|about) cookies\b|\bcookies? (policy|settings|preferences|consent)\b|"
    r"\bjavascript\b|\bad ?blocker\b|\b(upgrade|update) your browser\b|"
    r"\bsubscribe (to|now|today|for)\b|\b(already )?an? (paid |digital )?subscriber\b|\bsubscribers? (can|get|receive|enjoy)\b|"
    r"\byour (subscription|account|inbox|email address)\b|\b(sign|log) (up|in) (to|for) (continue|read|get|our|access|comment|receive)\b|"
    r"\bnewsletters?\b|\bprivacy (policy|notice|statement)\b|\bterms (of (use|service)|and conditions)\b|"
    r"\baffiliate (links?|commissions?|program|advertising)\b|\b(earn|receive|make) (a )?(small )?commissions?\b|\bqualifying purchases\b|"
    r"\badvertis(ing|er) disclos|\bleave a (comment|reply)\b|\bnotify me\b|\brequired fields\b|\bwill not be published\b|"
    r"\bcomments are closed\b|\bpost a comment\b|\bcontinue reading\b|\bthank you for (reading|subscribing|signing up|visiting)\b|"
    r"\bsupport (our|local|independent|quality) journalism\b|\bdonate (now|today)\b|\bunlimited (digital )?access\b|"
    r"\bfree trial\b|\b(download|get) (our|the) app\b|\bpush notifications\b|\bfollow us\b|\ball rights reserved\b|"
    # apps, feeds and e-mail offers; a call to comment; the outlet's pitch for itself; disclaimers
    r"\bapps? for (ios|android|iphone)\b|\b(ios|iphone) and android\b|\b(app store|google play)\b|"
    r"\bno spam\b|\bunsubscribe\b|\b(send|email) me\b|\b(delivered|straight|direct(ly)?) (weekly |daily )?to your inbox\b|"
    r"\b(get|receive) (regular|the latest|instant|daily|weekly) (updates|news|stories|access)\b|"
    r"\b(instant|immediate|full|online) (online )?access to\b|\bjoin (the )?(hundreds|thousands|millions) of\b|"
    r"\b(join|be part of|share your thoughts|join in) (the|this)? ?(conversation|discussion|debate)\b|\bshare your thoughts\b|"
    r"\b(we|i)('d| would) (love|like) to hear\b|\bwe want to hear\b|\bhear what you think\b|"
    r"\bcomments (are|will be) (moderated|reviewed|closed)\b|\b(we ask that|please keep) (your |all )?comments\b|"
    r"\bpublish (all )?comments\b|\bcomments? (policy|guidelines)\b|"
    r"\b(rely|depend)s? on (your|reader|readers'?) (support|donations)\b|\bsupport (us|our work|our reporting)\b|"
    r"\brecaptcha\b|\bfailed to load\b|\b(advertising|affiliate|editorial) (disclosure|disclaimer|policy)\b|"
    r"\bdoes not (offer|provide|constitute|give) (medical|legal|financial|investment|professional) advice\b|"
    r"\b(contains|includes) (references|links) to products\b|\bsponsored by products\b|"
    r"\b(the )?latest (news|stories|headlines|updates|coverage) (about|on|from|and)\b|^the latest on\b",
    re.I,
)
# An author's note: "Jane Roe is a senior writer for ...", "Jane Roe writes about ...", "Read more from Jane Roe".
ROLE = (r"(writer|reporter|editor|journalist|correspondent|columnist|contributor|author|producer|professor|founder|"
        r"fellow|critic|photographer|analyst|blogger|consultant|director|lecturer|researcher|host)")
BIO = re.compile(
    r"^([A-Z][\w.'’-]*\s){1,4}(is|was|has been|serves as) (a|an|the) ([\w&,.'’-]+\s){0,5}" + ROLE + r"s?\b|"
    r"^([A-Z][\w.'’-]*\s){1,4}(writes|has written|covers|has covered|has worked as|reports) (about|for|on|as|a|the)\b|"
    r"^(read|see|find|view) (more|the latest|all)( (stories|articles|posts|work))? (from|by) [A-Z]|^(more|all) (stories|articles|posts) by [A-Z]|"
    r"^(staff|senior|contributing|guest) (writer|reporter|editor|correspondent)$",
)
SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "vs", "vs.", "with", "&", "+", "-", "–", "|"}
TIMESTAMP = re.compile(r"^\d{1,2}[:.]\d\d\b|^\d{1,2}(:\d\d)?\s*(a\.?m\.?|p\.?m\.?)", re.I)


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """jusText's English stoplist (loaded once, on first use)."""
    import justext

    return frozenset(justext.get_stoplist("English"))


@dataclass(slots=True)
class Unit:
    """A paragraph of the page: one line, or the lines of a hard-wrapped paragraph."""

    first: int  # index of its first line
    last: int  # index of its last line
    text: str
    cf: str = ""  # context-free class: good, neargood, short, bad
    cls: str = ""  # class after the neighbours are read
    why: str | None = None  # the furniture it is by its own shape: markup, notice, footer, menu, link
    link: bool = False  # a short capitalised line without punctuation: link text, a menu item or a heading


def features_class(text: str, settings: CleanSettings, notices: bool = True) -> tuple[str, str | None, bool]:
    """(context-free class, the furniture its shape shows or None, whether it reads as link text); with
    ``notices`` False a line about cookies or subscribing is read as any other line."""
    tokens = text.split()
    words = WORD.findall(text)
    length = len(text)
    link = _is_link_text(text, tokens, words, settings)
    markup = sum(1 for t in tokens if MARKUP_TOKEN.search(t))
    if markup and (markup >= settings.markup_share * len(tokens) or _lowercase_residue(text, tokens, settings)
                   or text[0] == "<" and text[-1] == ">" and len(HTML_TAG.findall(text)) >= 2):
        return (SHORT, "code", False) if CODE.search(text) else (BAD, "markup", False)
    url_chars = sum(len(m.group(0)) for m in URL.finditer(text))
    if length and url_chars / length > settings.max_link_density:
        if notices and is_notice(URL.sub(" ", text), settings):
            return BAD, "notice", link  # "... write to letters@example.com": the call, not a cited source
        return BAD, "link", link
    if COPYRIGHT.search(text) and length <= settings.notice_max_chars:
        return BAD, "footer", link
    if notices and is_notice(text, settings):
        return BAD, "notice", link
    if length < settings.length_low:
        return SHORT, None, link
    stops = sum(1 for w in words if w.lower() in stoplist())
    density = stops / len(words) if words else 0.0
    if density >= settings.stopwords_high:
        return (GOOD if length > settings.length_high else NEARGOOD), None, False
    if density >= settings.stopwords_low:
        return NEARGOOD, None, False
    return BAD, None, link


def _lowercase_residue(text: str, tokens: list[str], settings: CleanSettings) -> bool:
    """A few lowercase tokens with no sentence to them ("end: comp mntl-block"): a copied HTML comment."""
    return len(tokens) <= settings.link_max_words and text == text.lower() and not ends_sentence(text) \
        and not is_list_item(text)


def is_notice(text: str, settings: CleanSettings) -> bool:
    """A line speaking to the reader about the page (cookies, subscribing, signing up, commenting...)."""
    return len(text) <= settings.notice_max_chars and bool(NOTICE.search(text))


def _is_link_text(text: str, tokens: list[str], words: list[str], settings: CleanSettings) -> bool:
    """Shaped like the text of a link: a few capitalised words, no sentence punctuation, no clock time."""
    if not words or len(tokens) > settings.link_max_words or len(text) > settings.link_max_chars:
        return False
    if ends_sentence(text) and not text.endswith((")", "]")) or is_list_item(text) or TIMESTAMP.match(text):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "#@»›>|"):
        return False
    if re.search(r"\d\s*[/:]\s*\d|\b(19|20)\d\d\b", text):
        return False  # a score, a time or a date ("79 / 100", "10:30", "14 March 2011"): header or article text
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper())
    return bool(content) and capitalised >= settings.link_title_share * len(content)


def make_units(texts: list[str], reasons: list[str | None], wrapped: bool) -> list[Unit]:
    """The page's paragraphs among the lines no rule removed (a hard-wrapped paragraph is one unit)."""
    units: list[Unit] = []
    i = 0
    while i < len(texts):
        if not texts[i] or reasons[i]:
            i += 1
            continue
        j = i
        if wrapped:
            while j + 1 < len(texts) and texts[j + 1] and not reasons[j + 1]:
                j += 1
        units.append(Unit(i, j, " ".join(texts[i : j + 1])))
        i = j + 1
    return units


def classify(units: list[Unit], reasons: list[str | None], settings: CleanSettings) -> None:
    """Context-free classes, menus (runs of link lines), then jusText's revision by neighbours."""
    for unit in units:
        unit.cf, unit.why, unit.link = features_class(unit.text, settings)
    _release_topical_notices(units, settings)
    _mark_menus(units, reasons, settings)
    for unit in units:
        unit.cls = unit.cf
    _revise(units)


def _release_topical_notices(units: list[Unit], settings: CleanSettings) -> None:
    """A notice whose phrase the page's prose keeps using is the page's topic, not a notice to the reader:
    on a privacy policy, or an article about cookie banners, "privacy policy" and "uses cookies" are text.
    The phrase's words (not stopwords) must each recur in notice_topic_lines other distinct lines of prose
    (a paywall line repeated five times is one line)."""
    notices = [(unit, _phrase_words(unit.text)) for unit in units if unit.why == "notice"]
    if not notices:
        return
    wanted = set().union(*(words for _, words in notices))
    counts: dict[str, int] = {}
    for text in {unit.text for unit in units if len(unit.text) >= settings.length_low}:  # a repeated line counts once
        for word in wanted & {w.lower() for w in WORD.findall(text)}:
            counts[word] = counts.get(word, 0) + 1
    for unit, words in notices:
        if words and all(counts.get(w, 0) > settings.notice_topic_lines for w in words):  # other lines than its own
            unit.cf, unit.why, unit.link = features_class(unit.text, settings, notices=False)


def _phrase_words(text: str) -> set[str]:
    match = NOTICE.search(text)
    return {w.lower() for w in WORD.findall(match.group(0)) if w.lower() not in stoplist() and len(w) > 2} if match else set()


def _mark_menus(units: list[Unit], reasons: list[str | None], settings: CleanSettings) -> None:
    """A run of link lines one after another (blank lines, and lines the rules took for navigation,
    aside) is a menu."""
    i = 0
    while i < len(units):
        if not units[i].link:
            i += 1
            continue
        j, run = i, 1
        while j + 1 < len(units) and units[j + 1].link:
            between = [reasons[k] for k in range(units[j].last + 1, units[j + 1].first) if reasons[k]]
            if len(between) > settings.menu_min_run or any(r not in NAVIGATION for r in between):
                break
            j, run = j + 1, run + 1 + len(between)
        if run >= settings.menu_min_run and j > i:
            for unit in units[i : j + 1]:
                unit.cf, unit.why = BAD, unit.why or "menu"
        i = j + 1


def _neighbour(units: list[Unit], i: int, step: int, ignore_neargood: bool) -> str:
    j = i + step
    while 0 <= j < len(units):
        cls = units[j].cls
        if cls in (GOOD, BAD):
            return cls
        if cls == NEARGOOD and not ignore_neargood:
            return cls
        j += step
    return BAD


def _revise(units: list[Unit]) -> None:
    """jusText's context-sensitive pass: short lines, then near-good lines, take their neighbours' class."""
    new: dict[int, str] = {}
    for i, unit in enumerate(units):
        if unit.cls != SHORT:
            continue
        prev, nxt = _neighbour(units, i, -1, True), _neighbour(units, i, 1, True)
        if prev == GOOD and nxt == GOOD:
            new[i] = GOOD
        elif prev == BAD and nxt == BAD:
            new[i] = BAD
        elif (prev == BAD and _neighbour(units, i, -1, False) == NEARGOOD) or (
            nxt == BAD and _neighbour(units, i, 1, False) == NEARGOOD
        ):
            new[i] = GOOD
        else:
            new[i] = BAD
    for i, cls in new.items():
        units[i].cls = cls
    for i, unit in enumerate(units):
        if unit.cls == NEARGOOD:
            around = (_neighbour(units, i, -1, True), _neighbour(units, i, 1, True))
            unit.cls = BAD if around == (BAD, BAD) else GOOD


def is_content(unit: Unit) -> bool:
    """A unit that may belong to the article: no furniture shape, and prose, a short line or a list item."""
    return unit.why in (None, "code") and not unit.link and (unit.cls == GOOD or unit.cf != BAD or is_list_item(unit.text))


def is_edge(unit: Unit) -> bool:
    """A content unit an article block may start or end on: a paragraph, a list item or a whole sentence
    (not a fragment such as "Posted in" or "Learn about our", which may only sit inside a block)."""
    return is_content(unit) and (
        unit.cls == GOOD or unit.cf in (GOOD, NEARGOOD) or is_list_item(unit.text) or ends_sentence(unit.text)
    )


def unit_score(unit: Unit, settings: CleanSettings) -> float:
    """What a unit adds to an article block: its characters if it is prose, a cost if it is furniture."""
    if is_content(unit):
        prose = unit.cls == GOOD or (unit.cf == NEARGOOD and ends_sentence(unit.text))
        return len(unit.text) * (1.0 if prose else settings.weak_weight)
    if unit.why in ("markup", "code"):
        return 0.0  # markup residue is not on the page at all; code may be the article's
    if unit.why == "menu":
        return -settings.menu_cost
    return -settings.link_cost if unit.link and not unit.why else -settings.junk_cost


def _line_cost(reason: str | None, settings: CleanSettings) -> float:
    if not reason or reason in NEUTRAL:
        return 0.0
    return settings.menu_cost if reason in ("menu", "section-heading") else settings.junk_cost  # a box of links costs as a menu


def article_block(units: list[Unit], reasons: list[str | None], settings: CleanSettings) -> tuple[int, int] | None:
    """(first, last) unit of the longest coherent block of content, or None if there is none.

    The block is the run of units with the largest total score (Kadane's maximum-sum segment, as in
    Finn's body text extraction): paragraphs add their characters, furniture between them costs, so
    a block grows across a small interruption but not across a menu or a footer to reach a few more
    lines. It starts and ends on edge units."""
    best: tuple[int, int] | None = None
    best_sum = 0.0
    start, running = 0, 0.0
    for i, unit in enumerate(units):
        score = unit_score(unit, settings)
        # lines the rules removed between two units are furniture too: they cost a block that crosses
        # them, not one that starts after them
        gap = sum(_line_cost(reasons[k], settings) for k in range(units[i - 1].last + 1, unit.first)) if i else 0.0
        if running - gap <= 0:
            if score <= 0:
                running = 0.0
                continue
            start, running = i, score
        else:
            running += score - gap
        if running > best_sum and is_edge(unit):
            best, best_sum = (start, i), running
    if best is not None:  # it starts on an edge too (a lede too light to start it joins it in _extend)
        first = next(k for k in range(best[0], best[1] + 1) if is_edge(units[k]))
        best = (first, best[1])
    return best


def mark_page_top(texts: list[str], reasons: list[str | None], wrapped: bool, settings: CleanSettings) -> None:
    """Before the header is read: the menus, notices and markup above the page's first paragraph, so
    that the headline is not taken from a cookie banner or a menu."""
    units = make_units(texts, reasons, wrapped)
    classify(units, reasons, settings)
    for unit in units:
        if unit.cls == GOOD:
            return
        if unit.why in TOP_FURNITURE:
            _set(reasons, unit, unit.why)


# Reasons of page chrome: a headline read above a run of them is the page's, not the article's.
CHROME = {"menu", "navigation", "section-heading", "repeated-boilerplate", "notice", "follow-us", "markup", "stray-tag",
          "sponsor", "footer"}
BREADCRUMB = re.compile(r"[»›>]|\s/\s")
ReadHead = Callable[[int, int], None]


def mark_outside(texts: list[str], reasons: list[str | None], headline: int | None, wrapped: bool,
                 settings: CleanSettings, read_head: ReadHead | None = None) -> int | None:
    """Give a reason to every line that is page rather than article (see module docstring); return the
    headline's line index, which may move to the title right above the article block when the header
    reading took page chrome for it. ``read_head(start, end)`` reads the datelines and bylines among the
    lines from the headline to the block's first paragraph (text.py)."""
    units = make_units(texts, reasons, wrapped)
    if not units:
        return headline
    classify(units, reasons, settings)
    block = article_block(units, reasons, settings)
    if block is None:
        for unit in units:  # no paragraph at all: only what is furniture by its own shape goes
            if unit.why and unit.first != headline:
                _set(reasons, unit, unit.why)
        return headline
    first, last = block
    first, last = _extend(units, reasons, first, last)
    lead = _first_paragraph(units, first, last, settings)
    near = _headline_near(texts, units, reasons, first, lead, last, headline, settings)
    if near is not None:
        headline = units[near].first
    head = units.index(next(u for u in units if u.first == headline)) if headline is not None and any(
        u.first == headline for u in units[max(0, lead - settings.head_units) : lead]) else None
    if read_head is not None:  # datelines and bylines under the headline (or the block's start), above the first long paragraph
        start = head + 1 if head is not None else first
        end = start
        while end < min(len(units), start + settings.head_units) and len(units[end].text) <= settings.length_high:
            end += 1
        if start < end:
            read_head(units[start].first, units[end - 1].last + 1)
    if head is not None and head < first:  # the article's headline sits above the block: what lies between is its header
        for unit in units[head + 1 : first]:
            if is_content(unit) and unit.cf != SHORT and ends_sentence(unit.text) and not reasons[unit.first]:
                continue  # a standfirst
            _set(reasons, unit, _outside_reason(unit))
        first = head
    for unit in units[first:lead]:  # link text between the headline and the first paragraph: a button, a section label
        if unit.link and unit.first != headline:
            _set(reasons, unit, _outside_reason(unit))
    tail = _tail_start(units, first, last, settings)
    for i, unit in enumerate(units):
        if unit.first == headline or reasons[unit.first]:
            continue
        inside = first <= i <= last
        if inside:
            if unit.why and unit.why not in KEPT_INSIDE:
                _set(reasons, unit, unit.why)
            elif BIO.search(unit.text) and (i >= tail or 4 * i >= first + 3 * last and not _named_elsewhere(units, first, last, i)):
                _set(reasons, unit, "author-bio")  # after the last paragraph, or in the last quarter about no one the story names
        else:
            _set(reasons, unit, _outside_reason(unit))
    _mark_notice_boxes(texts, units, reasons, first, last, settings)
    return headline


BOX_REASONS = {"notice", "navigation", "follow-us", "repeated-boilerplate"}  # the lines of a sign-up box


def _mark_notice_boxes(texts: list[str], units: list[Unit], reasons: list[str | None], first: int, last: int,
                       settings: CleanSettings) -> None:
    """The short lines of a sign-up box inside the block: a line whose neighbours are both box furniture, one
    of them a notice, is the box's pitch ("Daily news about the politics ... shaping our world." between
    "Sign up for the newsletter" and "Email"). The box may be read from both sides."""
    for _ in range(2):  # from both sides of the box
        for unit in units[first : last + 1]:
            if reasons[unit.first] or len(unit.text) > settings.length_high:
                continue
            around = [reasons[k] for k in (_nonblank(texts, unit.first, -1), _nonblank(texts, unit.last, 1)) if k is not None]
            if "notice" in around and all(r in BOX_REASONS for r in around):
                _set(reasons, unit, "notice")


def _nonblank(texts: list[str], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(texts):
        if texts[j]:
            return j
        j += step
    return None


def _first_paragraph(units: list[Unit], first: int, last: int, settings: CleanSettings) -> int:
    """The block's first paragraph: its first unit of prose (a sentence of some length), not a title or a dateline."""
    for i in range(first, min(last, first + settings.head_units) + 1):
        unit = units[i]
        if is_content(unit) and len(unit.text) >= settings.length_low and ends_sentence(unit.text) and not unit.link:
            return i
    return first


def _headline_near(texts: list[str], units: list[Unit], reasons: list[str | None], first: int, lead: int, last: int,
                   headline: int | None, settings: CleanSettings) -> int | None:
    """The unit of the article's own headline above its first paragraph, when the header reading took page
    chrome for the headline (or found none): the last title-like line above the paragraph, with a menu or
    other chrome between it and the line read as headline, whose words the article repeats more."""
    body = {w.lower() for u in units[lead : last + 1] for w in WORD.findall(u.text)}
    candidate = None
    for k in range(lead - 1, max(-1, lead - 1 - settings.head_units), -1):
        unit = units[k]
        if unit.cf == GOOD or unit.why == "menu":
            break
        text = unit.text.rstrip("'’\"”")  # a title may end on a quotation
        if unit.why is None and is_title_like(text) and not BREADCRUMB.search(text) and not text.lower().startswith("by ") \
                and dateline_date(text, settings=settings) is None:
            candidate = k
            break
    if candidate is None or _shared(units[candidate].text, body) < 0.5:
        return None  # no title above the paragraph, or one about something else (a box heading)
    top = headline if headline is not None else 0
    if top >= units[candidate].first:
        return None  # the headline read is this title or below it
    chrome = sum(1 for k in range(top, units[candidate].first) if reasons[k] in CHROME)
    chrome += sum(1 for u in units if top < u.first < units[candidate].first and (u.link or u.why))
    if headline is None:
        return candidate if chrome >= settings.menu_min_run else None
    if chrome < settings.menu_min_run and is_title_like(texts[headline]):
        return None  # a headline right above another title-like line (a kicker, a caption) stays the headline
    if _shared(texts[headline], body) >= max(0.5, _shared(units[candidate].text, body)):
        return None  # the line read as headline is about the article as much
    return candidate


def _shared(text: str, body: set[str]) -> float:
    """Share of a line's content words (not stopwords) that the article's text also has."""
    words = [w.lower() for w in WORD.findall(text) if w.lower() not in stoplist() and len(w) > 2]
    return sum(1 for w in words if w in body) / len(words) if words else 0.0


def _named_elsewhere(units: list[Unit], first: int, last: int, i: int) -> bool:
    """Whether the person an author's note is about (its first capitalised words) is named in another
    paragraph of the block: a source the story introduces, not the writer."""
    name = re.match(r"([A-Z][\w.'’-]*\s?)+", units[i].text)
    words = [w for w in (name.group(0).split() if name else []) if len(w) > 2]
    if not words:
        return True
    return any(words[-1] in unit.text for k, unit in enumerate(units[first : last + 1], first) if k != i and unit.cls == GOOD)


def _tail_start(units: list[Unit], first: int, last: int, settings: CleanSettings) -> int:
    """The first unit after the block's last long paragraph: where an author's note may sit."""
    for i in range(last, first - 1, -1):
        unit = units[i]
        if unit.cls == GOOD and len(unit.text) > settings.length_high and not BIO.search(unit.text):
            return i + 1
    return first


def _extend(units: list[Unit], reasons: list[str | None], first: int, last: int) -> tuple[int, int]:
    """Take in the plain lines right against the block: a lede or a closing line that weighs too little
    to start a block, or a line that carries on the block's sentence. Nothing removed may lie between."""
    def touching(a: Unit, b: Unit) -> bool:
        return not any(reasons[k] for k in range(a.last + 1, b.first))

    def plain(unit: Unit) -> bool:
        return unit.why in (None, "code") and not unit.link

    while first > 0 and plain(units[first - 1]) and touching(units[first - 1], units[first]):
        first -= 1
    items: str | None = None  # under a lead-in ("In short:"): "tight" lines (code, a list) or "spaced" items
    k = last
    while k > first and not units[k].text.endswith(":") and not ends_sentence(units[k].text):
        k -= 1  # the block may end inside such a list
    if k < last and units[k].text.endswith(":"):
        items = "tight" if units[k + 1].first == units[k].last + 1 else "spaced"
    while last + 1 < len(units) and plain(units[last + 1]) and touching(units[last], units[last + 1]):
        prev, nxt = units[last], units[last + 1]
        tight = nxt.first == prev.last + 1  # no blank line between
        if prev.text.endswith(":") and not items:
            items = "tight" if tight else "spaced"
        elif items == "tight" and not tight or items == "spaced" and (tight or nxt.text[:1].islower()):
            items = None  # the lines under the lead-in have ended
        if not (items or is_edge(nxt) or nxt.text[:1].islower() and not ends_sentence(prev.text)
                or _parallel(prev.text, nxt.text)):
            break
        last += 1
    return first, last


LABEL = re.compile(r"^(\S+)[^:–—]{0,60}?(\s[–—-]\s|:\s)")  # "Bougainvillea glabra – ...", "Size: ..."


def _parallel(prev: str, nxt: str) -> bool:
    """The next item of a list of labelled entries: it opens with the same word and the same kind of label."""
    a, b = LABEL.match(prev), LABEL.match(nxt)
    return bool(a and b and a.group(1) == b.group(1) and a.group(2).strip() == b.group(2).strip())


def _outside_reason(unit: Unit) -> str:
    if unit.why and unit.why != "link":
        return unit.why
    if unit.link:
        return "menu"
    return "outside-article"


def _set(reasons: list[str | None], unit: Unit, reason: str) -> None:
    for k in range(unit.first, unit.last + 1):
        if not reasons[k]:
            reasons[k] = reason
