"""Draw the figures of chapters 1 to 5 as deterministic SVG files.

Run it from anywhere: `.venv/bin/python chapters/figures/draw_part1.py [OUT_DIR]`. Every
figure is drawn by the project (none is copied from a publication), keeps its text as real SVG
text for screen readers and search, and is byte-for-byte the same on every run (fixed hash salt,
no date), so the repository diff shows only real changes. Each chapter gives its figure alt text
and a caption.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # figure_style sits beside this script, which runs as a file

from figure_style import (  # noqa: E402  (needs the path above)
    EDGE,
    FILL_BLUE,
    FILL_GREEN,
    FILL_GREY,
    FILL_ORANGE,
    FILL_PURPLE,
    INK,
    WARN_EDGE,
    draw_all,
    save,
)


def _box(ax: Any, x: float, y: float, w: float, h: float, fill: str, edge: str = EDGE,
         lw: float = 1.4) -> None:
    """A rounded box centred on (x, y)."""
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(
        FancyBboxPatch(
            (x - w / 2, y - h / 2), w, h,
            boxstyle="round,pad=0.04,rounding_size=0.15",
            facecolor=fill, edgecolor=edge, linewidth=lw,
        )
    )


def _arrow(ax: Any, start: tuple[float, float], end: tuple[float, float], color: str = EDGE,
           style: str = "-|>", lw: float = 1.6, rad: float = 0.0) -> None:
    """An arrow from start to end, optionally curved."""
    from matplotlib.patches import FancyArrowPatch

    ax.add_patch(
        FancyArrowPatch(
            start, end, arrowstyle=style, mutation_scale=14, color=color, linewidth=lw,
            connectionstyle=f"arc3,rad={rad}", shrinkA=2, shrinkB=2,
        )
    )


def _timeline(path: Path, events: list[tuple[float, str, str, str]], span: tuple[int, int],
              ticks: list[int], legend: list[tuple[str, str]], size: tuple[float, float]) -> Path:
    """A horizontal timeline: each event is (year, label, fill, 'up' or 'down')."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    fig, ax = plt.subplots(figsize=size)
    lo, hi = span
    ax.set_xlim(lo - 0.5, hi + 0.5)
    ax.set_ylim(-3.3, 3.3)
    ax.axis("off")
    ax.plot([lo - 0.3, hi + 0.3], [0, 0], color=INK, linewidth=2)
    for year in ticks:
        ax.plot([year, year], [-0.12, 0.12], color=INK, linewidth=1.5)
        ax.text(year, -0.35, str(year), ha="center", va="top", fontsize=9.5, color=INK)
    levels = {"up": [1.0, 2.2], "down": [-1.4, -2.6]}
    counters = {"up": 0, "down": 0}
    for year, label, fill, side in events:
        y = levels[side][counters[side] % 2]
        counters[side] += 1
        ax.plot([year, year], [0, y], color=EDGE, linewidth=1.1, linestyle=(0, (2, 2)))
        ax.plot([year], [0], marker="o", markersize=7, color=EDGE)
        ax.text(
            year, y, label, ha="center", va="center", fontsize=9.5, color=INK, linespacing=1.25,
            bbox={"boxstyle": "round,pad=0.35", "facecolor": fill, "edgecolor": EDGE,
                  "linewidth": 1.1},
        )
    handles = [Patch(facecolor=f, edgecolor=EDGE, label=text) for text, f in legend]
    ax.legend(handles=handles, loc="upper left", frameon=False, fontsize=9.5, ncol=len(legend),
              bbox_to_anchor=(0.0, 1.08))
    return save(fig, path)


