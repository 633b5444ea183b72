"""nlp: the loaded pipeline keeps the text exact and reads lookalike apostrophes as apostrophes."""

from __future__ import annotations


def test_lookalike_apostrophe_splits_the_possessive_and_keeps_the_text(nlp):
    text = "The Aldmark Presidentʼs Special Envoy Clara Wendt arrived in Velgrad; the dockersʼ union met her."
    doc = nlp(text)
    assert doc.text == text
    words = [t.text for t in doc]
    assert words[2:4] == ["President", "ʼs"] and "ʼ" in words
    assert doc[3].norm_ == "'s" and doc[3].shape_ == "’x"
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Clara Wendt", "PERSON") in ents
    assert not any("President" in e.text and e.label_ == "ORG" for e in doc.ents)


def test_sentences_never_cross_a_line_break(nlp):
    doc = nlp("Port strike enters fifth month\nThe union met the minister on Tuesday.")
    assert [s.text.strip() for s in doc.sents] == ["Port strike enters fifth month", "The union met the minister on Tuesday."]


def test_split_text_cuts_after_paragraph_breaks_and_loses_nothing():
    from storyline.nlp import split_text

    text = "First paragraph here.\n\nSecond one, a little longer.\nIts second line.\n\nThird."
    pieces = split_text(text, 40)
    assert "".join(pieces) == text and all(len(p) <= 40 for p in pieces)
    assert pieces[0] == "First paragraph here.\n\n"  # a paragraph break, not the nearer space
    assert split_text(text, len(text)) == [text]
    assert "".join(split_text("x" * 95, 40)) == "x" * 95  # no break anywhere: cut at the limit


def test_a_text_over_max_length_is_parsed_in_pieces_with_exact_offsets(nlp, monkeypatch):
    from storyline.model import Article
    from storyline.nlp import parse, split_text

    paragraphs = [
        "Dockworkers in Port Sarvik walked out on Monday, the union said.",
        "Transport Minister Roman Kadlec met union leaders in Velgrad on Tuesday.",
        "“We will not go back without a contract,” said Nadia Horvat, the union's spokeswoman.",
        "The strike has idled 2,400 workers and 31 ships.",
    ]
    text = "Harbor strike enters second week\n\n" + "\n\n".join(paragraphs) + "\n"
    whole = nlp(text)
    monkeypatch.setattr(nlp, "max_length", 120)
    assert len(split_text(text, nlp.max_length)) > 2
    short = Article("b", "b.txt", "Short.", "Short.")
    (article, doc), (_, short_doc) = parse([Article("a", "a.txt", text, text), short], nlp)
    assert doc.text == text and short_doc.text == "Short."
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert doc.ents and all(text[e.start_char : e.end_char] == e.text for e in doc.ents)
    assert ("Roman Kadlec", "PERSON") in {(e.text, e.label_) for e in doc.ents}
    # every paragraph is its own sentence or more, as in a parse of the whole text
    starts = {s.start_char for s in doc.sents}
    assert all(text.index(p) in starts for p in paragraphs)
    assert article.sentences and all(text[s:e].strip() for s, e in article.sentences)
    assert [t.text for t in doc] == [t.text for t in whole]
