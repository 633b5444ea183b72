"""Score person merging across articles on ECB+'s gold person chains, beside exact-string matching.

    storyline eval entities [--data DIR] [--reuse] [--show]

Gold (``ecbplus-dev/entities.json``) lists person mentions by file and text, each with its chain.
A mention form is one (file, text, chain); two forms in different files of one sub-topic are one
person exactly when their chains are equal. storyline links two forms when one entity of the
dossier holds a mention of each in its article (same words, or one name inside the other with the
same last word: "Reid" in "Tara Reid"; an age or a "Jr." after the name is not compared). The
baseline links forms whose text is identical.
Precision, recall and F1 are computed per sub-topic and macro-averaged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations

from anyascii import anyascii
from spacy.language import Language

from .gate import Row
from .sets import BuiltSet

SET = "ecbplus-dev"
STAGE = "entities"
NEEDS_DOCS = False

_DETERMINERS = {"the", "a", "an"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def name_words(text: str) -> tuple[str, ...]:
    """A name as comparable words: ASCII-folded, lower case, no possessive, punctuation or article."""
    text = re.sub(r"['’]s\b", "", anyascii(text).lower())
    words = re.findall(r"[a-z0-9]+", text)
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    while words and (words[-1].isdigit() or (len(words) > 2 and words[-1] in _SUFFIXES)):
        # an age in apposition ("Dana Pirelli, 40") or a generational suffix ("Arne Holm, Jr."): ECB+
        # spans hold them, the tagger's name span most often does not
        words = words[:-1]
    return tuple(words)


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same words, or one name's words inside the other's with the same last word."""
    if not a or not b:
        return False
    return a == b or (a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a)))


@dataclass(slots=True, frozen=True)
class Form:
    sub: str
    file: str
    text: str
    chain: str


def gold_forms(gold: Iterable[dict]) -> list[Form]:
    return sorted({Form(g["sub"], g["file"], g["text"], g["chain"]) for g in gold}, key=lambda f: (f.sub, f.file, f.text))


def entity_keys(built: BuiltSet, forms: list[Form]) -> dict[Form, set[str]]:
    """Each gold form -> the dossier entities (story id/entity id) holding a mention of it in its article."""
    by_file = built.by_file
    # article id -> [(entity key, mention words)]
    mentions: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for story in built.dossier.stories:
        for e in story.entities:
            for m in e.mentions:
                mentions[m.article_id].append((f"{story.id}/{e.id}", name_words(m.text)))
    out: dict[Form, set[str]] = {}
    for f in forms:
        article = by_file.get(f.file)
        words = name_words(f.text)
        found = mentions.get(article.id, []) if article else []
        exact = {k for k, w in found if w == words}
        out[f] = exact or {k for k, w in found if same_name(w, words)}
    return out


def pair_scores(forms: list[Form], linked: Callable[[Form, Form], bool]) -> dict[str, float]:
    """Macro P/R/F1 over sub-topics of cross-file pairs of forms."""
    by_sub: dict[str, list[Form]] = defaultdict(list)
    for f in forms:
        by_sub[f.sub].append(f)
    ps, rs, fs = [], [], []
    for members in by_sub.values():
        tp = fp = fn = 0
        for a, b in combinations(members, 2):
            if a.file == b.file:
                continue
            gold, said = a.chain == b.chain, linked(a, b)
            tp += gold and said
            fp += said and not gold
            fn += gold and not said
        if tp + fn == 0:
            continue  # no cross-article person in this sub-topic
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn)
        ps.append(p)
        rs.append(r)
        fs.append(2 * p * r / (p + r) if p + r else 0.0)
    n = len(fs)
    return {"P": sum(ps) / n if n else 0.0, "R": sum(rs) / n if n else 0.0, "F1": sum(fs) / n if n else 0.0,
            "subtopics": float(n)}


def score(built: BuiltSet, nlp: Callable[[], Language], show: bool = False) -> list[Row]:
    forms = gold_forms(built.gold("entities.json"))  # type: ignore[arg-type]
    keys = entity_keys(built, forms)
    ours = pair_scores(forms, lambda a, b: bool(keys[a] & keys[b]))
    exact = pair_scores(forms, lambda a, b: a.text == b.text)
    if show:
        unfound = [f for f in forms if not keys[f]]
        print(f"entities: {len(forms)} gold forms, {len(unfound)} not found as any entity's mention")
        for f in unfound[:40]:
            print(f"  not found: {f.file:<18} {f.text!r}")
    n = int(ours["subtopics"])
    return [
        Row(STAGE, "person pairs F1 (macro)", ours["F1"], exact["F1"], n),
        Row(STAGE, "person pairs P (macro)", ours["P"], exact["P"], n),
        Row(STAGE, "person pairs R (macro)", ours["R"], exact["R"], n),
    ]


def main(argv: list[str]) -> int:
    from .runner import run

    return run([STAGE], argv)
