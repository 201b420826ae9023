"""The shipped JSON Schema agrees with the loader; the compiled form and test vectors hold up."""

from __future__ import annotations

import json

import jsonschema
import yaml
from hypothesis import HealthCheck, given, settings

from kfcourse.scenario import compile_scenario, load_text, make_vectors, shipped_paths
from kfcourse.scenario.schema_check import load_schema
from kfcourse.scenario.vectors import replay_vector
from tests.conftest import examples

from .conftest import FIXTURES, load_ok
from .test_fuzz import mutated

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
VALIDATOR = jsonschema.Draft202012Validator(load_schema())
# Checks the loader makes that JSON Schema cannot express (duplicate YAML keys; ranges, bands
# and choice ids that must agree with each other; YAML merge keys).
LOADER_ONLY = (
    "is given twice",
    "must be greater than min",
    "bands must rise",
    "two choices have the id",
    "merge keys",
)


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema())


def test_shipped_scenarios_match_the_schema() -> None:
    for path in [*shipped_paths(), FIXTURES / "valid-minimal.yaml"]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))  # the pure-Python parser too
        errors = [e.message for e in VALIDATOR.iter_errors(data)]
        assert errors == [], (path, errors)


# Mutating a whole scenario file is slow to generate on a loaded machine; nothing else is excused.
@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_loader_and_schema_agree(text: str) -> None:
    try:
        data = yaml.load(text, Loader=LOADER)  # the loader's own YAML parser
    except yaml.YAMLError:
        assert load_text(text).scenario is None
        return
    except (RecursionError, ValueError, TypeError):  # e.g. recursive aliases in PyYAML itself
        return
    schema_ok = VALIDATOR.is_valid(data)
    result = load_text(text)
    loader_ok = not any(d.code.startswith("SC00") for d in result.diagnostics)
    if loader_ok:
        assert schema_ok, [e.message for e in VALIDATOR.iter_errors(data)]
    elif schema_ok:
        assert any(any(m in d.message for m in LOADER_ONLY) for d in result.diagnostics), [
            d.format() for d in result.diagnostics
        ]


def test_compiled_is_plain_json_and_complete() -> None:
    for path in shipped_paths():
        s = load_ok(path)
        compiled = compile_scenario(s)
        assert json.loads(json.dumps(compiled)) == compiled
        targets = set(compiled["points"]) | set(compiled["endings"])
        for point in compiled["points"].values():
            assert set(point["prompt"]) == {"doctor", "patient"}
            for choice in point["choices"]:
                assert choice["next"] and all(b["to"] in targets for b in choice["next"])
                assert choice["theory"]


def test_vectors_replay_identically() -> None:
    for path in shipped_paths():
        s = load_ok(path)
        vectors = make_vectors(s, per_mode=5, seed=7)
        assert len(vectors) == 15 and all(v["ending"] for v in vectors)
        assert vectors == make_vectors(s, per_mode=5, seed=7)  # deterministic
        for v in vectors:
            assert replay_vector(s, json.loads(json.dumps(v))) == v


def test_vectors_file_for_other_engines(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kfcourse.scenario.export_vectors import write_all

    out = tmp_path / "vectors.json"
    count = write_all(str(out), per_mode=2)
    data = json.loads(out.read_text(encoding="utf-8"))
    from kfcourse.scenario.library import shipped_ids

    assert set(data["scenarios"]) == set(shipped_ids())
    assert count == len(data["vectors"]) == 2 * 3 * len(shipped_ids())
