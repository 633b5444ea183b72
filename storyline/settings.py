"""Every knob of a build, in one tree: a section per stage, each threshold a named, documented field.

The engine hands each stage its own section (``Settings.entities`` to the entities stage, ...); no
stage reads a global. Defaults live here and only here. ``storyline build --config FILE`` reads a
TOML file whose tables are the sections, e.g.::

    n_process = 2

    [cluster]
    threshold = 0.16

    [entities]
    surname_ratio = 0.9

and the dossier records the settings it was built with (``Settings.to_dict``). An unknown section
or field, or a value of the wrong type, is an error naming it: a typo never silently does nothing.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from .nlp import DEFAULT_MODEL

# Parse processes a build starts by default: one per usable core, up to this many (each holds its own
# copy of the spaCy pipeline, about 300 MB).
MAX_DEFAULT_PROCESSES = 4


def default_processes() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count), capped."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(usable, MAX_DEFAULT_PROCESSES))


@dataclass(slots=True, frozen=True, kw_only=True)
class IngestSettings:
    """ingest: what a file must be to be read at all."""

    max_file_bytes: int = 20_000_000  # a larger file is skipped with its size, not read
    max_control_share: float = 0.02  # more control characters than this share of the text: binary, not text
    min_feed_words: int = 50  # a feed entry with fewer words of body is a teaser, not an article
    max_record_bytes: int = 10_000_000  # one WARC record, JSONL line or JSON record body larger than this is skipped
    max_decompressed_bytes: int = 200_000_000  # a .warc.gz inflating past this is skipped as a possible gzip bomb
    max_json_depth: int = 64  # JSON nested deeper than this many lists/objects is skipped, not walked
    max_json_int_digits: int = 100  # a JSON integer of more digits than this is skipped (Python refuses 4,300)
    allow_xml_entities: bool = False  # a feed declaring its own XML entities (<!ENTITY>: billion laughs) is skipped
    max_skips_listed: int = 5  # per input, this many skipped records of one kind (teasers, bad lines) are listed, the rest counted


@dataclass(slots=True, frozen=True, kw_only=True)
class CleanSettings:
    """clean: when a cleaned input is too short, or too surely not English, to be an article; and how
    plain text's lines are told apart into article and page (storyline.clean.lines, jusText's features:
    its defaults for length and stopword density, on its English stoplist). Chosen on scraped-dev."""

    min_words: int = 20  # below this there is no article to build a dossier from
    min_langid_words: int = 30  # language identification is unreliable on less text
    min_langid_prob: float = 0.9  # skip as not English only when the identifier is at least this sure
    length_low: int = 70  # a line shorter than this (characters) is 'short': its neighbours decide
    length_high: int = 200  # ... longer than this, with stopwords_high, is 'good' on its own
    stopwords_low: float = 0.30  # stopword share below which a longer line is 'bad' (a list of names, tags)
    stopwords_high: float = 0.32  # ... at or above which it reads as prose
    max_link_density: float = 0.2  # share of a line's characters in URLs and e-mail addresses above which it is links
    markup_share: float = 0.5  # share of a line's tokens that are HTML/CSS residue from which it is markup
    notice_max_chars: int = 400  # a notice (cookies, subscribing, a comment form) or copyright line is no longer
    notice_topic_lines: int = 3  # ... and is the page's topic, not a notice, when its phrase's words recur in this many lines of prose
    link_max_words: int = 6  # link text (a menu item, a tag) is at most this many words ...
    link_max_chars: int = 50  # ... and characters, capitalised, without sentence punctuation
    link_title_share: float = 0.6  # share of its words (not counting 'of', 'the', ...) that are capitalised
    menu_min_run: int = 3  # this many link lines one after another are a menu
    weak_weight: float = 0.25  # the article block counts a short line or a list item at this share of its length,
    junk_cost: float = 30.0  # ... and costs this many characters for each furniture line inside it
    menu_cost: float = 100.0  # ... and this many for each line of a menu
    link_cost: float = 10.0  # ... and this many for a lone link line (often a subheading)
    head_units: int = 6  # the article's headline, dateline and byline are looked for this many lines around its first paragraph
    repeat_min_inputs: int = 3  # a line in this many distinct inputs of one outlet or folder is repeated boilerplate
    repeat_max_chars: int = 300  # ... if it is at most this long (a paragraph is not counted)
    repeat_paragraph_chars: int = 150  # inputs sharing lines this long (words only) ...
    repeat_copy_share: float = 0.5  # ... at least this share of the smaller one's are copies of one article (count once)
    min_langid_letters: int = 80  # with fewer letters than this the language cannot be told: skipped as too short to tell
    min_stopword_share: float = 0.15  # below this share of English function words (jusText's list) a text is not English (gibberish)
    max_other_script_share: float = 0.5  # more of the letters than this in a non-Latin script (CJK, Cyrillic, ...): not English
    # the page around a plain-text article (storyline.clean.text)
    header_lines: int = 20  # masthead, dateline and byline only count in this many lines at the top of a page
    after_headline_lines: int = 3  # a dateline may follow the headline, a standfirst or a byline: lines read after it
    wrap_max_width: int = 160  # longer lines are paragraphs, not a fixed-width wrap (PDF copy)
    teaser_max_chars: int = 160  # under a box heading ("Related Articles"), a longer line is no teaser headline
    doubled_within_lines: int = 4  # a headline-shaped line printed twice within this many non-blank lines is a teaser
    # datelines (storyline.clean.meta)
    dateline_max_chars: int = 60  # a longer line (its noise stripped) is prose, not a dateline
    whole_date_chars: int = 40  # up to this, a dateline is read whole as one date; beyond, a date is searched in it
    mistyped_month_score: int = 85  # rapidfuzz ratio (0-100) for a hand-typed month name ("Novemer") in a dateline
    # page furniture and copies
    junk_max_line: int = 300  # a furniture rule matching inside a longer line is real prose (storyline.clean.junk)
    copy_max_holders: int = 50  # a paragraph in more inputs than this is site furniture, no sign of copies (keeps the count linear)


@dataclass(slots=True, frozen=True, kw_only=True)
class ClusterSettings:
    """cluster: grouping articles into stories. Thresholds were chosen on examples/gold/stories.tsv."""

    term_weight: float = 0.5  # share of lemma cosine in the content score (the rest: entity keys)
    grace_days: int = 7  # publication gaps up to this cost nothing
    half_days: int = 60  # beyond grace, the gap at which the time factor halves
    year_mismatch: float = 0.5  # factor when undated reports point at different years
    undated: float = 0.8  # factor when the time of either side is unknown
    threshold: float = 0.14  # batch: merge clusters while their score is at least this
    assign_threshold: float = 0.14  # incremental: join the best story if its mean score is at least this
    # incremental: two stories a new report fits both of merge when their linkage from sums is at least this (above
    # ``threshold``: sums count every pair of members, also the weak ones under ``min_edge`` that batch drops)
    merge_threshold: float = 0.17
    df_cap: int = 100  # keys held by more articles (or stories) are not used to find candidates
    max_candidates: int = 50  # per article, only the candidates sharing the most key weight are scored
    blocking_terms: int = 10  # an article's rarest strong lemmas used as blocking keys
    max_terms: int = 60  # an article's strongest lemmas kept as its term vector; the long tail barely moves a cosine
    profile_terms: int = 300  # a story centroid keeps its strongest lemmas only (trimmed when it holds twice this many)
    min_edge: float = 0.07  # batch: pairs scoring under half the threshold count as unrelated (bounds the merge graph)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(slots=True, frozen=True, kw_only=True)
class EntitySettings:
    """entities: when two spellings of a name are one person (names.surnames_match, given_names_compatible).

    Surnames are compared on transliteration keys ("Tsikhanouski" / "Tikhanovsky"), with rapidfuzz's
    ratio on the keys and Jaro-Winkler on the folded spellings.
    """

    surname_ratio: float = 0.84  # key ratio at or above which two surnames are one
    surname_phonetic_jw: float = 0.85  # ... or: same metaphone and Jaro-Winkler at least this
    surname_close_ratio: float = 0.78  # ... or: key ratio at least this,
    surname_close_jw: float = 0.88  # ... Jaro-Winkler at least this, and the same last-but-one key letter
    surname_max_length_gap: int = 2  # keys differing in length by more are never one surname
    surname_min_key: int = 4  # keys shorter than this only match exactly
    given_name_ratio: float = 0.8  # unknown given-name variants with the same initial: key ratio at least this
    group_entities: bool = True  # unnamed groups that act ("Police said", "Voters went") are entities (entities.groups)
    national_descriptions: bool = True  # "the American" is the story's one person written "American X" (entities.nationals)


@dataclass(slots=True, frozen=True, kw_only=True)
class TimelineSettings:
    """timeline: how far dates and events reach in the text and in time."""

    story_anchor_days: int = 548  # a year-less date is placed within this many days (18 months) before the story's date
    passage_chars: int = 1500  # "two weeks later" looks back at most this far for its event
    max_clause_chars: int = 600  # an event clause longer than this (with its date) is no one event
    event_window_chars: int = 400  # a longer clause is cut to this window around its predicate, inside its sentence
    narrative_chars: int = 600  # a dateless report keeps the passage time of a date at most this far before it
    join_score: float = 0.45  # two dated mentions are one event at this similarity (kind, people, words)
    link_score: float = 0.6  # an undated report joins an event at this similarity (and a strong match may bridge days)
    same_day_slack: int = 3  # outlets giving days this close for a strongly matching event: one event, flagged

    @property
    def story_anchor_window(self) -> timedelta:
        return timedelta(days=self.story_anchor_days)


@dataclass(slots=True, frozen=True, kw_only=True)
class QuoteSettings:
    """quotes: what counts as a quote, when two parts are one quote, when two outlets carry one quote."""

    min_words: int = 3  # "colleague", "grand deal": one or two words in marks are scare quotes
    min_unattributed_words: int = 5  # shorter quoted words with no speaker are scare quotes
    max_split_gap_chars: int = 80  # “part one,” she said, “part two”: the attribution between parts is short
    max_split_gap_words: int = 6  # "the U.S. official added," — a longer gap carries reporting of its own
    min_reported_words: int = 3  # a reported-speech clause ("said that ...") shorter than this is no statement
    shingle_words: int = 4  # words per key when looking for the same quote in other articles
    same_quote_ratio: int = 90  # rapidfuzz token-set similarity (0-100) for "the same quote"
    min_words_for_containment: int = 5  # a shorter fragment must match another outlet's quote exactly
    continuation_chars: int = 300  # an unattributed quote this close after someone spoke continues their words
    continuation_paragraphs: int = 2  # ... across at most this many line breaks (the same or the next paragraph)
    same_statement_ratio: int = 70  # rapidfuzz token-set similarity (0-100) for one speaker's statement in two outlets
    salience_chars: int = 600  # a "he"/"she" speaker's antecedent is looked for this far back


@dataclass(slots=True, frozen=True, kw_only=True)
class ClaimSettings:
    """claims: how much text a figure's span takes, and how loose "about" is when figures are compared."""

    max_span_tokens: int = 18  # a figure's span widened to its counted noun and verb up to this many tokens
    about_tolerance: float = 0.10  # "about N" allows N ± this share when two outlets' figures are compared
    context_window: int = 12  # words either side of a figure (inside its sentence) that tell what it is about
    same_overlap: float = 0.15  # rarity-weighted share of context two figures of one value share to be compared
    differing_overlap: float = 0.6  # ... and when their values differ (a coincidence of values is no evidence)
    bound_ratio: float = 5.0  # compatible bounds this many times apart ("at least 2" vs "about 100") need the stronger evidence
    conversion_tolerance: float = 0.1  # "7 km" and "4 miles" (6.4 km) agree: a conversion rounds this much
    differing_min_shared: int = 2  # ... and share at least this many context words then (one alone is a coincidence)


