"""The scenarios shipped with the course (``kfcourse/data/scenarios``), found by id or path."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kfcourse.scenario.loader import LoadResult

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "data" / "scenarios"


def shipped_paths() -> list[Path]:
    """Every shipped scenario file, sorted by name."""
    return sorted(SCENARIO_DIR.glob("*.yaml"))


def shipped_ids() -> list[str]:
    return [p.stem for p in shipped_paths()]


def resolve(name: str) -> Path | None:
    """A shipped id (file stem) or a path to a file; None when neither exists."""
    candidate = SCENARIO_DIR / f"{name}.yaml"
    if "/" not in name and "\\" not in name and candidate.is_file():
        return candidate
    path = Path(name)
    return path if path.is_file() else None


def load_shipped(scenario_id: str) -> LoadResult:
    from kfcourse.scenario.loader import load_file  # here: listing ids needs no YAML parser

    path = resolve(scenario_id)
    if path is None:
        raise FileNotFoundError(
            f"no shipped scenario called {scenario_id!r}; shipped: " + ", ".join(shipped_ids())
        )
    return load_file(path)
