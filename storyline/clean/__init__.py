"""Clean: one raw record in, one Article out (clean text, what was removed and why, metadata with sources)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable


from ..ingest import RawRecord
from ..model import Article, MetaSource
from ..settings import CleanSettings
from .html import HtmlError, extract_main
from .lines import stoplist
from .meta import filename_date, stated_date, url_date, url_host
from .mojibake import fix_mojibake
from .repair import repair
from .text import CleanText, clean_lines, clean_plain_text

__all__ = ["CleanError", "clean_record", "clean_plain_text", "article_id"]

# A detector returns (language code, probability). Passed in, so nothing loads at import time.
LanguageDetector = Callable[[str], tuple[str, float]]

DEFAULTS = CleanSettings()  # the clean section of the settings tree (storyline.settings)


class CleanError(ValueError):
    """A record with no usable article text; the message is the one-line reason."""


def article_id(content: str) -> str:
    """Stable id: a hash of the raw content, so the same input always gets the same id."""
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def clean_record(record: RawRecord, *, detect_language: LanguageDetector | None = None,
                 settings: CleanSettings = DEFAULTS) -> Article:
    """Clean one record into an Article.

    Raises CleanError when no English article text remains.
    """
    fields = record.fields
    if record.format in ("html", "json-html", "feed-html"):
        try:
            main = extract_main(record.content, url=fields.get("url"))
        except HtmlError as exc:
            raise CleanError(str(exc)) from None
        cleaned = clean_lines(main.lines, find_header=False)
        cleaned.removed = sorted(main.boilerplate + cleaned.removed, key=lambda r: r.start)
        raw_text = main.page_text
        stated = {"title": main.title, "outlet": main.outlet, "author": main.author, "published": main.published}
        stated_source: MetaSource = "meta"
        url = main.url
    else:
        raw_text = record.content
        cleaned = clean_plain_text(raw_text, settings=settings, repeated=record.boilerplate)
        stated = {"title": cleaned.title, "outlet": cleaned.outlet, "author": cleaned.author, "published": cleaned.published}
        stated_source = "text"
        url = cleaned.url

    cleaned.text, cleaned.offset_map, fixed = fix_mojibake(cleaned.text, cleaned.offset_map)
    cleaned.text, repairs = repair(cleaned.text, cleaned.offset_map)
    repairs += fixed
    if repairs:
        cleaned.removed = sorted(cleaned.removed + repairs, key=lambda r: r.start)
    if detect_language is not None:
        _check_script(cleaned.text, settings)
    words = len(cleaned.text.split())
    if words < settings.min_words:
        raise CleanError(f"too little article text after cleaning ({words} words)")
    language = "en"
    if detect_language is not None:
        _check_english(cleaned.text, words, detect_language, settings)

    article = Article(
        id=article_id(record.content),
        source_path=record.source_path,
        raw_text=raw_text,
        clean_text=cleaned.text,
        format=record.format,
        removed=cleaned.removed,
        offset_map=cleaned.offset_map,
        extra=dict(record.extra),
        language=language,
        url=fields.get("url") or url,
    )
    _set_metadata(article, fields, stated, stated_source, cleaned)
    return article


# Letters of the Chinese, Japanese and Korean scripts (written without spaces between words).
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]")
_WORD = re.compile(r"[^\W\d_]+")


def _is_latin(ch: str) -> bool:
    return ch < "\u0250" or "\u1e00" <= ch <= "\u1eff"


def _check_script(text: str, settings: CleanSettings) -> None:
    """Text mostly in a script English is not written in is not English, however few its 'words'
    (Chinese has no spaces to count them by)."""
    letters = [ch for ch in text if ch.isalpha()]
    other = [ch for ch in letters if not _is_latin(ch)]
    if letters and len(other) > settings.max_other_script_share * len(letters):
        cjk = sum(1 for ch in other if _CJK.match(ch))
        if cjk > len(other) / 2:
            script = "Chinese, Japanese or Korean"
        else:
            names = [unicodedata.name(ch, "").split(" ")[0] for ch in other[:200]]
            script = max(set(names), key=names.count).title() or "non-Latin"
        raise CleanError(f"not English (written in {script} script); storyline reads English news only")


def _check_english(text: str, words: int, detect: LanguageDetector, settings: CleanSettings) -> None:
    """English enough to read, else the reason: too few letters to tell; the identifier sure of
    another language; too few English function words (gibberish, random bytes read as text); on a
    short text (under ``min_langid_words``), any verdict the identifier is not sure is English."""
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < settings.min_langid_letters:
        raise CleanError(f"too short to tell its language ({letters} letters)")
    language, prob = detect(text)
    if language != "en" and prob >= settings.min_langid_prob:
        raise CleanError(f"not English (detected '{language}'); storyline reads English news only")
    tokens = _WORD.findall(text.lower())
    stops = stoplist()
    share = sum(1 for t in tokens if t in stops) / max(1, len(tokens))
    if share < settings.min_stopword_share:
        raise CleanError(f"not English ({share:.0%} of its words are English function words, as in gibberish)")
    if words < settings.min_langid_words and (language != "en" or prob < settings.min_langid_prob):
        raise CleanError(f"too short to tell its language ({words} words, read as '{language}' at {prob:.2f})")


def _set_metadata(
    article: Article, fields: dict[str, str], stated: dict[str, str | None], source: MetaSource, cleaned: CleanText
) -> None:
    """Fill title/outlet/author/published from the record's own fields, then what the content states."""
    for name in ("title", "outlet", "author", "published"):
        value, where = fields.get(name), "meta"
        if not value and stated.get(name):
            value, where = stated[name], source
        if name == "published" and value:
            value, why = stated_date(value)
            if why:
                article.extra["published_unread"] = why
        setattr(article, name, value or None)
        setattr(article, f"{name}_source", where if value else "none")
    if article.outlet is None and article.url and url_host(article.url):
        article.outlet, article.outlet_source = url_host(article.url), "url"  # a readable site name, not a file hash
    if article.published is None and article.url and url_date(article.url):
        article.published, article.published_source = url_date(article.url), "url"
    if article.published is None:
        found = filename_date(article.source_path)
        if found:
            article.published, article.published_source = found, "filename"
    if article.title is None:
        # no headline line (e.g. a PDF copy): the report names the article by its opening words
        article.extra.setdefault("opening", opening_words(cleaned.text))


OPENING_CHARS = 120


def opening_words(text: str) -> str:
    """A label for an article with no headline: its first sentence when that is short, else its
    opening words cut at a word boundary, marked with an ellipsis (never mid-word)."""
    first = text.strip().split("\n", 1)[0]
    for i, ch in enumerate(first[: OPENING_CHARS + 40]):
        if ch in ".!?" and i + 2 < len(first) and first[i + 1] == " " and first[i + 2].isupper() and i > 20:
            word = first[first.rfind(" ", 0, i) + 1 : i]
            if "." not in word and not (word[:1].isupper() and len(word) <= 3):  # not "U.S." or "Mr."
                return first[: i + 1]
    if len(first) <= OPENING_CHARS:
        return first
    cut = first.rfind(" ", 0, OPENING_CHARS)
    return first[: cut if cut > 0 else OPENING_CHARS].rstrip(" ,;:") + "…"


