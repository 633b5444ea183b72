from storyline.cluster.features import date_keys, entity_key, extract_features, figure_key, person_key
from storyline.model import Article


def test_person_keys_meet_across_titles_possessives_and_transliterations():
    assert person_key("Special Envoy Clara Wendt") == person_key("Wendt’s") == "p:vendt"
    assert person_key("Zelenskyy") == person_key("Zelensky")
    assert person_key("Siarhei Tsikhanouski") == person_key("Tsikhanouski")


def test_places_fold_aliases_and_organisations_keep_their_name():
    assert entity_key("the U.S.", "GPE") == entity_key("USA", "GPE") == "g:united states"
    assert entity_key("Bluewake Lines", "ORG") == "o:bluewake lines"
    assert entity_key("Tuesday", "DATE") is None


def test_figures_keep_specific_numbers_and_drop_years_and_small_counts():
    assert figure_key("about 2,400 residents") == "f:2400"
    assert figure_key("a 5.6-magnitude quake") == "f:5.6"
    assert figure_key("2025") is None
    assert figure_key("three") is None and figure_key("7") is None


def test_date_mentions_give_day_keys_and_years():
    assert date_keys("June 21, 2025") == (["d:06-21"], [2025])
    assert date_keys("21st June") == (["d:06-21"], [])


def test_extract_features_from_a_parse_skips_pasted_links(nlp):
    text = ("http://www.example.org / 2013 / 08 / quake-news\n\n"
            "A 5.6-magnitude earthquake struck Qesh Island on June 21, 2025, officials in Port Ebbe said.")
    article = Article(id="a1", source_path="x.txt", raw_text=text, clean_text=text, published="2025-06-22")
    f = extract_features(article, nlp(text))
    assert "earthquake" in f.terms and "example" not in f.terms and "org" not in f.terms
    assert "f:5.6" in f.keys and "d:06-21" in f.keys
    assert f.years == [2025] and f.day is not None
    assert not any("example" in k for k in f.keys)


def test_the_term_vector_keeps_the_configured_number_of_strongest_lemmas(nlp):
    from storyline.settings import ClusterSettings

    text = ("Dockers at Port Ebbe struck again on Monday. The dockers blocked the cranes, the dockers blocked the "
            "gates, and the harbour board called the police to the quay while ferries waited offshore.")
    article = Article(id="a2", source_path="y.txt", raw_text=text, clean_text=text)
    doc = nlp(text)
    full = extract_features(article, doc).terms
    top = extract_features(article, doc, ClusterSettings(max_terms=2)).terms
    assert len(full) > 2 and len(top) == 2
    assert "docker" in top and "block" in top  # the most repeated lemmas stay
    assert all(top[t] == full[t] for t in top)
