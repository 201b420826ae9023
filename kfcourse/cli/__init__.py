"""The `kfcourse` command line: one module per group of subcommands."""

# Exit codes of every subcommand: no problem, problems found (or a refused file), usage error.
EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
