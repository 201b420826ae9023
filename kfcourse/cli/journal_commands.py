"""`kfcourse journal show|export|import`: the journal from a terminal.

Exit codes: 0 when all is well; 1 when a file is refused or the journal cannot be used (a
one-line reason on stderr, the journal untouched); 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kfcourse.cli import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from kfcourse.cli.terminal import terminal_text

if TYPE_CHECKING:
    from kfcourse.journal import JournalStore


def register(subparsers: Any) -> None:
    journal = subparsers.add_parser(
        "journal",
        help="show, export or import your journal",
        description="Your journal of the course. It lives in kfcourse-journal.json in the "
        "working folder unless --journal or $KFCOURSE_JOURNAL says otherwise. Nothing is sent "
        "anywhere.",
    )
    actions = journal.add_subparsers(dest="action", metavar="ACTION")

    def with_path(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument(
            "--journal",
            type=Path,
            default=None,
            metavar="PATH",
            help="the journal file (default: $KFCOURSE_JOURNAL or ./kfcourse-journal.json)",
        )
        return parser

    show = with_path(actions.add_parser("show", help="what the journal holds"))
    show.add_argument("--last", type=int, default=10, metavar="N", help="list the last N entries")
    show.set_defaults(func=run_show)

    export = with_path(
        actions.add_parser(
            "export",
            help="write the journal as JSON, Markdown or CSV, or a class export",
            description="Write the journal to a file (or standard output with -o -). JSON keeps "
            "everything and can be imported again; Markdown is for a portfolio; CSV for a "
            "spreadsheet. --class NAME makes a pseudonymised class export for your instructor.",
        )
    )
    export.add_argument("--format", choices=("json", "md", "csv"), default="json")
    export.add_argument("-o", "--output", default="-", metavar="FILE", help="default: stdout")
    export.add_argument(
        "--class",
        dest="class_name",
        default=None,
        metavar="NAME",
        help="make a class export: NAME is any name you choose (it is hashed, never sent)",
    )
    export.add_argument(
        "--include-text",
        action="store_true",
        help="with --class: include your reflections and written answers",
    )
    export.add_argument(
        "--salt",
        default=None,
        help="with --class: the class code your instructor gave you (default: "
        "$KFCOURSE_CLASS_SALT or the course's own)",
    )
    export.set_defaults(func=run_export)

    importing = with_path(
        actions.add_parser(
            "import",
            help="merge a journal file (e.g. downloaded from the course website) into yours",
            description="Check FILE, then merge its entries into your journal. Entries you "
            "already have are not duplicated; importing the same file twice changes nothing. "
            "A file that is not a valid journal is refused and your journal is not touched.",
        )
    )
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.set_defaults(func=run_import)
    journal.set_defaults(func=lambda args: _usage(journal))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _fail(command: str, reason: str) -> int:
    print(terminal_text(f"kfcourse {command}: {reason}"), file=sys.stderr)
    return EXIT_ERRORS


def _guarded(command: str, action: Callable[[], int]) -> int:
    """Run `action`, turning journal errors into one line, and showing notices on stderr."""
    from kfcourse.journal import JournalError

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            code = action()
        except JournalError as exc:
            code = _fail(command, str(exc))
        except OSError as exc:  # whatever the store did not foresee: still one line
            code = _fail(command, f"{exc.strerror or exc} ({exc.filename or 'the journal'})")
    for warning in caught:
        print(terminal_text(f"note: {warning.message}"), file=sys.stderr)
    return code


def _pending(command: str, store: JournalStore) -> bool:
    """Say where each damaged file moved aside is and how to restore it; True if any is."""
    from kfcourse.journal.store import restore_advice

    pending = store.pending_backups()
    for backup in pending:
        _fail(
            command,
            f"a damaged journal file was moved aside and is kept as {backup}; this journal "
            f"does not hold its entries. {restore_advice(backup)}",
        )
    return bool(pending)


def _write(output: str, text: str) -> None:
    if output == "-":
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8", newline="")


def say(text: str) -> None:
    """Print one line of the journal to the terminal, control characters escaped."""
    print(terminal_text(text))


def run_show(args: argparse.Namespace) -> int:
    from kfcourse.journal import JournalStore

    def action() -> int:
        store = JournalStore(args.journal)
        document = store.load_checked()
        entries = document["entries"]
        pending = store.pending_backups()
        state = "" if store.path.exists() else " (not created yet)"
        if pending:
            state = " (started again after the file was moved aside: see below)"
        say(f"Journal: {store.path}{state}")
        if document.get("display_name"):
            say(f"Kept by: {document['display_name']}")
        counts = Counter(e.get("kind") for e in entries)
        labels = (
            ("roleplay", "role-play runs"),
            ("reflection", "reflections"),
            ("self_rating", "self-ratings"),
            ("exercise_answer", "exercise answers"),
        )
        say(f"{len(entries)} entries: " + ", ".join(f"{counts[k]} {t}" for k, t in labels))
        for entry in entries[-max(args.last, 0) :] if args.last else []:
            say("  " + _one_line(entry))
        for backup in store.backups():
            say(f"Backup kept: {backup.name}")
        return EXIT_ERRORS if _pending("journal show", store) else EXIT_OK

    return _guarded("journal show", action)


def _one_line(entry: dict[str, Any]) -> str:
    when = str(entry.get("created", ""))[:16].replace("T", " ")
    kind = entry.get("kind")
    if kind == "roleplay":
        what = f"role-play {entry.get('scenario_id')} as {entry.get('side')}"
        what += f", ending {entry['ending']}" if entry.get("ending") else ", not finished"
    elif kind == "reflection":
        from kfcourse.journal.entries import reflection_texts, words

        total = sum(words(t) for t in reflection_texts(entry).values())
        what = f"reflection ({entry.get('model')}), {total} words"
    elif kind == "self_rating":
        what = f"self-rating {entry.get('instrument')} ({entry.get('moment') or 'single'})"
    else:
        what = f"answer to {entry.get('exercise')}"
    draft = " [draft]" if entry.get("draft") else ""
    return f"{when}  {what}{draft}"


def run_export(args: argparse.Namespace) -> int:
    from kfcourse.journal import JournalStore
    from kfcourse.journal.exports import class_export_text, export_text

    def action() -> int:
        store = JournalStore(args.journal)
        if args.output != "-" and Path(args.output).absolute() == store.path:
            return _fail("journal export", "the output is the journal itself; choose another file")
        document = store.load_checked()
        if args.class_name is not None:
            text = class_export_text(
                document, args.class_name, include_free_text=args.include_text, salt=args.salt
            )
        else:
            text = export_text(document, args.format)
        try:
            _write(args.output, text)
        except OSError as exc:
            return _fail("journal export", f"cannot write {args.output} ({exc.strerror})")
        if args.output != "-":
            what = "class export" if args.class_name is not None else args.format.upper()
            count = len(document["entries"])
            message = f"Wrote {count} entries as {what} to {args.output}"
            print(terminal_text(message), file=sys.stderr)
        return EXIT_ERRORS if _pending("journal export", store) else EXIT_OK

    return _guarded("journal export", action)


def run_import(args: argparse.Namespace) -> int:
    from kfcourse.journal import JournalStore, RefusedFile

    def action() -> int:
        store = JournalStore(args.journal)
        try:
            report = store.import_file(args.file)
        except RefusedFile as exc:
            return _fail("journal import", f"refused {args.file}: {exc}")
        say(f"Imported {args.file} into {store.path.name}: {report.summary()}")
        return EXIT_OK

    return _guarded("journal import", action)
