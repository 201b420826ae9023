"""Build the book once and say so: the build's log and a digest of what it was built from.

``python -m kfcourse.book_build [--path-output DIR]`` runs Jupyter Book as `make book` always has
(every page, warnings as errors), shows its output, and writes beside the HTML
``_build/kf-build.json``: the digest of the sources, the exit status and the whole log. The test
suite's ``book_build`` fixture reuses that build when the digest still matches the sources
(``make site`` then ``make test`` builds the book once, not twice) and builds again otherwise.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--all", "-W", "-n", "--keep-going"]
STAMP = "kf-build.json"
# What the book is not built from: outputs, caches, tools and the tests themselves.
NOT_SOURCES = {
    ".git", "_build", ".venv", "node_modules", "tests", "bench", ".ci", "__pycache__",
    ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis", ".ipynb_checkpoints",
}  # fmt: skip


def source_digest(root: Path = ROOT) -> str:
    """A digest of every file the book is built from (names and contents)."""
    digest = hashlib.sha256()
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in NOT_SOURCES and not d.endswith(".egg-info")]
        for name in files:
            if name.startswith("kfcourse-journal") or name.endswith((".pyc", ".egg-info")):
                continue
            found.append(Path(folder, name))
    for path in sorted(found):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build(root: Path = ROOT, path_output: Path | None = None, echo: bool = True) -> dict[str, Any]:
    """Build the book; returns (and writes) {digest, returncode, output}."""
    digest = source_digest(root)
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", *FLAGS]
    if path_output is not None:
        cmd += ["--path-output", str(path_output)]
    cmd.append(str(root))
    proc = subprocess.Popen(
        cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line)
        if echo:
            sys.stdout.write(line)
    result = {"digest": digest, "returncode": proc.wait(), "output": "".join(lines)}
    build_dir = (path_output or root) / "_build"
    build_dir.mkdir(parents=True, exist_ok=True)
    (build_dir / STAMP).write_text(json.dumps(result), encoding="utf-8")
    return result


def reusable(build_dir: Path, root: Path = ROOT) -> dict[str, Any] | None:
    """The stamp of the build in ``build_dir`` if it was made from the sources as they are now."""
    try:
        stamp = json.loads((build_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("digest") != source_digest(root):
        return None
    if not (build_dir / "html" / "index.html").is_file():
        return None
    return stamp


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = None
    if args[:1] == ["--path-output"] and len(args) == 2:
        out = Path(args[1])
    elif args:
        print("usage: python -m kfcourse.book_build [--path-output DIR]", file=sys.stderr)
        return 2
    return int(build(ROOT, out)["returncode"])


if __name__ == "__main__":
    sys.exit(main())
