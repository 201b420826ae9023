"""`kfcourse check --course`: the whole book's sources, checked before a build.

Every page in ``_toc.yml`` exists; every ``{cite}`` key is in ``references.bib``; every
``kf-roleplay`` directive names a scenario that exists (a shipped id or a file beside the page)
and that scenario passes the checker; and every shipped scenario passes. Findings use the
scenario checker's format (``path:line:col: severity code: message``) with codes CC001-CC003.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from kfcourse.scenario.bib import bib_keys
from kfcourse.scenario.diagnostics import ERROR, Diagnostic
from kfcourse.scenario.library import resolve, shipped_paths
from kfcourse.scenario.lint import check_file

CITE = re.compile(r"\{cite(?::[a-z]+)?\}`(?P<keys>[^`]*)`")
ROLEPLAY = re.compile(r"^\s*(?::{3,}|`{3,})\{kf-roleplay\}\s*(?P<name>\S+)")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def book_root(start: Path) -> Path | None:
    """The folder holding ``_toc.yml``: ``start`` or the nearest one above it."""
    here = start.resolve()
    return next((p for p in (here, *here.parents) if (p / "_toc.yml").is_file()), None)


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return 1


def _prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines outside code fences, with double-backtick inline code blanked (a directive or a
    citation written inside a code sample is an example); a backtick directive's own opening
    line is kept."""
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if fence is not None:
            if line.strip() == fence:
                fence = None
            continue
        if opening := FENCE.match(line):
            fence = opening.group(1)
            if "{" in line:
                yield number, line
            continue
        yield number, re.sub(r"``.+?``", "", line)


def course_findings(root: Path) -> tuple[list[Diagnostic], int]:
    """Findings over the book at ``root`` and the number of files checked."""
    import yaml

    from kfcourse.book import toc_pages

    toc_file = root / "_toc.yml"
    toc_text = toc_file.read_text(encoding="utf-8")
    try:
        pages = toc_pages(root)
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [Diagnostic(str(toc_file), 1, 1, ERROR, "CC001",
                           f"_toc.yml cannot be read ({reason})")], 1  # fmt: skip
    bib = root / "references.bib"
    keys = bib_keys(bib) if bib.is_file() else frozenset()
    out: list[Diagnostic] = []
    scenarios: set[Path] = set(shipped_paths())
    checked = 1
    for page in pages:
        found = [root / f"{page}{s}" for s in (".md", ".ipynb") if (root / f"{page}{s}").is_file()]
        if not found:
            out.append(Diagnostic(str(toc_file), _line_of(toc_text, page), 1, ERROR, "CC001",
                                  f"'{page}' is listed but there is no {page}.md or "
                                  f"{page}.ipynb"))  # fmt: skip
            continue
        source = found[0]
        checked += 1
        if source.suffix != ".md":
            continue
        text = source.read_text(encoding="utf-8", errors="replace")
        for number, line in _prose_lines(text):
            for match in CITE.finditer(line):
                for key in (k.strip() for k in match["keys"].split(",")):
                    if key and key not in keys:
                        out.append(Diagnostic(str(source), number, match.start() + 1, ERROR,
                                              "CC002", f"cited key '{key}' is not in "
                                              "references.bib"))  # fmt: skip
            if directive := ROLEPLAY.match(line):
                name = directive["name"]
                shipped = resolve(name) if "/" not in name and "\\" not in name else None
                path = shipped or (source.parent / name)
                if not path.is_file():
                    message = (f"kf-roleplay names '{name}', which is neither a shipped "
                               "scenario nor a file beside this page")  # fmt: skip
                    out.append(Diagnostic(str(source), number, 1, ERROR, "CC003", message))
                else:
                    scenarios.add(path.resolve())
    for path in sorted(scenarios):
        checked += 1
        out += check_file(path, bib if bib.is_file() else None).findings
    return out, checked
