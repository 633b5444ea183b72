from storyline.cluster.features import ArticleFeatures
from storyline.eval.clustering import bcubed
from storyline.eval.heldout import held_out, pooled, topic_folds


def test_folds_are_whole_topics_in_natural_order():
    assert topic_folds(["10", "2", "1", "2", "11", "3"], 2) == [["1", "2", "3"], ["10", "11"]]
    assert topic_folds(["a"], 3) == [["a"]]


def corpus() -> tuple[list[ArticleFeatures], list[str], list[str]]:
    """Four topics, each two stories of one kind: shared kind words, story-specific people and places."""
    feats, gold, topics = [], [], []
    for t, kind in enumerate(["quake", "strike", "ferry", "election"]):
        for s in range(2):
            for k in range(4):
                feats.append(ArticleFeatures(
                    f"{t}-{s}-{k}", {kind: 2.0, f"{kind}{s}": 1.5, f"detail{t}{s}{k}": 1.0, "say": 1.0},
                    {f"p:person{t}{s}": 2.0, f"g:place{t}{s}": 1.0, f"o:agency{t}": 1.0}))
                gold.append(f"{t}/{s}")
                topics.append(str(t + 1))
    return feats, gold, topics


def test_knobs_come_from_the_other_fold_and_predictions_cover_every_article():
    feats, gold, topics = corpus()
    folds = held_out(feats, feats, gold, topics, lambda p, g: bcubed(p, g)[2], k=2)
    assert [f.topics for f in folds] == [["1", "2"], ["3", "4"]]
    for fold in folds:
        assert set(fold.chosen) == {"batch", "incremental", "baseline"}
        assert all(len(p) == len(fold.gold) == 16 for p in fold.predicted.values())
    pred, g = pooled(folds, "batch")
    assert len(pred) == len(g) == 32
    # the stories are well separated by their people and places: held-out batch finds them all
    assert bcubed(pred, g)[2] == 1.0
