"""Repair damaged characters in clean text before it is read, recording each repair like a removal.

Scraped and re-encoded pages lose characters: "£24?million", "3.5?bn" where a non-breaking or thin
space went through an encoding that had no character for it and came out as "?". A figure read from
such text is lost ("24?million" is no number), so the "?" is read as the space it stood for. The
repair keeps the text's length, so the offset map still holds character for character, and each
repair is listed in the article's ``removed`` with its raw offsets and reason, as any cleaning step.

Mojibake ("â€™" for "'") is repaired before this, with ftfy (clean.mojibake).
"""

from __future__ import annotations

import re

from ..model import OffsetMap, Removed

REASON = "damaged character: a '?' between a number and its scale word, read as a space"
SCALE_WORDS = r"(?:million|billion|trillion|thousand|hundred|mln|bln|mn|bn|tn|m|b|k|per\s?cent|percent)"
# A digit, a "?" (or the replacement character), then a scale word ending at a word boundary.
LOST = re.compile(r"(?<=\d)[?\ufffd](?=" + SCALE_WORDS + r"\b)", re.IGNORECASE)


def repair(text: str, offset_map: OffsetMap) -> tuple[str, list[Removed]]:
    """The text with lost characters between digits and scale words read as spaces, and the repairs
    (offsets into raw text, through ``offset_map``)."""
    repairs: list[Removed] = []
    chars = list(text)
    for m in LOST.finditer(text):
        chars[m.start()] = " "
        start, end = offset_map.span_to_raw(m.start(), m.end())
        repairs.append(Removed(start, end, m.group(), REASON))
    return ("".join(chars) if repairs else text), repairs
