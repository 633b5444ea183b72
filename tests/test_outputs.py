"""The outputs as one unit: a crash or a kill -9 at any moment leaves the old set or the new set.

The story pages are one output, a folder (report/): its files change with the rest, and a rerun
never leaves an older run's pages among its own."""

from __future__ import annotations

import os

import pytest

from storyline import files, store
from storyline.files import STATE_DIR, write_set
from storyline.model import Article, Dossier, Story
from storyline.report import write_outputs

NAMES = ["dossier.json", "dossier.md", "report.html", "storyline.sqlite"]
PAGES = "report"


def dossier(title: str) -> Dossier:
    text = f"{title} opened on Monday. The ferry company said the pier was safe.\n"
    art = Article(id=f"a-{title.lower()}", source_path=f"in/{title}.txt", raw_text=text, clean_text=text,
                  title=title, title_source="meta", outlet="Gull Bay Courier", outlet_source="meta",
                  sentences=[(0, text.index(".") + 1)])
    return Dossier(articles=[art], skipped=[], stories=[Story(id="s1", title=title, article_ids=[art.id])])


def snapshot(out) -> dict[str, bytes | None]:
    """Every output file's bytes, the files of the pages folder included."""
    shown = {n: (out / n).read_bytes() if (out / n).exists() else None for n in NAMES}
    pages = out / PAGES
    if pages.is_dir():
        shown |= {f"{PAGES}/{p.name}": p.read_bytes() for p in sorted(pages.glob("*.html"))}
    return shown


def leftovers(out) -> list[str]:
    """Everything in the folder beyond the outputs, the state folder's switch, lock and one run."""
    extra = sorted(p.name for p in out.iterdir() if p.name not in [*NAMES, PAGES] and p.name != STATE_DIR)
    state = out / STATE_DIR
    runs = [p.name for p in state.iterdir() if p.name not in ("current", "lock")]
    return extra + (runs if len(runs) != 1 else [])


def test_outputs_are_written_together_and_read_back(tmp_path):
    out = tmp_path / "out"
    paths = write_outputs(dossier("Pier"), out)
    assert sorted(p.name for p in paths.values()) == sorted([*NAMES, PAGES])
    assert [p.name for p in (out / PAGES).glob("*.html")] == ["s1.html"]
    assert "Pier" in (out / "dossier.md").read_text() and "Pier" in (out / "report.html").read_text()
    assert store.load(out / "storyline.sqlite").articles[0].title == "Pier"
    write_outputs(dossier("Ferry"), out)
    assert store.load(out / "storyline.sqlite").articles[0].title == "Ferry"
    assert "Ferry" in (out / "dossier.json").read_text() and "Pier" not in (out / "dossier.json").read_text()
    assert leftovers(out) == []


