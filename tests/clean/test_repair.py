"""clean.repair: a '?' lost between a number and its scale word is read as a space, and recorded."""

from __future__ import annotations

from storyline.clean.repair import REASON, repair
from storyline.model import OffsetMap, Segment


def test_lost_character_between_digits_and_scale_word_is_a_space():
    text = "The club paid £24?million for him and 3.5?bn in fees; up 12?percent."
    fixed, repairs = repair(text, OffsetMap([Segment(0, len(text), 0, len(text))]))
    assert fixed == "The club paid £24 million for him and 3.5 bn in fees; up 12 percent."
    assert len(fixed) == len(text)  # the offset map still holds character for character
    assert [(r.start, r.text, r.reason) for r in repairs] == [
        (text.index("?"), "?", REASON), (text.index("?bn"), "?", REASON), (text.index("?percent"), "?", REASON)]


def test_question_marks_that_are_questions_stay():
    text = "Was it 24? Millions asked. Who paid 3?million? Route 66?"
    fixed, repairs = repair(text, OffsetMap([]))
    assert fixed == "Was it 24? Millions asked. Who paid 3 million? Route 66?"
    assert len(repairs) == 1


def test_repairs_are_recorded_in_raw_offsets():
    raw = "Header\n\nIt cost £5?million."
    clean = "It cost £5?million."
    omap = OffsetMap([Segment(0, len(clean), 8, len(clean))])
    fixed, repairs = repair(clean, omap)
    assert fixed == "It cost £5 million."
    assert raw[repairs[0].start:repairs[0].end] == "?"


def test_clean_record_repairs_and_lists_the_repair():
    from storyline.clean import clean_record
    from storyline.ingest import RawRecord

    body = ("Manchester signed the striker for £24?million on Monday, the club said in a statement. " * 3).strip()
    record = RawRecord(source_path="a.txt", format="txt", content=body, fields={})
    article = clean_record(record)
    assert "£24 million" in article.clean_text and "?million" not in article.clean_text
    repaired = [r for r in article.removed if r.reason == REASON]
    assert repaired and all(article.raw_text[r.start:r.end] == "?" for r in repaired)
