"""Name normalisation and comparison: titles, transliteration-aware keys, given-name compatibility.

Pure functions over strings, so the merge rules can be tested one pair at a time.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jellyfish
from anyascii import anyascii
from nicknames import NickNamer
from rapidfuzz.distance import JaroWinkler
from rapidfuzz.fuzz import ratio

from ..settings import EntitySettings

DEFAULTS = EntitySettings()

# Words that make up titles and honorifics in front of a name ("Deputy Assistant Secretary of State").
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "secretary", "envoy", "special", "representative", "deputy",
    "assistant", "undersecretary", "under", "state", "chairman", "chairwoman", "chair", "spokesman",
    "spokeswoman", "spokesperson", "mayor", "governor", "senator", "sen", "rep", "general", "gen", "ambassador",
    "foreign", "transport", "defence", "defense", "interior", "finance", "justice", "economy", "trade",
    "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "king", "queen", "pope", "judge", "chancellor",
    "commissioner", "director", "head", "leader", "chief", "executive", "ceo", "adviser", "advisor", "aide",
    "former", "then", "acting", "interim", "opposition", "union", "party", "dictator", "autocrat", "colonel",
    "col", "captain", "capt", "lieutenant", "lt", "sergeant", "sgt", "major", "admiral", "professor", "prof",
    "father", "sister", "brother", "rabbi", "imam", "bishop", "archbishop", "cardinal", "premier", "speaker",
    "lawmaker", "mp", "congressman", "congresswoman", "attorney", "prosecutor", "commander", "officer",
    "official", "diplomat", "negotiator", "mediator", "journalist", "reporter", "editor", "columnist",
}
# Title words that may stand lower-case before a name ("special envoy Clara Wendt").
LOWER_TITLE_OK = TITLE_WORDS - {"state", "union", "party", "general", "head", "former", "then", "acting"}
CONNECTORS = {"of", "for", "to", "the"}

# Given names that are one name in another transliteration or language (Belarusian, Russian,
# Ukrainian, Polish, English spellings). Sets that share a spelling are one name (see _canon_of):
# "mikhail" joins the Slavic forms to "michael". English nicknames (Bill, Liz) come from the
# nicknames package instead (given_names_compatible).
GIVEN_NAME_GROUPS = [
    {"alexander", "aleksandr", "alexandr", "aliaksandr", "alyaksandr", "aleksander", "oleksandr", "olexander"},
    {"sergei", "sergey", "siarhei", "sergiy", "serhiy", "serhii", "sergej", "syarhei"},
    {"yuri", "yury", "yuriy", "yuras", "jurij", "juri", "yurii", "iouri"},
    {"dmitri", "dmitry", "dmitriy", "dzmitry", "dmytro", "dimitri"},
    {"vladimir", "uladzimir", "volodymyr", "wladimir", "uladzimer"},
    {"nikolai", "nikolay", "mikalai", "mykola", "nicolai", "nikolaj"},
    {"mikhail", "mikhal", "mykhailo", "michail", "mikhas", "mikhai"},
    {"mikhail", "michael", "mykhaylo"},
    {"andrei", "andrey", "andriy", "andrii", "andrej", "andrzej", "andrew"},
    {"pavel", "paval", "pavlo", "paul"},
    {"svetlana", "sviatlana", "svitlana", "swetlana"},
    {"tatiana", "tatyana", "tatsiana", "tetiana", "tatjana"},
    {"maria", "mariya", "maryia", "mariia", "marija"},
    {"olga", "volha", "olha"},
    {"ekaterina", "katsiaryna", "kateryna", "yekaterina", "katerina"},
    {"viktor", "victor", "viktar"},
    {"anatoly", "anatoli", "anatol", "anatolii", "anatoliy"},
    {"vitaly", "vitali", "vitaliy", "vital", "vitalii"},
    {"maxim", "maksim", "maksym", "maxym"},
    {"ivan", "ivanko", "iwan"},
    {"yevgeny", "evgeny", "yauhen", "yevhen", "eugene", "evgeni"},
    {"igor", "ihar", "ihor"},
    {"roman", "raman"},
    {"oleg", "aleh", "oleh"},
    {"petr", "pyotr", "piotr", "petro", "peter", "pyatro"},
]


def _canon_of(groups: list[set[str]]) -> dict[str, str]:
    """Spelling -> one representative of its name, groups sharing a spelling joined (union-find):
    two lists that both hold "mikhail" make Michael, Mikhail and Mykhailo one name."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for group in groups:
        first, *rest = sorted(group)
        for name in rest:
            parent[find(name)] = find(first)
    members: dict[str, list[str]] = {}
    for name in parent:
        members.setdefault(find(name), []).append(name)
    return {name: min(names) for names in members.values() for name in names}


