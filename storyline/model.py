"""The data model every stage reads and writes.

One rule holds everywhere: an extracted item carries its evidence as
(article id, start, end) character offsets into that article's ``clean_text``,
and ``clean_text[start:end]`` equals the evidence text. Nested evidence is always an
:class:`Evidence` (entity mentions, timeline and summary sources, both sides of a copied
passage); quotes, claims and cited sources keep their own span inline, as the dossier contract
has them, and give it as an Evidence through their ``span`` property. ``Article.offset_map``
maps clean offsets back to ``raw_text``, so nothing is ever shown out of context
and the raw input is never lost.

Items are plain dataclasses so they serialise to the ``storyline.dossier/2``
JSON contract with :func:`to_dict` and back with the ``from_dict`` helpers.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from types import UnionType
from typing import Any, Literal, TypeVar, cast, Union, get_args, get_origin, get_type_hints

SCHEMA = "storyline.dossier/2"  # 2: copies cite both sides as Evidence; the settings are recorded
T = TypeVar("T")

MetaSource = Literal["meta", "text", "url", "filename", "none"]


@dataclass(slots=True)
class Evidence:
    """A cited span: ``article.clean_text[start:end] == text``."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Support(Evidence):
    """A span credited with what an item says, and why (storyline.summarize.support): how similar
    its words are, the status it gives (planned / happened / denied / uncertain), and what linked
    it to the item ("similar sentence", "same event", "copied passage", "same quote")."""

    similarity: float = 0.0
    status: str | None = None
    basis: str = ""


@dataclass(slots=True)
class Removed:
    """A stretch of raw_text that cleaning dropped, and why (offsets into raw_text)."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(slots=True)
class Segment:
    """Clean offsets [clean_start, clean_start+clean_len) came from raw [raw_start, raw_start+raw_len).

    When both lengths are equal the mapping is character by character; otherwise
    (a collapsed run of whitespace, a joined hard-wrapped line) every clean
    character in the segment maps to the start of the raw stretch.
    """

    clean_start: int
    clean_len: int
    raw_start: int
    raw_len: int


@dataclass(slots=True)
class OffsetMap:
    """Piecewise map from clean_text offsets to raw_text offsets."""

    segments: list[Segment] = field(default_factory=list)

    def to_raw(self, offset: int) -> int:
        """Raw offset of the clean character at ``offset`` (end offsets map past the last char)."""
        if not self.segments:
            return offset
        starts = [s.clean_start for s in self.segments]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        seg = self.segments[i]
        delta = offset - seg.clean_start
        if delta >= seg.clean_len:  # at or past the end of this segment
            return seg.raw_start + seg.raw_len + (delta - seg.clean_len)
        if seg.clean_len == seg.raw_len:
            return seg.raw_start + delta
        return seg.raw_start

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) covering the clean span [start, end)."""
        if end <= start:
            r = self.to_raw(start)
            return r, r
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def to_list(self) -> list[list[int]]:
        return [[s.clean_start, s.clean_len, s.raw_start, s.raw_len] for s in self.segments]

    @classmethod
    def from_list(cls, rows: list[list[int]]) -> OffsetMap:
        return cls([Segment(*row) for row in rows])


@dataclass(slots=True)
class NerMention:
    """A named-entity span as spaCy tagged it (offsets into clean_text)."""

    start: int
    end: int
    label: str
    text: str


def _sentence_start(sentence: tuple[int, int]) -> int:
    return sentence[0]


@dataclass(slots=True)
class Article:
    """One news report: its raw input, the cleaned text, metadata with provenance, and NLP layers."""

    id: str
    source_path: str
    raw_text: str
    clean_text: str
    title: str | None = None
    title_source: MetaSource = "none"
    outlet: str | None = None
    outlet_source: MetaSource = "none"
    published: str | None = None  # ISO 8601 date (or datetime) as stated, never guessed
    published_source: MetaSource = "none"
    author: str | None = None
    author_source: MetaSource = "none"
    url: str | None = None
    language: str | None = None
    format: str = "txt"
    removed: list[Removed] = field(default_factory=list)
    offset_map: OffsetMap = field(default_factory=OffsetMap)
    extra: dict[str, Any] = field(default_factory=dict)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    ner: list[NerMention] = field(default_factory=list)

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for clean_text[start:end] of this article."""
        return Evidence(self.id, start, end, self.clean_text[start:end])

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence holding clean offset ``offset`` (None before NLP ran)."""
        if not self.sentences:
            return None  # a binary search on the starts; the report asks this once per cited item
        return max(0, bisect.bisect_right(self.sentences, offset, key=_sentence_start) - 1)

    @property
    def label(self) -> str:
        """How the report names this article: its outlet, else its file name."""
        if self.outlet:
            return self.outlet
        return self.source_path.rsplit("/", 1)[-1]


@dataclass(slots=True)
class Skipped:
    """An input that could not be read, with a one-line reason."""

    source_path: str
    error: str