@dataclass(slots=True, frozen=True, kw_only=True)
class ProvenanceSettings:
    """provenance: when text in two outlets is a copy (syndicated, verbatim or rewritten)."""

    # syndication: one outlet running another's whole article
    syndicated_min_words: int = 40  # shorter articles are not compared whole
    syndicated_lsh_threshold: float = 0.6  # MinHash Jaccard of word triples for a candidate pair
    syndicated_min_ratio: float = 0.8  # word-alignment similarity of the two articles
    # verbatim passages
    min_sentence_words: int = 8  # shorter sentences (datelines, bylines, stock lines) are not compared
    sentence_ratio: float = 0.7  # word-alignment similarity of two sentences for a verbatim match
    long_sentence_words: int = 40  # one copied sentence this long is a passage on its own
    max_candidates: int = 50  # a sentence matching sentences of this many articles is boilerplate
    # rewritten passages
    rare_stems_per_sentence: int = 8  # rarest stems per sentence that go into the blocking index
    min_shared_stems: int = 2  # shared rare stems for a candidate sentence pair
    max_posting: int = 100  # a stem in more sentences than this is too common to block on
    seed_cosine: float = 0.6  # cosine of two sentences that say the same thing in other words
    margin: float = 0.1  # ... standing out from every other sentence of the two articles by this much
    min_mean_cosine: float = 0.6  # a rewritten passage's mean cosine
    min_passage_words: int = 20  # words on each side of a rewritten passage


