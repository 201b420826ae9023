"""Draw the figures of chapters 6 to 9 as deterministic SVG files.

Run it from anywhere: `.venv/bin/python chapters/figures/draw_part2.py`. Each figure is drawn by
the project (never copied), keeps its text as real text for screen readers and search, and is
byte-for-byte the same on every run (fixed hash salt, no date), so the repository diff shows only
real changes.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

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


def _box(ax, x: float, y: float, title: str, body: str, fill: str, width: float = 4.0) -> None:
    """A rounded box with a bold title line and a smaller body."""
    from matplotlib.patches import FancyBboxPatch

    height = 1.25
    ax.add_patch(
        FancyBboxPatch(
            (x - width / 2, y - height / 2),
            width,
            height,
            boxstyle="round,pad=0.08,rounding_size=0.2",
            facecolor=fill,
            edgecolor=EDGE,
            linewidth=1.6,
        )
    )
    ax.text(x, y + 0.28, title, ha="center", va="center", fontsize=12, fontweight="bold", color=INK)
    ax.text(x, y - 0.22, body, ha="center", va="center", fontsize=9.5, color=INK, linespacing=1.3)


def draw_trust_loop(path: Path) -> Path:
    """Chapter 6: the trust-building loop after Vangen and Huxham (2003), in the course's words."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch

    fig, ax = plt.subplots(figsize=(9.2, 7.4))
    ax.set_xlim(-7, 7)
    ax.set_ylim(-5.2, 4.6)
    ax.set_aspect("equal")
    ax.axis("off")

    radius = 3.0
    side = 4.6  # horizontal distance of the left and right boxes from the centre
    half = 2.0  # half the width of a box
    stages = [
        ("1. Form expectations", "from reputation, past dealings\nor an agreement", FILL_BLUE),
        ("2. Take a risk", "agree a modest aim together\nand commit time to it", FILL_ORANGE),
        ("3. Reach the aim", "a small win that both\npartners can see", FILL_GREEN),
        ("4. Trust grows", "each is more willing to\nbe vulnerable to the other", FILL_PURPLE),
    ]
    angles = [90, 0, -90, 180]  # top, right, bottom, left: read clockwise
    points = []
    for (title, body, fill), angle in zip(stages, angles, strict=True):
        x = side * math.cos(math.radians(angle))
        y = radius * math.sin(math.radians(angle))
        points.append((x, y))
        _box(ax, x, y, title, body, fill)

    # Clockwise arrows between neighbouring boxes, bowed outwards.
    starts = [(half + 0.15, 3.0), (side, -0.8), (-half - 0.15, -3.0), (-side, 0.8)]
    ends = [(side, 0.8), (half + 0.15, -3.0), (-side, -0.8), (-half - 0.15, 3.0)]
    for start, end in zip(starts, ends, strict=True):
        ax.add_patch(
            FancyArrowPatch(
                start,
                end,
                connectionstyle="arc3,rad=-0.3",
                arrowstyle="-|>,head_length=9,head_width=6",
                linewidth=2.2,
                color=EDGE,
            )
        )

    ax.text(
        0,
        0.35,
        "The loop",
        ha="center",
        va="center",
        fontsize=13,
        fontweight="bold",
        color=INK,
    )
    ax.text(
        0,
        -0.35,
        "each turn can aim\na little higher",
        ha="center",
        va="center",
        fontsize=10,
        color=INK,
        linespacing=1.3,
    )

    ax.text(
        0,
        -4.55,
        "What can break the loop: unequal power, people joining and leaving, aims that differ,\n"
        "an aim too big to reach. Then the task is to cope with low trust, not only to build it.",
        ha="center",
        va="center",
        fontsize=9.5,
        color=INK,
        linespacing=1.35,
        bbox={
            "boxstyle": "round,pad=0.45",
            "facecolor": FILL_GREY,
            "edgecolor": WARN_EDGE,
            "linewidth": 1.4,
            "linestyle": "--",
        },
    )
    return save(fig, path)


def draw_lab_session(path: Path) -> Path:
    """Chapter 8: one session of the role-play lab, from content note to journal, in two rows."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    fig, ax = plt.subplots(figsize=(8.4, 5.6))
    ax.set_xlim(0, 12)
    ax.set_ylim(-0.9, 7.5)
    ax.axis("off")
    steps = [
        ("1. Prepare", "content note;\nchoose a role\nor observe", FILL_GREY),
        ("2. Play", "decision points;\npause cards;\nmeters move", FILL_ORANGE),
        ("3. Debrief", "What? So what?\nNow what?", FILL_BLUE),
        ("4. Swap and\nreplay", "play the\nother role", FILL_GREEN),
        ("5. De-role", "say one way\nyou differ from\nyour character", FILL_PURPLE),
        ("6. Journal", "Gibbs's cycle,\n300 to 600 words", FILL_GREY),
    ]
    width, height = 3.2, 2.7
    xs = [2.0, 6.0, 10.0]
    ys = [5.8, 1.4]
    for i, (title, body, fill) in enumerate(steps):
        x, y = xs[i % 3], ys[i // 3]
        ax.add_patch(
            FancyBboxPatch(
                (x - width / 2, y - height / 2),
                width,
                height,
                boxstyle="round,pad=0.06,rounding_size=0.2",
                facecolor=fill,
                edgecolor=EDGE,
                linewidth=1.6,
            )
        )
        ax.text(
            x, y + 0.65, title, ha="center", va="center", fontsize=14, fontweight="bold", color=INK
        )
        ax.text(
            x, y - 0.55, body, ha="center", va="center", fontsize=12, color=INK, linespacing=1.3
        )
    arrow = {"arrowstyle": "-|>,head_length=8,head_width=5", "linewidth": 2.2, "color": EDGE}
    for row in ys:
        for left, right in ((xs[0], xs[1]), (xs[1], xs[2])):
            start = (left + width / 2 + 0.08, row)
            end = (right - width / 2 - 0.08, row)
            ax.add_patch(FancyArrowPatch(start, end, **arrow))
    # From the end of the first row back to the start of the second.
    ax.add_patch(
        FancyArrowPatch(
            (xs[2], ys[0] - height / 2 - 0.1),
            (xs[0], ys[1] + height / 2 + 0.1),
            connectionstyle="arc3,rad=-0.08",
            **arrow,
        )
    )
    ax.text(
        6.0,
        -0.55,
        "Anyone can say \u2018pause\u2019 at any time.\nNobody has to share their own experiences.",
        ha="center",
        va="center",
        fontsize=12,
        color=INK,
        linespacing=1.3,
    )
    return save(fig, path)


FIGURES = {
    "ch6-trust-building-loop.svg": draw_trust_loop,
    "ch8-lab-session.svg": draw_lab_session,
}


def main(out_dir: Path = HERE) -> int:
    """Write every figure into out_dir (this folder by default)."""
    return draw_all(FIGURES, "leading-together-part2", out_dir)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE))