def draw_ch1_policy_timeline(path: Path) -> Path:
    """Chapter 1: the NHS context, from Mid Staffordshire to the collaborative pairs guide."""
    events = [
        (2007.0, "2005 to 2009:\nserious failings in care\nat Mid Staffordshire", FILL_ORANGE,
         "down"),
        (2011.0, "2011: The King's Fund,\nNo more heroes", FILL_BLUE, "up"),
        (2013.1, "2013: Francis inquiry\nreport (February)", FILL_ORANGE, "down"),
        (2014.0, "2014: The King's Fund,\ncollective leadership\npaper", FILL_BLUE, "up"),
        (2015.0, "About 2015 onwards:\ncollaborative pairs\nprogramme", FILL_GREEN, "down"),
        (2016.4, "2016: Seale,\nPatients as partners", FILL_GREEN, "up"),
    ]
    legend = [
        ("Quality failure and inquiry", FILL_ORANGE),
        ("Leadership policy papers", FILL_BLUE),
        ("Patients and professionals leading together", FILL_GREEN),
    ]
    return _timeline(path, events, (2005, 2017), list(range(2005, 2018)), legend, (11, 4.6))


def draw_ch2_ideas_timeline(path: Path) -> Path:
    """Chapter 2: heroic ideas of leadership (above the line) and their critics (below)."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    fig, ax = plt.subplots(figsize=(11.5, 5.0))
    ax.axis("off")
    # Not to scale: equal spacing keeps the labels readable across 180 years.
    events = [
        ("1841", "Carlyle:\nhistory as the work\nof great men", FILL_BLUE, "up"),
        ("1948", "Stogdill:\ntraits alone do not\nexplain leadership", FILL_ORANGE, "down"),
        ("1978", "Burns:\ntransactional and\ntransforming leadership", FILL_BLUE, "up"),
        ("1985", "Bass: transformational\nleadership, the 'four I's'", FILL_BLUE, "up"),
        ("1985", "Meindl and colleagues:\nthe romance\nof leadership", FILL_ORANGE, "down"),
        ("2004", "Fletcher: post-heroic\nleadership is not\npower-neutral", FILL_ORANGE, "down"),
        ("2011", "The King's Fund:\nNo more heroes", FILL_ORANGE, "down"),
        ("2013", "Tourish: the dark side\nof transformational\nleadership", FILL_ORANGE, "up"),
        ("2018", "Collinson and\ncolleagues:\nleadership romanticism", FILL_ORANGE, "down"),
        ("2021", "Hammond and colleagues:\na romance experiment\nnot replicated", FILL_ORANGE,
         "up"),
    ]
    n = len(events)
    ax.set_xlim(-0.7, n - 0.3)
    ax.set_ylim(-3.4, 3.4)
    ax.plot([-0.5, n - 0.5], [0, 0], color=INK, linewidth=2)
    up_levels, down_levels = [1.2, 2.5], [-1.2, -2.5]
    iu = idn = 0
    for i, (year, label, fill, side) in enumerate(events):
        if side == "up":
            y = up_levels[iu % 2]
            iu += 1
        else:
            y = down_levels[idn % 2]
            idn += 1
        ax.plot([i, i], [0, y], color=EDGE, linewidth=1.1, linestyle=(0, (2, 2)))
        ax.plot([i], [0], marker="o", markersize=7, color=EDGE)
        ax.text(i, -0.18 if side == "up" else 0.18, year, ha="center",
                va="top" if side == "up" else "bottom", fontsize=9.5, color=INK,
                fontweight="bold")
        ax.text(
            i, y, label, ha="center", va="center", fontsize=8.8, color=INK, linespacing=1.2,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": fill, "edgecolor": EDGE,
                  "linewidth": 1.0},
        )
    handles = [
        Patch(facecolor=FILL_BLUE, edgecolor=EDGE, label="Ideas that centre one leader"),
        Patch(facecolor=FILL_ORANGE, edgecolor=EDGE, label="Evidence and critiques"),
    ]
    ax.legend(handles=handles, loc="upper left", frameon=False, fontsize=9.5, ncol=2,
              bbox_to_anchor=(0.0, 1.06))
    ax.text(n - 0.5, -3.35, "Years are spaced evenly, not to scale.", ha="right", va="bottom",
            fontsize=8.5, color=INK, style="italic")
    return save(fig, path)


def _person(ax: Any, x: float, y: float, label: str, fill: str, r: float = 0.42) -> None:
    """A labelled circle standing for one person or role."""
    from matplotlib.patches import Circle

    ax.add_patch(Circle((x, y), r, facecolor=fill, edgecolor=EDGE, linewidth=1.4))
    ax.text(x, y, label, ha="center", va="center", fontsize=8.5, color=INK, linespacing=1.1)


def draw_ch3_forms(path: Path) -> Path:
    """Chapter 3: focused leadership, additive distribution and concertive action (after Gronn)."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    fig, axes = plt.subplots(1, 3, figsize=(13.5, 5.4))
    titles = [
        "1. Focused (solo) leadership",
        "2. Additive distribution",
        "3. Concertive action",
    ]
    notes = [
        "One person leads;\nothers carry out their direction.",
        "Many people each lead their own part;\nthe parts are not joined up.",
        "People act together (conjoint agency);\nthe result is more than the sum of the parts.",
    ]
    for ax, title, note in zip(axes, titles, notes, strict=True):
        ax.set_xlim(-3.3, 3.3)
        ax.set_ylim(-3.6, 3.1)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.text(0, 2.85, title, ha="center", va="center", fontsize=11.5, fontweight="bold",
                color=INK)
        ax.text(0, -3.25, note, ha="center", va="center", fontsize=9, color=INK, linespacing=1.3)

    roles = ["Nurse", "Pharma-\ncist", "Patient\nleader", "Junior\ndoctor"]
    radius = 0.62

    ax = axes[0]
    _person(ax, 0, 1.4, "Consul-\ntant", FILL_BLUE, r=radius)
    spots = [(-2.4, -0.9), (-0.85, -1.9), (0.85, -1.9), (2.4, -0.9)]
    for (x, y), role in zip(spots, roles, strict=True):
        _person(ax, x, y, role, FILL_GREY, r=radius)
        dx, dy = x, y - 1.4
        length = (dx * dx + dy * dy) ** 0.5
        _arrow(ax, (dx / length * 0.65, 1.4 + dy / length * 0.65),
               (x - dx / length * 0.66, y - dy / length * 0.66))

    ax = axes[1]
    tasks = ["beds", "medicines", "families", "records"]  # in the order of roles
    positions = [(-1.7, 1.0), (1.7, 1.0), (-1.7, -1.3), (1.7, -1.3)]
    for (x, y), role, task in zip(positions, roles, tasks, strict=True):
        _person(ax, x, y, role, FILL_GREY, r=radius)
        ax.text(x, y - 0.9, f"leads on {task}", ha="center", va="center", fontsize=8.5,
                color=INK)

    ax = axes[2]
    ax.add_patch(
        FancyBboxPatch((-1.1, -0.45), 2.2, 0.9, boxstyle="round,pad=0.05,rounding_size=0.2",
                       facecolor=FILL_GREEN, edgecolor=EDGE, linewidth=1.4)
    )
    ax.text(0, 0, "Shared work\non discharges", ha="center", va="center", fontsize=9, color=INK,
            fontweight="bold")
    ring = [(-2.3, 1.5), (2.3, 1.5), (-2.3, -1.5), (2.3, -1.5)]
    ring_roles = ["Nurse", "Consul-\ntant", "Patient\nleader", "Pharma-\ncist"]
    for (x, y), role in zip(ring, ring_roles, strict=True):
        _person(ax, x, y, role, FILL_BLUE, r=radius)
        _arrow(ax, (x * 0.72, y * 0.62), (x * 0.5, y * 0.32), style="<|-|>")
    for a, b in [(0, 1), (2, 3), (0, 2), (1, 3)]:
        (x1, y1), (x2, y2) = ring[a], ring[b]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        ux, uy = dx / length, dy / length
        _arrow(ax, (x1 + ux * 0.7, y1 + uy * 0.7), (x2 - ux * 0.7, y2 - uy * 0.7),
               style="<|-|>", color=WARN_EDGE, lw=1.2)
    return save(fig, path)


