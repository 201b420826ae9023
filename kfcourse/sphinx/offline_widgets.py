"""Serve the widget scripts (require.js, the ipywidgets HTML manager and its fonts) from the book.

myst-nb loads them from CDNs by default, and many NHS networks block CDNs: the widgets then
render as nothing. The files come from ``node_modules`` (installed from ``package-lock.json``)
and are served through :mod:`kfcourse.sphinx.static_files`, so they load only on pages with
widgets, and only once.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from kfcourse.sphinx.static_files import serve_files

VENDOR = "kf-vendor"
HERE = Path(__file__).parent

# Source (relative to node_modules) -> name under _static/kf-vendor/.
FILES = {
    "requirejs/require.js": "require.min.js",
    "@jupyter-widgets/html-manager/dist/embed-amd.js": "embed-amd.js",
}
FONT_SUFFIXES = {".woff", ".woff2", ".ttf", ".eot", ".svg"}


def find_node_modules(start: Path) -> Path:
    for folder in (start, *start.parents):
        candidate = folder / "node_modules"
        if (candidate / "@jupyter-widgets" / "html-manager").is_dir():
            return candidate
    raise ConfigError(
        "kfcourse.sphinx: the widget scripts are missing (no node_modules/@jupyter-widgets/"
        f"html-manager above {start}). Run `make setup` (it runs `npm ci`)."
    )


def vendored_files(node_modules: Path) -> list[tuple[Path, str]]:
    """(source, name under _static/kf-vendor/) for every file the widget pages load."""
    pairs = [(node_modules / src, name) for src, name in FILES.items()]
    dist = node_modules / "@jupyter-widgets" / "html-manager" / "dist"
    pairs += [(f, f.name) for f in dist.iterdir() if f.suffix in FONT_SUFFIXES]
    pairs.append((HERE / "static" / "kf-widgets-config.js", "kf-widgets-config.js"))
    return pairs


def on_config_inited(app: Sphinx, config: Config) -> None:
    serve_files(app, VENDOR, vendored_files(find_node_modules(Path(app.confdir))))


def setup(app: Sphinx) -> None:
    # Priority 900: after Jupyter Book's own config-inited handlers have scanned _static.
    app.connect("config-inited", on_config_inited, priority=900)
