"""Header reading on scraped text: the URL line, datelines above or below the headline, numeric dates."""

from __future__ import annotations

import pytest

from storyline.clean.meta import PageCues, dateline_date, numeric_date, url_date, url_host, url_line
from storyline.clean.text import clean_plain_text
from storyline.ingest import RawRecord
from storyline.pipeline import clean_one

BODY = ("Dock workers at Port Calder walked off the job on Monday after talks over night-shift pay broke "
        "down, the Calder Dockers' Union said in a statement to members.\n\n"
        "The port authority said ferries would keep sailing but container traffic would be diverted.\n")


@pytest.mark.parametrize(("line", "iso"), [
    ("Sep 10, 2010", "2010-09-10"),
    ("on September 10th, 2010", "2010-09-10"),
    ("POSTED: December 08, 2010", "2010-12-08"),
    ("Sun, 15 Sep 2013", "2013-09-15"),
    ("Updated 3:42 PM ET, Mon March 3, 2014", "2014-03-03"),
    ("2010-09-10", "2010-09-10"),
    ("14 March 2011 Last updated at 09:12 GMT", "2011-03-14"),
    ("End of Watch: Friday, June 24, 2005", "2005-06-24"),
    ("Article posted on 08. 07. 2012", "2012-07-08"),
    ("11 / 28 / 05", "2005-11-28"),
    ("28/11/2005", "2005-11-28"),
    ("Originally published March 14, 2011 at 10:20 AM EDT", "2011-03-14"),
    ("PUBLISHED: 02:31 GMT, 14 March 2011 | UPDATED: 22:19 GMT, 15 March 2011", "2011-03-14"),
    ("on March 14, 2011 at 4:31 AM, updated March 15, 2011 at 8:33 AM", "2011-03-14"),
    ("7:15 a. m. Dec. 7, 2009", "2009-12-07"),
    ("Published: 2012. 08. 08 09:01 AM", "2012-08-08"),
    ("UPDATED: FRIDAY, MAY 3, 2013, 9:56 AM", "2013-05-03"),
    ("28.11.2005", "2005-11-28"),
    ("Novemer 27, 2005", "2005-11-27"),  # a hand-typed month with a letter dropped
])
def test_dateline_forms_real_pages_print(line, iso):
    assert dateline_date(line) == iso


def test_a_word_near_no_month_is_not_read_as_one():
    assert dateline_date("Moscow 27, 2005") is None and dateline_date("Novel 27, 2005") is None


def test_an_ambiguous_numeric_date_is_left_unread():
    assert numeric_date("05 / 02 / 2013") is None and dateline_date("11/09/2010") is None
    assert numeric_date("31.02.2012") is None  # not a day


def test_an_ambiguous_numeric_date_is_read_only_with_a_cue_from_the_same_page():
    line = "05 / 02 / 2013"
    assert dateline_date(line, PageCues(line, "The court heard on May 2 that ...")) == "2013-05-02"  # the body names the day
    assert dateline_date(line, PageCues(line + " 10:20 AM EDT", "")) == "2013-05-02"  # a US time zone: month first
    assert dateline_date(line, PageCues(line, "", "calder-herald.co.nz")) == "2013-02-05"  # a day-first country's site
    assert dateline_date(line, PageCues(line, "Nothing here says which.", "calder-herald.com")) is None


def test_a_second_dateline_in_the_header_is_header_not_body():
    page = ("Dockers walk out at Port Calder\n\nPUBLISHED: 14 March 2011\n\nUPDATED: 15 March 2011\n\n" + BODY)
    result = clean_plain_text(page)
    assert result.published == "2011-03-14"
    assert [r.reason for r in result.removed] == ["dateline", "dateline"]
    assert "UPDATED" not in result.text


