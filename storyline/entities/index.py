"""Entity mentions of a story indexed per article, for the stages that ask "who is named here?"."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..model import Story


@dataclass(slots=True)
class MentionIndex:
    """An article's entity mentions in text order: which entity a span names, who is inside a
    clause, who was named last (quotes and timeline both ask)."""

    starts: list[int]
    spans: list[tuple[int, int, str, str]]  # (start, end, entity id, entity type)

    @classmethod
    def build(cls, mentions: list[tuple[int, int, str, str]]) -> MentionIndex:
        spans = sorted(mentions)
        return cls([s[0] for s in spans], spans)

    def entity_at(self, start: int, end: int, head: int) -> str | None:
        """The entity a subject phrase [start, end) with its head word at ``head`` names.

        A person named in the phrase wins (the last one: "the special envoy of the US president
        Keith Kellogg"); else the mention holding the head word ("the Transport Ministry"); a
        phrase that only mentions a place ("One US official") names nobody known.
        """
        inside = []
        i = bisect.bisect_left(self.starts, start)
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] <= end:
                inside.append(self.spans[i])
            i += 1
        people = [m for m in inside if m[3] == "PERSON"]
        if people:
            return people[-1][2]
        holding = [m for m in inside if m[0] <= head < m[1] and m[3] != "NORP"]
        return holding[0][2] if holding else None

    def last_person_before(self, offset: int, skip: list[tuple[int, int]]) -> tuple[str, int, int] | None:
        """The person mentioned most recently before ``offset``, ignoring mentions inside ``skip`` spans."""
        i = bisect.bisect_left(self.starts, offset) - 1
        while i >= 0:
            s, e, eid, etype = self.spans[i]
            if etype == "PERSON" and not any(a <= s < b for a, b in skip):
                return eid, s, e
            i -= 1
        return None

    def inside(self, start: int, end: int) -> list[tuple[str, str]]:
        """(entity id, type) of mentions wholly inside [start, end), first mention order, no repeats."""
        out: list[tuple[str, str]] = []
        i = bisect.bisect_left(self.starts, start)
        while i < len(self.spans) and self.spans[i][0] < end:
            s, e, eid, etype = self.spans[i]
            if e <= end and all(eid != o for o, _ in out):
                out.append((eid, etype))
            i += 1
        return out


def mention_index(story: Story) -> dict[str, MentionIndex]:
    """One MentionIndex per article of the story, from story.entities (empty when it has none)."""
    per_article: dict[str, list[tuple[int, int, str, str]]] = {}
    for e in story.entities:
        for m in e.mentions:
            per_article.setdefault(m.article_id, []).append((m.start, m.end, e.id, e.type))
    return {aid: MentionIndex.build(spans) for aid, spans in per_article.items()}
