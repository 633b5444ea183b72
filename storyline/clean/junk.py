"""Line-level junk rules: what scraped pages carry around an article.

Each rule looks at one stripped line and answers with a reason or None. Rules are
deliberately narrow (a short line of a known shape); anything that reads like a sentence
stays. Context rules (headline, tweet text, related headlines) live in ``text.py``.
"""

from __future__ import annotations

import re

from ..settings import CleanSettings

SPONSOR = re.compile(r"^(sponsor(ed)?(\s+by)?|advertisement|advertising|ad|promoted|partner content|paid content)\s*([:\-–—|]|$)", re.I)
FOLLOW_US = re.compile(
    r"\b(follow us on|follow us at|join (us|our \w+) on|subscribe to our (channel|newsletter)|sign up for our newsletter|"
    r"download our app)\b",
    re.I,
)
RELATED = re.compile(r"^(related( articles?| stories| story| news| reading)?|read (more|also|next)|see also|also read|more on this)"
                     r"\s*[:\-–—»>]", re.I)
PHOTO_CREDIT = re.compile(
    r"\((photo|photos|image|picture|foto|video|illustration)s?\s*:[^)]*\)|"
    r"(^|[.\s])(photo|photograph|image|picture|illustration)\s*(by|credit)?\s*:\s*\S|"
    r"^(photo|image)\s+by\s+[A-Z]|"
    r"\b(getty images|shutterstock|ap photo|afp via getty)\b",
    re.I,
)
# The heading of a box of other links: "Most Popular This Week", "Trending Nationally", "Related Articles",
# "Filed under", "Sorted by:", "Previous article..." (a previous/next link carries its target's title).
SECTION_HEADING = re.compile(
    r"^(related|latest|trending|popular|recommended|similar (articles|stories|posts)|"
    r"most (popular|read|viewed|shared|commented|recent|emailed)( (stories|articles|posts|now|today))?"
    r"( (this|of the|in the) (week|month|day|year))?|trending( now| nationally| locally| stories| articles| topics| news)?|"
    r"related (articles?|stories|story|posts?|content|links|news|reading|topics|coverage|videos?)|"
    r"recommended( for you| stories| articles| reading| videos?)?|popular (posts?|stories|articles|now|on \w+)|"
    r"you (may|might) (also )?(like|enjoy|be interested in)|more (stories|news|articles|videos?)|"
    r"(latest|top|recent|featured) (news|stories|posts|articles|headlines|videos?)|editor'?s'? picks|don'?t miss|"
    r"further reading|filed under|posted in|tagged( with| as| in)?|sorted by|"
    r"(want|like|enjoy(ed)?|love) (more|this (article|story|post|recipe))|(like|liked) recipe)\s*[:?!.]*$",
    re.I,
)
PREV_NEXT = re.compile(r"^(?i:previous|next|older|newer) (?i:article|post|story|entry)(?![a-z])")
SOCIAL_LINK = re.compile(r"\bpic\.twitter\.com/\w+|\bhttps?://t\.co/\w+|\binstagram\.com/p/|\btiktok\.com/@")
# "— Harbor Wire (@HarborWire) March 3, 2025": the credit line Twitter/X embeds end with.
SOCIAL_CREDIT = re.compile(r"^[—–\-]\s*[^()]{1,80}\(@\w{1,30}\)\s+\w+\.?\s+\d{1,2},\s+\d{4}\s*$")
NUMBER_ONLY = re.compile(r"^[\d\s.,/:#%+\-]+$")
CLOCK = re.compile(r"^\d{1,2}[:.]\d\d(\s*[ap]\.?m\.?)?$", re.I)  # a live blog's timestamp: "09:12", "4.30pm"
SEPARATOR_ONLY = re.compile(r"^[\W_]+$")
# When a comment or a teaser was posted, as the page printed it at copy time: "3 hours ago", "8 years, 2 months
# ago", "asked Feb 6, 2014 at 20:37", "answered 2 days ago". A live blog's clock times ("09:12") are not these.
_SPAN = r"(\d+|an?|one) (second|sec|minute|min|hour|hr|day|week|month|year)s?"
RELATIVE_TIME = re.compile(rf"^((about|over|almost|nearly|just) )?{_SPAN}(,? (and )?{_SPAN})? ago$", re.I)
COMMENT_STAMP = re.compile(r"^(asked|answered|edited|commented|replied|modified)\s+(on\s+)?"
                           r"(.{0,40}\bat \d{1,2}[:.]\d\d\b.{0,12}|.{0,40}\b(19|20)\d\d|.{0,30}\bago)$", re.I)
