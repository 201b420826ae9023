"""What every course figure shares: the palette, deterministic SVG settings, and one runner.

The draw_part*.py scripts import this from beside themselves. Fills are colour-blind-safe
(Okabe-Ito hues, lightened) with dark text, so text on every fill has contrast well above 4.5:1.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

FILL_BLUE = "#cfe3f3"
FILL_ORANGE = "#fde3c0"
FILL_GREEN = "#cdeee1"
FILL_PURPLE = "#ead7e6"
FILL_GREY = "#eeeeee"
INK = "#1a1a1a"
EDGE = "#0b4f7c"
WARN_EDGE = "#8a3b00"


def setup(salt: str) -> None:
    """Make matplotlib deterministic (fixed hash salt) and keep SVG text as text."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {
            "svg.hashsalt": salt,
            "svg.fonttype": "none",
            "font.family": "sans-serif",
            "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial"],
            "font.size": 11,
        }
    )


def save(fig: Any, path: Path) -> Path:
    """Write an SVG with no date, so that the same drawing gives the same bytes."""
    import matplotlib.pyplot as plt

    fig.savefig(path, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return path


def draw_all(figures: dict[str, Callable[[Path], Path]], salt: str, out_dir: Path) -> int:
    """Write every figure into out_dir and print what was written."""
    setup(salt)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, draw in figures.items():
        print(f"wrote {draw(out_dir / name)}")
    return 0
