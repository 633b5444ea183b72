"""Cited sources on text written for these tests, and on the example story."""

from __future__ import annotations


from storyline.model import Article
from storyline.provenance.cited import find_cited

TEXT = (
    "Pilots at Tallvik harbour stayed away for a second day, the Coastal Wire reports, citing two union members.\n\n"
    "According to the Osmund Herald, the ferry company lost about 3 million crowns last week. One senior harbour "
    "official told the Coastal Wire that talks could resume on Monday.\n\n"
    "Economists at the Northsea Institute for Transport, a think tank in Osmund, say the strike costs the region "
    "dearly, according to figures from the Tallvik Port Authority.\n\n"
    "According to Rimstad, the pilots will not return. Photo: Lena Saar / COASTAL WIRE\n\n"
    "This article was originally published by the Baltic Shipping Review."
)


def cited(nlp, text: str = TEXT, outlet: str | None = None) -> list[tuple[str, str, bool]]:
    art = Article(id="t1", source_path="t1.txt", raw_text=text, clean_text=text, outlet=outlet)
    found = find_cited(art, nlp(text))
    for c in found:
        assert text[c.start : c.end] == c.text
    return [(c.name, c.kind, c.whole_article) for c in found]


def test_attributions_give_named_sources_with_kinds(nlp):
    got = cited(nlp)
    assert ("Coastal Wire", "agency", False) in got
    assert ("Osmund Herald", "outlet", False) in got
    assert ("Northsea Institute for Transport", "think-tank", False) in got
    assert ("Tallvik Port Authority", "official", False) in got
    assert any(kind == "official" and "official" in name for name, kind, _ in got)
    assert ("Baltic Shipping Review", "outlet", True) in got


def test_people_and_photo_credits_are_not_cited_sources(nlp):
    names = [n for n, _, _ in cited(nlp)]
    assert "Rimstad" not in names
    assert sum(1 for n in names if n.lower() == "coastal wire") == 2  # reports + told, not the photo credit


def test_an_outlet_naming_itself_is_not_a_source(nlp):
    text = "The minister said so in an interview with the Osmund Herald. According to the Osmund Herald, talks resume."
    assert cited(nlp, text, outlet="Osmund Herald") == []
