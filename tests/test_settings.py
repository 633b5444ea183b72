"""The settings tree: one section per stage, read from TOML, checked, recorded, and reaching each stage."""

from __future__ import annotations

from collections import Counter

import pytest

from storyline.engines import build
from storyline.pipeline import default_stages
from storyline.settings import (
    ClusterSettings,
    EntitySettings,
    QuoteSettings,
    Settings,
    SummarySettings,
    SettingsError,
    TimelineSettings,
    load_settings,
    settings_from_dict,
)
from tests.conftest import EXAMPLE


def write(tmp_path, text: str):
    path = tmp_path / "storyline.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_config_file_overrides_fields_of_the_run_and_of_each_section(tmp_path):
    s = load_settings(write(tmp_path, "n_process = 1\n[cluster]\nthreshold = 0.2\n[entities]\nsurname_ratio = 1\n"
                                      "[timeline]\nmax_clause_chars = 400\n"))
    assert s.n_process == 1
    assert s.cluster == ClusterSettings(threshold=0.2)
    assert s.entities == EntitySettings(surname_ratio=1.0) and isinstance(s.entities.surname_ratio, float)
    assert s.timeline == TimelineSettings(max_clause_chars=400)


@pytest.mark.parametrize(("text", "message"), [
    ("[cluster]\nthreshhold = 0.2\n", "unknown setting 'threshhold'"),
    ("[clustering]\nthreshold = 0.2\n", "unknown setting 'clustering'"),
    ("[timeline]\nmax_clause_chars = 'long'\n", "'max_clause_chars' must be int, not str"),
    ("detect_language = 1\n", "'detect_language' must be bool"),
    ("cluster = 3\n", "'cluster' is a section"),
    ("[quotes]\nmin_words = -1\n", "'min_words' must not be negative"),
    ("[cluster\n", "not valid TOML"),
])
def test_a_wrong_config_is_an_error_naming_what_is_wrong(tmp_path, text, message):
    with pytest.raises(SettingsError, match=message) as caught:
        load_settings(write(tmp_path, text))
    assert "storyline.toml" in str(caught.value)


def test_recorded_settings_read_back_equal():
    s = Settings(n_process=3, cluster=ClusterSettings(threshold=0.3), timeline=TimelineSettings(passage_chars=900))
    assert settings_from_dict(s.to_dict()) == s


def _build(settings: Settings, nlp):
    return build([EXAMPLE], settings, nlp=nlp, story_stages=default_stages(settings)[:3])  # entities, quotes, timeline


def test_each_section_reaches_its_stage(nlp):
    default = _build(Settings(), nlp)
    strict = Settings(cluster=ClusterSettings(threshold=0.99, min_edge=0.5),
                      entities=EntitySettings(surname_ratio=1.01, surname_phonetic_jw=1.01, surname_close_ratio=1.01),
                      timeline=TimelineSettings(max_clause_chars=10))
    changed = _build(strict, nlp)

    def rules(d):
        return Counter(m.rule for s in d.stories for e in s.entities for m in e.merges)

    assert len(default.stories) == 1 and len(changed.stories) > 1  # cluster: nothing is similar enough to join
    assert rules(default)["transliteration similarity"] >= 1 and rules(changed)["transliteration similarity"] == 0
    assert sum(len(s.timeline) for s in default.stories) > 0 and sum(len(s.timeline) for s in changed.stories) == 0


def test_the_quotes_and_summarize_sections_reach_their_stages(nlp, example_dossier):
    from storyline.pipeline import stage_name

    def run(settings: Settings):
        wanted = ("entities", "quotes", "timeline", "claims", "summarize")
        stages = [st for st in default_stages(settings) if stage_name(st) in wanted]
        return build([EXAMPLE], settings, nlp=nlp, story_stages=stages).stories[0]

    default = run(Settings())
    strict = run(Settings(quotes=QuoteSettings(min_words=60), summarize=SummarySettings(max_sentences=2)))
    assert len(default.quotes) > len(strict.quotes) and all(len(q.text.split()) >= 60 or q.kind != "direct" for q in strict.quotes)
    assert len(default.summary) > 2 and len(strict.summary) == 2


