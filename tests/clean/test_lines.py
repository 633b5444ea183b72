"""clean.lines: the article block among a copied page's lines (written examples, fictional outlets)."""

from __future__ import annotations

from storyline.clean import clean_plain_text
from storyline.clean.lines import is_notice
from storyline.settings import CleanSettings

MENU = "\n\n".join(["Home", "World News", "Business", "Sport", "Culture", "Weather", "Podcasts"])

ARTICLE = [
    "The Port of Vellmoor will close its northern quay for six weeks from Monday while engineers replace "
    "the ageing crane rails, the harbour board said on Thursday, warning shippers to expect delays.",
    "Harbour master Odile Trask said the work could not wait until the winter lull. \"The rails have "
    "shifted by almost two centimetres since the spring, and we will not run cranes on them,\" she said.",
    "Ferries to the Skellan islands will use the southern berth during the closure, and the board has "
    "asked freight companies to book slots at least two days ahead of arrival.",
]

FOOTER = "\n\n".join([
    "About us", "Contact us", "Privacy policy", "Terms of use", "© 2025 The Vellmoor Lantern. All rights reserved.",
])

COOKIES = ("We use cookies to give you the best experience on our site. By continuing to browse you agree "
           "to our cookie policy.")


def _page(*parts: str) -> str:
    return "\n\n".join(parts) + "\n"


def _reasons(cleaned) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


def test_menu_footer_and_cookie_notice_go_and_the_article_stays():
    raw = _page(COOKIES, MENU, "Vellmoor port to close northern quay for crane repairs", *ARTICLE, FOOTER)
    cleaned = clean_plain_text(raw)
    for paragraph in ARTICLE:
        assert paragraph in cleaned.text
    assert cleaned.title == "Vellmoor port to close northern quay for crane repairs"
    reasons = _reasons(cleaned)
    assert reasons[COOKIES] == "notice"
    for item in ("World News", "Business", "Culture", "Podcasts"):
        assert reasons[item] == "menu", item
        assert item not in cleaned.text.split("\n")
    assert reasons["© 2025 The Vellmoor Lantern. All rights reserved."] == "footer"
    assert reasons["Terms of use"] in ("menu", "notice")
    assert "About us" not in cleaned.text


def test_every_removed_line_has_a_reason_and_maps_back_to_raw():
    raw = _page(COOKIES, MENU, "Vellmoor port to close northern quay for crane repairs", *ARTICLE, FOOTER)
    cleaned = clean_plain_text(raw)
    for removed in cleaned.removed:
        assert removed.reason
        assert raw[removed.start : removed.end] == removed.text


def test_short_facts_and_a_score_inside_the_article_stay():
    facts = ["Length of the quay: 410 metres", "Cranes affected: 4", "Overall score: 79 / 100", "Cost: 2.3 million crowns"]
    raw = _page(MENU, "Vellmoor quay repairs: the figures", ARTICLE[0], "The works in figures:", *facts, ARTICLE[1], ARTICLE[2],
                FOOTER)
    cleaned = clean_plain_text(raw)
    for line in facts + ["The works in figures:"] + ARTICLE:
        assert line in cleaned.text, line


def test_list_items_after_the_last_paragraph_stay():
    items = ["• a new rail siding for the ferry terminal", "• two extra tugs on standby", "• night shifts for the crane crews"]
    raw = _page("Vellmoor quay repairs begin", *ARTICLE, "The board also promised:", *items)
    cleaned = clean_plain_text(raw)
    for line in items + ARTICLE:
        assert line in cleaned.text, line
    assert not cleaned.removed


def test_live_blog_timestamps_and_one_line_quotes_stay():
    entries = [
        "09:12", "The first ferry has left the southern berth on time, according to the harbour board's live tracker, "
        "with about forty cars and two freight trailers on board.",
        "09:40", "\u201cWe are coping,\u201d a ticket clerk told the Lantern.",
        "10:05", "Queues on the coast road have eased since the harbour police opened a second lane for lorries "
        "heading to the temporary freight yard at Marrow Point.",
        "10:31", "Odile Trask: \u201cNo delays so far.\u201d",
        "11:02", "The board says it will publish the crane inspection report on Friday, together with a revised "
        "timetable for the ferries to the Skellan islands.",
    ]
    raw = _page(MENU, "Live: Vellmoor quay closure, day one", *entries, FOOTER)
    cleaned = clean_plain_text(raw)
    for line in entries:
        assert line in cleaned.text, line


