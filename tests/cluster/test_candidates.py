from storyline.cluster import Params
from storyline.cluster.batch import document_frequencies
from storyline.cluster.candidates import blocking_keys, candidate_pairs
from storyline.cluster.features import ArticleFeatures
from storyline.cluster.profile import idf_from


def synthetic(stories: int, per_story: int) -> list[ArticleFeatures]:
    """Articles of ``stories`` stories: story-specific people and words, plus a key every article shares."""
    out = []
    for s in range(stories):
        for k in range(per_story):
            out.append(ArticleFeatures(
                id=f"{s}-{k}",
                terms={f"word{s}a": 2.0, f"word{s}b": 1.0, "say": 1.0, f"noise{s}-{k}": 1.0},
                keys={f"p:person{s}": 1.0, "g:everywhere": 1.0, "y:2025": 1.0},
            ))
    return out


def test_blocking_keys_leave_out_years_and_nationalities():
    f = ArticleFeatures("a", {"quake": 1.0}, {"p:wendt": 1.0, "y:2025": 1.0, "n:corvenian": 1.0})
    keys = blocking_keys(f, lambda k: 1.0, Params())
    assert "p:wendt" in keys and "quake" in keys
    assert "y:2025" not in keys and "n:corvenian" not in keys


def test_candidates_cover_every_story_pair_but_not_all_pairs():
    features = synthetic(stories=60, per_story=5)
    df = document_frequencies(features)
    pairs = set(zip(*(a.tolist() for a in candidate_pairs(features, idf_from(df, len(features)), df, Params(df_cap=50)))))
    within = {(i, j) for i in range(len(features)) for j in range(i + 1, len(features)) if i // 5 == j // 5}
    assert within <= pairs
    # 'g:everywhere' and 'say' are held by all 300 articles: over the cap, so they link nothing
    assert len(pairs) == len(within)


def test_max_candidates_bounds_the_work_per_article():
    features = synthetic(stories=1, per_story=40)
    df = document_frequencies(features)
    left, right = candidate_pairs(features, idf_from(df, len(features)), df, Params(max_candidates=5))
    assert len(left) <= 40 * 5 and (left < right).all()
    # each article keeps its 5 strongest partners, so every article appears in at least 5 pairs
    counts = [int((left == i).sum() + (right == i).sum()) for i in range(40)]
    assert min(counts) >= 5


def test_dated_pairs_further_apart_than_the_gap_are_not_candidates():
    a = ArticleFeatures("a", {"ferry": 1.0}, {"p:wendt": 1.0}, day=739000)
    b = ArticleFeatures("b", {"ferry": 1.0}, {"p:wendt": 1.0}, day=739003)
    c = ArticleFeatures("c", {"ferry": 1.0}, {"p:wendt": 1.0}, day=739400)
    u = ArticleFeatures("u", {"ferry": 1.0}, {"p:wendt": 1.0})  # undated: time cannot rule it out
    features = [a, b, c, u]
    df = document_frequencies(features)
    left, right = candidate_pairs(features, idf_from(df, 4), df, Params(), max_gap=30)
    assert set(zip(left.tolist(), right.tolist())) == {(0, 1), (0, 3), (1, 3), (2, 3)}
