"""An instructor's class report from learners' class exports (pseudonymised, see journal.privacy).

The tables are pandas DataFrames whose column names are the plain-word headings the report
shows. The same export handed in twice counts once (entries are keyed by pseudonym and entry
id). Finished and unfinished runs are always kept apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kfcourse.analysis.class_exports import read_class_exports
from kfcourse.journal.runs import decided_by

if TYPE_CHECKING:
    import pandas as pd

SCENARIO, SIDE, LEARNER = "Scenario", "Side played", "Learner (pseudonym)"
FINISHED, UNFINISHED = "finished", "not finished"
IMPASSE = "(impasse: no agreement)"
BY_WHOM = {"rules": "the other role's rules", "joint": "both learners", "impasse": "nobody",
           "joint-rules": "learner and the other role's rules"}  # fmt: skip


@dataclass
class ClassReport:
    """The tables of a class report (see the module docstring) and the files left out."""

    participation: pd.DataFrame
    runs: pd.DataFrame
    endings: pd.DataFrame
    choices: pd.DataFrame
    final_measures: pd.DataFrame
    both_sides: pd.DataFrame
    ratings: pd.DataFrame
    reflections: pd.DataFrame
    learners: int
    free_text_learners: int
    default_salt_exports: int
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by a file-safe name (the CSV files are named after these)."""
        import pandas as pd

        left_out = pd.DataFrame(self.refused, columns=["File", "Reason it was left out"])
        return {
            "participation": self.participation,
            "runs": self.runs,
            "endings": self.endings,
            "choices": self.choices,
            "final-measures": self.final_measures,
            "both-sides": self.both_sides,
            "ratings": self.ratings,
            "reflections": self.reflections,
            "files-left-out": left_out,
        }


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _learner_entries(exports: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Mapping]]:
    held: dict[str, dict[str, Mapping[str, Any]]] = {}
    for export in exports:
        mine = held.setdefault(str(export["pseudonym"]), {})
        for entry in export["entries"]:
            mine[str(entry["id"])] = entry
    return held


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=list(columns))


def _run_rows(held: dict[str, dict[str, Mapping]]) -> tuple[list[dict], list[dict], list[dict]]:
    """One row per run, one per decision, one per final measure of a run."""
    runs, steps, finals = [], [], []
    for learner, entries in held.items():
        for entry in entries.values():
            if entry.get("kind") != "roleplay":
                continue
            base = {LEARNER: learner, SCENARIO: entry.get("scenario_id"), SIDE: entry.get("side")}
            state = FINISHED if entry.get("completed") is True else UNFINISHED
            trace = [s for s in entry.get("trace") or [] if isinstance(s, Mapping)]
            end = entry.get("measures_end")
            if not isinstance(end, Mapping) and trace:
                end = trace[-1].get("measures")
            runs.append({**base, "Run": state, "Ending": entry.get("ending"),
                         "Created": entry.get("created"), "id": entry.get("id"),
                         "end": dict(end) if isinstance(end, Mapping) else {}})  # fmt: skip
            for step in trace:
                who = decided_by(step)
                steps.append({**base, "Point": step.get("point"),
                              "Choice": step.get("choice") or IMPASSE,
                              "Decided by": BY_WHOM.get(who, f"the learner ({who})")})  # fmt: skip
            for measure, value in (end if isinstance(end, Mapping) else {}).items():
                finals.append({**base, "Run": state, "Measure": measure,
                               "value": _number(value)})  # fmt: skip
    return runs, steps, finals


def _runs_table(runs: pd.DataFrame) -> pd.DataFrame:
    columns = [SCENARIO, SIDE, "Learners", "Finished runs", "Unfinished runs"]
    if runs.empty:
        return _frame([], columns)
    grouped = runs.groupby([SCENARIO, SIDE], dropna=False)
    table = grouped.agg(
        Learners=(LEARNER, "nunique"),
        finished=("Run", lambda r: int((r == FINISHED).sum())),
        unfinished=("Run", lambda r: int((r == UNFINISHED).sum())),
    ).reset_index()
    return table.rename(columns={"finished": "Finished runs", "unfinished": "Unfinished runs"})