def test_paywall_and_comment_form_lines_go_even_inside_the_article():
    raw = _page("Vellmoor quay repairs begin", ARTICLE[0], "Subscribe to continue reading this article.", ARTICLE[1],
                ARTICLE[2], "Leave a Reply Cancel reply", "Your email address will not be published. Required fields are marked *")
    cleaned = clean_plain_text(raw)
    reasons = _reasons(cleaned)
    assert reasons["Subscribe to continue reading this article."] == "notice"
    assert reasons["Your email address will not be published. Required fields are marked *"] == "notice"
    for paragraph in ARTICLE:
        assert paragraph in cleaned.text


def test_teasers_after_a_menu_are_outside_the_article():
    teasers = [
        "Skellan ferry fares to rise in spring",
        "Opinion: the harbour board has waited too long to act on the cranes, and the town will pay for it in lost trade.",
    ]
    raw = _page("Vellmoor quay repairs begin", *ARTICLE, "More from the Lantern", "Latest", "Most Read", "Trending",
                *teasers)
    cleaned = clean_plain_text(raw)
    reasons = _reasons(cleaned)
    for teaser in teasers:
        assert teaser not in cleaned.text
        assert reasons[teaser] in ("outside-article", "menu", "related-headline")  # under "Trending": the box's teasers


def test_html_markup_residue_goes():
    raw = _page(".site-header", "Vellmoor quay repairs begin", "wp:paragraph", ARTICLE[0], "/wp:paragraph", ARTICLE[1],
                "end: comp article-body mntl-block", ARTICLE[2])
    cleaned = clean_plain_text(raw)
    reasons = _reasons(cleaned)
    assert reasons["wp:paragraph"] == reasons["/wp:paragraph"] == "markup"
    assert reasons["end: comp article-body mntl-block"] == "markup"
    for paragraph in ARTICLE:
        assert paragraph in cleaned.text


def test_code_inside_a_software_article_stays():
    prose = [
        "The Vellmoor harbour board publishes its tide tables as a small open data service, and reading them "
        "takes only a few lines of Python once the client library is installed on the machine.",
        "The call returns the tide heights for the next day in metres, one value for every half hour, which "
        "the board says is accurate to within five centimetres at the northern quay.",
    ]
    code = "tides = client.fetch(station=\"vellmoor-north\")"
    raw = _page("Reading Vellmoor's tide tables", prose[0], code, prose[1])
    cleaned = clean_plain_text(raw)
    assert code in cleaned.text


def test_notices_are_phrases_about_the_page_not_topics():
    settings = CleanSettings()
    assert is_notice("Sign up for our newsletter to get the week's best stories.", settings)
    assert is_notice("This site uses cookies.", settings)
    assert not is_notice("Europe's regulators want websites to ask before they set cookies.", settings)
    assert not is_notice("The streaming service lost 200,000 subscribers in the quarter.", settings)


def test_a_paragraph_right_after_a_share_menu_is_the_article():
    lone = ("A harbour inspector told the Vellmoor court on Tuesday that anyone with a ladder and some patience "
            "could climb the fence around the northern quay at night.")
    share = ["Share", "Facebook", "Twitter", "WhatsApp", "Email", "Telegram"]
    teasers = ["Quay fence: the board's reply", "Ferry timetable for the summer", "Board elects new chair"]
    raw = _page(MENU, "Inspector: 'anyone' could climb the quay fence", *share, lone, "Related Videos", *share,
                "Related articles", *teasers)
    cleaned = clean_plain_text(raw)
    assert lone in cleaned.text
    for teaser in teasers:
        assert teaser not in cleaned.text


