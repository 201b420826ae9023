"""The journal as Markdown, for a portfolio or an appraisal. Learner text stays text.

Everything the learner wrote goes through `escape_text`, which backslash-escapes every
character Markdown (CommonMark, GFM tables and MyST) could read as markup, so `<b>`, `*this*`
or `# heading` typed by a learner shows as those characters when the file is rendered.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from kfcourse.journal.clock import parse
from kfcourse.journal.runs import DEROLING, DISAGREEMENT, decided_by
from kfcourse.journal.schema import GIBBS_STAGES, SHORT_STAGES

STAGE_TITLES = {
    "description": "Description",
    "feelings": "Feelings",
    "evaluation": "Evaluation",
    "analysis": "Analysis",
    "conclusion": "Conclusion",
    "action_plan": "Action plan",
    "what_happened": "What happened?",
    "concept": "What does a course concept explain?",
    "next": "What next?",
    "text": "Reflection",
}
MODEL_TITLES = {
    "gibbs": "Gibbs cycle",
    "gibbs_short": "Gibbs cycle, short form",
    "free": "Free reflection",
}
SIDE_TITLES = {
    "doctor": "the doctor",
    "clinician": "the clinician",
    "patient": "the patient partner",
    "pair": "a pair (both roles)",
}

# Characters that can start markup anywhere in a line (CommonMark, GFM, MyST roles and maths).
_ANYWHERE = re.compile(r"([\\`*_\[\]<>&|~#${}!])")
# At the start of a line: lists, quotes, setext underlines, MyST fences, targets and comments.
_LINE_START = re.compile(r"^([-+=:(%^>]|\d+(?=[.)]))")


def escape_text(text: str) -> str:
    """Learner text as Markdown that renders as exactly that text (paragraphs kept)."""
    lines = []
    for raw in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        line = _ANYWHERE.sub(r"\\\1", line)
        match = _LINE_START.match(line)
        if match:
            if match.group(1)[0].isdigit():
                digits = match.group(1)
                line = digits + "\\" + line[len(digits) :]
            else:
                line = "\\" + line
        lines.append(line)
    # collapse runs of blank lines into one paragraph break
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _inline(value: Any) -> str:
    """A short value (an id, a label) inside a line, escaped (it never starts a line)."""
    return _ANYWHERE.sub(r"\\\1", " ".join(str(value).split()))


def _date(stamp: Any) -> str:
    try:
        moment = parse(str(stamp))
    except ValueError:
        return _inline(stamp)
    return f"{moment.day} {moment:%B %Y, %H:%M} UTC"


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _side(role: Any) -> str:
    return SIDE_TITLES.get(str(role), str(role))


CHOOSERS = {
    "rules": "the other role's rules",
    "joint-rules": "you and the other role's rules, agreeing",
    "joint": "both of you, agreeing",
    "impasse": "both of you, with no agreement (impasse)",
}
RELATION_WORDS = {
    "swap": "Sides swapped after",
    "replay": "Played again after",
}


def _chooser(step: Mapping[str, Any]) -> str:
    who = decided_by(step)
    return CHOOSERS.get(who) or f"you ({_inline(_side(who))})"


def _signed(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _inline(value)
    return f"+{value}" if value > 0 else str(value)


def _step_title(entry: Mapping[str, Any], number: int, step: Mapping[str, Any]) -> str:
    point = step.get("point", "")
    title = _map(entry.get("point_titles")).get(point) if isinstance(point, str) else None
    return f"Step {number}: {_inline(title if isinstance(title, str) and title else point)}"


def _step(entry: Mapping[str, Any], number: int, step: Mapping[str, Any]) -> list[str]:
    """One decision of a run as a short transcript: who decided, what, why, what moved."""
    names = _map(entry.get("measure_names"))
    out = [f"**{_step_title(entry, number, step)}**", "", f"- Decided by: {_chooser(step)}"]
    if step.get("choice") is None:
        if step.get("prompt"):
            out.append(f"- Said about it: {_inline(step['prompt'])}")
    else:
        text = step.get("text")
        out.append(
            f"- Choice: {_inline(text if isinstance(text, str) and text else step['choice'])}"
        )
        if step.get("why"):
            out.append(f"- Why: {_inline(step['why'])}")
    for role, note in _map(step.get("notes")).items():
        if isinstance(note, str) and note:
            out.append(f"- Why {_inline(_side(role))} chose so: {_inline(note)}")
    moved = [
        f"{_inline(names.get(k, k))} {_signed(v)}"
        for k, v in _map(step.get("changes")).items()
        if v
    ]
    out.append(f"- Meters: {', '.join(moved) if moved else 'no change'}")
    return out


def _meter_table(entry: Mapping[str, Any], steps: list[tuple[int, Mapping[str, Any]]]) -> list[str]:
    """The measures at the start, after each step and at the end, as one table."""
    names = _map(entry.get("measure_names"))
    rows = [("Start", _map(entry.get("measures_start")))]
    rows += [(_step_title(entry, n, s), _map(s.get("measures"))) for n, s in steps]
    rows.append(("End", _map(entry.get("measures_end"))))
    keys = list(dict.fromkeys(k for _, values in rows for k in values))
    if not keys:
        return []
    out = [
        "| Moment | " + " | ".join(_inline(names.get(k, k)) for k in keys) + " |",
        "|---" * (len(keys) + 1) + "|",
    ]
    for label, values in rows:
        cells = [_inline(values[k]) if k in values else "" for k in keys]
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return out


def _roleplay(entry: Mapping[str, Any], runs: Mapping[str, Mapping[str, Any]]) -> list[str]:
    scenario = entry.get("scenario_title") or entry.get("scenario_id", "?")
    out = [f"## Role-play: {_inline(scenario)}, as {_inline(_side(entry.get('side')))}", ""]
    out.append(f"- When: {_date(entry.get('created'))}")
    ending = entry.get("ending_title") or entry.get("ending")
    out.append(f"- Ending: {_inline(ending) if ending else 'not reached'}")
    relation = RELATION_WORDS.get(str(entry.get("relation")))
    if relation:
        earlier = runs.get(str(entry.get("related_entry")))
        when = f"the run of {_date(earlier.get('created'))}" if earlier else "an earlier run"
        out.append(f"- {relation} {when}")
    given = entry.get("trace")
    trace: list[Any] = given if isinstance(given, list) else []
    steps = [(n, s) for n, s in enumerate(trace, 1) if isinstance(s, Mapping)]
    if steps:
        out += ["", "### The path"]
        for number, step in steps:
            out += ["", *_step(entry, number, step)]
    table = _meter_table(entry, steps)
    if table:
        out += ["", "### The meters", "", *table]
    return out


def _stage_order(entry: Mapping[str, Any], stages: Mapping[str, Any]) -> list[str]:
    """Each stage once, in its model's order (then the other model's, then any others)."""
    models = (SHORT_STAGES, GIBBS_STAGES) if entry.get("model") == "gibbs_short" else (
        GIBBS_STAGES, SHORT_STAGES)  # fmt: skip
    known = [s for s in dict.fromkeys((*models[0], *models[1])) if s in stages]
    return known + [s for s in stages if s not in known]


def _reflection(entry: Mapping[str, Any], level: int = 2) -> list[str]:
    model = MODEL_TITLES.get(str(entry.get("model")), "Reflection")
    variant = entry.get("variant")
    title = entry.get("title")
    heading = "#" * level + " Reflection"
    if isinstance(title, str) and title.strip():
        heading += f": {_inline(title)}"
    heading += f" ({model}"
    if variant in SIDE_TITLES:
        heading += f", prompts for {SIDE_TITLES[variant]}"
    out = [heading + ")", "", f"- When: {_date(entry.get('created'))}"]
    if entry.get("prompt"):
        out += ["", f"**Prompt:** {escape_text(entry['prompt'])}"]
    stages = _map(entry.get("stages"))
    for stage in _stage_order(entry, stages):
        text = stages[stage]
        body = escape_text(text) if isinstance(text, str) and text.strip() else "*(left blank)*"
        out += ["", "#" * (level + 1) + f" {_inline(STAGE_TITLES.get(stage, stage))}", "", body]
    if isinstance(entry.get("text"), str):
        out += ["", escape_text(entry["text"]) or "*(left blank)*"]
    return out


def _rating(entry: Mapping[str, Any]) -> list[str]:
    moment = entry.get("moment")
    title = f"## Self-rating: {_inline(entry.get('instrument', '?'))}"
    if moment in ("before", "after"):
        title += f" ({moment})"
    out = [title, "", f"- When: {_date(entry.get('created'))}"]
    scale = entry.get("scale")
    if isinstance(scale, Mapping):
        out.append(f"- Scale: {_inline(scale.get('min'))} to {_inline(scale.get('max'))}")
    out += ["", "| Item | Rating |", "|---|---|"]
    for item in entry.get("items") or []:
        if isinstance(item, Mapping):
            label = item.get("text") or item.get("item", "")
            value = item.get("value")
            out.append(f"| {_inline(label)} | {'skipped' if value is None else _inline(value)} |")
    if entry.get("note"):
        out += ["", escape_text(entry["note"])]
    return out


def _answer(entry: Mapping[str, Any], level: int = 2) -> list[str]:
    title = entry.get("title")
    heading = f"Exercise: {_inline(title)}" if isinstance(title, str) and title.strip() else ""
    out = ["#" * level + " " + (heading or "Exercise answer"), ""]
    out.append(f"- When: {_date(entry.get('created'))}")
    if entry.get("question"):
        out += ["", f"**Question:** {escape_text(entry['question'])}"]
    lines = summary_lines(entry)
    if lines:  # the answer in words, as the exercise's screen put it
        for label, text in lines:
            out += ["", f"**{_inline(label)}:** {escape_text(text) or '*(left blank)*'}"]
    else:
        answer = entry.get("answer")
        text = (
            answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False, indent=1)
        )
        out += ["", "**Answer:**", "", escape_text(text) or "*(left blank)*"]
    if entry.get("note"):
        out += ["", escape_text(entry["note"])]
    return out


def summary_lines(entry: Mapping[str, Any]) -> list[tuple[str, str]]:
    """An exercise answer's summary as (label, text) pairs; none unless every line is well made."""
    summary = entry.get("summary")
    if not isinstance(summary, list) or not summary:
        return []
    lines = [
        (line["label"], line["text"])
        for line in summary
        if isinstance(line, Mapping)
        and isinstance(line.get("label"), str)
        and isinstance(line.get("text"), str)
    ]
    return lines if len(lines) == len(summary) else []


