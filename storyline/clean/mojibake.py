"""Mojibake repair with ftfy, recorded like every other cleaning step.

Text decoded in the wrong encoding reads "itâ€™s" for "it’s" and "Â£24 million" for "£24 million":
the parser then sees no currency sign and no word. Each run of non-ASCII characters (mojibake is
always one: the bytes of a multi-byte character, each shown as a character of its own) is handed to
``ftfy.fix_encoding``, which changes it only when it is mojibake. A fixed run is shorter than the
damaged one, so the offset map is spliced: the fixed characters map to the damaged raw stretch,
everything else keeps its character-for-character mapping, and each repair is listed in the
article's ``removed`` with its raw offsets, the damaged text and what it now reads.
"""

from __future__ import annotations

import re

import ftfy

from ..model import OffsetMap, Removed, Segment

REASON = "mojibake (text decoded in the wrong encoding), repaired with ftfy to {fixed!r}"
RUN = re.compile(r"[^\x00-\x7f]+")


def fix_mojibake(text: str, offset_map: OffsetMap) -> tuple[str, OffsetMap, list[Removed]]:
    """The text with every mojibake run repaired, its spliced offset map, and the repairs."""
    edits = [(m.start(), m.end(), fixed) for m in RUN.finditer(text)
             if (fixed := ftfy.fix_encoding(m.group())) != m.group() and fixed]
    if not edits:
        return text, offset_map, []
    segments = offset_map.segments or [Segment(0, len(text), 0, len(text))]
    kept = [e for e in edits if _inside_identity(segments, e[0], e[1])]
    if not kept:
        return text, offset_map, []
    removed = [Removed(*offset_map.span_to_raw(s, e), text[s:e], REASON.format(fixed=fixed)) for s, e, fixed in kept]
    pieces, cur = [], 0
    for s, e, fixed in kept:
        pieces += [text[cur:s], fixed]
        cur = e
    pieces.append(text[cur:])
    return "".join(pieces), OffsetMap(_splice(segments, kept)), removed


def _inside_identity(segments: list[Segment], start: int, end: int) -> bool:
    """Whether clean [start, end) lies inside one segment mapped character by character."""
    return any(s.clean_start <= start and end <= s.clean_start + s.clean_len and s.clean_len == s.raw_len
               for s in segments)


def _splice(segments: list[Segment], edits: list[tuple[int, int, str]]) -> list[Segment]:
    """The segments after replacing each clean [start, end) of ``edits`` (sorted, each inside one
    identity segment) by its fixed text: the fixed text maps to the damaged raw stretch."""
    out: list[Segment] = []
    shift, i = 0, 0
    for seg in segments:
        cs, ce = seg.clean_start, seg.clean_start + seg.clean_len
        cur = cs
        while i < len(edits) and edits[i][0] < ce:
            s, e, fixed = edits[i]
            if s > cur:
                out.append(Segment(cur + shift, s - cur, seg.raw_start + (cur - cs), s - cur))
            out.append(Segment(s + shift, len(fixed), seg.raw_start + (s - cs), e - s))
            shift += len(fixed) - (e - s)
            cur, i = e, i + 1
        if ce > cur or cur == cs:
            raw = seg.raw_start + (cur - cs) if seg.clean_len == seg.raw_len else seg.raw_start
            length = seg.raw_len - (cur - cs) if seg.clean_len == seg.raw_len else seg.raw_len
            out.append(Segment(cur + shift, ce - cur, raw, length))
    return out