def test_a_chrome_line_above_the_real_headline_is_not_the_headline():
    raw = _page("Top Menu", MENU, "Skip to content", "Vellmoor quay repairs begin on Monday", "By Staff Writer",
                "Published: 3 March 2025", "Share", "Print", "Email", *ARTICLE, FOOTER)
    cleaned = clean_plain_text(raw)
    assert cleaned.title == "Vellmoor quay repairs begin on Monday"
    assert cleaned.published == "2025-03-03"
    reasons = _reasons(cleaned)
    assert reasons["Top Menu"] != "headline" and "Top Menu" not in cleaned.text
    assert reasons["By Staff Writer"] == "byline"
    assert reasons["Published: 3 March 2025"] == "dateline"
    assert cleaned.text.startswith("Vellmoor quay repairs begin on Monday")
    for paragraph in ARTICLE:
        assert paragraph in cleaned.text


def test_a_standfirst_under_the_real_headline_stays():
    standfirst = "Engineers will replace the crane rails on the northern quay before the winter storms arrive."
    raw = _page("#Masthead", MENU, "Newsroom", "Vellmoor quay repairs begin on Monday", standfirst, "By", "Odile Trask",
                "March 3, 2025", "Share", "Print", "Email", "Copy Link", *ARTICLE)
    cleaned = clean_plain_text(raw)
    assert cleaned.title == "Vellmoor quay repairs begin on Monday"
    assert standfirst in cleaned.text
    assert cleaned.published == "2025-03-03"
    assert "March 3, 2025" not in cleaned.text


def test_a_lone_date_and_byline_at_the_head_of_the_block_are_header():
    standfirst = "Engineers will replace the crane rails on the northern quay before the winter storms arrive."
    raw = _page("Vellmoor quay repairs begin", standfirst, "Odile Trask", "|", "11 Mar 2025", "|", "4 min read",
                "By Staff Writer", *ARTICLE)
    cleaned = clean_plain_text(raw)
    reasons = _reasons(cleaned)
    assert reasons["11 Mar 2025"] == "dateline"
    assert cleaned.published == "2025-03-11"
    assert reasons["By Staff Writer"] == "byline"
    assert standfirst in cleaned.text
    for paragraph in ARTICLE:
        assert paragraph in cleaned.text


def test_a_list_or_code_under_a_lead_in_after_the_last_paragraph_stays():
    summary = ["Rails replaced on the northern quay", "Two cranes back in service by May",
               "Ferries return to the northern berth in June"]
    raw = _page("Vellmoor quay repairs begin", *ARTICLE, "In short, the board expects:", *summary,
                "Author: Odile Trask", "Posted in Harbour")
    cleaned = clean_plain_text(raw)
    for line in summary:
        assert line in cleaned.text, line
    code = ["tides = client.fetch(station=\"vellmoor-north\")", "print(tides.next_high())"]
    raw = _page("Reading Vellmoor's tide tables", *ARTICLE, "The board's own example, in short:", "\n".join(code), "harbour",
                "python")
    cleaned = clean_plain_text(raw)
    for line in code:
        assert line in cleaned.text, line
    assert "python" not in cleaned.text.split("\n")


def test_labelled_entries_after_the_last_paragraph_stay():
    entries = ["Vellmoor gantry – the largest of the four cranes, built in 1978 and rebuilt twice.",
               "Vellmoor jib – small, quick and the first to be repaired, according to the board."]
    raw = _page("The four cranes of Vellmoor quay", *ARTICLE, *entries, "Family: Harbour cranes", "Common name: Gantry",
                "Images: Quay | Crane")
    cleaned = clean_plain_text(raw)
    for line in entries:
        assert line in cleaned.text, line


def test_a_policy_page_keeps_its_own_notice_phrases():
    policy = [
        "This privacy policy explains how the Vellmoor Lantern collects and uses the personal data of its readers "
        "and what choices readers have about it.",
        "We keep the names and e-mail addresses of readers who write to the letters page for one year, and we never "
        "sell them; this privacy policy applies to those letters too.",
        "Readers may ask for a copy of the data we keep about them at any time; a request under this privacy policy "
        "is answered within thirty days of its arrival.",
        "Readers can ask us to delete their letters at any time, and the privacy policy lists every kind of data "
        "that we store about them.",
        "If this privacy policy changes, the new version is published on this page at least a month before it "
        "takes effect, with the changes marked.",
    ]
    raw = _page(MENU, "Privacy policy of the Vellmoor Lantern", *policy, FOOTER)
    cleaned = clean_plain_text(raw)
    for paragraph in policy:
        assert paragraph in cleaned.text, paragraph
    # a one-off notice inside a news article still goes
    raw = _page("Vellmoor quay repairs begin", ARTICLE[0], "Read our privacy policy before you comment.", *ARTICLE[1:])
    assert "Read our privacy policy" not in clean_plain_text(raw).text