# --- story-level items (filled by later stages; names fixed by the dossier contract) ---


# An entity mention is a cited span like any other; the name stays for the entities stage.
Mention = Evidence


@dataclass(slots=True)
class Merge:
    rule: str
    score: float
    forms: list[str]


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Evidence] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    articles: int = 0  # how many articles mention it (prominence)


@dataclass(slots=True)
class Quote:
    id: str
    text: str
    kind: Literal["direct", "indirect"]
    speaker_entity_id: str | None
    speaker_text: str | None
    article_id: str
    start: int
    end: int
    also_in: list[Evidence] = field(default_factory=list)
    conflicting_speakers: list[str] = field(default_factory=list)
    parts: list[Evidence] = field(default_factory=list)  # the pieces of a quote split by its attribution
    speaker_span: Evidence | None = None  # where the words naming the speaker stand

    @property
    def span(self) -> Evidence:
        """The quote's own words as Evidence (kept inline in the dossier contract)."""
        return Evidence(self.article_id, self.start, self.end, self.text)


@dataclass(slots=True)
class TimelineEntry:
    id: str
    date: str | None
    precision: str
    date_text: str
    status: Literal["planned", "happened", "denied", "uncertain"]
    text: str
    participants: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    planned_in: list[Evidence] = field(default_factory=list)
    # what the date was resolved against: None (it states its year), "published" (the article's
    # date), "story" (borrowed from the story's other articles), "event" (the previous dated event)
    anchor: str | None = None
    date_conflicts: list[str] = field(default_factory=list)  # different days outlets give for it
    # article id -> the dates that article's own words give for the event (ISO at their own
    # precision: "in June 2005" -> "2005-06" under an entry dated 2005-06-24 by another outlet)
    stated: dict[str, list[str]] = field(default_factory=dict)


@dataclass(slots=True)
class Claim:
    id: str
    subject: str
    value: float
    unit: str | None
    qualifier: str
    time: str | None
    text: str
    article_id: str
    start: int
    end: int
    speaker_entity_id: str | None = None
    quoted: bool = False  # inside a quote or reported speech: the speaker's figure, not the outlet's
    speaker_text: str | None = None  # the words naming the speaker ("a union official"), resolved or not

    @property
    def span(self) -> Evidence:
        """The sentence stating the figure as Evidence (kept inline in the dossier contract)."""
        return Evidence(self.article_id, self.start, self.end, self.text)


@dataclass(slots=True)
class ConflictValue:
    value: float
    qualifier: str
    article_ids: list[str] = field(default_factory=list)
    speaker_entity_id: str | None = None
    quoted: bool = False
    speaker_text: str | None = None


@dataclass(slots=True)
class Conflict:
    id: str
    subject: str
    kind: Literal["agreement", "discrepancy", "contradiction"]
    claim_ids: list[str] = field(default_factory=list)
    values: list[ConflictValue] = field(default_factory=list)
    compatible: bool | None = None  # whether all the values can be true at once


@dataclass(slots=True)
class CopyPassage:
    """One copied passage: its words in the copy's from-article and where they reappear in its
    to-article, each side an Evidence so it is stored, cited and highlighted like any other span."""

    from_span: Evidence
    to_span: Evidence
    similarity: float


@dataclass(slots=True)
class Copy:
    from_article_id: str
    to_article_id: str
    kind: Literal["verbatim", "rewritten", "syndicated"]
    direction: Literal["known", "unknown"]
    similarity: float
    passages: list[CopyPassage] = field(default_factory=list)
    # what ordered a known direction: both publication dates, or an undated side's content window
    ordered_by: Literal["published", "content"] | None = None


@dataclass(slots=True)
class CitedSource:
    name: str
    kind: Literal["agency", "outlet", "think-tank", "official", "social", "other"]
    article_id: str
    start: int
    end: int
    text: str
    whole_article: bool = False

    @property
    def span(self) -> Evidence:
        """The words naming the source as Evidence (kept inline in the dossier contract)."""
        return Evidence(self.article_id, self.start, self.end, self.text)


@dataclass(slots=True)
class SummarySentence:
    text: str
    evidence: list[Evidence] = field(default_factory=list)  # its own span first, then every supporting span
    outlets: list[str] = field(default_factory=list)
    status: str | None = None  # what the sentence reports: planned / happened / denied / uncertain
    support: list[Support] = field(default_factory=list)  # why each other outlet is credited (evidence[1:])


@dataclass(slots=True)
class ArticleDating:
    """Where an article with no stated publication date stands among the story's dated events.

    Never a guessed date: two bounds, each with the article's own words that set it.
    """

    article_id: str
    after: str | None = None  # it reports as past an event of this date (ISO, as precise as known)
    before: str | None = None  # it reports as still to come an event that happened by this date
    after_evidence: Evidence | None = None
    before_evidence: Evidence | None = None


