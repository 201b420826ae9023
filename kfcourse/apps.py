"""Running exercises as Voilà apps with the course's template (nothing loaded from another host).

The template lives in ``kfcourse/jupyter_data/voila/templates/kfcourse``; Voilà finds it when that
``jupyter_data`` folder is on ``JUPYTER_PATH``, and its settings (``jupyter_data/config/voila.py``)
when ``jupyter_data/config`` is on ``JUPYTER_CONFIG_PATH``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

TEMPLATE = "kfcourse"
JUPYTER_DATA = Path(__file__).parent / "jupyter_data"
JUPYTER_CONFIG = JUPYTER_DATA / "config"


def _prepend(env: dict[str, str], name: str, folder: Path) -> None:
    paths = [str(folder), *filter(None, env.get(name, "").split(os.pathsep))]
    env[name] = os.pathsep.join(dict.fromkeys(paths))


def voila_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """A copy of the environment with the course's template and Voilà settings on the paths."""
    env = dict(os.environ if base is None else base)
    _prepend(env, "JUPYTER_PATH", JUPYTER_DATA)
    _prepend(env, "JUPYTER_CONFIG_PATH", JUPYTER_CONFIG)
    return env


def notebook_title(path: Path) -> str | None:
    """A notebook's title (its first Markdown heading), or None if it has none or is unreadable."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return None
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        for line in ("".join(source) if isinstance(source, list) else source).splitlines():
            if line.startswith("# "):
                return line[2:].strip() or None
    return None


def add_exercise_titles(page_config: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Voilà's page_config_hook: the titles of the notebooks in the folder being listed (Voilà
    uses what the hook returns, for every page: returning nothing broke every app).

    The course's list of exercises (``tree-lab.html`` in the template) shows them by title."""
    settings = kwargs.get("settings") or {}
    manager = settings.get("contents_manager")
    root = Path(getattr(manager, "root_dir", "") or os.getcwd())
    folder = root / (kwargs.get("notebook_path") or "")
    if not folder.is_dir():
        return page_config
    titles = {nb.name: notebook_title(nb) for nb in sorted(folder.glob("*.ipynb"))}
    page_config["kfExerciseTitles"] = {name: title for name, title in titles.items() if title}
    return page_config


def voila_args() -> list[str]:
    return [f"--template={TEMPLATE}"]
