"""A fast check of a class export against its schema (class-export-v1.schema.json), in plain
Python.

The JSON Schema validator takes about 25 times as long as parsing the file, which dominates a
report over thousands of exports. This walks the same rules directly and words its first
finding as the validator does ("entries[3].trace: 5 is not of type 'array'"). It is tested to
agree with the schema on real and mutated exports (tests/instructors/test_export_shape.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from kfcourse.journal.reading import MAX_DEPTH, too_deep
from kfcourse.journal.schema import CLASS_FORMAT, schema

Check = Callable[[Any, str], Iterator[str]]


@cache
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(schema("journal")["$defs"][name]["pattern"])


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    return _is_number(value) and float(value).is_integer()


_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "number": _is_number,
    "integer": _is_integer,
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _type_error(value: Any, where: str, *types: str) -> str | None:
    if any(_TYPES[t](value) for t in types):
        return None
    wanted = repr(types[0]) if len(types) == 1 else repr(list(types))
    return f"{where}: {value!r:.100} is not of type {wanted}"


def _string(value: Any, where: str, low: int = 0, high: int | None = None) -> Iterator[str]:
    if (problem := _type_error(value, where, "string")) is not None:
        yield problem
    elif len(value) < low:
        yield f"{where}: {value!r:.100} should be non-empty"
    elif high is not None and len(value) > high:
        yield f"{where}: {value!r:.100} is too long"


def _name(value: Any, where: str) -> Iterator[str]:
    yield from _string(value, where, 1, 200)


def _matches(value: Any, where: str, pattern: str) -> Iterator[str]:
    if (problem := _type_error(value, where, "string")) is not None:
        yield problem
    elif not _pattern(pattern).search(value):
        yield f"{where}: {value!r:.100} does not match {_pattern(pattern).pattern!r}"


def _measures(value: Any, where: str) -> Iterator[str]:
    if (problem := _type_error(value, where, "object")) is not None:
        yield problem
        return
    for key, number in value.items():
        if not 1 <= len(key) <= 200:
            yield f"{where}: {key!r:.100} is not a valid measure name"
        elif not _is_number(number):
            yield f"{where}.{key}: {number!r:.100} is not of type 'number'"


def _optional(entry: dict[str, Any], where: str, key: str, check: Check) -> Iterator[str]:
    if key in entry:
        yield from check(entry[key], f"{where}.{key}")


def _step(step: Any, where: str) -> Iterator[str]:
    if (problem := _type_error(step, where, "object")) is not None:
        yield problem
        return
    for key in ("point", "choice"):
        if key not in step:
            yield f"{where}: {key!r} is a required property"
    yield from _optional(step, where, "point", _name)
    if "choice" in step and step["choice"] is not None:
        yield from _string(step["choice"], f"{where}.choice", 0, 200)
    yield from _optional(step, where, "actor", _name)
    if "kind" in step and step["kind"] not in ("choice", "impasse"):
        yield f"{where}.kind: {step['kind']!r:.100} is not one of ['choice', 'impasse']"
    if "picks" in step:
        picks = step["picks"]
        if (problem := _type_error(picks, f"{where}.picks", "object")) is not None:
            yield problem
        else:
            for role, pick in picks.items():
                yield from _string(pick, f"{where}.picks.{role}", 0, 200)
    if "ruled" in step:
        ruled = step["ruled"]
        if (problem := _type_error(ruled, f"{where}.ruled", "array")) is not None:
            yield problem
        else:
            for number, role in enumerate(ruled):
                yield from _string(role, f"{where}.ruled[{number}]", 0, 200)
    yield from _optional(step, where, "measures", _measures)


def _array(value: Any, where: str, item: Check) -> Iterator[str]:
    if (problem := _type_error(value, where, "array")) is not None:
        yield problem
        return
    for number, element in enumerate(value):
        yield from item(element, f"{where}[{number}]")


def _rating(value: Any, where: str) -> Iterator[str]:
    if (problem := _type_error(value, where, "object")) is not None:
        yield problem
        return
    if "item" not in value:
        yield f"{where}: 'item' is a required property"
    yield from _optional(value, where, "item", _name)
    if "value" in value and (p := _type_error(value["value"], f"{where}.value", "number", "null")):
        yield p


def _entry(entry: Any, where: str) -> Iterator[str]:
    if (problem := _type_error(entry, where, "object")) is not None:
        yield problem
        return
    for key in ("id", "kind", "created"):
        if key not in entry:
            yield f"{where}: {key!r} is a required property"
    for key in ("id", "related_entry"):
        yield from _optional(entry, where, key, lambda v, w: _matches(v, w, "uuid"))
    if "kind" in entry and entry["kind"] not in ("roleplay", "reflection", "self_rating",
                                                 "exercise_answer"):  # fmt: skip
        yield f"{where}.kind: {entry['kind']!r:.100} is not one of the kinds of entry"
    yield from _optional(entry, where, "created", lambda v, w: _matches(v, w, "timestamp"))
    yield from _optional(entry, where, "course_version", lambda v, w: _string(v, w, 0, 64))
    for key in ("scenario_id", "side", "relation", "instrument"):
        yield from _optional(entry, where, key, _name)
    for key in ("moment", "model"):
        yield from _optional(entry, where, key, lambda v, w: _string(v, w, 0, 200))
    if "ending" in entry and entry["ending"] is not None:
        yield from _string(entry["ending"], f"{where}.ending", 0, 200)
    if "completed" in entry and (p := _type_error(entry["completed"], f"{where}.completed",
                                                  "boolean")):  # fmt: skip
        yield p
    for key in ("measures_start", "measures_end"):
        yield from _optional(entry, where, key, _measures)
    yield from _optional(entry, where, "trace", lambda v, w: _array(v, w, _step))
    if "scale" in entry:
        scale = entry["scale"]
        if (problem := _type_error(scale, f"{where}.scale", "object")) is not None:
            yield problem
        else:
            for end in ("min", "max"):
                if end in scale and (
                    p := _type_error(scale[end], f"{where}.scale.{end}", "number")
                ):
                    yield p
    yield from _optional(entry, where, "items", lambda v, w: _array(v, w, _rating))
    if "items_withheld" in entry:
        withheld = entry["items_withheld"]
        if (problem := _type_error(withheld, f"{where}.items_withheld", "integer")) is not None:
            yield problem
        elif withheld < 1:
            yield f"{where}.items_withheld: {withheld!r} is less than the minimum of 1"
    if "word_counts" in entry:
        counts = entry["word_counts"]
        if (problem := _type_error(counts, f"{where}.word_counts", "object")) is not None:
            yield problem
        else:
            for stage, count in counts.items():
                if (p := _type_error(count, f"{where}.word_counts.{stage}", "integer")) is not None:
                    yield p
                elif count < 0:
                    yield f"{where}.word_counts.{stage}: {count!r} is less than the minimum of 0"
    if "answer_withheld" in entry and entry["answer_withheld"] is not True:
        yield f"{where}.answer_withheld: True was expected"


def shape_problems(document: Any) -> list[str]:
    """Every way `document` breaks the class-export schema (version 1), worded as the schema
    validator words it; an empty list when it fits."""
    if not isinstance(document, dict):
        return [f"the top level: {document!r:.100} is not of type 'object'"]
    found: list[str] = []
    for key in ("format", "schema_version", "pseudonym", "includes_free_text", "entries"):
        if key not in document:
            found.append(f"the top level: {key!r} is a required property")
    if "format" in document and document["format"] != CLASS_FORMAT:
        found.append(f"format: {CLASS_FORMAT!r} was expected")
    version = document.get("schema_version", 1)
    if not (_is_integer(version) and version == 1):
        found.append("schema_version: 1 was expected")
    if "pseudonym" in document:
        pseudonym = document["pseudonym"]
        if not (isinstance(pseudonym, str) and re.fullmatch(r"[0-9a-f]{16}", pseudonym)):
            found.append(f"pseudonym: {pseudonym!r:.100} does not match '^[0-9a-f]{{16}}$'")
    found += _optional(
        document, "", "course_version", lambda v, w: _string(v, "course_version", 0, 64)
    )
    found += _optional(document, "", "exported", lambda v, w: _matches(v, "exported", "timestamp"))
    for key in ("default_salt", "includes_free_text"):
        if key in document and (p := _type_error(document[key], key, "boolean")):
            found.append(p)
    found += _optional(document, "", "both_sides", lambda v, w: _array(v, "both_sides", _name))
    found += _optional(document, "", "entries", lambda v, w: _array(v, "entries", _entry))
    return found


# The same rules again as one yes-or-no walk with no messages: what every good file pays for.
# It also holds the journal's nesting limit (reading.MAX_DEPTH) for fields the schema does not
# name, the only place an export can nest deeply. A file it says no to is checked again by
# `shape_problems` (and parse_json) for the reason. Tested to agree with both.

_TOP = frozenset(("format", "schema_version", "pseudonym", "course_version", "exported",
                  "default_salt", "includes_free_text", "both_sides", "entries"))  # fmt: skip
_STEP = frozenset(("point", "choice", "actor", "kind", "picks", "ruled", "measures"))
_RATING = frozenset(("item", "value"))
_SCALE = frozenset(("min", "max"))
_KINDS = frozenset(("roleplay", "reflection", "self_rating", "exercise_answer"))
_PSEUDONYM = re.compile(r"[0-9a-f]{16}")
_ABSENT = object()


def _deep(container: dict[str, Any], known: frozenset[str], room: int) -> bool:
    """True if a field of `container` that the schema does not name nests past `room` levels."""
    return any(too_deep(v, room) for k, v in container.items() if k not in known)


def _name_ok(value: Any) -> bool:
    return type(value) is str and 0 < len(value) <= 200


def _text_ok(value: Any, high: int = 200) -> bool:
    return type(value) is str and len(value) <= high


def _number_ok(value: Any) -> bool:
    kind = type(value)
    return kind is int or kind is float


def _integer_ok(value: Any) -> bool:
    kind = type(value)
    return kind is int or (kind is float and value.is_integer())


def _measures_ok(value: Any) -> bool:
    if type(value) is not dict:
        return False
    for key, number in value.items():
        kind = type(number)
        if not (0 < len(key) <= 200 and (kind is int or kind is float)):
            return False
    return True


def _step_ok(step: Any) -> bool:
    # a step sits at depth 5 (the file, entries, an entry, its trace, the step)
    if type(step) is not dict:
        return False
    if step.keys() != _STEP:  # the usual case, every field and no other, is checked below
        return _some_step_ok(step)
    point, choice, actor = step["point"], step["choice"], step["actor"]
    if type(point) is not str or not 0 < len(point) <= 200:
        return False
    if choice is not None and (type(choice) is not str or len(choice) > 200):
        return False
    if type(actor) is not str or not 0 < len(actor) <= 200:
        return False
    kind, picks, ruled, measures = step["kind"], step["picks"], step["ruled"], step["measures"]
    if (kind != "choice" and kind != "impasse") or type(picks) is not dict:
        return False
    for pick in picks.values():
        if type(pick) is not str or len(pick) > 200:
            return False
    if type(ruled) is not list:
        return False
    for role in ruled:
        if type(role) is not str or len(role) > 200:
            return False
    if type(measures) is not dict:
        return False
    for key, number in measures.items():
        if not 0 < len(key) <= 200 or (type(number) is not int and type(number) is not float):
            return False
    return True


def _some_step_ok(step: dict[str, Any]) -> bool:
    # a step with some fields left out, or others added
    point = step.get("point")
    if type(point) is not str or not 0 < len(point) <= 200 or "choice" not in step:
        return False
    choice = step["choice"]
    if choice is not None and (type(choice) is not str or len(choice) > 200):
        return False
    actor = step.get("actor", _ABSENT)
    if actor is not _ABSENT and (type(actor) is not str or not 0 < len(actor) <= 200):
        return False
    kind = step.get("kind", _ABSENT)
    if kind is not _ABSENT and kind != "choice" and kind != "impasse":
        return False
    picks = step.get("picks", _ABSENT)
    if picks is not _ABSENT:
        if type(picks) is not dict:
            return False
        for pick in picks.values():
            if type(pick) is not str or len(pick) > 200:
                return False
    ruled = step.get("ruled", _ABSENT)
    if ruled is not _ABSENT:
        if type(ruled) is not list:
            return False
        for role in ruled:
            if type(role) is not str or len(role) > 200:
                return False
    measures = step.get("measures", _ABSENT)
    if measures is not _ABSENT:
        if type(measures) is not dict:
            return False
        for key, number in measures.items():
            if not 0 < len(key) <= 200 or (type(number) is not int and type(number) is not float):
                return False
    return step.keys() <= _STEP or not _deep(step, _STEP, MAX_DEPTH - 5)


def _rating_ok(item: Any) -> bool:
    # a rating sits at depth 5 (the file, entries, an entry, its items, the rating)
    if type(item) is not dict or "item" not in item or not _name_ok(item["item"]):
        return False
    if "value" in item and item["value"] is not None and not _number_ok(item["value"]):
        return False
    return item.keys() <= _RATING or not _deep(item, _RATING, MAX_DEPTH - 5)


def _uuid_ok(value: Any) -> bool:
    return type(value) is str and _pattern("uuid").search(value) is not None


def _stamp_ok(value: Any) -> bool:
    return type(value) is str and _pattern("timestamp").search(value) is not None


def _trace_ok(value: Any) -> bool:
    return type(value) is list and all(map(_step_ok, value))


def _scale_ok(scale: Any) -> bool:
    # a scale sits at depth 4 (the file, entries, an entry, the scale)
    if type(scale) is not dict:
        return False
    for end in ("min", "max"):
        if end in scale and not _number_ok(scale[end]):
            return False
    return scale.keys() <= _SCALE or not _deep(scale, _SCALE, MAX_DEPTH - 4)


def _items_ok(items: Any) -> bool:
    return type(items) is list and all(map(_rating_ok, items))


def _word_counts_ok(counts: Any) -> bool:
    return type(counts) is dict and all(_integer_ok(n) and n >= 0 for n in counts.values())


# Each field an entry may have, and its rule.
_ENTRY_RULES: dict[str, Callable[[Any], bool]] = {
    "id": _uuid_ok,
    "kind": lambda v: type(v) is str and v in _KINDS,
    "created": _stamp_ok,
    "course_version": lambda v: _text_ok(v, 64),
    "related_entry": _uuid_ok,
    "scenario_id": _name_ok,
    "side": _name_ok,
    "relation": _name_ok,
    "instrument": _name_ok,
    "moment": _text_ok,
    "model": _text_ok,
    "ending": lambda v: v is None or _text_ok(v),
    "completed": lambda v: type(v) is bool,
    "measures_start": _measures_ok,
    "measures_end": _measures_ok,
    "trace": _trace_ok,
    "scale": _scale_ok,
    "items": _items_ok,
    "items_withheld": lambda v: _integer_ok(v) and v >= 1,
    "word_counts": _word_counts_ok,
    "answer_withheld": lambda v: v is True,
}


# The fields of a role-play run as every class export has them: checked field by field below,
# with no loop (two in three entries of a class are runs).
_RUN = frozenset(("id", "created", "kind", "course_version", "scenario_id", "side", "ending",
                  "scenario_hash", "scenario_version", "completed", "trace", "measures_start",
                  "measures_end"))  # fmt: skip


def _run_ok(entry: dict[str, Any]) -> bool:
    # scenario_hash and scenario_version are not named by the schema: only their depth counts
    unnamed = type(entry["scenario_hash"]), type(entry["scenario_version"])
    if dict in unnamed or list in unnamed:
        return _fields_ok(entry)
    ending = entry["ending"]
    return (
        entry["kind"] == "roleplay"
        and _uuid_ok(entry["id"])
        and _stamp_ok(entry["created"])
        and _text_ok(entry["course_version"], 64)
        and _name_ok(entry["scenario_id"])
        and _name_ok(entry["side"])
        and (ending is None or _text_ok(ending))
        and type(entry["completed"]) is bool
        and _trace_ok(entry["trace"])
        and _measures_ok(entry["measures_start"])
        and _measures_ok(entry["measures_end"])
    )


def _entry_ok(entry: Any) -> bool:
    # an entry sits at depth 3 (the file, entries, the entry)
    if type(entry) is not dict or "id" not in entry or "kind" not in entry:
        return False
    if "created" not in entry:
        return False
    if entry.keys() == _RUN:
        return _run_ok(entry)
    return _fields_ok(entry)


def _fields_ok(entry: dict[str, Any]) -> bool:
    rules = _ENTRY_RULES
    for key, value in entry.items():
        rule = rules.get(key)
        if rule is None:  # a field the schema does not name: only its depth is held
            kind = type(value)
            if (kind is dict or kind is list) and too_deep(value, MAX_DEPTH - 3):
                return False
        elif not rule(value):
            return False
    return True


def fits(document: Any) -> bool:
    """True when `document` fits the class-export schema (`shape_problems` finds nothing) and
    nests no deeper than a journal may (`reading.too_deep` is false); a quick yes or no."""
    if type(document) is not dict:
        return False
    for key in ("format", "schema_version", "pseudonym", "includes_free_text", "entries"):
        if key not in document:
            return False
    if document["format"] != CLASS_FORMAT or not _integer_ok(document["schema_version"]):
        return False
    if document["schema_version"] != 1:
        return False
    pseudonym = document["pseudonym"]
    if type(pseudonym) is not str or not _PSEUDONYM.fullmatch(pseudonym):
        return False
    if "course_version" in document and not _text_ok(document["course_version"], 64):
        return False
    if "exported" in document:
        exported = document["exported"]
        if type(exported) is not str or not _pattern("timestamp").search(exported):
            return False
    for key in ("default_salt", "includes_free_text"):
        if key in document and type(document[key]) is not bool:
            return False
    if "both_sides" in document:
        both = document["both_sides"]
        if type(both) is not list:
            return False
        for name in both:
            if not _name_ok(name):
                return False
    entries = document["entries"]
    if type(entries) is not list or not all(map(_entry_ok, entries)):
        return False
    return document.keys() <= _TOP or not _deep(document, _TOP, MAX_DEPTH - 1)
