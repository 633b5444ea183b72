"""clean.junk: each rule removes its furniture and leaves look-alike prose alone."""

from __future__ import annotations

import pytest

from storyline.clean.junk import is_list_item, line_junk_reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Sponsor:\u00a0 PORTLY\u00a0", "sponsor"),
        ("Sponsor: PORTLY: Better odds for your fantasy league! Smart Sports Picks.", "sponsor"),
        ("Advertisement", "sponsor"),
        ("back\u00a0\u00a0", "navigation"),
        ("topic", "navigation"),
        ("Share this article", "navigation"),
        ("0", "number"),
        ("12 / 40", "number"),
        ("* * *", "separator"),
        ("\u00a0| Harborview,MN", "separator"),
        ("Cranes idle at the northern quay (Photo: LENA ORTH / HWA)", "photo-credit"),
        ("Union leader Ivo Marek. Photo: Dana Kell", "photo-credit"),
        ("Related article: Valdemar to Spend $2.4Bln on New Container Terminal", "related"),
        ("Read more: How the port strike began", "related"),
        ("For more news from the coast, please follow us on X.", "follow-us"),
        ("— Harbor Wire (@HarborWire) March 3, 2025", "social-embed"),
        ("Strikers blocked the gate at dawn… pic.twitter.com/AbC123xyZ", "social-embed"),
    ],
)
def test_junk_rule_names_the_reason(line: str, reason: str):
    assert line_junk_reason(line.strip()) == reason


@pytest.mark.parametrize(
    "line",
    [
        "That changed in May.",
        "The port reopened.",
        "• wage rise of four percent",
        "- no layoffs for two years",
        "1. a joint safety committee",
        "These include:",
        "The union said it would share its proposal with the mediator before the weekend.",
        "Advertising revenue at the port's radio station fell by a third, the report found, as the strike dragged on.",
        "The photographer, who asked not to be named, said police had taken her camera.",
        "Back at the quay, the crane drivers voted again on Thursday.",
        "2025 was the worst year for the port since records began.",
    ],
)
def test_junk_rules_keep_real_prose_and_list_items(line: str):
    assert line_junk_reason(line) is None


def test_junk_list_items_recognised():
    assert is_list_item("  • item".strip())
    assert is_list_item("2) second")
    assert not is_list_item("-5 degrees at dawn")


def test_a_rule_matching_inside_a_line_longer_than_the_limit_keeps_it_as_prose():
    line = "Follow us on Twitter and Facebook for the latest from Port Calder"  # 65 characters
    assert line_junk_reason(line) == "follow-us"
    assert line_junk_reason(line, max_line=40) is None  # CleanSettings.junk_max_line