@pytest.mark.parametrize("failing", ["render_html", "store"])
def test_a_crash_between_outputs_leaves_the_old_set(tmp_path, monkeypatch, failing):
    out = tmp_path / "out"
    write_outputs(dossier("Pier"), out)
    before = snapshot(out)

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if failing == "store":  # the JSON, Markdown and HTML are already written when the store fails
        monkeypatch.setattr(store, "write", boom)
    else:
        import storyline.report as report
        monkeypatch.setattr(report, "render_html", boom)
    with pytest.raises(OSError):
        write_outputs(dossier("Ferry"), out)
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_crash_in_an_old_style_folder_leaves_its_plain_files(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    for name in NAMES:
        (out / name).write_text(f"old {name}")
    monkeypatch.setattr(store, "write", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        write_outputs(dossier("Ferry"), out)
    assert snapshot(out) == {n: f"old {n}".encode() for n in NAMES}


def _write(out, label: str) -> None:
    def pages(tmp: str) -> None:  # a folder output whose files differ from run to run
        os.mkdir(tmp)
        for n in (label, "index"):
            with open(os.path.join(tmp, f"{n}.html"), "w") as f:
                f.write(f"{label} page {n}")

    write_set(out, {n: (lambda tmp, n=n: open(tmp, "w").write(f"{label} {n}")) for n in NAMES} | {PAGES: pages})


def _consistent(out) -> str | None:
    """The label of the one run every output shows (None when there are none); fails on a mix."""
    seen = snapshot(out)
    labels = {v.decode().split()[0] if v is not None else None for v in seen.values()}
    assert len(labels) == 1, seen
    return labels.pop()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("layout", ["fresh", "plain files", "linked"])
def test_kill_9_at_any_step_leaves_one_whole_set(tmp_path, layout):
    """A child process writes set B over set A and is killed (os._exit, no clean-up of any kind)
    just before its k-th file-system step, for every k until it gets through: after each kill the
    folder shows all of A or all of B, and the next run clears the leftovers and writes its set."""
    steps = ("replace", "rename", "symlink", "link", "open", "mkdir", "unlink", "rmdir")
    results = set()
    for k in range(200):
        out = tmp_path / f"k{k}"
        out.mkdir()
        if layout == "plain files":
            for name in NAMES:
                (out / name).write_text(f"A {name}")
        elif layout == "linked":
            _write(out, "A")
        pid = os.fork()
        if pid == 0:  # the child: count every step, die at the k-th
            def dying(real, count=[0], k=k):  # noqa: B006 - one counter across all steps
                def step(*args, **kwargs):
                    count[0] += 1
                    if count[0] > k:
                        os._exit(9)
                    return real(*args, **kwargs)
                return step

            for name in steps:
                setattr(os, name, dying(getattr(os, name)))
            try:
                _write(out, "B")
            except BaseException:
                os._exit(2)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        assert code in (0, 9), code
        shown = _consistent(out)
        results.add(shown)
        assert shown == ("B" if code == 0 else shown)
        _write(out, "C")
        assert _consistent(out) == "C"
        assert leftovers(out) == []
        if code == 0:
            break
    else:
        pytest.fail("the child never finished")
    assert "B" in results and ({"A"} if layout != "fresh" else {None}) <= results


def stories_dossier(titles: list[str]) -> Dossier:
    """One article and one story per title (ids from the title), enough to get story pages."""
    arts, stories = [], []
    for title in titles:
        text = f"{title} opened on Monday.\n"
        art = Article(id=f"a-{title.lower()}", source_path=f"in/{title}.txt", raw_text=text, clean_text=text,
                      title=title, title_source="meta", outlet="Gull Bay Courier", outlet_source="meta",
                      sentences=[(0, len(text) - 1)])
        arts.append(art)
        stories.append(Story(id=f"s-{title.lower()}", title=title, article_ids=[art.id]))
    return Dossier(articles=arts, skipped=[], stories=stories)


def test_a_rerun_leaves_no_story_page_of_an_older_build(tmp_path):
    out = tmp_path / "out"
    write_outputs(stories_dossier(["Pier", "Ferry", "Quay"]), out)
    assert sorted(p.name for p in (out / PAGES).glob("*.html")) == ["s-ferry.html", "s-pier.html", "s-quay.html"]
    assert 'href="report/s-quay.html"' in (out / "report.html").read_text()
    write_outputs(stories_dossier(["Dock", "Ferry"]), out)
    assert sorted(p.name for p in (out / PAGES).glob("*.html")) == ["s-dock.html", "s-ferry.html"]
    index = (out / "report.html").read_text()
    assert 'href="report/s-dock.html"' in index and "s-quay" not in index
    assert leftovers(out) == []


def test_story_pages_are_replaced_in_place_without_symlinks(tmp_path, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setattr(files, "_publish", lambda *a: (_ for _ in ()).throw(files._NoSymlinks("no links here")))
    write_outputs(stories_dossier(["Pier", "Ferry"]), out)
    write_outputs(stories_dossier(["Dock", "Ferry"]), out)
    assert sorted(p.name for p in (out / PAGES).glob("*.html")) == ["s-dock.html", "s-ferry.html"]
    assert not (out / PAGES).is_symlink()


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path):
    out = tmp_path / "out"
    write_outputs(dossier("Pier"), out)
    stale = [out / ".storyline.sqlite.k3j9x0.tmp", out / ".storyline.sqlite.k3j9x0.tmp-journal",
             out / ".dossier.json.ab12.tmp", out / STATE_DIR / "run-q1w2e3.tmp", out / STATE_DIR / "run-old"]
    for path in stale[:3]:
        path.write_text("half written")
    for path in stale[3:]:
        path.mkdir()
        (path / "storyline.sqlite").write_text("half written")
    mine = [out / "notes.txt", out / ".my-settings.toml"]
    for path in mine:
        path.write_text("the journalist's own")
    write_outputs(dossier("Ferry"), out)
    assert not any(p.exists() for p in stale)
    assert all(p.read_text() == "the journalist's own" for p in mine)
    assert files.remove_stale(out, NAMES) == []
