"""Scenarios: the role-play domain (model, loading, lint, engine). Pure Python, no widgets.

``load_file`` reads a YAML scenario into the typed model (or diagnostics), ``lint_file`` adds
the linter's findings, ``Session`` plays it, ``compile_scenario`` gives the JSON-ready form the
JavaScript player reads, and ``make_vectors`` the test vectors that keep the two engines in step.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Each name and the module that holds it; a module is imported when one of its names is first
# used (PEP 562), so `kfcourse.scenario.engine` alone, as the command line needs it, stays light.
_WHERE = {
    "compile_scenario": "compiled",
    "Diagnostic": "diagnostics",
    "Session": "engine",
    "SessionError": "engine",
    "resolve": "library",
    "shipped_paths": "library",
    "RULES": "lint",
    "CheckedFile": "lint",
    "check_file": "lint",
    "lint_file": "lint",
    "lint_scenario": "lint",
    "lint_text": "lint",
    "LoadResult": "loader",
    "load_file": "loader",
    "load_text": "loader",
    "Scenario": "model",
    "make_vectors": "vectors",
    "random_session": "vectors",
}
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

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