def test_the_claims_section_reaches_its_stage(nlp):
    from storyline.pipeline import stage_name
    from storyline.settings import ClaimSettings

    def run(settings: Settings):
        stages = [st for st in default_stages(settings) if stage_name(st) in ("entities", "quotes", "claims")]
        return build([EXAMPLE], settings, nlp=nlp, story_stages=stages).stories[0]

    default, tight = run(Settings()), run(Settings(claims=ClaimSettings(max_span_tokens=1)))
    assert max(len(c.text) for c in tight.claims) < max(len(c.text) for c in default.claims)


def test_a_build_records_its_settings_and_add_keeps_them(tmp_path, resources):
    import json

    from click.testing import CliRunner

    from storyline import store
    from storyline.cli import cli

    texts = sorted((resources / "text").glob("*.txt"))
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for p in texts[:-1]:
        (first / p.name).write_bytes(p.read_bytes())
    (later / texts[-1].name).write_bytes(texts[-1].read_bytes())
    config = write(tmp_path, "[cluster]\nthreshold = 0.2\n[summarize]\nmax_sentences = 4\n")
    out = tmp_path / "out"
    built = CliRunner().invoke(cli, ["build", str(first), "-o", str(out), "--config", str(config), "-q"])
    assert built.exit_code == 0, built.output
    recorded = json.loads((out / "dossier.json").read_text())["settings"]
    assert recorded["cluster"]["threshold"] == 0.2 and recorded["summarize"]["max_sentences"] == 4
    added = CliRunner().invoke(cli, ["add", str(later), "--store", str(out / "storyline.sqlite"), "-q"])
    assert added.exit_code == 0, added.output
    kept = store.load(out / "storyline.sqlite").settings
    assert kept["cluster"]["threshold"] == 0.2 and kept["summarize"]["max_sentences"] == 4


def test_the_clean_section_reaches_cleaning(nlp):
    from storyline.settings import CleanSettings

    strict = Settings(clean=CleanSettings(min_words=5_000))
    dossier = build([EXAMPLE], strict, nlp=nlp, story_stages=[])
    assert not dossier.articles and len(dossier.skipped) == len(list(EXAMPLE.iterdir()))
    assert all("words" in s.error for s in dossier.skipped)
    assert build([EXAMPLE], Settings(), nlp=nlp, story_stages=[]).articles


def test_the_provenance_section_reaches_its_stage(nlp):
    from storyline.settings import ProvenanceSettings

    def copies(settings: Settings):
        return build([EXAMPLE], settings, nlp=nlp).stories[0].copies

    default = copies(Settings())
    blind = copies(Settings(provenance=ProvenanceSettings(syndicated_min_words=10**6, min_sentence_words=10**6)))
    assert default and not blind


def test_the_timeline_merge_scores_reach_the_merge(nlp):
    default = _build(Settings(), nlp).stories[0].timeline
    apart = _build(Settings(timeline=TimelineSettings(join_score=1.01, link_score=1.01)), nlp).stories[0].timeline
    assert len(apart) > len(default)  # nothing similar enough to be one event: each mention its own entry
    assert max(len({e.article_id for e in t.evidence}) for t in default) > 1
    assert max(len({e.article_id for e in t.evidence}) for t in apart) == 1


def test_storyline_settings_prints_a_config_that_reads_back(tmp_path):
    from click.testing import CliRunner

    from storyline.cli import cli

    config = write(tmp_path, "[cluster]\nthreshold = 0.25\n")
    shown = CliRunner().invoke(cli, ["settings", "--config", str(config)])
    assert shown.exit_code == 0 and "[cluster]\nterm_weight = 0.5\n" in shown.output and "threshold = 0.25" in shown.output
    again = tmp_path / "again.toml"
    again.write_text(shown.output, encoding="utf-8")
    assert load_settings(again) == load_settings(config)
