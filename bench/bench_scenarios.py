"""Benchmark of the scenario core: lint 100 generated scenarios of 200 decision points each, and
play 10,000 random complete sessions. Prints times and the ratio of lint time to a plain
``yaml.safe_load`` of the same files (target: at most 3), both with libyaml when available.

Run: .venv/bin/python bench/bench_scenarios.py [--files 100] [--points 200] [--sessions 10000]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's tests/

from kfcourse.scenario import lint_file, load_file, random_session, shipped_paths
from kfcourse.scenario.bib import find_bib
from kfcourse.scenario.engine import MODES
from tests.scenario.synthetic import generate

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TARGET_RATIO = 3.0


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    bib = find_bib()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(args.files):
            path = Path(tmp) / f"gen-{i}.yaml"
            path.write_text(generate(args.points, seed=i, scenario_id=f"gen-{i}"), "utf-8")
            paths.append(path)
        size = sum(p.stat().st_size for p in paths)

        def plain() -> None:
            for p in paths:
                yaml.load(p.read_text(encoding="utf-8"), Loader=LOADER)

        errors = 0

        def lint() -> None:
            nonlocal errors
            errors = sum(d.severity == "error" for p in paths for d in lint_file(p, bib))

        t_yaml = best_of(args.runs, plain)
        t_lint = best_of(args.runs, lint)
    ratio = t_lint / t_yaml
    print(f"YAML parser: {LOADER.__name__}")
    print(
        f"lint: {args.files} files x {args.points} points ({size / 1e6:.1f} MB), "
        f"{errors} errors found"
    )
    print(f"  yaml.safe_load (baseline): {t_yaml:.3f} s")
    print(f"  kfcourse lint:             {t_lint:.3f} s")
    print(
        f"  ratio lint / safe_load:    {ratio:.2f} (target <= {TARGET_RATIO:.0f}) "
        + ("OK" if ratio <= TARGET_RATIO else "OVER TARGET")
    )

    scenarios = [r.scenario for r in map(load_file, shipped_paths()) if r.scenario]
    rng = random.Random(2026)
    ended = steps = 0
    start = time.perf_counter()
    for n in range(args.sessions):
        session = random_session(scenarios[n % len(scenarios)], MODES[n % 3], rng)
        ended += session.ended
        steps += len(session.trace)
    t_play = time.perf_counter() - start
    print(
        f"play: {args.sessions} random complete sessions of the {len(scenarios)} shipped "
        f"scenarios (all modes): {t_play:.3f} s, {ended} ended, {steps} steps, "
        f"{1e6 * t_play / max(steps, 1):.1f} us/step"
    )
    return 0 if ratio <= TARGET_RATIO and ended == args.sessions else 1


if __name__ == "__main__":
    raise SystemExit(main())
