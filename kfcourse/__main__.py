"""`python -m kfcourse` runs the command line."""

import sys

from kfcourse.cli.main import main

sys.exit(main())
