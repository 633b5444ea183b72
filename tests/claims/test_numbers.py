"""Quantities: values, qualifiers and units, and what is never a figure (years, dates, labels, ages)."""

from __future__ import annotations

import pytest

from storyline.claims.numbers import find_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,100", (1100.0, None)), ("14", (14.0, None)), ("fourteen", (14.0, None)), ("twenty-one", (21.0, None)),
     ("1.2Bln", (1.2e9, None)), ("$3", (3.0, "USD")), ("60%", (60.0, "percent")), ("2.5bn", (2.5e9, None))],
)
def test_parse_number(text, expected):
    value, unit = parse_number(text)
    assert value == pytest.approx(expected[0]) and unit == expected[1]


@pytest.mark.parametrize("text", ["21st", "3rd", "1,10,0", "abc", ""])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


def _figures(nlp, text):
    doc = nlp(text)
    return [(doc[q.qualifier_start : q.end].text, q.value, q.qualifier, q.unit) for q in find_quantities(doc)]


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [("The ferry line says more than 1,100 passengers were stranded.", 1100, "more than"),
     ("At least 30 trawlers stayed in port on Tuesday.", 30, "at least"),
     ("The new terminal can handle up to 500 trucks a day.", 500, "up to"),
     ("Nearly 40 crew members signed the letter.", 40, "about"),
     ("Some 2,400 fishermen joined the protest.", 2400, "about"),
     ("Fewer than 12 boats left the harbour.", 12, "less than"),
     ("The inspectors found 14 damaged containers.", 14, "exact"),
     ("Officials counted fourteen damaged containers.", 14, "exact")],
)
def test_qualifiers(nlp, text, value, qualifier):
    figures = _figures(nlp, text)
    assert [(v, q) for _, v, q, _ in figures] == [(value, qualifier)]


def test_money_and_percent(nlp):
    figures = _figures(nlp, "The port board approved a €2.5 million grant after traffic fell by about 40 percent.")
    assert (2.5e6, "EUR") in [(v, u) for _, v, _, u in figures]
    assert (40.0, "about", "percent") in [(v, q, u) for _, v, q, u in figures]


def test_years_dates_times_labels_and_ages_are_not_figures(nlp):
    text = (
        "In 2016 the Lisvaria ferry board met on 3 March at 10:30 by Gate 4, two weeks later than planned.\n"
        "Harbour master Mirela Stan said the 2021 agreement still held.\n"
        "1. Reopen Terminal 2\n"
        "© 2025 Grey Sound Gazette"
    )
    assert _figures(nlp, text) == []


def test_durations_count_but_relative_times_do_not(nlp):
    figures = _figures(nlp, "The mayor, after three decades in office, resigned. Two weeks later the council met.")
    assert [(v, q) for _, v, q, _ in figures] == [(3, "exact")]


def test_definite_references_and_increments(nlp):
    doc = nlp("The two agreed that three more trawlers would be inspected.")
    quantities = find_quantities(doc)
    assert [q.value for q in quantities] == [3]
    assert quantities[0].additional


def test_ages_are_figures_of_their_person(nlp):
    doc = nlp("Two men, aged 29 and 41, have been charged. Harbour master Mirela Stan, 52, and the 33-year-old skipper spoke.")
    assert [(q.value, q.kind) for q in find_quantities(doc)] == [(2, "count"), (29, "age"), (41, "age"), (52, "age"), (33, "age")]


def test_hyphenated_measures_count_in_their_unit(nlp):
    doc = nlp("She began a 90-day stay at the clinic after a 14-week strike.")
    assert [(q.value, q.role) for q in find_quantities(doc)] == [(90, "day"), (14, "week")]


def test_records_give_wins_losses_and_draws(nlp):
    doc = nlp("The Harriers fell to 9-14 on Friday, and Tomas Vell is now 45-7-2.")
    assert [(q.value, q.kind, q.role) for q in find_quantities(doc)] == [
        (9, "record", "won"), (14, "record", "lost"), (45, "record", "won"), (7, "record", "lost"), (2, "record", "drawn")]


def test_numbers_in_names_are_not_figures(nlp):
    text = "Guards carried AK-47 rifles past a Boeing 777 and two Mirage 2000 jets, with a Galaxy S5 on Route 66."
    assert [v for _, v, _, _ in _figures(nlp, text)] == [2]


def test_one_counts_only_when_it_counts_a_noun(nlp):
    assert [v for _, v, _, _ in _figures(nlp, "The gunman shot one man. One of them later spoke.")] == [1]


@pytest.mark.parametrize(
    ("text", "value"),
    [("A crowd of 22, 000 watched the fight.", 22000), ("The quake measured 6. 1 on the scale.", 6.1),
     ("Stocks fell 5. 4 percent on Tuesday.", 5.4), ("The film grossed $368. 0 million so far.", 368e6),
     ("More than 1, 400, 000 people voted.", 1400000)],
)
def test_numbers_spaced_by_the_tokenizer_read_as_one(nlp, text, value):
    """Texts rebuilt from tokens print "22, 000" and "14. 1": one number each."""
    (fig,) = [f for f in _figures(nlp, text)]
    assert fig[1] == pytest.approx(value)


def test_spaced_numbers_that_are_two_stay_two(nlp):
    values = [f[1] for f in _figures(nlp, "He counted 3, 4 and 5 boats. They had 14. 3 people were hurt.")]
    assert 3 in values and 4 in values and 5 in values and 14.1 not in values


def test_name_with_spaced_number_and_hyphenated_scale(nlp):
    figures = _figures(nlp, "They seized six AK 47 rifles and agreed a 110-billion bailout.")
    assert [f[1] for f in figures] == [6, 110e9]


def test_durations_tagged_as_times_are_figures_but_clock_times_are_not(nlp):
    """"after 30 hours of deliberation", "44 seconds into the round" measure time; "at 9:30", "at 2:56" tell it."""
    text = "The jury reached no verdict after 30 hours of deliberation. The referee stopped it 44 seconds into the round."
    assert [v for _, v, _, _ in _figures(nlp, text)] == [30, 44]
    assert _figures(nlp, "The referee stopped the fight at 2:56. Talks resume at 9:30 on Monday.") == []


def test_more_than_one_is_no_figure(nlp):
    assert _figures(nlp, "The envoy has made such threats on more than one occasion.") == []
    assert [v for _, v, _, _ in _figures(nlp, "More than one hundred trawlers stayed in port.")] == [100]


def test_range_ends_carry_their_scale_and_bound(nlp):
    """"$140-150MM" and "between $140 million and $150 million" are a low and a high end, never a
    record; "MM" is a million."""
    doc = nlp("The Harriers offered about seven years, $140-150MM, for the striker.")
    ends = [(q.value, q.qualifier, q.bound, q.unit) for q in find_quantities(doc) if q.bound]
    assert ends == [(140e6, "at least", "low", "USD"), (150e6, "up to", "high", "USD")]
    doc = nlp("The Harriers bid between $140 million and $150 million for him.")
    assert [(q.value, q.bound) for q in find_quantities(doc)] == [(140e6, "low"), (150e6, "high")]
    assert [v for _, v, _, _ in _figures(nlp, "He is paid $27. 5MM per year.")] == [27.5e6]
