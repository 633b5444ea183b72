"""Entities: one person, one entry — titles, surnames, transliterations and descriptions resolved.

``run`` fills ``story.entities``. See ``resolve`` for the merge rules and ``roles`` for when a
description ("the envoy") is linked to a person.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

from spacy.tokens import Doc

from ..stage import story_stage
from ..model import Article, Entity, Mention, Merge, Story
from ..settings import EntitySettings
from .names import DEFAULTS
from .groups import find_groups
from .mentions import PLACE_LABELS, NameMention, extract_mentions
from .names import demonym_shaped, name_suffix_free
from .nationals import NationalNoun, find_national_nouns
from .refine import collect, refine_mentions
from .resolve import LocalEntity, link_in_article, merge_across
from .roles import ROLE_CLASSES, Description, find_descriptions, fits, role_heads

__all__ = ["run", "resolve_entities"]



@story_stage(fills=("entities",), reads=())
def run(story: Story, articles: dict[str, Article], docs: dict[str, Doc], settings: EntitySettings = DEFAULTS) -> None:
    """Story stage: fill story.entities from the story's parsed articles."""
    parsed = [(aid, docs[aid]) for aid in story.article_ids if aid in docs]
    outlets = tuple(sorted({o for aid in story.article_ids if aid in articles and (o := articles[aid].outlet)}))
    story.entities = resolve_entities(parsed, settings, outlets)


def resolve_entities(parsed: list[tuple[str, Doc]], settings: EntitySettings = DEFAULTS,
                     outlets: tuple[str, ...] = ()) -> list[Entity]:
    """Entities of a set of (article id, Doc), most prominent first; ``outlets`` are the names of
    the outlets that published them (a name tagged PERSON that is one of them is an organisation)."""
    local: list[LocalEntity] = []
    descriptions: list[Description] = []
    nationals: list[NationalNoun] = []
    found = [(article_id, doc, extract_mentions(article_id, doc)) for article_id, doc in parsed]
    names = collect(found, outlets)
    for article_id, doc, mentions in found:
        mentions = refine_mentions(article_id, doc, mentions, names)
        if settings.group_entities:
            mentions = sorted(mentions + find_groups(article_id, doc), key=lambda m: m.start)
        for m in mentions:
            if m.label == "PERSON":
                m.name = name_suffix_free(m.name)
        local.extend(link_in_article(mentions, settings))
        descriptions.extend(find_descriptions(article_id, doc))
        if settings.national_descriptions:
            nationals.extend(find_national_nouns(article_id, doc))
    entities: list[Entity] = []
    held: dict[str, set[int]] = defaultdict(set)  # nationality -> the people written with it
    for members, merges in merge_across(local, settings, names.lower_words):
        entity = _entity(members, merges)
        if entity.type == "PERSON":
            for word in {w for e in members for m in e.mentions for w in m.nationalities}:
                held[word].add(len(entities))
        entities.append(entity)
    _link_descriptions(entities, descriptions)
    entities = _link_nationals(entities, nationals, held)
    for e in entities:
        e.mentions.sort(key=lambda m: (m.article_id, m.start))
        e.articles = len({m.article_id for m in e.mentions})
    entities.sort(key=lambda e: (-e.articles, -len(e.mentions), e.name))
    return entities


def _demonym(mentions: list[NameMention]) -> bool:
    """A single word shaped like a nationality or group adjective ("Ukrainian", "Belarusian")."""
    return all(len(m.name) == 1 and demonym_shaped(m.name[0]) for m in mentions)