_GIVEN_CANON = _canon_of(GIVEN_NAME_GROUPS)
_NICKNAMES = NickNamer()

# Country names written several ways; keys are folded forms.
PLACE_ALIASES = {
    "us": "united states", "u s": "united states", "usa": "united states", "u s a": "united states",
    "united states of america": "united states", "america": "united states",
    "uk": "united kingdom", "u k": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "eu": "european union", "e u": "european union", "un": "united nations", "u n": "united nations",
    "russian federation": "russia", "kyiv": "kyiv", "kiev": "kyiv",
}

# Distinct spellings remembered by fold/translit_key/surnames_match: entity resolution compares every
# name of an article or a story block with every other, so each spelling is asked for again and again.
NAME_CACHE = 1 << 16
NAME_CHARS = 100  # a longer text (a whole article) is folded without being remembered

_POSSESSIVE = re.compile(r"(?:['’ʼ]s|s['’ʼ])$")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")


def fold(text: str) -> str:
    """Lower-case ASCII form: 'Tsikhanoŭski' -> 'tsikhanouski', 'U.S.' -> 'u s'."""
    return _fold_name(text) if len(text) <= NAME_CHARS else _fold(text)


def _fold(text: str) -> str:
    text = anyascii(text).lower().replace("'", "")
    return " ".join(_NON_WORD.sub(" ", text).split())


_fold_name = lru_cache(maxsize=NAME_CACHE)(_fold)


# Endings of nationality and group words ("Ukrainian", "Belarusian", "Japanese", "Polish", "Israeli").
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "an", "i")


def demonym_shaped(word: str) -> bool:
    """A word shaped like a nationality or group adjective, so a NORP tag on it is believable."""
    return word.lower().endswith(DEMONYM_ENDINGS)


def strip_possessive(text: str) -> str:
    """'Kellogg’s' -> 'Kellogg'."""
    return _POSSESSIVE.sub("", text.rstrip())


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """(title words, name words) of a mention: 'Transport Minister Roman Kadlec' -> (['Transport', 'Minister'], [...])."""
    i = 0
    while i < len(words) - 1 and (fold(words[i]) in TITLE_WORDS or words[i].lower() in CONNECTORS):
        i += 1
    while i > 0 and words[i - 1].lower() in CONNECTORS:  # never end a title on "of"
        i -= 1
    return words[:i], words[i:]


# Generational suffixes after a surname ("Comeaux Jr.", "LaCalamita III"): not the surname.
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def name_suffix_free(words: list[str]) -> list[str]:
    """A person's name words without a trailing generational suffix or a trailing comma."""
    out = [w.rstrip(",") for w in words]
    while len(out) > 1 and (fold(out[-1]) in NAME_SUFFIXES or not fold(out[-1])):
        out.pop()
    return out


def name_key(name: str, label: str) -> str:
    """Exact-merge key of a name: folded, articles and possessives dropped, country aliases applied."""
    key = fold(strip_possessive(name))
    if key.startswith("the "):
        key = key[4:]
    if label in ("GPE", "LOC", "ORG", "NORP", "FAC"):
        key = PLACE_ALIASES.get(key, key)
    return key


