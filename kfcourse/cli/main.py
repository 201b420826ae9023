"""Entry point of the `kfcourse` command.

Each subcommand lives in its own module under `kfcourse.cli` and exposes
`register(subparsers)`, which adds its parser and sets `func` to a callable
taking the parsed arguments and returning an exit code. Modules are imported
only to build the parser, so `kfcourse --help` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from kfcourse import __version__
from kfcourse.cli import EXIT_ERRORS, EXIT_USAGE
from kfcourse.plugins import present_modules

# Order here is the order in `kfcourse --help`.
COMMAND_MODULES = (
    "kfcourse.cli.scenario_commands",  # check, play, new-scenario
    "kfcourse.cli.journal_commands",  # journal show|export|import
    "kfcourse.cli.class_commands",  # class-report
    "kfcourse.cli.class_links",  # class-links
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kfcourse",
        description="Tools for the Leading Together course: check and play scenarios, "
        "keep and export your journal.",
    )
    parser.add_argument("--version", action="version", version=f"kfcourse {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in present_modules(COMMAND_MODULES):
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except BrokenPipeError:  # the reader went away (`kfcourse check | head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the final flush at exit cannot fail again
        return EXIT_ERRORS


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