def draw_ch4_entity_relational(path: Path) -> Path:
    """Chapter 4: entity and relational perspectives on leadership (after Uhl-Bien, 2006)."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Ellipse

    fig, axes = plt.subplots(1, 2, figsize=(12.5, 4.9))
    for ax in axes:
        ax.set_xlim(-4.6, 4.6)
        ax.set_ylim(-2.8, 2.7)
        ax.set_aspect("equal")
        ax.axis("off")

    ax = axes[0]
    ax.text(0, 2.4, "Entity perspective", ha="center", fontsize=12, fontweight="bold", color=INK)
    _box(ax, -2.4, 0.2, 2.8, 2.2, FILL_BLUE)
    ax.text(-2.4, 0.95, "Leader", ha="center", fontsize=10.5, fontweight="bold", color=INK)
    ax.text(-2.4, 0.0, "traits\nstyle\ncompetences", ha="center", va="center", fontsize=9,
            color=INK, linespacing=1.3)
    _box(ax, 2.4, 0.2, 2.8, 2.2, FILL_GREY)
    ax.text(2.4, 0.95, "Follower", ha="center", fontsize=10.5, fontweight="bold", color=INK)
    ax.text(2.4, 0.0, "traits\nneeds\nperceptions", ha="center", va="center", fontsize=9,
            color=INK, linespacing=1.3)
    _arrow(ax, (-0.95, 0.2), (0.95, 0.2), style="<|-|>")
    ax.text(0, 0.55, "relationship", ha="center", fontsize=8.5, color=INK)
    ax.text(0, -2.3, "Individuals come first, with their own attributes;\n"
            "then they form a relationship.", ha="center", va="center", fontsize=9, color=INK,
            linespacing=1.3)

    ax = axes[1]
    ax.text(0, 2.4, "Relational perspective", ha="center", fontsize=12, fontweight="bold",
            color=INK)
    ax.add_patch(Ellipse((0, 0.1), 5.0, 2.6, facecolor=FILL_GREEN, edgecolor=EDGE, linewidth=1.4))
    ax.text(0, 0.35, "Leadership is made here,\nin the conversation", ha="center", va="center",
            fontsize=9.5, color=INK, fontweight="bold", linespacing=1.3)
    ax.text(0, -0.55, "whose voices are heard;\nhow each person responds", ha="center",
            va="center", fontsize=8.5, color=INK, linespacing=1.3)
    _person(ax, -3.55, 0.1, "Clinician", FILL_BLUE, r=0.72)
    _person(ax, 3.55, 0.1, "Patient\nleader", FILL_BLUE, r=0.72)
    _person(ax, 0, 1.85, "Nurse", FILL_GREY, r=0.45)
    ax.text(0, -2.3, "Leadership is constructed in relating itself, and people\n"
            "are shaped by the relationships they are part of.", ha="center", va="center",
            fontsize=9, color=INK, linespacing=1.3)
    return save(fig, path)


def draw_ch5_ladder(path: Path) -> Path:
    """Chapter 5: Arnstein's ladder of citizen participation, drawn for the course."""
    import matplotlib.pyplot as plt

    rungs = [
        ("1", "Manipulation", FILL_GREY),
        ("2", "Therapy", FILL_GREY),
        ("3", "Informing", FILL_ORANGE),
        ("4", "Consultation", FILL_ORANGE),
        ("5", "Placation", FILL_ORANGE),
        ("6", "Partnership", FILL_GREEN),
        ("7", "Delegated power", FILL_GREEN),
        ("8", "Citizen control", FILL_GREEN),
    ]
    fig, ax = plt.subplots(figsize=(7.8, 7.6))
    ax.set_xlim(-5.4, 6.4)
    ax.set_ylim(-0.9, 8.9)
    ax.axis("off")
    # The rails of the ladder.
    for x in (-1.9, 1.9):
        ax.plot([x, x], [-0.4, 8.4], color=INK, linewidth=3, solid_capstyle="round")
    for i, (num, name, fill) in enumerate(rungs):
        y = i + 0.5
        _box(ax, 0, y, 3.6, 0.7, fill)
        ax.text(-1.45, y, num, ha="center", va="center", fontsize=11, fontweight="bold",
                color=INK)
        ax.text(0.2, y, name, ha="center", va="center", fontsize=11, color=INK)
    groups = [
        ("Non-participation", 0, 2, FILL_GREY),
        ("Degrees of tokenism", 2, 5, FILL_ORANGE),
        ("Degrees of citizen power", 5, 8, FILL_GREEN),
    ]
    for name, lo, hi, fill in groups:
        y0, y1 = lo + 0.15, hi - 0.15
        ax.plot([2.3, 2.55, 2.55, 2.3], [y0, y0, y1, y1], color=EDGE, linewidth=1.6)
        ax.text(2.8, (y0 + y1) / 2, name, ha="left", va="center", fontsize=10.5, color=INK,
                fontweight="bold",
                bbox={"boxstyle": "round,pad=0.3", "facecolor": fill, "edgecolor": EDGE,
                      "linewidth": 1.0})
    ax.text(-2.8, 7.6, "More power over\nthe outcome", ha="right", va="center", fontsize=9.5,
            color=INK, linespacing=1.2)
    ax.text(-2.8, 0.6, "Less power over\nthe outcome", ha="right", va="center", fontsize=9.5,
            color=INK, linespacing=1.2)
    _arrow(ax, (-2.45, 0.4), (-2.45, 7.8))
    ax.text(1.6, -0.75,
            "After Arnstein (1969): the rung names are hers; the drawing is the course's.",
            ha="center", va="center", fontsize=8.5, color=INK, style="italic")
    return save(fig, path)


