"""Profile one `storyline build` in this process: where the time goes, stage by stage and function by function.

Runs the local engine under cProfile over the given inputs, prints the build's phase timings
(read, clean+parse, cluster, analyse), the seconds each story stage took in total (and how far
it raised the process's peak memory), and the functions with the most own time and the most
cumulative time. The raw profile is written too,
for pstats or snakeviz. With ``--no-profile`` only the timings are taken (cProfile slows
Python-heavy stages more than the parse, so compare like with like).

    python benchmarks/profile_build.py ../shared/eval/ecbplus-dev --top 25 --out /tmp/ecbplus.prof
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import time
from collections import defaultdict
from pathlib import Path

from storyline.engines import BuildStats, build
from storyline.pipeline import StoryStage, default_stages
from storyline.settings import Settings

DEFAULT_TOP = 25


def peak_mb() -> float:
    """The process's peak resident memory so far (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_stages(seconds: dict[str, float], raised_mb: dict[str, float]) -> list[StoryStage]:
    """The default story stages, each adding its wall time to ``seconds`` and how far it raised the
    peak memory to ``raised_mb``, under its module's name."""
    names = ["entities", "quotes", "timeline", "claims", "provenance", "summarize"]

    def wrap(name: str, stage: StoryStage) -> StoryStage:
        def run(story, articles, docs) -> None:  # noqa: ANN001 - the StoryStage signature
            t0, m0 = time.perf_counter(), peak_mb()
            stage(story, articles, docs)
            seconds[name] += time.perf_counter() - t0
            raised_mb[name] += peak_mb() - m0
        return run

    return [wrap(n, s) for n, s in zip(names, default_stages(), strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=DEFAULT_TOP, help="functions to list per ordering")
    parser.add_argument("--out", type=Path, default=Path("build.prof"), help="where to write the raw profile")
    parser.add_argument("--no-profile", action="store_true", help="time phases and stages only")
    args = parser.parse_args()

    stats = BuildStats()
    stage_seconds: dict[str, float] = defaultdict(float)
    stage_mb: dict[str, float] = defaultdict(float)
    profiler = None if args.no_profile else cProfile.Profile()
    t0 = time.perf_counter()
    if profiler:
        profiler.enable()
    dossier = build(args.inputs, Settings(), stats=stats, story_stages=timed_stages(stage_seconds, stage_mb))
    wall = time.perf_counter() - t0

    how = "without profiling" if profiler is None else "under the profiler"
    print(f"{len(dossier.articles)} articles, {len(dossier.stories)} stories, {wall:.1f} s {how}")
    print("phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in stats.seconds.items()))
    print("stages: " + ", ".join(f"{k} {v:.1f} s (+{stage_mb[k]:.0f} MB peak)" for k, v in stage_seconds.items()))
    print(f"peak memory {peak_mb():.0f} MB")
    if profiler is None:
        return
    profiler.disable()
    profiler.dump_stats(args.out)
    ps = pstats.Stats(str(args.out))
    ps.sort_stats("tottime").print_stats(args.top)
    ps.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