def test_datelines_below_a_standfirst_are_all_header():
    page = ("Dockers walk out at Port Calder\n\nNight-shift talks collapsed.\n\nUnions warn of more walkouts.\n\n"
            "PUBLISHED: 14 March 2011\n\nUPDATED: 15 March 2011\n\n" + BODY)
    result = clean_plain_text(page)
    assert result.published == "2011-03-14" and "UPDATED" not in result.text


def test_a_month_name_in_the_url_path_dates_the_page():
    assert url_date("http://www.calder-herald.com/news/2009/dec/07/dock-strike/") == "2009-12-07"


def test_a_url_broken_by_a_tokenizer_is_one_url_with_its_host_and_date():
    url = url_line("http://www.calder-herald. co. nz / 2011 / 03 / 14 / news / dock-strike - 7. html? page=all")
    assert url == "http://www.calder-herald.co.nz/2011/03/14/news/dock-strike-7.html?page=all"
    assert url_host(url) == "calder-herald.co.nz" and url_date(url) == "2011-03-14"
    assert url_line("www.calder-herald.co.nz has the story") is None


def test_url_line_headline_then_dateline():
    page = ("http://www.calder-herald. co. nz / news / dock-strike / 8812\n\n"
            "Dockers walk out at Port Calder\n\nUpdated: March 14, 2011 20:09 NZDT\n\n" + BODY)
    result = clean_plain_text(page)
    assert result.title == "Dockers walk out at Port Calder"
    assert result.published == "2011-03-14"
    assert result.url == "http://www.calder-herald.co.nz/news/dock-strike/8812"
    assert [r.reason for r in result.removed] == ["url", "dateline"]
    assert not result.text.startswith("http")


def test_a_dateline_under_a_standfirst_is_read():
    page = ("Dockers walk out at Port Calder\n\n"
            "Night-shift pay talks collapsed after three weeks, and the union says more ports may follow.\n\n"
            "March 14, 2011\n\n" + BODY)
    assert clean_plain_text(page).published == "2011-03-14"


def test_the_site_names_the_outlet_and_the_url_dates_an_undated_page():
    page = "http://www.calder-herald. co. nz / 2011 / 03 / 14 / dock-strike\n\nDockers walk out at Port Calder\n\n" + BODY
    article = clean_one(RawRecord(source_path="/tmp/3f9a2c.txt", format="txt", content=page), None)
    assert article.outlet == "calder-herald.co.nz" and article.outlet_source == "url"
    assert article.published == "2011-03-14" and article.published_source == "url"


def test_an_article_with_no_date_keeps_none():
    article = clean_one(RawRecord(source_path="/tmp/3f9a2c.txt", content="Dockers walk out at Port Calder\n\n" + BODY,
                                  format="txt"), None)
    assert article.published is None and article.published_source == "none"


def test_dateline_limits_come_from_the_clean_settings():
    from storyline.settings import CleanSettings

    long_line = "Filed from the Port Calder newsroom by the night desk on Sep 10, 2010"  # 70 characters
    assert dateline_date(long_line) is None  # longer than a dateline: prose
    assert dateline_date(long_line, settings=CleanSettings(dateline_max_chars=80)) == "2010-09-10"
    assert dateline_date("Novemer 27, 2005", settings=CleanSettings(mistyped_month_score=95)) is None


def test_a_dateline_with_the_article_run_on_after_its_update_time_is_no_dateline():
    """Text whose line breaks were lost: the dateline, its update time and the whole article on one line.
    The line is the article (kept), not a dateline with an update tail (which would remove it all)."""
    line = ("14 May 2016 Last updated at 09:12 GMT Ferry strands 40 at Port Calder A car ferry ran aground "
            "off Port Calder on Saturday, leaving 40 passengers on board for six hours, the coastguard said.")
    assert dateline_date(line) is None
    assert dateline_date("14 May 2016 Last updated at 09:12 GMT") == "2016-05-14"
    cleaned = clean_plain_text(line + " " + BODY.replace("\n", " "))
    assert "ran aground" in cleaned.text