LIST_ITEM = re.compile(r"^([•◦▪‣●○■□\-–—*·]|\d{1,3}[.)]|[a-z][.)]|\(\w{1,3}\))\s+\S")
TERMINAL = re.compile(r"[.!?:;…\"“”’'\)\]]$")

NAV_WORDS = {
    "back", "topic", "topics", "home", "menu", "next", "previous", "prev", "share", "print", "email", "e-mail",
    "comments", "comment", "subscribe", "login", "log in", "sign in", "sign up", "register", "search", "more",
    "tags", "tag", "close", "skip to content", "skip to main content", "top", "back to top", "advertisement",
    "related", "latest", "trending", "newsletter", "share this article", "share this", "share on facebook",
    "share on x", "tweet", "copy link", "listen", "listen to article", "show more", "load more", "read more",
    "continue reading", "open in app", "main menu", "go to top", "cookie settings", "accept cookies",
    "toggle navigation", "skip to navigation", "jump to navigation", "open menu", "close menu", "reply", "report",
}

DEFAULT_MAX_LINE = CleanSettings().junk_max_line


def is_list_item(line: str) -> bool:
    return bool(LIST_ITEM.match(line))


def ends_sentence(line: str) -> bool:
    return bool(TERMINAL.search(line.rstrip()))


def line_junk_reason(line: str, max_line: int = DEFAULT_MAX_LINE) -> str | None:
    """Why a stripped line is page furniture rather than article text, or None to keep it (a rule
    matching inside a line longer than ``max_line`` is part of real prose)."""
    if not line or len(line) > max_line:
        return None
    lowered = re.sub(r"[\s\u00a0]+", " ", line).strip(" |·•>»").lower()
    if SOCIAL_LINK.search(line):
        return "social-embed"
    if SOCIAL_CREDIT.match(line):
        return "social-embed"
    if SPONSOR.match(line.replace("\u00a0", " ").strip()) and len(line) < 200:
        return "sponsor"
    if RELATED.match(line):
        return "related"
    if len(line) <= 60 and SECTION_HEADING.match(lowered):
        return "section-heading"
    if len(line) <= 200 and PREV_NEXT.match(line.strip(" |·•>»<«‹")):
        return "navigation"
    if FOLLOW_US.search(line) and len(line) < 200:
        return "follow-us"
    if PHOTO_CREDIT.search(line) and len(line) < 200:
        return "photo-credit"
    if lowered in NAV_WORDS:
        return "navigation"
    if RELATIVE_TIME.match(lowered) or COMMENT_STAMP.match(lowered):
        return "timestamp"
    if NUMBER_ONLY.match(line) and not CLOCK.match(line):
        return "number"
    if SEPARATOR_ONLY.match(line):
        return "separator"
    if _is_separator_fragment(line):
        return "separator"
    return None


def _is_separator_fragment(line: str) -> bool:
    """A short fragment hanging off a separator ("| Harborview, MN"): page chrome, not prose."""
    stripped = line.strip()
    if not (stripped.startswith("|") or stripped.endswith("|")):
        return False
    rest = stripped.strip("| \u00a0")
    return len(rest.split()) <= 4 and not ends_sentence(rest)


def is_title_like(line: str) -> bool:
    """Shaped like a headline: several words, capitalised, no sentence-final punctuation."""
    words = line.split()
    return (
        4 <= len(words) <= 25
        and not ends_sentence(line)
        and not is_list_item(line)
        and (line[0].isupper() or line[0] in "\"“'‘")
    )


def is_stray_tag(line: str) -> bool:
    """A lone capitalised word with no punctuation: a topic tag or link text left between paragraphs."""
    words = line.split()
    return len(words) == 1 and line[0].isupper() and line.isalpha() and len(line) <= 30
