"""Cited sources: the agencies, outlets, think tanks, officials and accounts an article names as its source.

Attribution phrases ("according to X", "X reports/reported", "told X", "a report in X", "as reported
by X journalist Y", "citing X", "analysts at X") are found with patterns; X is the named entity spaCy
tagged there, or failing that the capitalised name or noun phrase after the trigger. "Adapted from /
originally published by X" makes X a source of the whole article. Names of people are left to the
quotes stage: a person quoted is a speaker, not a cited source. Photo credits are not citations.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from ..docindex import doc_index
from ..model import Article, CitedSource

AGENCIES = {
    "reuters", "associated press", "ap", "afp", "agence france-presse", "bloomberg", "interfax", "tass",
    "ria novosti", "xinhua", "ukrinform", "unian", "dpa", "ansa", "efe", "kyodo", "yonhap", "pap", "belta",
    "anadolu", "itar-tass", "interfax-ukraine", "bna", "apa", "press trust of india", "pti",
}
THINK_TANK_WORDS = re.compile(r"\b(Centre|Center|Institute|Endowment|Foundation|Council|Institution|Chatham House|"
                              r"RAND|Brookings|Think Tank|Fund for|Society for|Studies)\b", re.I)
OUTLET_WORDS = re.compile(r"\b(Times|Post|Journal|Ledger|Gazette|Herald|Tribune|News|Daily|Review|Observer|Guardian|"
                          r"Telegraph|Courier|Today|Magazine|Radio|TV|Television|BBC|CNN|Politico|Axios|Economist|"
                          r"Independent|Pravda|Kommersant|Meduza|Izvestia|Wire|Press|Insider|Monitor|Standard|"
                          r"Chronicle|Bulletin|Express|Mail|Mirror|Week|Le Monde|Der Spiegel|Spiegel)\b")
AGENCY_WORDS = re.compile(r"\b(Wire|News Agency|Press Agency|Newswire)\b")
OFFICIAL_WORDS = re.compile(r"\b(official|officials|ministry|ministries|administration|authority|authorities|government|"
                            r"spokes(?:man|woman|person)|office|police|department|presidential|kremlin|white house|"
                            r"state department|pentagon|embassy|army|military|prosecutor|agency|service|commission)\b", re.I)
SOCIAL = re.compile(r"\b(?:on|in a post on|wrote on|posted on)\s+(X|Twitter|Telegram|Facebook|Instagram|TikTok|YouTube)\b"
                    r"|(?<![\w@])@[A-Za-z_]\w{2,}")

NAME = r"(?:the\s+)?((?:[A-Z][\w’'&.\-]*|of|for|and|de|on)(?:\s+(?:[A-Z][\w’'&.\-]*|of|for|and|de|on))*)"
# (pattern, whole_article): group "name" is where the source's name starts
PATTERNS: list[tuple[re.Pattern[str], bool]] = [
    (re.compile(r"\b(?:adapted|republished|reprinted|translated)\s+from\s+(?:the\s+|an?\s+)?(?:original|article|analysis|"
                r"piece|report|essay|commentary)?\s*(?:first\s+|originally\s+)?(?:published|written|appeared)?\s*(?:by|in|on|at)?\s*"
                r"(?P<name>.{3,120}?)(?:[.\n]|$)"), True),
    (re.compile(r"\b(?:originally|first)\s+(?:published|appeared)\s+(?:by|in|on|at)\s+(?P<name>.{3,120}?)(?:[.\n]|$)"), True),
    (re.compile(r"\b[Aa]ccording to\s+(?:(?:a\s+)?(?:figures|data|a report|reports|a statement|statements|estimates|"
                r"documents|a survey|a study|research)\s+(?:from|by|in|of)\s+)?(?P<name>[^,.;:\n“\"]{2,90})"), False),
    (re.compile(r"\b[Aa]s\s+reported\s+by\s+(?P<name>[^,.;:\n]{2,90})"), False),
    (re.compile(r"\b(?:told|reported\s+to|speaking\s+to|said\s+to)\s+(?P<name>(?:the\s+)?[A-Z][^,.;:\n]{1,60})"), False),
    (re.compile(r",\s+(?P<name>(?:the\s+)?[A-Z][\w.&’'\-]*(?:\s+[A-Z][\w.&’'\-]*){0,4})\s+(?:reports|reported|writes|wrote)"
                r"(?=[,.]|\s+citing)"), False),
    (re.compile(r"\b(?:a|an|the)\s+(?:report|article|story|interview|investigation|analysis)\s+(?:in|by|from|with)\s+"
                r"(?P<name>(?:the\s+)?[A-Z][^,.;:\n]{1,60})"), False),
    (re.compile(r"\b(?:[Aa]nalysts|[Rr]esearchers|[Ee]xperts|[Ee]conomists)\s+(?:at|from|with)\s+(?P<name>(?:the\s+)?[A-Z][^,.;:\n]{1,80})"), False),
    (re.compile(r"(?:^|(?<=[.\n]\s)|(?<=\n))(?P<name>[A-Z][^,.;:\n]{1,50}?)\s+(?:previously\s+|earlier\s+|also\s+|first\s+)?"
                r"(?:reports|reported|writes|wrote)\b(?=[^.\n]{0,40}\b(?:citing|, citing|that)\b|\s+this)"), False),
    (re.compile(r"(?P<name>(?:The\s+)?[A-Z][\w.&’'\-]*(?:\s+[A-Z][\w.&’'\-]*){0,4})\s+(?:previously\s+)?reported\s+that\b"), False),
]
ANON = re.compile(r"\b(?:(?i:one|two|three|four|five|several|a|an|other|senior|some)\s+)+"
                  r"(?:[A-Z][\w\-]*\s+|[a-z]+\s+){0,3}?(?:officials?|diplomats?|sources?)\b(?=[^.\n]{0,20}\btold\b)")
STOP_AT = re.compile(r"\s+(?:journalist|reporter|correspondent|columnist|editor|that|who|which|citing|said|says|reports?"
                     r"|reported|in\s+a|on\s+\w+day|,).*$", re.S)
JOURNALIST = re.compile(r"(?:’s|'s)?\s+(?:journalist|reporter|correspondent|columnist|editor)\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*")
LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
TRAILING_WORDS = re.compile(r"(?:’s|'s)?\s+(?:account|figures|data|report|statement|website|channel|page|account of events)$", re.I)
NOT_SOURCES = {"sources", "source", "him", "her", "them", "reporters", "journalists", "us", "me", "x", "it", "this"}


def clean_name(raw: str) -> str:
    """'the Velgrad Ledger journalist Irena Maslova' -> 'Velgrad Ledger';
    'the presidential administration’s account' -> 'presidential administration'."""
    name = STOP_AT.sub("", raw.strip())
    name = LEADING.sub("", name.strip(" .,'\"“”"))
    name = TRAILING_WORDS.sub("", name)
    name = re.sub(r"(?:’s|'s)$", "", name).strip()
    return name


def kind_of(name: str, context: str) -> str:
    low = name.lower()
    if low in AGENCIES or AGENCY_WORDS.search(name):
        return "agency"
    if "think tank" in context.lower() or (THINK_TANK_WORDS.search(name) and not OUTLET_WORDS.search(name)):
        return "think-tank"
    if OFFICIAL_WORDS.search(name):
        return "official"
    if OUTLET_WORDS.search(name) or re.search(r"\b(?:journalist|newspaper|reporter|magazine)\b", context):
        return "outlet"
    if name.startswith("@"):
        return "social"
    return "other"


def _is_org(name: str, start: int, doc: Doc | None) -> bool:
    """spaCy tagged the name as an organisation (or a title of a publication).

    The entity that decides is the first one holding ``start`` or starting inside the name. Entities
    never overlap, so that can only be the first entity ending after ``start`` (found by bisection).
    """
    if doc is None:
        return False
    index = doc_index(doc)
    k = bisect.bisect_right(index.ent_end_chars, start)
    if k == len(index.ents):
        return False
    ent = index.ents[k]
    if ent.start_char <= start < ent.end_char or start <= ent.start_char < start + len(name):
        return ent.label_ in {"ORG", "WORK_OF_ART"}
    return False


def _acceptable(name: str, kind: str, is_org: bool) -> bool:
    if not name or name.lower() in NOT_SOURCES or len(name) > 80:
        return False
    if kind == "other" and not is_org:
        return False  # a person ("according to Horvat") is a speaker, not a cited source
    # a lower-case phrase is a source only when it names an institution ("the presidential administration")
    if not name[0].isupper() and kind != "official":
        return False
    if kind == "official" and not name[0].isupper() and not re.search(r"\b(administration|ministry|office|authorit|government|official)", name):
        return False
    return True


def _cite(article: Article, name: str, kind: str, start: int, end: int, whole: bool) -> CitedSource:
    return CitedSource(name, kind, article.id, start, end, article.clean_text[start:end], whole)  # type: ignore[arg-type]


def find_cited(article: Article, doc: Doc | None) -> list[CitedSource]:
    """Every source the article names, one item per attribution phrase, in text order."""
    text = article.clean_text
    own = (article.outlet or "").lower()
    out: list[CitedSource] = []
    seen: set[tuple[str, int]] = set()
    for pattern, whole in PATTERNS:
        for m in pattern.finditer(text):
            raw = m.group("name")
            name = clean_name(raw)
            if not name:
                continue
            ctx = text[max(0, m.start() - 20) : min(len(text), m.end() + 80)]
            kind = kind_of(name, ctx)
            if whole and kind == "other":
                kind = "outlet" if OUTLET_WORDS.search(name) else "other"
            if not _acceptable(name, kind, _is_org(name, m.start("name"), doc)):
                continue
            if own and name.lower() == own:
                continue  # an outlet naming itself ("in an interview with Corvenia Today")
            start = m.start()
            at = raw.find(name)
            end = m.start("name") + (at + len(name) if at >= 0 else len(raw.rstrip()))
            byline = JOURNALIST.match(text, end)
            end = max(end, byline.end() if byline else end, m.end() if m.end("name") < m.end() else end)
            if whole:
                start, end = _sentence_around(text, m.start(), m.end())
            key = (name.lower(), start)
            if key in seen or any(c.start <= start < c.end and c.name.lower() == name.lower() for c in out):
                continue
            seen.add(key)
            out.append(_cite(article, name, kind, start, end, whole))  # type: ignore[arg-type]
    out.extend(_anonymous(article, out))
    out.sort(key=lambda c: c.start)
    return out


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    s = max(text.rfind("\n", 0, start), max(text.rfind(". ", 0, start) + 1, 0))
    while s < len(text) and text[s].isspace():
        s += 1
    e = text.find("\n", end - 1)
    e = len(text) if e < 0 else e
    return s, e if text[e - 1 : e] != "" else e


def _anonymous(article: Article, found: list[CitedSource]) -> list[CitedSource]:
    """'One senior official told Reuters': the unnamed official is a source too."""
    out = []
    for m in ANON.finditer(article.clean_text):
        told = article.clean_text.find("told", m.end())
        tail = re.match(r"told\s+(?:the\s+)?([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,4})", article.clean_text[told:])
        end = told + tail.end() if tail else m.end()
        phrase = m.group().strip()
        name = LEADING.sub("", phrase)
        if re.search(r"\bsources?\b", name) and not re.search(r"official|diplomat", name):
            continue  # "two sources told Reuters": the citation is Reuters, already listed
        out.append(_cite(article, phrase, "official", m.start(), end, False))
    return out
