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
from kfcourse.journal.runs import decided_by
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


def _measures(values: Any) -> str:
    if not isinstance(values, Mapping) or not values:
        return "none recorded"
    return ", ".join(f"{_inline(name)} {_inline(value)}" for name, value in values.items())


def _roleplay(entry: Mapping[str, Any]) -> list[str]:
    scenario = entry.get("scenario_title") or entry.get("scenario_id", "?")
    side = SIDE_TITLES.get(str(entry.get("side")), str(entry.get("side")))
    out = [f"## Role-play: {_inline(scenario)}, as {_inline(side)}", ""]
    out.append(f"- When: {_date(entry.get('created'))}")
    ending = entry.get("ending")
    out.append(f"- Ending: {_inline(ending) if ending else 'not reached'}")
    if entry.get("measures_start"):
        out.append(f"- Measures at the start: {_measures(entry.get('measures_start'))}")
    if entry.get("measures_end"):
        out.append(f"- Measures at the end: {_measures(entry.get('measures_end'))}")
    trace = entry.get("trace") or []
    if trace:
        out += [
            "",
            "| Step | Decision point | Choice | Chosen by | Measures after |",
            "|---|---|---|---|---|",
        ]
        for number, step in enumerate(trace, 1):
            if not isinstance(step, Mapping):
                continue
            who = _chooser(step)
            choice = step.get("choice")
            shown = _inline(choice) if choice is not None else "no agreement (impasse)"
            out.append(
                f"| {number} | {_inline(step.get('point', ''))} | {shown}"
                f" | {who} | {_measures(step.get('measures'))} |"
            )
    return out


CHOOSERS = {
    "rules": "the other role's rules",
    "joint-rules": "you and the other role's rules, agreeing",
    "joint": "both of you, agreeing",
    "impasse": "both of you",
}


def _chooser(step: Mapping[str, Any]) -> str:
    who = decided_by(step)
    return CHOOSERS.get(who) or f"you ({_inline(who)})"


def _reflection(entry: Mapping[str, Any]) -> list[str]:
    model = MODEL_TITLES.get(str(entry.get("model")), "Reflection")
    variant = entry.get("variant")
    heading = f"## Reflection ({model}"
    if variant in SIDE_TITLES:
        heading += f", prompts for {SIDE_TITLES[variant]}"
    out = [heading + ")", "", f"- When: {_date(entry.get('created'))}"]
    if entry.get("prompt"):
        out += ["", f"**Prompt:** {escape_text(entry['prompt'])}"]
    stages = entry.get("stages") if isinstance(entry.get("stages"), Mapping) else {}
    order = [s for s in (*GIBBS_STAGES, *SHORT_STAGES) if s in stages]
    order += [s for s in stages if s not in order]
    for stage in order:
        text = stages[stage]
        title = STAGE_TITLES.get(stage, stage)
        body = escape_text(text) if isinstance(text, str) and text.strip() else "*(left blank)*"
        out += ["", f"### {_inline(title)}", "", body]
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


def _answer(entry: Mapping[str, Any]) -> list[str]:
    out = [f"## Exercise: {_inline(entry.get('exercise', '?'))}", ""]
    out.append(f"- When: {_date(entry.get('created'))}")
    if entry.get("question"):
        out += ["", f"**Question:** {escape_text(entry['question'])}"]
    answer = entry.get("answer")
    text = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False, indent=1)
    out += ["", "**Answer:**", "", escape_text(text) or "*(left blank)*"]
    if entry.get("note"):
        out += ["", escape_text(entry["note"])]
    return out


_SECTIONS = {
    "roleplay": _roleplay,
    "reflection": _reflection,
    "self_rating": _rating,
    "exercise_answer": _answer,
}


def to_markdown(document: Mapping[str, Any]) -> str:
    """The whole journal as one Markdown document, oldest entry first."""
    entries = [e for e in document.get("entries", []) if isinstance(e, Mapping)]
    out = ["# My Leading Together journal", ""]
    if document.get("display_name"):
        out += [f"Kept by {_inline(document['display_name'])}.", ""]
    out += [
        f"{len(entries)} entries, exported from course version "
        f"{_inline(document.get('course_version', '?'))}. Everything here was written on your "
        "own computer and has not been sent anywhere.",
    ]
    for entry in entries:
        section = _SECTIONS.get(str(entry.get("kind")))
        if section is None:
            continue
        lines = section(entry)
        if entry.get("draft"):
            lines[0] += " (draft)"
        out += ["", *lines]
    return "\n".join(out) + "\n"
