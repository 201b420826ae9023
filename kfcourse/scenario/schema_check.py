"""Check a composed YAML node tree against the shipped JSON Schema, keeping line and column.

The checker understands the subset of JSON Schema the scenario schema uses (type, properties,
required, additionalProperties, propertyNames, items, minItems, enum, pattern, minLength,
minimum, maximum, oneOf by type, $ref), so the schema is the single source of truth for both
editors and the loader. It returns plain values in :class:`LocDict`/:class:`LocList` and
reports problems as diagnostics; it never raises on bad input.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from importlib import resources
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kfcourse.scenario.diagnostics import ERROR, Diagnostic
from kfcourse.scenario.located import LocDict, LocList

INVALID = object()  # a value that failed its check (a diagnostic has been recorded)
MAX_NODES = 1_000_000  # guards against alias bombs ("billion laughs")

CODE_TYPE, CODE_UNKNOWN, CODE_MISSING, CODE_VALUE, CODE_DUPLICATE = (
    "SC002",
    "SC003",
    "SC004",
    "SC005",
    "SC006",
)

_T = "tag:yaml.org,2002:"
_FOUND = {
    _T + "str": "text",
    _T + "int": "a whole number",
    _T + "float": "a decimal number",
    _T + "bool": "true/false",
    _T + "null": "an empty value",
    _T + "timestamp": "a date",
    _T + "binary": "binary data",
}
_EXPECTED = {
    "object": "a mapping (key: value lines)",
    "array": "a list (lines starting with '- ')",
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
}


@cache
def load_schema() -> dict[str, Any]:
    """The scenario JSON Schema shipped in the package."""
    text = resources.files("kfcourse.scenario").joinpath("schema/scenario.schema.json")
    return json.loads(text.read_text(encoding="utf-8"))


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def node_loc(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


def _found(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return _FOUND.get(node.tag, f"a value tagged {node.tag}")


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "object"
    if isinstance(node, SequenceNode):
        return "array"
    tag = node.tag
    if tag == _T + "str":
        return "string"
    if tag == _T + "int":
        return "integer"
    if tag == _T + "bool":
        return "boolean"
    return "other"


_constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)  # only its scalar constructors are used


def _label(path: tuple[str, ...]) -> str:
    return " > ".join(path) if path else "the top level"


class SchemaChecker:
    """Walks nodes and schema together; collects diagnostics for one file."""

    def __init__(self, path: str, schema: dict[str, Any] | None = None) -> None:
        self.path = path
        self.schema = schema or load_schema()
        self.defs = self.schema.get("$defs", {})
        self.diagnostics: list[Diagnostic] = []
        self.nodes = 0
        self._stack: set[int] = set()

    def report(self, loc: tuple[int, int], code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, loc[0], loc[1], ERROR, code, message))

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.defs[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def check(self, node: Node, schema: dict[str, Any], path: tuple[str, ...] = ()) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            if self.nodes == MAX_NODES + 1:
                self.report(
                    node_loc(node),
                    CODE_VALUE,
                    "the file is too large, or its aliases "
                    "(*names) expand too far; write the content out plainly",
                )
            return INVALID
        schema = self.resolve(schema)
        if "oneOf" in schema:
            kind = _kind(node)
            for option in schema["oneOf"]:
                option = self.resolve(option)
                if option.get("type") == kind:
                    return self.check(node, option, path)
            wanted = " or ".join(_EXPECTED[self.resolve(o)["type"]] for o in schema["oneOf"])
            self.report(
                node_loc(node),
                CODE_TYPE,
                f"{_label(path)}: expected {wanted}, found {_found(node)}",
            )
            return INVALID
        want = schema.get("type")
        kind = _kind(node)
        if want is not None and want != kind:
            hint = ""
            if (
                want == "string"
                and kind in ("boolean", "other", "integer")
                and isinstance(node, ScalarNode)
            ):
                hint = " (put the text in quotes)"
            self.report(
                node_loc(node),
                CODE_TYPE,
                f"{_label(path)}: expected {_EXPECTED[want]}, found {_found(node)}{hint}",
            )
            return INVALID
        if kind == "object":
            return self._object(node, schema, path)  # type: ignore[arg-type]
        if kind == "array":
            return self._array(node, schema, path)  # type: ignore[arg-type]
        return self._scalar(node, schema, path)  # type: ignore[arg-type]

    def _object(self, node: MappingNode, schema: dict[str, Any], path: tuple[str, ...]) -> Any:
        key = id(node)
        if key in self._stack:
            self.report(
                node_loc(node),
                CODE_VALUE,
                f"{_label(path)}: an alias refers to a "
                "mapping that contains it; write the content out plainly",
            )
            return INVALID
        self._stack.add(key)
        try:
            return self._object_items(node, schema, path)
        finally:
            self._stack.discard(key)

    def _object_items(
        self, node: MappingNode, schema: dict[str, Any], path: tuple[str, ...]
    ) -> Any:
        out = LocDict(node_loc(node))
        props: dict[str, Any] = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        names = schema.get("propertyNames")
        ok = True
        for knode, vnode in node.value:
            kloc = node_loc(knode)
            if knode.tag == _T + "merge":
                self.report(
                    kloc,
                    CODE_VALUE,
                    f"{_label(path)}: merge keys (<<) are not supported; write the keys out",
                )
                ok = False
                continue
            if not isinstance(knode, ScalarNode) or knode.tag not in (_T + "str", _T + "int"):
                self.report(
                    kloc, CODE_TYPE, f"{_label(path)}: a key must be a name, found {_found(knode)}"
                )
                ok = False
                continue
            name = str(knode.value)
            if name in out.key_locs:
                first = out.key_locs[name]
                self.report(
                    kloc,
                    CODE_DUPLICATE,
                    f"{_label(path)}: '{name}' is given twice "
                    f"(first at line {first[0]}); only one is allowed",
                )
                ok = False
                continue
            out.key_locs[name] = kloc
            out.value_locs[name] = node_loc(vnode)
            if name in props:
                sub = props[name]
            elif isinstance(extra, dict):
                if names and not _pattern(names["pattern"]).search(name):
                    what = schema.get("x-key", "name")
                    self.report(
                        kloc,
                        CODE_VALUE,
                        f"{_label(path)}: '{name}' is not a valid "
                        f"{what} (use letters, digits, '_' or '-', starting with a letter)",
                    )
                    ok = False
                    continue
                sub = extra
            else:
                guess = difflib.get_close_matches(name, list(props), n=1, cutoff=0.6)
                tip = (
                    f"; did you mean '{guess[0]}'?"
                    if guess
                    else ("; allowed: " + ", ".join(props) if len(props) <= 12 else "")
                )
                self.report(kloc, CODE_UNKNOWN, f"{_label(path)}: unknown key '{name}'{tip}")
                ok = False
                continue
            value = self.check(vnode, sub, (*path, name))
            if value is INVALID:
                ok = False
            else:
                out[name] = value
        for name in schema.get("required", ()):
            if name not in out.key_locs:
                self.report(out.loc, CODE_MISSING, f"{_label(path)}: missing required key '{name}'")
                ok = False
        return out if ok else INVALID

    def _array(self, node: SequenceNode, schema: dict[str, Any], path: tuple[str, ...]) -> Any:
        out = LocList(node_loc(node))
        items = schema.get("items", {})
        ok = True
        for i, item in enumerate(node.value):
            value = self.check(item, items, (*path, f"item {i + 1}"))
            if value is INVALID:
                ok = False
            else:
                out.append(value)
                out.item_locs.append(node_loc(item))
        minimum = schema.get("minItems")
        if minimum and len(node.value) < minimum:
            self.report(out.loc, CODE_VALUE, f"{_label(path)}: needs at least {minimum} item(s)")
            ok = False
        return out if ok else INVALID

    def _scalar(self, node: ScalarNode, schema: dict[str, Any], path: tuple[str, ...]) -> Any:
        kind = _kind(node)
        loc = node_loc(node)
        value: Any
        try:
            if kind == "integer":
                value = _constructor.construct_yaml_int(node)
            elif kind == "boolean":
                value = _constructor.construct_yaml_bool(node)
            else:
                value = node.value
        except Exception:  # malformed scalar: report, never raise
            self.report(loc, CODE_TYPE, f"{_label(path)}: cannot read {node.value!r}")
            return INVALID
        enum = schema.get("enum")
        if enum is not None and value not in enum:
            self.report(
                loc,
                CODE_VALUE,
                f"{_label(path)}: {value!r} is not one of " + ", ".join(repr(e) for e in enum),
            )
            return INVALID
        if kind == "string":
            if len(value) < schema.get("minLength", 0) or (
                schema.get("minLength") and not value.strip()
            ):
                self.report(loc, CODE_VALUE, f"{_label(path)}: must not be empty")
                return INVALID
            pattern = schema.get("pattern")
            if pattern and not _pattern(pattern).search(value):
                hint = schema.get("x-hint", f"text matching {pattern}")
                self.report(
                    loc, CODE_VALUE, f"{_label(path)}: {value!r} is not valid; expected {hint}"
                )
                return INVALID
        elif kind == "integer":
            lo, hi = schema.get("minimum"), schema.get("maximum")
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                bounds = (
                    f"from {lo} to {hi}"
                    if lo is not None and hi is not None
                    else (f"at least {lo}" if lo is not None else f"at most {hi}")
                )
                self.report(
                    loc,
                    CODE_VALUE,
                    f"{_label(path)}: {value} is out of bounds; use a whole number {bounds}",
                )
                return INVALID
        return value
