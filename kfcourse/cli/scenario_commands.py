"""`kfcourse check`, `kfcourse play` and `kfcourse new-scenario`: scenarios from the command line.

Exit codes: 0 when all is well, 1 when a scenario has errors (or a file cannot be written),
2 on a usage error (bad option, unknown scenario, a choice number that is not offered).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kfcourse.cli import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from kfcourse.scenario.library import resolve, shipped_ids, shipped_paths
from kfcourse.scenario.modes import MODES

if TYPE_CHECKING:
    from kfcourse.scenario.diagnostics import Diagnostic
    from kfcourse.scenario.engine import Session
    from kfcourse.scenario.model import Scenario
# The engine, the linter and the starter are imported by the commands that use them: every
# other command (a class report over a thousand files takes less than a second) would wait.


def register(subparsers: Any) -> None:
    check = subparsers.add_parser(
        "check",
        help="check scenario files and report problems with file:line:col",
        description="Check scenario files (default: the shipped scenarios). Each finding is "
        "printed as `path:line:col: severity code: message`.",
    )
    check.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="scenario files or folders of them (default: the shipped ones)",
    )
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text lines (default) or a JSON list of findings",
    )
    check.add_argument(
        "--bib",
        type=Path,
        default=None,
        metavar="PATH",
        help="references.bib to check theory keys against (default: the "
        "book's references.bib above the file, in the working folder or "
        "beside the package)",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="fail on warnings too, as the book build does (it treats every warning as an error)",
    )
    check.add_argument(
        "--course",
        action="store_true",
        help="check the whole book in the working folder (or above it): every page in _toc.yml "
        "exists, every cited key is in references.bib, every kf-roleplay directive names a "
        "scenario that exists, and every scenario passes",
    )
    check.set_defaults(func=run_check)

    play = subparsers.add_parser(
        "play",
        help="play a scenario without a screen and print the transcript",
        description="Play a scenario with choices given in advance, numbered from 1 as shown "
        "at each point. In pair play the numbers go to each player in turn.",
    )
    play.add_argument(
        "scenario",
        metavar="SCENARIO",
        help="a shipped scenario id (" + ", ".join(shipped_ids()) + ") or a file",
    )
    play.add_argument(
        "--as",
        dest="mode",
        choices=MODES,
        default="pair",
        help="the role you play, or pair for both at one screen (default)",
    )
    play.add_argument(
        "--choose", default="", metavar="N,N,...", help="your choices in order, e.g. 2,1,3"
    )
    play.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="a transcript (default) or the full trace as JSON",
    )
    play.set_defaults(func=run_play)

    new = subparsers.add_parser(
        "new-scenario",
        help="write a commented starter scenario (no errors; warnings until its TODOs are gone)",
        description="Write ID.yaml: a small, commented scenario to edit into your own.",
    )
    new.add_argument("id", metavar="ID", help="lower-case letters, digits and hyphens")
    new.add_argument(
        "-o", "--output", type=Path, default=None, help="where to write it (default: ./ID.yaml)"
    )
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(func=run_new)


# -- check -----------------------------------------------------------------------------------
def _files(names: list[str]) -> list[Path]:
    if not names:
        return shipped_paths()
    out: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            out += sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        else:
            out.append(path)
    return out


def run_check(args: argparse.Namespace) -> int:
    from kfcourse.scenario.diagnostics import format_json, has_errors
    from kfcourse.scenario.lint import lint_file

    if args.bib is not None and not args.bib.is_file():
        print(f"kfcourse check: --bib {args.bib}: no such file", file=sys.stderr)
        return EXIT_USAGE
    findings: list[Diagnostic] = []
    if args.course:
        from kfcourse.cli.course_check import book_root, course_findings

        root = book_root(Path.cwd())
        if root is None:
            print("kfcourse check --course: no _toc.yml here or above; run it in the book's "
                  "folder", file=sys.stderr)  # fmt: skip
            return EXIT_USAGE
        findings, checked = course_findings(root)
        files: list[Path] = [root / "_toc.yml"] * checked
    else:
        files = _files(args.files)
        for path in files:
            findings += lint_file(path, args.bib)
    if args.format == "json":
        print(format_json(findings))
    else:
        for finding in findings:
            print(finding.format())
    errors = sum(f.severity == "error" for f in findings)
    print(
        f"{len(files)} file(s) checked: {errors} error(s), {len(findings) - errors} warning(s)",
        file=sys.stderr,
    )
    if has_errors(findings) or (args.strict and findings):
        return EXIT_ERRORS
    return EXIT_OK


# -- play ------------------------------------------------------------------------------------
def _numbers(text: str) -> list[int] | None:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not all(p.isdigit() for p in parts):
        return None
    return [int(p) for p in parts]


def _meters(s: Scenario, measures: dict[str, int]) -> str:
    return " · ".join(
        f"{s.measures[k].name} {v} ({s.measures[k].words(v)})" for k, v in measures.items()
    )


def _who(s: Scenario, role: str) -> str:
    r = s.roles.get(role)
    return f"the {role} ({r.name})" if r else role


def _transcript(session: Session) -> str:
    s = session.scenario
    lines = [
        f"{s.title} ({s.id}, version {s.version})",
        "You play: "
        + ("both roles, taking turns" if session.mode == "pair" else _who(s, session.mode)),
        f"Content note: {s.content_note}",
        f"Start: {_meters(s, s.start_measures())}",
        "",
    ]
    learners = session.learners()
    for step in session.trace:
        point = s.points[step["point"]]
        lines.append(f"{step['n']}. {point.title} [{point.id}]")
        if step["kind"] == "impasse":
            picks = ", ".join(
                f"{role} {'(rules)' if role in step['ruled'] else '(you)'} chose {cid}"
                for role, cid in step["picks"].items()
            )
            lines.append(f"   Impasse: {picks}.")
            lines.append(f"   {step['prompt']}")
        else:
            by = " and ".join(
                f"{r} ({'rules' if r in step['ruled'] else 'you'})"
                for r in step["picks"]
                if r in learners or r in step["ruled"]
            )
            lines.append(f"   {by}: {step['text']}")
            lines.append(f"   Why: {step['why']}")
            if step["theory"]:
                lines.append(f"   Theory: {', '.join(step['theory'])}")
        changes = ", ".join(f"{k} {v:+d}" for k, v in step["changes"].items() if v) or "none"
        lines.append(f"   Changes: {changes}. Now: {_meters(s, step['measures'])}")
    lines.append("")
    ending = session.ending_summary()
    if ending:
        lines += [
            f"Ending: {ending['title']}",
            f"   {ending['text']}",
            f"   What the partnership achieved: {ending['achieved']}",
        ]
    else:
        waiting = ", ".join(session.awaiting())
        lines.append(
            f"Stopped at point {session.node}: waiting for a choice from {waiting} "
            f"(give more numbers with --choose)."
        )
    lines.append(f"Final measures: {_meters(s, session.measures)}")
    return "\n".join(lines)


def run_play(args: argparse.Namespace) -> int:
    from kfcourse.scenario.engine import Session, SessionError
    from kfcourse.scenario.lint import check_file

    path = resolve(args.scenario)
    if path is None:
        print(
            f"kfcourse play: no scenario {args.scenario!r}: give a shipped id ("
            + ", ".join(shipped_ids())
            + ") or a path to a file",
            file=sys.stderr,
        )
        return EXIT_USAGE
    numbers = _numbers(args.choose)
    if numbers is None:
        print(
            f"kfcourse play: --choose takes numbers separated by commas, not {args.choose!r}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    checked = check_file(path)
    if checked.playable is None:
        for finding in checked.findings:
            if finding.severity == "error":
                print(finding.format(), file=sys.stderr)
        print("kfcourse play: the scenario has errors; fix them first", file=sys.stderr)
        return EXIT_ERRORS
    try:
        session = Session(checked.playable, args.mode)
    except SessionError as exc:
        print(f"kfcourse play: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    for position, number in enumerate(numbers, 1):
        if not session.awaiting():
            print(
                f"kfcourse play: play ended before choice {position} ({number}); the rest "
                "were ignored",
                file=sys.stderr,
            )
            break
        role = session.awaiting()[0]
        try:
            session.choose(number, role)
        except SessionError as exc:
            print(
                f"kfcourse play: choice {position} at point {session.node} ({role}): {exc}",
                file=sys.stderr,
            )
            return EXIT_USAGE
    if args.format == "json":
        print(json.dumps(session.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(_transcript(session))
    return EXIT_OK


# -- new-scenario ----------------------------------------------------------------------------
def run_new(args: argparse.Namespace) -> int:
    from kfcourse.scenario.starter import ID_PATTERN, starter_text

    if not ID_PATTERN.match(args.id):
        print(
            f"kfcourse new-scenario: {args.id!r} is not a valid id: use lower-case letters, "
            "digits and hyphens",
            file=sys.stderr,
        )
        return EXIT_USAGE
    target: Path = args.output or Path(f"{args.id}.yaml")
    if target.exists() and not args.force:
        print(
            f"kfcourse new-scenario: {target} already exists; choose another name or add --force",
            file=sys.stderr,
        )
        return EXIT_ERRORS
    try:
        target.write_text(starter_text(args.id, str(target)), encoding="utf-8")
    except OSError as exc:
        print(f"kfcourse new-scenario: cannot write {target}: {exc.strerror}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"Wrote {target}. Edit the TODOs, then run: kfcourse check {target}")
    return EXIT_OK