def _entity(members: list[LocalEntity], merges: list[Merge]) -> Entity:
    mentions: list[NameMention] = [m for e in members for m in e.mentions]
    # the majority of mentions decides the type; a full personal name or a titled one counts double,
    # because spaCy often tags a bare surname as an organisation
    labels: Counter[str] = Counter()
    for m in mentions:
        labels[m.label] += 2 if m.label == "PERSON" and (len(m.name) >= 2 or m.title) else 1
    etype = labels.most_common(1)[0][0]
    if etype == "PERSON" and not any(len(m.name) >= 2 or m.title for m in mentions) and any(
        m.place_cue for m in mentions
    ):
        etype = "GPE"  # a lone word tagged PERSON but written "in Aldmark" or "the road to Kyiv": a place
    elif etype in ("GPE", "LOC") and all(len(m.name) == 1 and m.person_cue and not m.place_cue for m in mentions):
        etype = "PERSON"  # "his wife, Sviatlana,", "Zelenskyy and Putin": a name the tagger took for a place
    person = etype == "PERSON"
    if not person and etype in PLACE_LABELS:
        # places and organisations of one name: GPE when any mention says so, else the majority
        etype = "GPE" if labels.get("GPE") else etype
    if labels.get("NORP") and _demonym(mentions):
        etype = "NORP"  # "Ukrainian" tagged GPE once and NORP once: a nationality, not a place
    names = Counter(" ".join(m.name) for m in mentions)
    full = Counter(" ".join(m.name) for m in mentions if m.label == "PERSON" and len(m.name) >= 2)
    name = max((full or names).items(), key=lambda kv: (kv[1], len(kv[0])))[0]
    if not person and name.lower().startswith("the "):
        name = name[4:]
    roles: list[str] = []
    for m in mentions:
        for role in ([m.title] if m.title else []) + m.roles:
            if role.lower() not in {r.lower() for r in roles}:
                roles.append(role)
    local_merges = [x for e in members for x in e.merges]
    eid = "e-" + hashlib.sha1(f"{etype}:{name}".encode()).hexdigest()[:10]
    return Entity(
        id=eid,
        name=name,
        type=etype,
        aliases=sorted({m.text for m in mentions}, key=lambda t: (-len(t), t)),
        roles=roles,
        mentions=[Mention(m.article_id, m.start, m.end, m.text) for m in mentions],
        merges=local_merges + merges,
    )


def _link_descriptions(entities: list[Entity], descriptions: list[Description]) -> None:
    """Attach each description to the person it clearly refers to (see roles module); else leave it."""
    people = [e for e in entities if e.type == "PERSON" and e.roles]
    for d in descriptions:
        candidates = [e for e in people if fits(d, e.roles)]
        if not candidates:
            continue
        before = {}
        for e in candidates:
            starts = [m.start for m in e.mentions if m.article_id == d.article_id and m.start < d.start]
            if starts:
                before[e.id] = max(starts)
        if before:
            chosen = max(candidates, key=lambda e: before.get(e.id, -1))
            rule = "description after the last person named with that role"
        else:
            # named later in the same article ("the envoy ... Clara Wendt said"): only if the only one
            in_article = [e for e in candidates if any(m.article_id == d.article_id for m in e.mentions)]
            same_head = [e for e in candidates if d.head in role_heads(e.roles)]
            if len(in_article) == 1:
                chosen, rule = in_article[0], "description of the only person in the article with that role"
            elif not in_article and len(same_head) == 1 and d.head not in ROLE_CLASSES and d.definite:
                chosen, rule = same_head[0], "description of the only person in the story with that role"
            else:
                continue
        chosen.mentions.append(Mention(d.article_id, d.start, d.end, d.text))
        if d.text not in chosen.aliases:
            chosen.aliases.append(d.text)
            chosen.merges.append(Merge(rule, 0.7, [d.text, chosen.name]))


def _link_nationals(entities: list[Entity], nationals: list[NationalNoun], held: dict[str, set[int]]) -> list[Entity]:
    """Give each nationality noun ("the American") to the one person of the story written with that
    nationality, when that person is named in the article before it; the span leaves the
    nationality's own entity (an entity left with no mention is dropped)."""
    owner = {(m.article_id, m.start): e for e in entities if e.type != "PERSON" for m in e.mentions}
    for n in nationals:
        holders = held.get(n.word, set())
        if len(holders) != 1:
            continue
        person = entities[next(iter(holders))]
        if not any(m.article_id == n.article_id and m.start < n.start for m in person.mentions):
            continue
        tagged = owner.pop((n.article_id, n.start), None)
        if tagged is not None:
            tagged.mentions = [m for m in tagged.mentions if (m.article_id, m.start) != (n.article_id, n.start)]
        person.mentions.append(Mention(n.article_id, n.start, n.end, n.text))
        if n.text not in person.aliases:
            person.aliases.append(n.text)
        person.merges.append(Merge("nationality noun of the one person of that nationality in the story", 0.7,
                                   [n.text, person.name]))
    return [e for e in entities if e.mentions]
