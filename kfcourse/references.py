"""The course's references as short citations: ``lukes2005power`` -> "Lukes (2005)" and the full
reference, for the role-play debrief's "theory behind each choice" in both hosts.

The book page links each citation to the references page (the Sphinx directive adds the link);
Voilà has no references page, so it shows the full reference. Both read
``kfcourse/data/citations.json``, generated from ``references.bib`` by this module
(``python -m kfcourse.references``, run by ``make vectors``; a test checks it is up to date), so
the learner environment needs no BibTeX parser. Editorial fields (``note``, ``verification``)
never reach a learner.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIB = ROOT / "references.bib"
OUTPUT = Path(__file__).resolve().parent / "data" / "citations.json"
HIDDEN_FIELDS = ("note", "verification", "annote", "abstract", "keywords")


def _surname(person: Any) -> str:
    """A person's surname as printed ("{NHS England}" is an organisation: kept whole)."""
    parts = [*person.prelast_names, *person.last_names]
    text = " ".join(parts) or " ".join(person.first_names)
    return text.replace("{", "").replace("}", "")


def short_label(entry: Any) -> str:
    """Author-year: "Lukes (2005)", "Huxham and Vangen (2005)", "West et al. (2014)"."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_surname(p) for p in people]
    if not names:
        names = [entry.fields.get("organization") or entry.fields.get("title", "Anon.")]
    year = entry.fields.get("year", "n.d.")
    if len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who} ({year})".replace("{", "").replace("}", "")


def citations_from_bib(path: Path = BIB) -> dict[str, dict[str, str]]:
    """Every entry of a BibTeX file as {key: {label, full}} (needs pybtex: the book's tools)."""
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    data = parse_file(str(path), bib_format="bibtex")
    for entry in data.entries.values():
        for field in HIDDEN_FIELDS:
            entry.fields.pop(field, None)
    style = find_plugin("pybtex.style.formatting", "plain")()
    formatted = {e.key: e for e in style.format_entries(data.entries.values())}
    return {
        key: {"label": short_label(entry), "full": formatted[key].text.render_as("text")}
        for key, entry in sorted(data.entries.items())
    }


@cache
def citations() -> dict[str, dict[str, str]]:
    """The generated citations shipped with the package ({} when the file is missing)."""
    try:
        text = files("kfcourse").joinpath("data", "citations.json").read_text("utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(text)


def citations_for(keys: list[str] | tuple[str, ...] | set[str]) -> dict[str, dict[str, str]]:
    """The citations of these keys (a key with no entry is left out: the player shows the key)."""
    known = citations()
    return {key: dict(known[key]) for key in sorted(keys) if key in known}


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:] or [str(OUTPUT)])[0])
    out.write_text(json.dumps(citations_from_bib(), indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
