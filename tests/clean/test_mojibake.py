"""clean.mojibake: text decoded in the wrong encoding is repaired with ftfy, the offset map spliced and
the repair listed, like every cleaning step."""

from __future__ import annotations

from storyline.clean.mojibake import fix_mojibake
from storyline.model import OffsetMap, Segment


def test_mojibake_runs_are_fixed_and_the_rest_maps_character_by_character():
    raw = "Header\n\nThe Harbour Boardâ€™s fine was Â£24 million, said CafÃ© owner Ilse Marner."
    clean = raw[8:]
    omap = OffsetMap([Segment(0, len(clean), 8, len(clean))])
    fixed, new_map, repairs = fix_mojibake(clean, omap)
    assert fixed == "The Harbour Board’s fine was £24 million, said Café owner Ilse Marner."
    assert [(raw[r.start:r.end], r.text) for r in repairs] == [("â€™", "â€™"), ("Â£", "Â£"), ("Ã©", "Ã©")]
    assert "ftfy" in repairs[0].reason and "’" in repairs[0].reason
    for word in ("Harbour", "24 million", "Ilse Marner"):  # ASCII text around the repairs maps exactly
        i = fixed.index(word)
        start, end = new_map.span_to_raw(i, i + len(word))
        assert raw[start:end] == word
    pound = fixed.index("£")
    assert raw[new_map.to_raw(pound)] == "Â"  # a fixed character maps to the damaged stretch


def test_text_that_is_not_mojibake_is_left_alone():
    text = "Le café coûte 3 €; “quoted” — fine."
    omap = OffsetMap([Segment(0, len(text), 0, len(text))])
    assert fix_mojibake(text, omap) == (text, omap, [])


def test_clean_record_fixes_mojibake_before_figures_are_read():
    from storyline.clean import clean_record
    from storyline.ingest import RawRecord

    body = ("The port authority said it paid Â£24 million for the Wendt terminal, and the crewsâ€™ union agreed. " * 3).strip()
    article = clean_record(RawRecord(source_path="a.txt", format="txt", content=body, fields={}))
    assert "£24 million" in article.clean_text and "crews’ union" in article.clean_text
    assert any("mojibake" in r.reason for r in article.removed)
    i = article.clean_text.index("Wendt")
    assert article.raw_text[article.offset_map.to_raw(i):].startswith("Wendt")
