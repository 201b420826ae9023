"""Charts of a learner's summary (matplotlib, imported on use).

Lines differ by marker and dash as well as colour, values are printed on bars, and every
chart has a title and axis labels in words, so nothing is shown by colour alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from kfcourse.analysis.summary import LearnerSummary

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
DASHES = ("-", "--", "-.", ":")


def _figure(width: float, height: float) -> tuple[Figure, Any]:
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(width, height), layout="constrained")
    return figure, axes


def measures_along_path(summary: LearnerSummary, run: str | None = None) -> Figure | None:
    """Each measure after each decision of one run (the latest run by default); None if none."""
    path = summary.path
    if path.empty:
        return None
    if run is None:
        latest = summary.runs.sort_values("created").iloc[-1]
        run = latest["id"]
    steps = path[path["run"] == run]
    if steps.empty:
        return None
    figure, axes = _figure(7, 3.6)
    for number, (measure, rows) in enumerate(steps.groupby("measure", sort=True)):
        rows = rows.sort_values("step")
        axes.plot(rows["step"], rows["value"], marker=MARKERS[number % len(MARKERS)],
                  linestyle=DASHES[number % len(DASHES)], label=str(measure))  # fmt: skip
        last = rows.iloc[-1]
        axes.annotate(f"{measure} {last['value']:g}", (last["step"], last["value"]),
                      textcoords="offset points", xytext=(8, 12 * number - 6),
                      fontsize=9)  # fmt: skip
    scenario = steps["scenario_id"].iloc[0]
    side = steps["side"].iloc[0]
    axes.set_title(f"Measures along your path: {scenario}, as {side}")
    axes.set_xlabel("Decision (0 = the start)")
    axes.set_ylabel("Value of the measure")
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_xlim(right=steps["step"].max() + 0.6)
    axes.legend(title="Measure", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    axes.grid(True, alpha=0.3)
    return figure


def ratings_before_after(summary: LearnerSummary, instrument: str | None = None) -> Figure | None:
    """Before and after ratings of each item of an instrument, as labelled bars; None if none."""
    changes = summary.rating_changes
    if changes.empty:
        return None
    instrument = instrument or str(changes["instrument"].iloc[0])
    rows = changes[changes["instrument"] == instrument]
    figure, axes = _figure(7, 1.2 + 0.7 * len(rows))
    positions = range(len(rows))
    height = 0.38
    for offset, moment, hatch in ((-height / 2, "before", "//"), (height / 2, "after", "")):
        values = rows[moment].fillna(0)
        bars = axes.barh([p + offset for p in positions], values, height=height, label=moment,
                         hatch=hatch, edgecolor="black")  # fmt: skip
        axes.bar_label(bars, labels=[f"{moment} {v:g}" for v in rows[moment].fillna(0)],
                       padding=3, fontsize=8)  # fmt: skip
    axes.set_yticks(list(positions), [str(i) for i in rows["item"]])
    axes.invert_yaxis()
    axes.set_xlabel("Rating")
    axes.set_xlim(0, float(rows[["before", "after"]].max().max()) * 1.25 + 0.5)
    axes.set_title(f"{instrument}: before and after")
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return figure
