"""Scenarios: the role-play domain (model, loading, lint, engine). Pure Python, no widgets.

``load_file`` reads a YAML scenario into the typed model (or diagnostics), ``lint_file`` adds
the linter's findings, ``Session`` plays it, ``compile_scenario`` gives the JSON-ready form the
JavaScript player reads, and ``make_vectors`` the test vectors that keep the two engines in step.
"""

from __future__ import annotations

from kfcourse.scenario.compiled import compile_scenario
from kfcourse.scenario.diagnostics import Diagnostic
from kfcourse.scenario.engine import Session, SessionError
from kfcourse.scenario.library import resolve, shipped_paths
from kfcourse.scenario.lint import (
    RULES,
    CheckedFile,
    check_file,
    lint_file,
    lint_scenario,
    lint_text,
)
from kfcourse.scenario.loader import LoadResult, load_file, load_text
from kfcourse.scenario.model import Scenario
from kfcourse.scenario.vectors import make_vectors, random_session

__all__ = [
    "RULES",
    "CheckedFile",
    "Diagnostic",
    "LoadResult",
    "Scenario",
    "Session",
    "SessionError",
    "check_file",
    "compile_scenario",
    "lint_file",
    "lint_scenario",
    "lint_text",
    "load_file",
    "load_text",
    "make_vectors",
    "random_session",
    "resolve",
    "shipped_paths",
]
