"""The real-data scorers' arithmetic, on small made-up articles with known answers."""

from __future__ import annotations

from pathlib import Path

from storyline.eval import cleaning, dates, entities, figures, quotes
from storyline.eval.sets import BuiltSet, clean_span
from storyline.model import (
    Article, Claim, Conflict, Dossier, Evidence, OffsetMap, Quote, Segment, Story, TimelineEntry,
)

RAW = "MENU Home News\nPort of Aldmark strike ends\nDock workers returned on Monday, said Ilse Brandt.\n"
KEPT_FROM = RAW.index("Port")


def _article(aid: str, text: str, path: str = "a.txt") -> Article:
    return Article(id=aid, source_path=f"/data/set/{path}", raw_text=text, clean_text=text)


def test_clean_span_maps_raw_offsets_through_the_offset_map_and_loses_removed_text():
    clean = RAW[KEPT_FROM:]
    article = Article(id="a1", source_path="a.txt", raw_text=RAW, clean_text=clean,
                      offset_map=OffsetMap([Segment(0, len(clean), KEPT_FROM, len(clean))]))
    start = RAW.index("Ilse Brandt")
    span = clean_span(article, start, start + len("Ilse Brandt"))
    assert span is not None and clean[span[0]:span[1]] == "Ilse Brandt"
    assert clean_span(article, 0, 4) is None  # "MENU" was removed by cleaning


def test_person_pairs_count_cross_article_links_per_subtopic():
    forms = [entities.Form("s1", "a.txt", "Ilse Brandt", "c1"), entities.Form("s1", "b.txt", "Brandt", "c1"),
             entities.Form("s1", "b.txt", "Jonas Holm", "c2"), entities.Form("s1", "c.txt", "Mr. Holm", "c2")]
    exact = entities.pair_scores(forms, lambda a, b: a.text == b.text)
    assert exact == {"P": 0.0, "R": 0.0, "F1": 0.0, "subtopics": 1.0}
    by_name = entities.pair_scores(forms, lambda a, b: entities.same_name(entities.name_words(a.text),
                                                                         entities.name_words(b.text)))
    assert by_name["P"] == 1.0 and by_name["R"] == 0.5  # "Mr. Holm" keeps its title: one of two links found
    assert entities.name_words("the Brandt's") == ("brandt",)
    assert entities.name_words("Arne Holm , Jr") == entities.name_words("Arne Holm, 61") == ("arne", "holm")
    assert entities.name_words("Holm Jr") == ("holm", "jr")  # a lone surname keeps it
    assert entities.same_name(("ilse", "brandt"), ("brandt",)) and not entities.same_name(("ilse",), ("ilse", "brandt"))


def test_a_gold_quote_is_found_when_half_its_words_are_in_one_extracted_quote():
    text = 'Brandt said: "We go back on Monday and we stay until the port pays." Nobody else spoke.'
    article = _article("a1", text)
    q_start, q_end = text.index('"'), text.rindex('"') + 1
    gold = quotes.GoldItem(article, (q_start, q_end), "Ilse Brandt", "person", text[q_start:q_end])
    half = quotes.Extracted("a1", [(q_start, text.index(" stay"))], "Ilse Brandt")
    little = quotes.Extracted("a1", [(q_start, text.index("back"))], "Brandt")
    assert quotes.best_match(gold, [little]) is None
    assert quotes.best_match(gold, [little, half]) is half
    assert quotes.right_speaker("Brandt", "Ilse Brandt") and not quotes.right_speaker("he", "Ilse Brandt")


def test_storyline_quotes_count_split_parts_and_copies_in_other_outlets():
    story = Story("s1", "t", ["a1", "a2"], quotes=[Quote(
        "q1", "We go back", "direct", None, "Brandt", "a1", 0, 30,
        also_in=[Evidence("a2", 5, 15, "We go back")], parts=[Evidence("a1", 0, 10, "x"), Evidence("a1", 20, 30, "y")])])
    found = quotes.storyline_quotes(story, "direct")
    assert [(f.article_id, f.spans) for f in found] == [("a1", [(0, 10), (20, 30)]), ("a2", [(5, 15)])]


