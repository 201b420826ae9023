"""Running exercises as Voilà apps with the course's template (nothing loaded from another host).

The template lives in ``kfcourse/jupyter_data/voila/templates/kfcourse``; Voilà finds it when that
``jupyter_data`` folder is on ``JUPYTER_PATH``.
"""

from __future__ import annotations

import os
from pathlib import Path

TEMPLATE = "kfcourse"
JUPYTER_DATA = Path(__file__).parent / "jupyter_data"


def voila_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """A copy of the environment with the course's template on ``JUPYTER_PATH``."""
    env = dict(os.environ if base is None else base)
    paths = [str(JUPYTER_DATA), *filter(None, env.get("JUPYTER_PATH", "").split(os.pathsep))]
    env["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


def voila_args() -> list[str]:
    return [f"--template={TEMPLATE}"]
