"""clean.text: scraped plain text loses its furniture, keeps every real paragraph, and maps back to raw."""

from __future__ import annotations

import json

import pytest

from storyline.clean import clean_plain_text
from storyline.clean.text import wrap_width
from tests.conftest import RESOURCES

TEXT = RESOURCES / "text"
EXPECTED = json.loads((TEXT / "expected.json").read_text())
ENGLISH = [name for name in EXPECTED if name != "non-english.txt"]


def _clean(name: str):
    raw = (TEXT / name).read_bytes()
    from storyline.ingest import decode

    text = decode(raw)
    return text, clean_plain_text(text)


@pytest.mark.parametrize("name", ENGLISH)
def test_text_removes_junk_and_keeps_paragraphs(name: str):
    raw, cleaned = _clean(name)
    expected = EXPECTED[name]
    removed = {r.text.strip() for r in cleaned.removed}
    paragraphs = [p.strip() for p in cleaned.text.split("\n")]
    for junk in expected["junk"]:
        assert junk in removed, f"not removed: {junk!r}"
        assert junk not in paragraphs
    for keep in expected["keep"]:
        assert keep in paragraphs, f"lost or broken: {keep!r}"
    for field in ("title", "outlet", "published", "author"):
        assert getattr(cleaned, field) == expected[field], field


@pytest.mark.parametrize("name", ENGLISH)
def test_text_offsets_map_back_to_raw(name: str):
    raw, cleaned = _clean(name)
    for removed in cleaned.removed:
        assert raw[removed.start : removed.end] == removed.text
    # every word of the clean text is the same word in raw_text
    pos = 0
    for word in cleaned.text.split():
        start = cleaned.text.index(word, pos)
        rs, re_ = cleaned.offset_map.span_to_raw(start, start + len(word))
        assert "".join(raw[rs:re_].split()) == word  # a hyphen-joined word spans its raw line break
        pos = start + len(word)


def test_text_pdf_wrap_detected_only_for_wrapped_text():
    raw, _ = _clean("pdf-wrapped.txt")
    assert wrap_width(raw.split("\n")) is not None
    raw, _ = _clean("scraped.txt")
    assert wrap_width([line.strip() for line in raw.split("\n")]) is None


def test_text_joins_hyphen_and_abbreviation_line_ends():
    raw = (
        "Freight rates on the route from the northern harbour to the capital climbed again in March, cross-\n"
        "border hauliers said, as customs checks imposed by buyers in the U.S.\n"
        "market slowed every shipment. Most of the smaller firms in the survey expect the pressure to last\n"
        "well into the autumn, the chamber of commerce said in its quarterly report on the region.\n"
        "\n"
        "A second survey will follow in October, once the new customs rules have been in force for a\n"
        "full quarter and the chamber has collected figures from members on both sides of the estuary.\n"
        "\n"
        "It found three main problems:\n"
        "• higher container rates\n"
        "• longer checks\n"
    )
    cleaned = clean_plain_text(raw)
    assert "cross-border hauliers" in cleaned.text
    assert "buyers in the U.S. market slowed" in cleaned.text
    assert "It found three main problems:\n• higher container rates\n• longer checks" in cleaned.text
    assert cleaned.title is None  # opens straight into a wrapped paragraph


def test_text_embedded_post_removed_with_its_text():
    raw = (
        "Dockworkers walk out at Valdemar\n"
        "Dockworkers at Valdemar walked off the job on Monday, halting all container traffic at the port.\n"
        "Pickets gather at the north gate as the strike begins — first full stoppage in a decade.\n"
        "— Harbor Wire (@HarborWire) March 3, 2025\n"
        "Strikers blocked the gate at dawn… pic.twitter.com/AbC123xyZ\n"
        "The union said the strike would last until the port authority returned to the table.\n"
    )
    cleaned = clean_plain_text(raw)
    reasons = [(r.reason, r.text[:20]) for r in cleaned.removed]
    assert reasons == [
        ("social-embed", "Pickets gather at th"),
        ("social-embed", "— Harbor Wire (@Harb"),
        ("social-embed", "Strikers blocked the"),
    ]
    assert "halting all container traffic" in cleaned.text and "until the port authority" in cleaned.text


def test_an_article_without_headline_is_labelled_by_its_first_sentence_not_cut_mid_word():
    from storyline.clean import opening_words

    wrapped = ("Mr. Ostrava, the U.S. trade envoy, reached Velgrad on May 4. The chamber welcomed him.\n\n"
               "More text follows.")
    assert opening_words(wrapped) == "Mr. Ostrava, the U.S. trade envoy, reached Velgrad on May 4."
    long = ("The port of Velgrad reopened on Tuesday after a strike that lasted five months and cost the city, "
            "by the ministry's estimate, more than a third of its trade in the year")
    label = opening_words(long)
    assert label.endswith("…") and len(label) <= 121 and long.startswith(label[:-1])
    assert long[len(label) - 1] == " "  # cut between words


def test_wrapped_text_wider_than_the_setting_is_read_as_paragraphs():
    from storyline.settings import CleanSettings

    line = "The harbour pilots of Osterby returned to work on Friday after the board agreed to pay what it owed"
    lines = [line[: 60 + (i % 3)] for i in range(12)]
    assert wrap_width(lines) is not None
    assert wrap_width(lines, max_width=50) is None
    para = ("The harbour pilots of Osterby returned to work on Friday after the board agreed to pay the overtime "
            "owed since the spring, the pilots' association said on Saturday. Ferries to Tallvik ran on time for "
            "the first time in three weeks, and the board said that no crossing had been cancelled since the "
            "agreement. The association's chairman thanked passengers for their patience during the stoppage and "
            "said the pilots would meet the board again in June to settle the rota for the summer season.")
    import textwrap

    raw = "Pilots back at work in Osterby\n\n" + "\n".join(textwrap.wrap(para, 64)) + "\n"
    assert para in clean_plain_text(raw).text  # the wrap is undone
    assert para not in clean_plain_text(raw, settings=CleanSettings(wrap_max_width=50)).text

