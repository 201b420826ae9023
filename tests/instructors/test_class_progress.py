"""`kfcourse class-report` shows how far it has read on a terminal, and nothing of it elsewhere."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import sys
import termios

from kfcourse.cli.main import main
from tests.instructors.support import write_exports


def _drain(master: int) -> str:
    chunks = []
    while select.select([master], [], [], 0.2)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal's other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_appears_on_a_terminal_and_not_in_a_log(tmp_path, monkeypatch, capsys):
    exports = write_exports(tmp_path / "class", 3)
    (tmp_path / "class" / "junk.json").write_text("{}", encoding="utf-8")
    output = tmp_path / "report.html"
    monkeypatch.setattr("kfcourse.cli.class_commands._Progress.DELAY", 0)

    assert main(["class-report", str(exports[0].parent), "-o", str(output)]) == 0
    err = capsys.readouterr().err  # not a terminal: the messages, and no progress
    assert "Reading class exports" not in err and "\r" not in err
    assert "left out" in err and "Wrote the class report on 3 learner(s)" in err

    master, replica = pty.openpty()
    fcntl.ioctl(replica, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # 80 columns
    try:
        with open(replica, "w", encoding="utf-8", closefd=True) as terminal:
            monkeypatch.setattr(sys, "stderr", terminal)
            assert main(["class-report", str(exports[0].parent), "-o", str(output)]) == 0
            terminal.flush()
            shown = _drain(master)
    finally:
        os.close(master)
    assert "Reading class exports" in shown and "/4" in shown  # 4 files, one of them junk
    assert "left out" in shown and "Wrote the class report on 3 learner(s)" in shown
    assert shown.index("Reading class exports") < shown.index("left out")
