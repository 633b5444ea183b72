"""Subjects: the counted thing and what happens to it, from the parse, comparable across wordings."""

from __future__ import annotations

from storyline.claims.numbers import find_quantities
from storyline.claims.subjects import subject_of


def _subjects(nlp, text):
    doc = nlp(text)
    return [subject_of(doc, q) for q in find_quantities(doc)]


def test_digits_and_words_in_verb_and_noun_form_share_a_key(nlp):
    (a,) = _subjects(nlp, "On Friday the coast guard released 14 fishermen from custody.")
    (b,) = _subjects(nlp, "The envoy's visit was followed by the release of fourteen fishermen.")
    assert a.key == b.key == ("fisherman", "released")


def test_held_and_released_are_different_subjects(nlp):
    (held,) = _subjects(nlp, "The junta holds more than 900 political prisoners.")
    (released,) = _subjects(nlp, "The junta released 12 political prisoners in May.")
    assert held.key == ("prisoner", "held") and released.key == ("prisoner", "released")
    assert "political" in held.mods and held.display == "political prisoners held"


def test_bare_number_borrows_noun_and_action_from_before(nlp):
    text = "Freeing jailed sailors costs the admiral nothing. After all, more than 300 remain behind bars."
    (s,) = _subjects(nlp, text)
    assert s.key == ("sailor", "held")
    text = "We did not sail there to free detained sailors. They started with 9, then got more."
    (s,) = _subjects(nlp, text)
    assert s.key == ("sailor", "released")


def test_strike_and_walkout_phrases(nlp):
    (a,) = _subjects(nlp, "More than 800 crane operators remain on strike at Brusk.")
    (b,) = _subjects(nlp, "There are more than 850 crane operators still on strike, the union said.")
    assert a.key == b.key == ("operator", "on strike")


def test_percent_counts_the_verbs_subject(nlp):
    (s,) = _subjects(nlp, "Ferry traffic through Wendt has fallen by about 40 percent since June.")
    assert s.key == ("traffic", "fallen") and s.unit == "percent"


def test_speculative_figures_are_marked(nlp):
    (s,) = _subjects(nlp, "The minister said he would free 20 prisoners if the talks went well.")
    assert s.hypothetical


def test_entity_links_normalise_modifiers(nlp):
    doc = nlp("Velgrad freed 3 U.S. citizens.")
    (q,) = find_quantities(doc)
    start = doc.text.index("U.S.")
    s = subject_of(doc, q, {start: "united states"})
    assert s.mods == frozenset({"united states"})


def test_counted_sources_and_speaking_officials_are_attribution_not_figures(nlp):
    cited, told, officials, killed = _subjects(
        nlp, "The Ledger, citing four sources, said the talks stalled. Two sources told the Ledger the envoy left. "
             "Three officials said the port was shut. Two officials were killed in the blast.")
    assert cited.attribution and told.attribution and officials.attribution
    assert not killed.attribution and killed.key == ("official", "killed")


def test_modifiers_are_shown_as_written_and_compared_by_lemma(nlp):
    (s,) = _subjects(nlp, "The plan demands a withdrawal from four occupied regions.")
    assert s.display.startswith("occupied regions")
    assert "occupy" in s.mods


def test_scope_reads_totals_stretches_and_who(nlp):
    """What part of a thing a figure counts: a running total, a stretch of games, who does it."""
    def scope(text, value):
        doc = nlp(text)
        return next(subject_of(doc, q).scope for q in find_quantities(doc) if q.value == value)

    assert ("total", "") in scope("So far, the navy has seized 31 magazines from pirates.", 31)
    assert ("total", "") not in scope("During the operation, the navy seized 12 magazines.", 12)
    assert ("within", "54 game") in scope("He hit 13 home runs in 54 games with the Angels.", 13)
    assert ("who", "miller") in scope("Andre Miller is averaging 15.5 points per game.", 15.5)
    assert ("place", "aden") in scope("The ship was attacked 150 nautical miles off Aden.", 150)


def test_elided_number_keeps_its_own_verb(nlp):
    """"18 hurt and 12 arrested": the 12 borrows "people" but not "injured"."""
    hurt, held = _subjects(nlp, "Police said 18 people had been injured in the unrest and 12 arrested for carrying knives.")
    assert hurt.key == ("people", "injured") and held.key == ("people", "arrested")
    dead, hurt = _subjects(nlp, "Nine people were killed and at least 40 injured when the dam at Orsk gave way.")
    assert dead.key == ("people", "killed") and hurt.key == ("people", "injured")


