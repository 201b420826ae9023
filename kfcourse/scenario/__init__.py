"""Scenarios: the role-play domain (model, loading, lint, engine). Pure Python, no widgets.

``load_file`` reads a YAML scenario into the typed model (or diagnostics), ``lint_file`` adds
the linter's findings, ``Session`` plays it, ``compile_scenario`` gives the JSON-ready form the
JavaScript player reads, and ``make_vectors`` the test vectors that keep the two engines in step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kfcourse.lazy import lazy_names

# Each name and the module that holds it; a module is imported when one of its names is first
# used (PEP 562), so importing one module of the package (as the command line does) stays light.
_WHERE = {
    "compile_scenario": "kfcourse.scenario.compiled",
    "Diagnostic": "kfcourse.scenario.diagnostics",
    "Session": "kfcourse.scenario.engine",
    "SessionError": "kfcourse.scenario.engine",
    "resolve": "kfcourse.scenario.library",
    "shipped_paths": "kfcourse.scenario.library",
    "RULES": "kfcourse.scenario.lint",
    "CheckedFile": "kfcourse.scenario.lint",
    "check_file": "kfcourse.scenario.lint",
    "lint_file": "kfcourse.scenario.lint",
    "lint_scenario": "kfcourse.scenario.lint",
    "lint_text": "kfcourse.scenario.lint",
    "LoadResult": "kfcourse.scenario.loader",
    "load_file": "kfcourse.scenario.loader",
    "load_text": "kfcourse.scenario.loader",
    "Scenario": "kfcourse.scenario.model",
    "make_vectors": "kfcourse.scenario.vectors",
    "random_session": "kfcourse.scenario.vectors",
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


__getattr__ = lazy_names(__name__, _WHERE)