def _endings_table(runs: pd.DataFrame) -> pd.DataFrame:
    columns = [SCENARIO, SIDE, "Ending", "Runs", "Share of finished runs (%)"]
    done = runs[runs["Run"] == FINISHED] if not runs.empty else runs
    if done.empty:
        return _frame([], columns)
    table = done.groupby([SCENARIO, SIDE, "Ending"], dropna=False).size().rename("Runs")
    table = table.reset_index()
    totals = table.groupby([SCENARIO, SIDE], dropna=False)["Runs"].transform("sum")
    table["Share of finished runs (%)"] = (100 * table["Runs"] / totals).round(0).astype(int)
    return table.sort_values([SCENARIO, SIDE, "Runs"], ascending=[True, True, False])[columns]


def _choices_table(steps: pd.DataFrame) -> pd.DataFrame:
    columns = [SCENARIO, SIDE, "Point", "Choice", "Decided by", "Times taken", "Learners"]
    if steps.empty:
        return _frame([], columns)
    grouped = steps.groupby([SCENARIO, SIDE, "Point", "Choice", "Decided by"], dropna=False)
    table = grouped.agg(times=(LEARNER, "size"), learners=(LEARNER, "nunique")).reset_index()
    return table.rename(columns={"times": "Times taken", "learners": "Learners"})[columns]


def _final_measures_table(finals: pd.DataFrame) -> pd.DataFrame:
    columns = [SCENARIO, SIDE, "Run", "Measure", "Runs", "Mean", "Lowest", "Highest"]
    if finals.empty:
        return _frame([], columns)
    grouped = finals.groupby([SCENARIO, SIDE, "Run", "Measure"], dropna=False)["value"]
    table = grouped.agg(["count", "mean", "min", "max"]).reset_index()
    table = table.rename(columns={"count": "Runs", "mean": "Mean", "min": "Lowest",
                                  "max": "Highest"})  # fmt: skip
    table["Mean"] = table["Mean"].round(2)
    return table[columns]


def _both_sides_table(runs: pd.DataFrame) -> pd.DataFrame:
    """For each learner who finished a scenario as the doctor and as the patient: their latest
    finished run on each side, side by side."""
    columns = [LEARNER, SCENARIO, "Measure", "As the doctor", "As the patient"]
    done = runs[(runs["Run"] == FINISHED) & runs[SIDE].isin(["doctor", "patient"])]
    if done.empty:
        return _frame([], columns)
    keys = [LEARNER, SCENARIO, SIDE]
    latest = done.sort_values([*keys, "Created", "id"]).drop_duplicates(keys, keep="last")
    sides = latest.groupby([LEARNER, SCENARIO])[SIDE].transform("nunique")
    latest = latest[sides == 2]
    rows: list[dict[str, Any]] = []
    by_pair: dict[tuple[Any, Any], dict[str, Any]] = {}
    for learner, scenario, side, ending, end in zip(
        latest[LEARNER],
        latest[SCENARIO],
        latest[SIDE],
        latest["Ending"],
        latest["end"],
        strict=True,
    ):
        by_pair.setdefault((learner, scenario), {})[side] = (ending, end)
    for (learner, scenario), played in by_pair.items():
        (d_ending, d_end), (p_ending, p_end) = played["doctor"], played["patient"]
        base = {LEARNER: learner, SCENARIO: scenario}
        rows.append({**base, "Measure": "Ending", "As the doctor": d_ending,
                     "As the patient": p_ending})  # fmt: skip
        for measure in dict.fromkeys([*d_end, *p_end]):
            rows.append({**base, "Measure": measure, "As the doctor": d_end.get(measure),
                         "As the patient": p_end.get(measure)})  # fmt: skip
    return _frame(rows, columns)


def _ratings_table(held: dict[str, dict[str, Mapping]]) -> pd.DataFrame:
    """The latest before and after rating of each item by each learner, averaged over learners
    who gave both."""
    columns = ["Instrument", "Item", "Learners with both", "Before (mean)", "After (mean)",
               "Change (mean)"]  # fmt: skip
    latest: dict[tuple[str, str, str, str], tuple[str, float]] = {}
    for learner, entries in held.items():
        for entry in entries.values():
            moment = entry.get("moment")
            if entry.get("kind") != "self_rating" or moment not in ("before", "after"):
                continue
            for item in entry.get("items") or []:
                value = _number(item.get("value"))
                if value is None:
                    continue
                key = (learner, str(entry.get("instrument")), str(item.get("item")), moment)
                when = f"{entry.get('created')}\x00{entry.get('id')}"
                if key not in latest or latest[key][0] <= when:
                    latest[key] = (when, value)
    pairs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for (learner, instrument, item, moment), (_, before) in latest.items():
        after = latest.get((learner, instrument, item, "after"))
        if moment == "before" and after is not None:
            pairs.setdefault((instrument, item), []).append((before, after[1]))
    rows = []
    for (instrument, item), values in sorted(pairs.items()):
        mean_before = sum(b for b, _ in values) / len(values)
        mean_after = sum(a for _, a in values) / len(values)
        rows.append(dict(zip(columns, (instrument, item, len(values), round(mean_before, 2),
                                       round(mean_after, 2), round(mean_after - mean_before, 2)),
                             strict=True)))  # fmt: skip
    return _frame(rows, columns)


