"""`kfcourse class-links`: one link per exercise that opens it as a Voilà app for a class.

For a JupyterHub, the links are nbgitpuller links (the hub fetches the course repository into
each learner's home, then opens the app); for a BinderHub, links that build the environment in
``binder/`` and open the app. Query values are encoded as the nbgitpuller link generator does
(see ``kfcourse.launch_links``, which the book's launch buttons use too).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kfcourse.cli import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from kfcourse.launch_links import binder_link, hub_link


def register(subparsers: Any) -> None:
    links = subparsers.add_parser(
        "class-links",
        help="print a link per exercise that opens it as an app on a JupyterHub or Binder",
        description="Print one link per exercise notebook (exercises/*.ipynb) that opens it as "
        "a Voilà app: nbgitpuller links for a JupyterHub (--hub), Binder links (--binder), or "
        "both. The repository and branch default to those in the book's _config.yml.",
    )
    links.add_argument("--hub", metavar="URL", help="your JupyterHub, e.g. https://hub.uni.ac.uk")
    links.add_argument("--binder", metavar="URL", help="a BinderHub, e.g. https://mybinder.org")
    links.add_argument("--branch", default=None, help="the branch (default: _config.yml's)")
    links.add_argument("--repo", default=None, metavar="URL", help="the course repository")
    links.set_defaults(func=run_class_links)


def _config(root: Path | None) -> dict[str, Any]:
    import yaml

    if root is None:
        return {}
    try:
        data = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    repository = data.get("repository") if isinstance(data, dict) else None
    return repository if isinstance(repository, dict) else {}


def _usable(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def run_class_links(args: argparse.Namespace) -> int:
    from kfcourse.cli.course_check import book_root

    def fail(reason: str, code: int = EXIT_USAGE) -> int:
        print(f"kfcourse class-links: {reason}", file=sys.stderr)
        return code

    if not args.hub and not args.binder:
        return fail("give --hub URL (a JupyterHub), --binder URL (a BinderHub), or both")
    for option, url in (("--hub", args.hub), ("--binder", args.binder)):
        if url is not None and not _usable(url):
            return fail(f"{option} {url!r} is not a web address (https://...)")
    root = book_root(Path.cwd())
    config = _config(root)
    repo = args.repo or config.get("url")
    branch = args.branch or config.get("branch") or "main"
    if not _usable(repo):
        return fail("no repository: run this in the book's folder or give --repo URL")
    notebooks = sorted((root / "exercises").glob("*.ipynb")) if root else []
    if not notebooks:
        return fail("no exercise notebooks found in exercises/ (run it in the book's folder)",
                    EXIT_ERRORS)  # fmt: skip
    for notebook in notebooks:
        path = notebook.relative_to(root).as_posix()  # type: ignore[arg-type]
        print(f"{notebook.stem}")
        if args.hub:
            print(f"  JupyterHub: {hub_link(args.hub, repo, path, branch)}")
        if args.binder:
            print(f"  Binder:     {binder_link(args.binder, repo, path, branch)}")
    return EXIT_OK