@dataclass(slots=True, frozen=True, kw_only=True)
class SummarySettings:
    """summarize: how many sentences, and what raises or lowers a sentence's claim to be one."""

    max_sentences: int = 8
    min_words: int = 8  # shorter sentences are never summary sentences
    mmr_lambda: float = 0.7  # weight of centrality against redundancy (maximal marginal relevance)
    hedge_discount: float = 0.6  # factor for hedged or conditional wording, and for a plan another report says happened
    support_bonus: float = 0.3  # per other outlet carrying the same content
    event_bonus: float = 0.15  # per other outlet reporting the timeline event a sentence reports
    claim_bonus: float = 0.4  # a sentence stating a figure that other outlets also give
    cover_bonus: float = 0.5  # a sentence from an article no chosen sentence speaks for yet
    same_content: float = 0.45  # cosine above which another article's sentence reports the same content
    pronoun_discount: float = 0.5  # "She said ..." out of its article's context leaves the reader asking who
    max_redundancy: float = 0.5  # a sentence this similar to a chosen one is not chosen
    # The support rule (storyline.summarize.support), for every credit: same_content above is the
    # word similarity a sentence found by its words alone needs to support another outlet's.
    support_linked: float = 0.25  # word similarity needed when another stage linked the spans (same event, copy, quote)
    support_statement: float = 0.15  # similarity over the words that are not names: shared names alone are a topic
    # Summary order: the story's news first (by how many outlets report it), background after, oldest first.
    news_days: int = 45  # a sentence dated within this many days of the story's publication dates is news
    coverage_label_chars: int = 140  # a coverage row's label is cut at the last word break before this many characters
    omission_min_articles: int = 3  # "everyone but X left it out" means something only with this many sources
    index_lemmas: int = 4  # a sentence's rarest lemmas used as keys to find its similar sentences (blocking)


