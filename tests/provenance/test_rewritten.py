"""Blocking and embedding budget of the rewritten-passage finder, with a stand-in embedder (no model needed)."""

from __future__ import annotations

import hashlib

import numpy as np

from storyline.provenance.align import runs
from storyline.provenance.build import families, find_copies
from storyline.provenance.copies import Passage, verified_ratio
from storyline.provenance.rewritten import Representatives, blocked_pairs
from tests.provenance.test_copies import FILLER_A, FILLER_B, SHARED, SHARED_EDITED, article

FACT_A = "Nordlys Lines cancelled 42 crossings from Tallvik on Tuesday after the harbour pilots walked out."
FACT_B = "On Tuesday 42 sailings out of Tallvik were scrapped by Nordlys Lines as pilots stopped work."
OTHER_A = "The weather service forecast calm seas for the rest of the week along the northern coast."
OTHER_B = "A choir from the mountain villages will give three concerts in the cathedral next month."


class RecordingEmbedder:
    """Stands in for the sentence model: a fixed pseudo-random unit vector per text, and a log of texts."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.texts.extend(texts)
        rows = []
        for t in texts:
            seed = int.from_bytes(hashlib.sha256(t.encode()).digest()[:4], "little")
            v = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.array(rows).reshape(len(texts), 384)


def test_rewritten_pair_sharing_names_and_figures_is_a_candidate():
    a = article("a", FACT_A + " " + OTHER_A)
    b = article("b", OTHER_B + " " + FACT_B)
    assert blocked_pairs([a, b]) == {((0, 0), (1, 1))}


def test_unrelated_sentences_are_never_embedded():
    a = article("a", FACT_A + " " + OTHER_A, FILLER_A)
    b = article("b", OTHER_B + " " + FACT_B, FILLER_B)
    embedder = RecordingEmbedder()
    find_copies([a, b], embedder)
    assert FACT_A in embedder.texts and FACT_B in embedder.texts
    assert not {OTHER_A, OTHER_B} & set(embedder.texts)
    assert not any("choir" in t or "weather" in t or "Queues" in t for t in embedder.texts)


def test_verbatim_copies_are_embedded_once_as_a_family():
    a = article("a", SHARED, FACT_A)
    b = article("b", SHARED_EDITED, OTHER_B)
    c = article("c", FILLER_B, FACT_B + " " + SHARED.split(". ")[0] + ".")
    fam = families([Passage("a", "b", (0, 1), (0, 1), (0, 1), (0, 1), 0.9, [(0, 0), (1, 1)])])
    assert fam == {("a", 0): ("a", 0), ("b", 0): ("a", 0), ("a", 1): ("a", 1), ("b", 1): ("a", 1)}
    rep = Representatives([a, b, c], fam)
    assert rep((1, 0)) == (0, 0) and rep.family((0, 0)) == [(0, 0), (1, 0)]
    embedder = RecordingEmbedder()
    find_copies([a, b, c], embedder)
    assert SHARED_EDITED.split(". ")[0] + "." not in embedder.texts  # b's copy stands behind a's sentence


def test_one_sentence_against_two_repeats_is_not_a_verbatim_passage():
    found = runs({(3, 7): 0.9, (3, 8): 0.9})
    assert [(r.size, r.shorter) for r in found] == [(2, 1)]


def test_verified_ratio_skips_alignment_below_the_bound():
    same = "the ferry company cancelled 42 crossings between tallvik and osmund".split()
    other = "local hotels said they had taken bookings from stranded travellers today".split()
    assert verified_ratio(same, same) == 1.0
    assert verified_ratio(same, other) == 0.0


def test_a_rewrite_keeps_the_figures_a_retelling_with_other_numbers_is_not_one():
    from storyline.provenance.rewritten import same_figures
    from storyline.provenance.text import Unit

    def unit(text: str) -> Unit:
        return Unit("x", 0, 0, len(text), text.lower().rstrip(".").split())

    told = [unit("Nordlys Lines cancelled 1,100 crossings on Tuesday.")]
    retold = [unit("On Tuesday 1100 sailings were scrapped by Nordlys Lines.")]
    other_event = [unit("On Friday 35 sailings were scrapped by Nordlys Lines.")]
    spelled = [unit("On Tuesday over a thousand sailings were scrapped.")]
    assert same_figures(told, retold)
    assert not same_figures(told, other_event)
    assert same_figures(told, spelled)  # number words may replace digits in a rewrite


def test_a_rewrite_keeps_the_names_even_when_one_opens_a_sentence():
    from storyline.provenance.rewritten import same_names

    told = article("a", "Minister Roman Kadlec met the envoy. Kadlec said the picket could stay as long as the gates were clear.")
    retold = article("b", "After the meeting with Wendt the pickets were allowed to stay. Strikers must keep the gates clear, said Kadlec.")
    other = article("c", "Minister Ilse Varga met the envoy. Varga said the picket could stay as long as the gates were clear.")
    assert same_names(told, told.units[1:], retold, retold.units)  # "Kadlec" opens the sentence, still a name
    assert not same_names(told, told.units[1:], other, other.units[1:])  # same wording, another minister
