"""clean.repeats and the box rules: boilerplate repeated across a build's inputs, link boxes, author notes
(written examples, fictional outlets)."""

from __future__ import annotations

from storyline.clean import clean_plain_text, clean_record
from storyline.clean.repeats import line_key, mark_repeats
from storyline.ingest import RawRecord
from storyline.settings import CleanSettings

SETTINGS = CleanSettings()
APP_LINE = "For breaking news from the valley, get the Tarnbridge Courier app on your phone."
MASTHEAD = "The Tarnbridge Courier"


def _paragraphs(topic: str) -> list[str]:
    return [
        f"The county council voted on Tuesday to {topic}, ending a debate that had run since the spring and "
        "divided the villages along the river between those who wanted change and those who did not.",
        f"Councillor Maren Osk said the plan to {topic} would be reviewed after a year. \"We will listen to "
        "the people who live with it every day, and we will change it if it does not work,\" she said.",
        f"Opponents of the decision to {topic} said they would take their case to the regional assembly "
        "before the end of the month, and a petition against it has gathered several thousand names.",
    ]


def _page(headline: str, topic: str) -> str:
    return "\n\n".join([MASTHEAD, headline, *_paragraphs(topic), APP_LINE]) + "\n"


TOPICS = ["close the old ferry crossing", "raise the parking charges in the market square",
          "build a new footbridge over the weir", "move the weekly market to Saturdays"]


def _outlet_records() -> list[RawRecord]:
    records = [RawRecord(f"/in/courier/{i}.txt", "txt", _page(f"Council votes to {t}", t)) for i, t in enumerate(TOPICS)]
    # the same article saved twice: its headline recurs, but as one text, not as boilerplate
    copy = _page("Council votes to close the old ferry crossing", TOPICS[0]) + "\nSaved from the web.\n"
    records.append(RawRecord("/in/courier/copy.txt", "txt", copy))
    return records


def test_a_line_on_every_page_of_an_outlet_is_repeated_boilerplate():
    records = _outlet_records()
    mark_repeats(records, SETTINGS)
    assert line_key(APP_LINE) in records[0].boilerplate
    article = clean_record(records[1], settings=SETTINGS)
    assert APP_LINE not in article.clean_text
    assert {r.text: r.reason for r in article.removed}[APP_LINE] == "repeated-boilerplate"
    for paragraph in _paragraphs(TOPICS[1]):
        assert paragraph in article.clean_text


def test_the_headline_of_copies_of_one_article_is_not_boilerplate():
    records = _outlet_records()
    mark_repeats(records, SETTINGS)
    headline = "Council votes to close the old ferry crossing"
    assert line_key(headline) not in records[0].boilerplate
    for record in (records[0], records[-1]):
        article = clean_record(record, settings=SETTINGS)
        assert article.title == headline
        assert headline in article.clean_text


def test_lines_repeat_only_within_a_group_and_with_enough_inputs():
    records = [RawRecord(f"/in/{folder}/{i}.txt", "txt", _page(f"Council votes to {t}", t))
               for i, (folder, t) in enumerate(zip(["a", "b", "c", "d"], TOPICS))]
    mark_repeats(records, SETTINGS)  # one page per folder: nothing is seen again
    assert all(not r.boilerplate for r in records)
    outlet = [RawRecord(f"/in/{folder}/{i}.txt", "txt", _page(f"Council votes to {t}", t), {"outlet": "Courier"})
              for i, (folder, t) in enumerate(zip(["a", "b", "c", "d"], TOPICS))]
    mark_repeats(outlet, SETTINGS)  # ... but one outlet across folders is a group
    assert line_key(APP_LINE) in outlet[0].boilerplate


def test_html_records_are_not_marked():
    records = [RawRecord(f"/in/web/{i}.html", "html", f"<p>{APP_LINE}</p><p>{t}</p>") for i, t in enumerate(TOPICS)]
    mark_repeats(records, SETTINGS)
    assert all(not r.boilerplate for r in records)


def test_a_related_box_splitting_an_article_goes_and_both_parts_stay():
    first, second = _paragraphs(TOPICS[0]), _paragraphs(TOPICS[2])
    box = ["Most Popular", "Storm closes coast road for the second time this winter",
           "Lantern festival returns to the harbour after two years", "Why the valley's orchards are flowering early"]
    raw = "\n\n".join([MASTHEAD, "Council votes to close the old ferry crossing", *first, *box, *second,
                       "Related Articles", "Ferry operator sets out its winter timetable",
                       "Filed under", "Politics"]) + "\n"
    cleaned = clean_plain_text(raw)
    for paragraph in first + second:
        assert paragraph in cleaned.text
    reasons = {r.text: r.reason for r in cleaned.removed}
    for heading in ("Most Popular", "Related Articles", "Filed under"):
        assert reasons.get(heading) == "section-heading", heading
    for teaser in box[1:] + ["Ferry operator sets out its winter timetable"]:
        assert teaser not in cleaned.text, teaser


def test_an_author_note_after_the_article_goes_but_a_source_introduced_inside_stays():
    paragraphs = _paragraphs(TOPICS[3])
    source = "Ilse Marr is a professor of planning at Tarnbridge University."
    note = "Tomas Vell is a senior reporter for the Tarnbridge Courier, covering the county council."
    raw = "\n\n".join([MASTHEAD, "Council votes to move the weekly market to Saturdays", paragraphs[0], source,
                       *paragraphs[1:], note]) + "\n"
    cleaned = clean_plain_text(raw)
    assert source in cleaned.text
    assert note not in cleaned.text
    assert {r.text: r.reason for r in cleaned.removed}[note] == "author-bio"


def test_calls_to_the_reader_are_notices():
    paragraphs = _paragraphs(TOPICS[1])
    calls = ["We rely on your support to keep local news free for everyone.", "No spam, we promise.",
             "Comments are moderated and may take a day to appear.", "Get the Courier apps for iOS and Android."]
    raw = "\n\n".join([MASTHEAD, "Council votes to raise the parking charges", paragraphs[0], calls[0],
                       *paragraphs[1:], *calls[1:]]) + "\n"
    cleaned = clean_plain_text(raw)
    reasons = {r.text: r.reason for r in cleaned.removed}
    for call in calls:
        assert reasons.get(call) == "notice", call
    for paragraph in paragraphs:
        assert paragraph in cleaned.text