@dataclass(slots=True, frozen=True, kw_only=True)
class ReportSettings:
    """report: how report.html stays readable at any number of stories, and how titles tell stories apart."""

    # A build of at most this many stories is one report.html; with more, report.html is an index of
    # the stories and each story is its own page in report/ beside it, so no page grows with the corpus.
    single_page_stories: int = 1
    index_outlets: int = 6  # outlets named in a story's index row (the rest counted)
    index_entities: int = 5  # the story's most mentioned entities in its index row
    header_chars: int = 14  # a coverage column's outlet name is cut to this many characters (all of it on hover)
    # Titles: stories that share their main entity get what tells them apart after the headline.
    title_lead_sentences: int = 2  # each article's first sentences looked in for the story's distinctive term


@dataclass(slots=True, frozen=True, kw_only=True)
class Settings:
    """A build's settings: the run itself, then one section per stage."""

    model: str = DEFAULT_MODEL  # an installed spaCy pipeline package
    n_process: int = field(default_factory=default_processes)  # spaCy parse processes (both cores on a 2-core machine)
    batch_size: int = 32  # texts per spaCy batch
    detect_language: bool = True  # skip inputs that are not English
    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    entities: EntitySettings = field(default_factory=EntitySettings)
    timeline: TimelineSettings = field(default_factory=TimelineSettings)
    quotes: QuoteSettings = field(default_factory=QuoteSettings)
    claims: ClaimSettings = field(default_factory=ClaimSettings)
    provenance: ProvenanceSettings = field(default_factory=ProvenanceSettings)
    summarize: SummarySettings = field(default_factory=SummarySettings)
    report: ReportSettings = field(default_factory=ReportSettings)

    def to_dict(self) -> dict[str, Any]:
        """Every field, sections as nested dicts: what the dossier records, and a valid --config file."""
        return _to_dict(self)

    def with_overrides(self, overrides: dict[str, Any], source: str = "settings") -> Settings:
        """These settings with the values in ``overrides`` (nested like the TOML file) replaced."""
        return _override(self, overrides, source)


