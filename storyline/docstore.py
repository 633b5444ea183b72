"""Parsed Docs kept on disk between the parse and the story stages, so a build's memory does not
grow with its number of articles.

Clustering reads compact per-article features, not Docs, and each story's stages read only that
story's Docs. So each Doc is written, as it comes out of the parse, to one unnamed temporary file
(deleted by the OS when the build ends, however it ends) and read back story by story. A Doc is
stored without its tensor (the tok2vec output, about 100 bytes per character, which no stage
reads) and without user_data (per-Doc indexes are rebuilt on first use). Writing and reading a Doc
costs about 1% of parsing it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import TracebackType

from spacy.tokens import Doc
from spacy.vocab import Vocab

STORED_WITHOUT = ["tensor", "user_data"]


class DocStore(Mapping[str, Doc]):
    """A read-back mapping of key -> Doc whose Docs live in a temporary file, not in memory."""

    def __init__(self, vocab: Vocab, folder: str | Path | None = None) -> None:
        self.vocab = vocab
        self._file = tempfile.TemporaryFile(prefix="storyline-docs-", dir=folder)
        self._where: dict[str, tuple[int, int]] = {}  # key -> (offset, length) in the file
        self._end = 0

    def add(self, key: str, doc: Doc) -> None:
        """Store ``doc`` under ``key`` (a key already stored keeps its first Doc, like dict.setdefault)."""
        if key in self._where:
            return
        data = doc.to_bytes(exclude=STORED_WITHOUT)
        self._file.seek(self._end)
        self._file.write(data)
        self._where[key] = (self._end, len(data))
        self._end += len(data)

    def __getitem__(self, key: str) -> Doc:
        offset, length = self._where[key]
        self._file.seek(offset)
        return Doc(self.vocab).from_bytes(self._file.read(length))

    def subset(self, keys: list[str]) -> dict[str, Doc]:
        """The Docs of ``keys`` that are stored, read back into memory (one story's worth)."""
        return {k: self[k] for k in keys if k in self._where}

    def __contains__(self, key: object) -> bool:
        return key in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    @property
    def size(self) -> int:
        """Bytes on disk."""
        return self._end

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> DocStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
