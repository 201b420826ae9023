"""A learner's own summary of their journal, as pandas tables (pandas is imported on use).

Every table exists, with its columns, even for an empty journal, so a notebook can show
"nothing yet" instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kfcourse.journal.entries import reflection_texts, words

if TYPE_CHECKING:
    import pandas as pd

RUN_COLUMNS = ["id", "created", "scenario_id", "scenario_title", "side", "steps", "completed",
               "ending"]  # fmt: skip
PATH_COLUMNS = ["run", "scenario_id", "side", "step", "point", "choice", "measure", "value"]
RATING_COLUMNS = ["id", "created", "instrument", "moment", "item", "value"]
CHANGE_COLUMNS = ["instrument", "item", "before", "after", "change"]
REFLECTION_COLUMNS = ["id", "created", "model", "variant", "draft", "stage", "words"]


@dataclass
class LearnerSummary:
    """Tables of one journal: runs, measures along each path, ratings, reflection lengths."""

    counts: pd.Series  # entries by kind
    runs: pd.DataFrame  # one row per role-play run; end measures as end_<measure> columns
    runs_by_scenario: pd.DataFrame  # runs and completed runs by scenario and side, mean ends
    path: pd.DataFrame  # measures after each step of each run (step 0 = the start)
    ratings: pd.DataFrame  # one row per rated item
    rating_changes: pd.DataFrame  # latest before and after by instrument and item
    reflections: pd.DataFrame  # words per stage of each reflection
    reflection_lengths: pd.DataFrame  # words per reflection

    @property
    def is_empty(self) -> bool:
        return int(self.counts.sum()) == 0


def _entries(source: Any) -> list[Mapping[str, Any]]:
    """Entries from a journal document, a JournalStore or a list of entries."""
    if hasattr(source, "load"):
        source = source.load()
    if isinstance(source, Mapping):
        source = source.get("entries", [])
    return [e for e in source if isinstance(e, Mapping)]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _run_rows(plays: Iterable[Mapping[str, Any]]) -> tuple[list[dict], list[dict]]:
    runs, path = [], []
    for play in plays:
        trace = [s for s in play.get("trace") or [] if isinstance(s, Mapping)]
        row = {
            "id": play.get("id"),
            "created": play.get("created"),
            "scenario_id": play.get("scenario_id"),
            "scenario_title": play.get("scenario_title") or play.get("scenario_id"),
            "side": play.get("side"),
            "steps": len(trace),
            "completed": bool(play.get("completed")),
            "ending": play.get("ending"),
        }
        end = play.get("measures_end")
        if (
            not isinstance(end, Mapping)
            and trace
            and isinstance(trace[-1].get("measures"), Mapping)
        ):
            end = trace[-1]["measures"]
        for measure, value in (end or {}).items():
            row[f"end_{measure}"] = _number(value)
        runs.append(row)
        common = {"run": play.get("id"), "scenario_id": play.get("scenario_id"),
                  "side": play.get("side")}  # fmt: skip
        start = play.get("measures_start")
        for measure, value in (start if isinstance(start, Mapping) else {}).items():
            path.append({**common, "step": 0, "point": "start", "choice": None,
                         "measure": measure, "value": _number(value)})  # fmt: skip
        for number, step in enumerate(trace, 1):
            measures = step.get("measures")
            for measure, value in (measures if isinstance(measures, Mapping) else {}).items():
                path.append({**common, "step": number, "point": step.get("point"),
                             "choice": step.get("choice"), "measure": measure,
                             "value": _number(value)})  # fmt: skip
    return runs, path


def summarise(source: Any) -> LearnerSummary:
    """The summary of a journal (a document, a JournalStore, or a list of entries)."""
    import pandas as pd

    entries = _entries(source)
    kinds = ["roleplay", "reflection", "self_rating", "exercise_answer"]
    counts = pd.Series({k: sum(1 for e in entries if e.get("kind") == k) for k in kinds},
                       name="entries", dtype="int64")  # fmt: skip

    run_rows, path_rows = _run_rows(e for e in entries if e.get("kind") == "roleplay")
    runs = pd.DataFrame(run_rows)
    if runs.empty:
        runs = pd.DataFrame(columns=RUN_COLUMNS)
    end_columns = [c for c in runs.columns if c.startswith("end_")]
    if runs.empty:
        by_scenario = pd.DataFrame(columns=["scenario_id", "side", "runs", "completed"])
    else:
        grouped = runs.groupby(["scenario_id", "side"], dropna=False)
        by_scenario = grouped.agg(runs=("id", "count"), completed=("completed", "sum"))
        if end_columns:
            means = grouped[end_columns].mean().add_prefix("mean_")
            by_scenario = by_scenario.join(means)
        by_scenario = by_scenario.reset_index()
    path = pd.DataFrame(path_rows, columns=PATH_COLUMNS)

    rating_rows = []
    for entry in entries:
        rating_rows += _check_rows(entry)
        if entry.get("kind") != "self_rating":
            continue
        for item in entry.get("items") or []:
            if isinstance(item, Mapping):
                moment = entry.get("moment") or "single"
                rating_rows.append({
                    "id": entry.get("id"), "created": entry.get("created"),
                    "instrument": entry.get("instrument"), "moment": moment,
                    "item": item.get("item"), "value": _number(item.get("value")),
                })  # fmt: skip
    ratings = pd.DataFrame(rating_rows, columns=RATING_COLUMNS)
    rating_changes = _changes(ratings)

    reflection_rows = []
    for entry in entries:
        if entry.get("kind") != "reflection":
            continue
        for stage, text in reflection_texts(entry).items():
            reflection_rows.append({
                "id": entry.get("id"), "created": entry.get("created"),
                "model": entry.get("model"), "variant": entry.get("variant"),
                "draft": bool(entry.get("draft")), "stage": stage, "words": words(text),
            })  # fmt: skip
    reflections = pd.DataFrame(reflection_rows, columns=REFLECTION_COLUMNS)
    lengths = (
        reflections.groupby(["id", "created", "model", "draft"], dropna=False)["words"]
        .sum()
        .reset_index()
        if not reflections.empty
        else pd.DataFrame(columns=["id", "created", "model", "draft", "words"])
    )
    return LearnerSummary(counts, runs, by_scenario, path, ratings, rating_changes, reflections,
                          lengths)  # fmt: skip


def _check_rows(entry: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A check's ratings (an instrument's answer) as rating rows, one per item and moment."""
    from kfcourse.activities.instruments import entry_ratings

    ratings = entry_ratings(entry)
    if ratings is None:
        return []
    instrument, _, by_moment = ratings
    return [
        {"id": entry.get("id"), "created": entry.get("created"), "instrument": instrument,
         "moment": moment, "item": item, "value": value}
        for moment, items in by_moment.items()
        for item, value in items.items()
    ]  # fmt: skip


def _changes(ratings: pd.DataFrame) -> pd.DataFrame:
    """Latest 'before' and 'after' value of each item of each instrument, and the change."""
    import pandas as pd

    paired = ratings[ratings["moment"].isin(["before", "after"])].dropna(subset=["value"])
    if paired.empty:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    latest = paired.sort_values("created").groupby(["instrument", "item", "moment"]).last()
    table = latest["value"].unstack("moment").reindex(columns=["before", "after"])
    table["change"] = table["after"] - table["before"]
    return table.reset_index()[CHANGE_COLUMNS].rename_axis(None, axis=1)