def _words(value: Any) -> str:
    return escape_text(value) if isinstance(value, str) and value.strip() else "*(left blank)*"


def _note(entry: Mapping[str, Any], run: Mapping[str, Any]) -> list[str]:
    """A disagreement with the key or the de-roling note, under the run it is about."""
    answer = _map(entry.get("answer"))
    if entry.get("exercise") == DISAGREEMENT:
        number: Any = answer.get("step")
        given = run.get("trace")
        trace: list[Any] = given if isinstance(given, list) else []
        ok = isinstance(number, int) and not isinstance(number, bool) and 0 < number <= len(trace)
        step = trace[number - 1] if ok and isinstance(trace[number - 1], Mapping) else {}
        where = _step_title(run, number, step) if ok else f"Step {_inline(number)}"
        where = "s" + where[1:]  # "step 3: ..." inside the heading
        out = [f"### Disagreement with the key at {where}", ""]
    else:
        out = ["### De-roling: how I differ from my character", ""]
    out.append(f"- When: {_date(entry.get('created'))}")
    if entry.get("question"):
        label = "The key said" if entry.get("exercise") == DISAGREEMENT else "Prompt"
        out += ["", f"**{label}:** {escape_text(entry['question'])}"]
    return [*out, "", _words(answer.get("text"))]