@dataclass(slots=True)
class Story:
    """A set of articles about one story and everything extracted from them."""

    id: str
    title: str
    article_ids: list[str]
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)
    cited_sources: list[CitedSource] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    dating: list[ArticleDating] = field(default_factory=list)  # undated articles placed by their content


def dating_bounds(story: Story) -> dict[str, tuple[str | None, str | None]]:
    """Article id -> (after, before) of each undated article the story's events place."""
    return {d.article_id: (d.after, d.before) for d in story.dating}


STORY_ITEM_LISTS = ("entities", "quotes", "timeline", "claims", "conflicts", "copies", "cited_sources", "summary",
                    "dating")


def story_item_type(kind: str) -> type:
    """The dataclass of the Story list ``kind`` ("copies" -> Copy), read from Story's own annotations."""
    if kind not in STORY_ITEM_LISTS:
        raise KeyError(kind)
    (item_type,) = get_args(dict(_field_types(Story))[kind])
    return cast(type, item_type)


def story_item(kind: str, data: dict[str, Any]) -> Any:
    """A stored item of the Story list ``kind`` as its dataclass.

    An item written by a storyline whose model differs (a store built before copy passages held
    Evidence) raises ValueError saying so, rather than loading half-typed.
    """
    try:
        return item_from_dict(story_item_type(kind), data)
    except TypeError as exc:
        raise ValueError(f"a stored {kind} item does not fit this storyline's model ({exc}); rebuild the store") from exc


@dataclass(slots=True)
class Dossier:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    # the clustering state (JSON) that `storyline add` resumes from; kept in the store, not the dossier
    cluster_state: str | None = field(default=None, repr=False)
    # the settings the dossier was built with (storyline.settings.Settings.to_dict), for the record and for `add`
    settings: dict[str, Any] = field(default_factory=dict, repr=False)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


def article_to_dict(article: Article) -> dict[str, Any]:
    """The JSON form of an article (contract fields first, then storyline's extras)."""
    d = {f.name: getattr(article, f.name) for f in fields(article)}
    d["removed"] = [asdict(r) for r in article.removed]
    d["offset_map"] = article.offset_map.to_list()
    d["sentences"] = [list(s) for s in article.sentences]
    d["ner"] = [asdict(m) for m in article.ner]
    return d


def article_from_dict(d: dict[str, Any]) -> Article:
    known = {f.name for f in fields(Article)}
    kwargs = {k: v for k, v in d.items() if k in known}
    kwargs["removed"] = [Removed(**r) for r in d.get("removed", [])]
    kwargs["offset_map"] = OffsetMap.from_list(d.get("offset_map", []))
    kwargs["sentences"] = [tuple(s) for s in d.get("sentences", [])]
    kwargs["ner"] = [NerMention(**m) for m in d.get("ner", [])]
    return Article(**kwargs)


def dossier_to_dict(dossier: Dossier) -> dict[str, Any]:
    """The ``storyline.dossier/2`` JSON document."""
    return {
        "schema": SCHEMA,
        "articles": [article_to_dict(a) for a in dossier.articles],
        "skipped": [asdict(s) for s in dossier.skipped],
        "stories": [asdict(s) for s in dossier.stories],
        "settings": dossier.settings,
    }


def _typed(tp: Any, value: Any) -> Any:
    """``value`` (parsed JSON) rebuilt as type ``tp``: dataclasses, lists, tuples and optionals of them."""
    if value is None:
        return None
    if is_dataclass(tp) and isinstance(tp, type):
        return item_from_dict(tp, value)
    origin = get_origin(tp)
    if origin in (Union, UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)]
        return _typed(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (arg,) = get_args(tp)
        return [_typed(arg, v) for v in value]
    if origin is tuple:
        return tuple(value)
    return value


def item_from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """A dataclass item from its JSON form, nested items typed too; unknown keys are ignored so an
    older reader can load a newer dossier."""
    kwargs = {name: _typed(tp, data[name]) for name, tp in _field_types(cast(type, cls)) if name in data}
    return cls(**kwargs)


@functools.cache
def _field_types(cls: Any) -> tuple[tuple[str, Any], ...]:
    """(field name, resolved type) of a dataclass, resolved once per class (annotations are strings here)."""
    hints = get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in fields(cls))


def story_from_dict(d: dict[str, Any]) -> Story:
    return item_from_dict(Story, d)


def dossier_from_dict(d: dict[str, Any]) -> Dossier:
    """A Dossier from its ``storyline.dossier/2`` JSON document, every item typed."""
    if d.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} document (schema: {d.get('schema')!r})")
    return Dossier(
        articles=[article_from_dict(a) for a in d.get("articles", [])],
        skipped=[Skipped(**s) for s in d.get("skipped", [])],
        stories=[story_from_dict(s) for s in d.get("stories", [])],
        settings=dict(d.get("settings", {})),
    )