def test_dates_are_compared_at_each_entrys_precision():
    story = Story("s1", "t", ["a1"], timeline=[
        TimelineEntry("t1", "2024-03-11", "day", "on Monday", "happened", "x", evidence=[Evidence("a1", 0, 1, "x")] * 2),
        TimelineEntry("t2", "2024-03-01", "month", "in March", "happened", "x", evidence=[Evidence("a1", 0, 1, "x")]),
        TimelineEntry("t3", None, "range", "last week", "happened", "x", evidence=[Evidence("a1", 0, 1, "x")])])
    assert dates.entry_dates(story) == {"a1": ["2024-03-11", "2024-03"]}
    assert dates.prf([({"2024-03-11", "2024-03"}, {"2024-03-11", "2023"})]) == (0.5, 0.5, 0.5)
    from datetime import datetime
    when = datetime(2024, 3, 11)
    assert [dates._iso_of_match(w, when) for w in ("2024", "March 2024", "Monday")] == ["2024", "2024-03", "2024-03-11"]


def test_cleaning_shares_count_kept_article_snippets_and_dropped_junk():
    gold = {"a.txt": {"with": ["Dock workers returned", "strike  ends"], "without": ["MENU Home"]},
            "b.txt": {"with": ["skipped page"], "without": ["Cookie notice"]}}
    kept, dropped, lost, leaked = cleaning.shares({"a.txt": RAW[KEPT_FROM:], "b.txt": None}, gold)
    assert (kept, dropped) == (2 / 3, 1.0) and lost == ["b.txt: 'skipped page'"] and leaked == []
    kept, dropped, _, leaked = cleaning.shares({"a.txt": RAW, "b.txt": None}, gold)
    assert dropped == 0.5 and leaked == ["a.txt: 'MENU Home'"]


def _claim(cid: str, aid: str, start: int, end: int, value: float) -> Claim:
    return Claim(cid, "workers", value, None, "exact", None, "x", aid, start, end)


def test_comparisons_are_judged_by_gold_quantities_and_not_same_pairs(tmp_path: Path):
    a = _article("a1", "About 300 workers struck; 12 were hurt.", "a.txt")
    b = _article("b1", "Some 320 workers struck; 40 were hurt.", "b.txt")
    built = BuiltSet("set", tmp_path, Dossier(articles=[a, b]))
    comparisons = [{"verdict": "discrepancy", "values": [
        {"file": "a.txt", "start": 0, "end": 9}, {"file": "b.txt", "start": 0, "end": 8}]}]
    not_same = [{"a": {"file": "a.txt", "start": 26, "end": 28}, "b": {"file": "b.txt", "start": 5, "end": 8}}]
    workers = [_claim("n1", "a1", 6, 9, 300), _claim("n2", "b1", 5, 8, 320)]
    hurt_vs_workers = [_claim("n3", "a1", 26, 28, 12), _claim("n2", "b1", 5, 8, 320)]
    got = figures.comparison_scores(built, comparisons, not_same,
                                    figures.Compared([(workers, "discrepancy"), (hurt_vs_workers, "contradiction")]))
    assert got["precision"] == 0.5 and got["recall"] == 1.0 and got["false_alarms"] == 1.0
    assert got["agreement"] == 1.0 and got["kind"] == 1.0 and got["disagreements"] == 0.5


def test_figures_of_conflicts_are_paired_only_across_articles():
    story = Story("s1", "t", ["a1", "b1"], claims=[_claim("n1", "a1", 0, 1, 1), _claim("n2", "a1", 2, 3, 2),
                                                  _claim("n3", "b1", 0, 1, 1)],
                  conflicts=[Conflict("f1", "workers", "discrepancy", ["n1", "n2", "n3"])])
    built = BuiltSet("set", Path("."), Dossier(stories=[story]))
    pairs = figures.dossier_compared(built).pairs()
    assert [(x.id, y.id) for x, y, _ in pairs] == [("n1", "n3"), ("n2", "n3")]