def draw_ch5_dimensions(path: Path) -> Path:
    """Chapter 5: Lukes's three dimensions of power, with examples from improvement work."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10.5, 5.6))
    ax.set_xlim(0, 10.5)
    ax.set_ylim(0, 6.2)
    ax.axis("off")
    layers = [
        ("First dimension: decisions",
         "Who wins when there is open disagreement?",
         "Example: the project group votes on which\ndischarge change to test first.",
         FILL_BLUE, 5.0),
        ("Second dimension: the agenda",
         "What never reaches the table?",
         "Example: weekend pharmacy staffing is never\n"
         "put on the agenda, so it is never discussed.",
         FILL_ORANGE, 3.1),
        ("Third dimension: what people want and expect",
         "Whose assumptions shape what seems possible?",
         "Example: patients have learnt that the doctor\nknows best, so they do not ask for a say.",
         FILL_PURPLE, 1.2),
    ]
    for title, question, example, fill, y in layers:
        _box(ax, 5.25, y, 10.0, 1.6, fill)
        ax.text(0.55, y + 0.4, title, ha="left", va="center", fontsize=11.5, fontweight="bold",
                color=INK)
        ax.text(0.55, y - 0.25, question, ha="left", va="center", fontsize=10, color=INK)
        ax.text(6.0, y, example, ha="left", va="center", fontsize=9.5, color=INK,
                linespacing=1.3, style="italic")
    ax.text(5.25, 6.1, "Easier to see", ha="center", va="center", fontsize=9.5, color=INK)
    ax.text(5.25, 0.15, "Harder to see", ha="center", va="center", fontsize=9.5, color=INK)
    return save(fig, path)


FIGURES: dict[str, Callable[[Path], Path]] = {
    "ch1-policy-timeline.svg": draw_ch1_policy_timeline,
    "ch2-ideas-timeline.svg": draw_ch2_ideas_timeline,
    "ch3-forms-of-distribution.svg": draw_ch3_forms,
    "ch4-entity-relational.svg": draw_ch4_entity_relational,
    "ch5-arnstein-ladder.svg": draw_ch5_ladder,
    "ch5-power-dimensions.svg": draw_ch5_dimensions,
}


def main(out_dir: Path = HERE) -> int:
    """Write every figure into out_dir (this folder by default)."""
    return draw_all(FIGURES, "leading-together-part1", out_dir)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE))
