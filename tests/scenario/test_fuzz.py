"""Fuzzing the loader and linter with random and mutated files: always diagnostics, never a
traceback, and every diagnostic points inside the file."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfcourse.scenario import lint_text, load_text, random_session, shipped_paths
from kfcourse.scenario.bib import find_bib
from kfcourse.scenario.engine import MODES, SessionError
from kfcourse.scenario.lint import RULES
from tests.conftest import examples

from .conftest import FIXTURES

SOURCES = [p.read_text(encoding="utf-8") for p in shipped_paths()]
SOURCES.append((FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8"))
BIB = find_bib()
FUZZ = settings(
    max_examples=examples(150),
    deadline=None,  # the machines running the tests are shared: time varies, results do not
    # A mutated scenario takes many draws to generate, so generation may be slow on a busy
    # machine without anything being wrong; every other health check stays on.
    suppress_health_check=[HealthCheck.too_slow],
)
TOKENS = [
    "",
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "&a",
    "*a",
    "!!python/object:os.system",
    "\t",
    "'",
    '"',
    "#",
    "|",
    ">",
    "---",
    "...",
    "<<: *a",
    "null",
    "~",
    "yes",
    "1.5",
    "-999",
    "\x00",
    "\ufeff",
    "é",
    "🙂",
    "%YAML 1.1",
    "? ",
    "@",
    "`",
]


def check(text: str) -> None:
    found = lint_text(text, "fuzz.yaml", BIB)
    lines = text.count("\n") + 2
    for d in found:
        assert d.code in RULES and d.code != "SC000", d.format()
        assert d.severity in ("error", "warning")
        assert 1 <= d.line <= lines and d.column >= 1, d.format()
        assert d.message and "Traceback" not in d.message
    result = load_text(text, "fuzz.yaml")
    assert (result.scenario is None) == bool(result.diagnostics)


@FUZZ
@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    check(text)


@FUZZ
@given(
    st.lists(st.sampled_from([*TOKENS, "id", "points", "roles", "x", "\n", " ", "  "]), max_size=80)
)
def test_random_yaml_like_tokens(tokens: list[str]) -> None:
    check("".join(tokens))


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(SOURCES)).splitlines(keepends=True)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        if not lines:
            break
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        kind = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "insert", "replace", "truncate", "indent", "dedent"]
            )
        )
        line = lines[i]
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "swap":
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[i], lines[j] = lines[j], line
        elif kind == "insert":
            at = draw(st.integers(min_value=0, max_value=len(line)))
            lines[i] = line[:at] + draw(st.sampled_from(TOKENS)) + line[at:]
        elif kind == "replace":
            token = draw(st.sampled_from(TOKENS))
            lines[i] = line.replace(
                draw(st.sampled_from(["a", "e", ":", "-", "1", "2", " "])), token, 1
            )
        elif kind == "truncate":
            lines[i] = line[: draw(st.integers(min_value=0, max_value=len(line)))]
        elif kind == "indent":
            lines[i] = "  " + line
        else:
            lines[i] = line.lstrip()
    return "".join(lines)


@FUZZ
@given(mutated(), st.integers(min_value=0, max_value=2**16))
def test_mutated_scenarios(text: str, seed: int) -> None:
    check(text)
    scenario = load_text(text, "fuzz.yaml").scenario
    if scenario is None:
        return
    clean = not any(d.severity == "error" for d in lint_text(text, "fuzz.yaml", BIB))
    for mode in MODES:  # the engine only ever refuses with a plain SessionError
        try:
            session = random_session(scenario, mode, random.Random(seed), max_moves=2_000)
        except SessionError:
            assert not clean, "a scenario without lint errors must play"
            continue
        if clean:
            assert session.ended


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_through_a_file(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    from kfcourse.scenario import lint_file

    path = tmp_path_factory.mktemp("fuzz") / "bytes.yaml"
    path.write_bytes(data)
    for d in lint_file(path, BIB):
        assert d.code in RULES and d.code != "SC000", d.format()