def _reflections_table(held: dict[str, dict[str, Mapping]]) -> pd.DataFrame:
    columns = ["Kind of reflection", "Reflections", "Learners", "Median words", "Fewest words",
               "Most words"]  # fmt: skip
    rows = []
    for learner, entries in held.items():
        for entry in entries.values():
            counts = entry.get("word_counts")
            if entry.get("kind") == "reflection" and isinstance(counts, Mapping):
                rows.append({"model": entry.get("model"), LEARNER: learner,
                             "words": sum(counts.values())})  # fmt: skip
    if not rows:
        return _frame([], columns)
    frame = _frame(rows, ["model", LEARNER, "words"])
    table = frame.groupby("model", dropna=False).agg(
        reflections=("words", "size"), learners=(LEARNER, "nunique"),
        median=("words", "median"), fewest=("words", "min"), most=("words", "max"),
    ).reset_index()  # fmt: skip
    table.columns = columns
    return table


def class_report(
    exports: Iterable[Mapping[str, Any]], refused: Sequence[tuple[str, str]] = ()
) -> ClassReport:
    """The class report over already-read (checked) class exports."""
    exports = list(exports)
    held = _learner_entries(exports)
    run_rows, step_rows, final_rows = _run_rows(held)
    runs = _frame(run_rows, [LEARNER, SCENARIO, SIDE, "Run", "Ending", "Created", "id", "end"])
    steps = _frame(step_rows, [LEARNER, SCENARIO, SIDE, "Point", "Choice", "Decided by"])
    finals = _frame(final_rows, [LEARNER, SCENARIO, SIDE, "Run", "Measure", "value"])
    both = _both_sides_table(runs)
    free_text = {str(e["pseudonym"]) for e in exports if e.get("includes_free_text")}
    default_salt = sum(1 for e in exports if e.get("default_salt") is True)
    kinds = [e.get("kind") for entries in held.values() for e in entries.values()]
    participation = _frame(
        [
            {"What": "Learners (pseudonyms)", "Number": len(held)},
            {"What": "Class exports read", "Number": len(exports)},
            {"What": "Files left out", "Number": len(refused)},
            {"What": "Role-play runs finished", "Number": int((runs["Run"] == FINISHED).sum())},
            {"What": "Role-play runs not finished",
             "Number": int((runs["Run"] == UNFINISHED).sum())},
            {"What": "Learners who finished a scenario on both sides",
             "Number": int(both[LEARNER].nunique()) if not both.empty else 0},
            {"What": "Reflections", "Number": kinds.count("reflection")},
            {"What": "Self-ratings", "Number": kinds.count("self_rating")},
            {"What": "Exercise answers", "Number": kinds.count("exercise_answer")},
            {"What": "Learners who included their written words", "Number": len(free_text)},
            {"What": "Exports made with the course's default salt", "Number": default_salt},
        ],
        ["What", "Number"],
    )  # fmt: skip
    return ClassReport(
        participation=participation,
        runs=_runs_table(runs),
        endings=_endings_table(runs),
        choices=_choices_table(steps),
        final_measures=_final_measures_table(finals),
        both_sides=both,
        ratings=_ratings_table(held),
        reflections=_reflections_table(held),
        learners=len(held),
        free_text_learners=len(free_text),
        default_salt_exports=default_salt,
        refused=list(refused),
    )


def class_report_from_files(inputs: Iterable[str | Path]) -> ClassReport:
    """Read class exports from files and folders (refused files are listed) and report."""
    read = read_class_exports(inputs)
    return class_report(read.exports, read.refused)