def test_a_comment_thread_after_the_article_loses_its_timestamps():
    comments = [
        "Asked", "8 years, 2 months ago", "asked Feb 6, 2014 at 20:37",
        "Will the northern berth take freight during the closure, or only the ferries?",
        "\u2013 Marit Holm", "3 hours ago",
        "Only the ferries; the freight yard at Marrow Point takes the lorries until June.",
        "\u2013 Odile Trask", "answered 2 days ago",
    ]
    raw = _page("Vellmoor quay repairs begin", *ARTICLE, *comments)
    cleaned = clean_plain_text(raw)
    reasons = _reasons(cleaned)
    for stamp in ("8 years, 2 months ago", "asked Feb 6, 2014 at 20:37", "3 hours ago", "answered 2 days ago"):
        assert reasons.get(stamp) == "timestamp", stamp
    for paragraph in ARTICLE:
        assert paragraph in cleaned.text
    # a live blog's clock times are not comment stamps
    assert "09:12" in clean_plain_text(_page("Live: Vellmoor quay", "09:12", ARTICLE[0], "09:40", *ARTICLE[1:])).text


def test_an_author_note_late_in_the_block_goes_even_before_a_related_box():
    note = "Maren Dahl is a senior writer for the Vellmoor Lantern, covering the harbour and the islands."
    box = ("Readers also liked the Lantern's long report on the Skellan ferries last winter, when the storms closed "
           "the southern berth for nine days and the islands ran short of fuel, bread and medicine for the clinic.")
    raw = _page("Vellmoor quay repairs begin", *ARTICLE, ARTICLE[0].replace("Monday", "Tuesday"), note, box)
    cleaned = clean_plain_text(raw)
    assert note not in cleaned.text
    assert _reasons(cleaned)[note] == "author-bio"


def test_the_pitch_of_a_sign_up_box_goes_with_it():
    pitch = "Daily news about the harbour, the ferries and the islands, every morning."
    raw = _page("Vellmoor quay repairs begin", *ARTICLE[:2], "Sign up for the Lantern newsletter", pitch, "Email",
                ARTICLE[2], "The board will meet again on Friday.")
    cleaned = clean_plain_text(raw)
    assert _reasons(cleaned)[pitch] == "notice"
    for line in ARTICLE + ["The board will meet again on Friday."]:
        assert line in cleaned.text, line


def test_a_teaser_printed_twice_goes_but_the_headline_and_subheadings_stay():
    teaser = "Skellan ferry fares to rise in the spring"
    subheading = "What the closure means for the ferries"
    raw = _page("Vellmoor quay repairs begin", *ARTICLE[:2], "Ferries", teaser, "Ferries", teaser, subheading, ARTICLE[2])
    cleaned = clean_plain_text(raw)
    assert teaser not in cleaned.text
    assert _reasons(cleaned)[teaser] == "related-headline"
    assert subheading in cleaned.text
    assert cleaned.title == "Vellmoor quay repairs begin"
    for paragraph in ARTICLE:
        assert paragraph in cleaned.text


def test_a_call_to_write_in_with_an_address_and_a_comment_rule_are_notices():
    calls = ["We want to hear what you think about this article. Write to letters@vellmoorlantern.example.",
             "We ask that comments are civil and stay on the topic of the article."]
    raw = _page("Vellmoor quay repairs begin", *ARTICLE, *calls)
    reasons = _reasons(clean_plain_text(raw))
    for call in calls:
        assert reasons[call] == "notice", call
    cited = "The board's notice is at https://vellmoorport.example/notices/quay-closure-2025"
    assert cited in clean_plain_text(_page("Vellmoor quay repairs begin", ARTICLE[0], cited, *ARTICLE[1:])).text
