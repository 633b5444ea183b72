"""The per-Doc index: built once, and told the text its caller already holds."""

from __future__ import annotations

from storyline.docindex import doc_index, known_text, release_index


def test_known_text_is_used_without_rebuilding_the_doc_text(nlp):
    text = "The harbour pilots of Osterby returned to work on Friday. Ferries ran on time."
    doc = nlp(text)
    index = known_text(doc, text)
    assert index.text is text  # the caller's string itself, not a join over the tokens
    assert doc_index(doc) is index and [s.text for s in index.sents] == [s.text for s in doc.sents]
    release_index(doc)


def test_a_text_of_another_length_is_ignored(nlp):
    doc = nlp("Ferries ran on time on Saturday.")
    index = known_text(doc, "Ferries ran on time.")
    assert index.text == "Ferries ran on time on Saturday."
    release_index(doc)
