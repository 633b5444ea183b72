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
