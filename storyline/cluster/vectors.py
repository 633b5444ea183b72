"""Sparse matrices of many articles at once, so batch scoring runs in scipy rather than in Python loops.

Rows are articles; columns are lemmas or keys. ``weighted_rows`` gives the IDF-weighted, unit-length
rows whose dot products are the cosines of ``profile.content_score``; ``row_dots`` takes the dot
products of given row pairs in chunks, so memory stays bounded however many pairs are scored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from scipy import sparse

CHUNK = 200_000  # row pairs multiplied at once: ~CHUNK x (terms per article) non-zeros in memory


def weighted_rows(rows: Iterable[dict[str, float]], weight: Callable[[str], float], normalise: bool = True) -> sparse.csr_matrix:
    """One CSR row per dict: value x weight(column), scaled to unit length when ``normalise``."""
    vocab: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for row in rows:
        for k, v in row.items():
            indices.append(vocab.setdefault(k, len(vocab)))
            data.append(v * weight(k))
        indptr.append(len(indices))
    m = sparse.csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                          shape=(len(indptr) - 1, len(vocab)))
    if normalise:
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        m = sparse.diags(1.0 / norms) @ m
    return m.tocsr()


def row_dots(m: sparse.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``m[left[k]] . m[right[k]]`` for every k."""
    out = np.empty(len(left), dtype=np.float64)
    for s in range(0, len(left), CHUNK):
        a, b = m[left[s:s + CHUNK]], m[right[s:s + CHUNK]]
        out[s:s + CHUNK] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out
