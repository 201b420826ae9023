"""The command line shared by every exercise's vectors module: write the vectors to one file.

``python -m kfcourse.activities.<exercise>_vectors OUT.json`` (``make vectors`` runs each one).
"""

from __future__ import annotations

import sys
from collections.abc import Callable


def write_main(module: str, label: str, text: Callable[[], str], argv: list[str] | None) -> int:
    """Write ``text()`` to the one path in ``argv``; one line of reason and 1 or 2 on failure."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(f"usage: python -m {module} OUT.json", file=sys.stderr)
        return 2
    try:
        with open(args[0], "w", encoding="utf-8") as out:
            out.write(text())
    except OSError as exc:
        print(f"could not write {args[0]}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote the {label} vectors to {args[0]}")
    return 0
