"""The `kfcourse` command line: one module per group of subcommands."""