def test_a_whole_measured_by_of_is_the_subject_not_a_unit_before_it(nlp):
    """"1,500 km from the capital, has a population of 90,000": the population, never "kilometers"."""
    far, many = _subjects(nlp, "Velmor, 1,500 kilometers south of the capital, has a population of more than 90,000.")
    assert far.key[0] == "kilometer" and many.key[0] == "population"
    assert many.display == "population"


def test_shot_to_death_is_killed_and_an_increment_before_the_number(nlp):
    (dead,) = _subjects(nlp, "A gunman shot to death one clerk at the Tarvo depot.")
    assert dead.key == ("clerk", "killed")
    (more,) = _subjects(nlp, "An additional 162 beetles are listed as threatened.")
    assert "additional" in more.key[1]


def test_distance_and_time_anchors_and_gapped_owners(nlp):
    """A distance to one point is not a distance to another; a stretch before an event is not one from now;
    a gapped clause's figure is its own name's."""
    def scope(text, value):
        doc = nlp(text)
        return next(subject_of(doc, q).scope for q in find_quantities(doc) if q.value == value)

    text = "The raid took place about 150 nautical miles off Varna and the frigate was about 13 nautical miles away from the tanker."
    assert ("place", "varna") in scope(text, 150) and scope(text, 13) == {("place", "tanker")}
    assert ("anchor", "inauguration") in scope("The rule takes effect nine days before the inauguration.", 9)
    text = "Ilse Marner is averaging 15.5 points per game, Tomas Brill 14.9 points."
    assert ("who", "brill") in scope(text, 14.9) and ("who", "marner") not in scope(text, 14.9)


def test_ages_the_small_model_misses_and_whose_they_are(nlp):
    """Ages stated as "She was 85.", "who turns 29 in April", "at the age of 85", "Vell, 49," (a name tagged
    anything but a person) and "the 36-year-old champion Vell" belong to the person they describe."""
    def ages(text):
        doc = nlp(text)
        return [(q.value, subject_of(doc, q).key) for q in find_quantities(doc) if q.kind == "age"]

    assert ages("The pin-up model Odile Marsant has died. She was 85.") == [(85, ("age", "marsant"))]
    assert ages("Brannock, who turns 29 on April 11, has hit 30 home runs.") == [(29, ("age", "brannock"))]
    assert ages("Marsant died of pneumonia at the age of 85, her agent said.")[0][0] == 85
    assert ages("Tarvel, 49, was in a wheelchair when he pulled a gun on two guards.") == [(49, ("age", "tarvel"))]
    assert ages("The 36-year-old champion Vell improved his record.") == [(36, ("age", "vell"))]


def test_speakers_counted_as_they_hold_a_view_are_attribution(nlp):
    (saw,) = _subjects(nlp, "One senior Velgrad official saw this as a signal that the junta may bend.")
    (fear,) = _subjects(nlp, "Two diplomats fear the talks will stall.")
    assert saw.attribution and fear.attribution


def test_a_record_is_keyed_by_its_place_and_scoped_by_its_holder(nlp):
    doc = nlp("Coach Ilse Marner posted a record of 43-39 on April 21, 2004 with the Harriers.")
    won, lost = (subject_of(doc, q) for q in find_quantities(doc) if q.kind == "record")
    assert won.key == ("record", "won") and lost.key == ("record", "lost")
    assert all(x[0] == "who" and "2004" not in x[1] for x in won.scope)


def test_a_participle_figure_holds_when_its_clause_verb_did(nlp):
    """"A quake struck Orsk in September, killing at least seven": the seven are September's."""
    from storyline.claims.subjects import time_of

    doc = nlp("A powerful quake struck the port of Orsk in September, killing at least seven people.")
    (q,) = find_quantities(doc)
    s = subject_of(doc, q)
    assert time_of(doc, q, s.tokens)[1] == "september"


def test_a_figure_of_that_event_takes_the_date_the_sentence_before_gives(nlp):
    """"The island was hit by a quake in September. That temblor killed at least six people.\""""
    from storyline.claims.subjects import time_of

    doc = nlp("The island of Varna was hit by a strong quake in September. That temblor killed at least six people.")
    (q,) = [q for q in find_quantities(doc) if q.value == 6]
    assert time_of(doc, q, subject_of(doc, q).tokens)[1] == "september"
    doc = nlp("The island of Varna was hit by a strong quake in September. The new quake killed at least ten people.")
    (q,) = [q for q in find_quantities(doc) if q.value == 10]
    assert time_of(doc, q, subject_of(doc, q).tokens) == (None, None)
