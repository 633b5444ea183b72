"""quotes.marks: quoted stretches from curly and straight marks, robust to unbalanced ones."""

from __future__ import annotations

from storyline.quotes.marks import find_quoted


def _texts(text: str) -> list[tuple[str, bool]]:
    return [(text[q.start : q.end], q.unclosed) for q in find_quoted(text)]


def test_marks_curly_straight_and_split():
    text = 'He said "the port stays shut," and left.\n\n“I hope,” she stated, “it ends soon.”'
    assert _texts(text) == [('"the port stays shut,"', False), ("“I hope,”", False), ("“it ends soon.”", False)]


def test_marks_multi_paragraph_quote_runs_on():
    text = '"The first paragraph of a long statement goes here.\n\n"And it ends in the second," she said.'
    assert _texts(text) == [(text[: text.index(" she")], False)]


def test_marks_unclosed_quote_ends_with_its_paragraph():
    text = 'His deputy was blunter: "If the minister thinks we will tire, he is wrong.\n\nThe talks were "frank and useful" by all accounts.'
    found = _texts(text)
    assert found[0] == ('"If the minister thinks we will tire, he is wrong.', True)
    assert found[1] == ('"frank and useful"', False)


def test_marks_ignore_inch_marks_and_apostrophes():
    text = "The crane lifted a 40' container and a 12\" pipe, the foreman's log says."
    assert _texts(text) == []
