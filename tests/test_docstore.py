"""The Doc store: parses written to disk at parse time and read back story by story, unchanged."""

import gc
import weakref

from storyline.docindex import doc_index, release_index
from storyline.docstore import DocStore
from storyline.engines.local import LocalRunner
from storyline.flow import BuildStats
from storyline.model import Article
from storyline.settings import Settings

TEXT = ("Harbor workers in Port Calder walked out on Monday, the union's leader Mara Ellison said.\n\n"
        "The Calder Port Authority said 1,200 containers were waiting at the quay.")


def test_a_doc_comes_back_with_its_parse_and_without_its_tensor(nlp):
    doc = nlp(TEXT)
    with DocStore(nlp.vocab) as store:
        store.add("a1", doc)
        store.add("a1", nlp("Another text."))  # a key keeps its first Doc
        back = store["a1"]
        assert "a1" in store and len(store) == 1 and store.size > 0
    assert back.text == doc.text
    assert [(e.text, e.label_) for e in back.ents] == [(e.text, e.label_) for e in doc.ents]
    assert [s.text for s in back.sents] == [s.text for s in doc.sents]
    assert [t.dep_ for t in back] == [t.dep_ for t in doc]
    assert doc.tensor.size > 0 and back.tensor.size == 0


def test_subset_reads_only_the_stored_keys_asked_for(nlp):
    with DocStore(nlp.vocab) as store:
        store.add("a1", nlp("One report."))
        store.add("a2", nlp("Another report."))
        assert set(store.subset(["a2", "missing"])) == {"a2"}


def test_a_released_doc_is_freed_without_the_cyclic_collector(nlp):
    doc = nlp(TEXT)
    doc_index(doc).sents  # noqa: B018 - built, not kept: the index holds the Doc and the Doc holds the index
    ref = weakref.ref(doc)
    release_index(doc)
    gc.disable()
    try:
        del doc
        assert ref() is None
    finally:
        gc.enable()


def test_the_local_runner_keeps_features_in_memory_and_docs_on_disk(nlp):
    article = Article(id="a1", source_path="a1.txt", raw_text=TEXT, clean_text=TEXT, title="Harbor strike")
    with LocalRunner(Settings(n_process=1), nlp, [], BuildStats()) as runner:
        (prepared,) = runner.reparse([article])
        assert "calder" in " ".join(prepared.features.terms).lower()
        assert runner.docs is not None and runner.docs.subset(["a1"])["a1"].text == TEXT
