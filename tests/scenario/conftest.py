"""Helpers for the scenario tests: the fixture files and the shipped scenarios."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kfcourse.scenario import load_file, shipped_paths
from kfcourse.scenario.model import Scenario

FIXTURES = Path(__file__).parent / "fixtures"
MARK = re.compile(r"# <- (SC\d{3})")


def marked(path: Path) -> list[tuple[int, str]]:
    """(line, code) pairs from the `# <- CODE` markers in a fixture."""
    return [
        (n, m.group(1))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if (m := MARK.search(line))
    ]


def load_ok(path: Path) -> Scenario:
    result = load_file(path)
    assert result.scenario is not None, [d.format() for d in result.diagnostics]
    return result.scenario


@pytest.fixture(scope="session")
def shipped() -> list[Scenario]:
    return [load_ok(p) for p in shipped_paths()]


@pytest.fixture(scope="session")
def minimal() -> Scenario:
    return load_ok(FIXTURES / "valid-minimal.yaml")