class SettingsError(ValueError):
    """A config file names a field that does not exist or gives it a value of the wrong type."""


def load_settings(path: str | Path, base: Settings | None = None) -> Settings:
    """Settings from a TOML file over ``base`` (the defaults); SettingsError names what is wrong."""
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc})") from None
    return (base or Settings()).with_overrides(data, str(path))


def settings_from_dict(data: dict[str, Any]) -> Settings:
    """The settings a dossier recorded (``Settings.to_dict``) back as Settings."""
    return Settings().with_overrides(data, "recorded settings")


def _to_dict(obj: Any) -> dict[str, Any]:
    return {f.name: (_to_dict(v) if is_dataclass(v := getattr(obj, f.name)) else v) for f in fields(obj)}


T = TypeVar("T")


def _override(obj: T, overrides: dict[str, Any], where: str) -> T:
    known = {f.name: f for f in fields(obj)}  # type: ignore[arg-type]
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        if key not in known:
            raise SettingsError(f"{where}: unknown setting '{key}' (known: {', '.join(sorted(known))})")
        current = getattr(obj, key)
        if is_dataclass(current):
            if not isinstance(value, dict):
                raise SettingsError(f"{where}: '{key}' is a section; write it as a [{key}] table")
            changes[key] = _override(current, value, f"{where} [{key}]")
        else:
            changes[key] = _checked(value, current, f"{where}: '{key}'")
    return replace(obj, **changes)  # type: ignore[type-var]


def _checked(value: Any, current: Any, what: str) -> Any:
    """``value`` if it has the type of the default ``current`` (an int is accepted for a float)."""
    if isinstance(current, bool) or isinstance(value, bool):
        ok = isinstance(value, bool) and isinstance(current, bool)
    elif isinstance(current, float):
        ok = isinstance(value, int | float)
        value = float(value) if ok else value
    else:
        ok = isinstance(value, type(current))
    if not ok:
        raise SettingsError(f"{what} must be {type(current).__name__}, not {type(value).__name__} ({value!r})")
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        raise SettingsError(f"{what} must not be negative ({value!r})")  # every knob counts or weighs something
    return value


def to_toml(settings: Settings) -> str:
    """The settings as a TOML file ``--config`` reads back: run fields first, then a table per section."""
    data = settings.to_dict()
    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if not isinstance(v, dict)]
    for name, section in data.items():
        if isinstance(section, dict):
            lines += ["", f"[{name}]", *(f"{k} = {_toml_value(v)}" for k, v in section.items())]
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    return repr(value)