@lru_cache(maxsize=NAME_CACHE)
def translit_key(word: str) -> str:
    """A skeleton of a (Slavic) surname that survives romanisation differences.

    'Tsikhanouski', 'Tikhanovsky', 'Tsikhanovsky' -> similar keys; 'Zelenskyy'/'Zelensky' -> equal.
    """
    k = fold(word).replace(" ", "")
    for a, b in (("shch", "sc"), ("zh", "j"), ("kh", "h"), ("ts", "c"), ("tz", "c"), ("ch", "c"), ("sh", "s"),
                 ("ou", "ov"), ("iy", "i"), ("yy", "i"), ("ij", "i"), ("ia", "e"), ("ya", "e"), ("ie", "e"),
                 ("ye", "e"), ("w", "v"), ("y", "i"), ("x", "ks"), ("j", "i")):
        k = k.replace(a, b)
    k = re.sub(r"(.)\1+", r"\1", k)  # doubled letters
    return k


@lru_cache(maxsize=NAME_CACHE)
def surnames_match(a: str, b: str, s: EntitySettings = DEFAULTS) -> tuple[bool, float, str]:
    """Whether two surnames are one name in different spellings; (match, score, rule)."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True, 1.0, "same surname"
    short, long_ = sorted((fa, fb), key=len)
    if long_ == short + "a" or (short.endswith(("sky", "ski", "skiy")) and long_.endswith(("skaya", "ska"))):
        return False, 0.0, ""  # Ivanov / Ivanova: the feminine form names another person
    ka, kb = translit_key(a), translit_key(b)
    if ka == kb:
        return True, 0.98, "transliteration key"
    if ka[:1] != kb[:1] and fa[:1] != fb[:1]:
        return False, 0.0, ""
    if abs(len(ka) - len(kb)) > s.surname_max_length_gap or min(len(ka), len(kb)) < s.surname_min_key:
        return False, 0.0, ""
    score = ratio(ka, kb) / 100
    jw = JaroWinkler.similarity(fa, fb)
    phonetic = jellyfish.metaphone(fa) == jellyfish.metaphone(fb)
    if (score >= s.surname_ratio or (phonetic and jw >= s.surname_phonetic_jw)
            or (score >= s.surname_close_ratio and jw >= s.surname_close_jw and ka[-2:-1] == kb[-2:-1])):
        return True, round(max(score, jw), 3), "transliteration similarity"
    return False, round(score, 3), ""


@lru_cache(maxsize=NAME_CACHE)
def is_nickname(x: str, y: str) -> bool:
    """One folded given name is a listed nickname of the other (Bill / William, Liz / Elizabeth)."""
    return y in _NICKNAMES.nicknames_of(x) or x in _NICKNAMES.nicknames_of(y)


def is_known_given_name(x: str) -> bool:
    """A folded word the nicknames table lists as a given name or a nickname ("mark", "bill")."""
    return x in _NICKNAMES._nickname_lookup or x in _NICKNAMES._canonical_lookup


def given_forms(words: list[str]) -> list[str]:
    """The given names a person goes by: the first word and a quoted or bracketed nickname
    ("Luis Gerardo (Jerry) Ortiz" -> luis, jerry), folded."""
    forms = [words[0]] + [w for w in words[1:] if w[:1] in "(\"'“‘"]
    return [f for f in (fold(w).replace(" ", "") for w in forms) if f]


def given_names_compatible(a: list[str], b: list[str], s: EntitySettings = DEFAULTS) -> bool:
    """Given names agree: equal, known variants, an initial, or one side has none."""
    if not a or not b:
        return True
    xs, ys = given_forms(a), given_forms(b)
    if not xs or not ys:
        return True
    return any(_given_pair(x, y, s) for x in xs for y in ys)


@lru_cache(maxsize=NAME_CACHE)
def _given_pair(x: str, y: str, s: EntitySettings = DEFAULTS) -> bool:
    if len(x) == 1 or len(y) == 1:  # an initial
        return x[0] == y[0]
    if _GIVEN_CANON.get(x, x) == _GIVEN_CANON.get(y, y) or is_nickname(x, y):
        return True
    if x[0] != y[0]:
        return False
    if ratio(translit_key(x), translit_key(y)) / 100 >= s.given_name_ratio:
        return True
    return _plain_ending(x) == _plain_ending(y)


def _plain_ending(name: str) -> str:
    """A given name with its diminutive ending written one way: Bettie, Betty, Betti -> betty."""
    for ending in ("ie", "ey", "i"):
        if name.endswith(ending) and len(name) > len(ending) + 2:
            return name[: -len(ending)] + "y"
    return name