def _about_run(entry: Mapping[str, Any], run: Mapping[str, Any]) -> list[str]:
    """An entry shown under the run it refers to, one heading level down."""
    if entry.get("kind") == "reflection":
        return _reflection(entry, level=3)
    if entry.get("exercise") in (DISAGREEMENT, DEROLING):
        return _note(entry, run)
    return _answer(entry, level=3)


def _section(entry: Mapping[str, Any], runs: Mapping[str, Mapping[str, Any]]) -> list[str]:
    kind = entry.get("kind")
    if kind == "roleplay":
        return _roleplay(entry, runs)
    if kind == "reflection":
        return _reflection(entry)
    if kind == "self_rating":
        return _rating(entry)
    if kind == "exercise_answer":
        return _answer(entry)
    return []


def _is_about_run(entry: Mapping[str, Any], runs: Mapping[str, Any]) -> bool:
    """A reflection or an exercise answer (a note) that refers to a run in the journal."""
    related = entry.get("related_entry")
    kind = entry.get("kind")
    return (
        kind in ("reflection", "exercise_answer") and isinstance(related, str) and related in runs
    )


def to_markdown(document: Mapping[str, Any]) -> str:
    """The whole journal as one Markdown document, oldest entry first; the reflections and
    notes that refer to a role-play run follow that run."""
    entries = [e for e in document.get("entries", []) if isinstance(e, Mapping)]
    runs = {
        e["id"]: e for e in entries if e.get("kind") == "roleplay" and isinstance(e.get("id"), str)
    }
    about: dict[str, list[Mapping[str, Any]]] = {}
    for e in entries:
        if _is_about_run(e, runs):
            about.setdefault(e["related_entry"], []).append(e)
    out = ["# My Leading Together journal", ""]
    if document.get("display_name"):
        out += [f"Kept by {_inline(document['display_name'])}.", ""]
    out += [
        f"{len(entries)} entries, exported from course version "
        f"{_inline(document.get('course_version', '?'))}. Everything here was written on your "
        "own computer and has not been sent anywhere.",
    ]
    for entry in entries:
        if _is_about_run(entry, runs):
            continue  # shown under its run
        lines = _section(entry, runs)
        if not lines:
            continue
        if entry.get("draft"):
            lines[0] += " (draft)"
        out += ["", *lines]
        if entry.get("kind") == "roleplay" and runs.get(str(entry.get("id"))) is entry:
            for note in about.get(str(entry.get("id")), []):
                lines = _about_run(note, entry)
                if note.get("draft"):
                    lines[0] += " (draft)"
                out += ["", *lines]
    return "\n".join(out) + "\n"
