"""The `kfcourse check`, `play` and `new-scenario` commands: output formats and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kfcourse.cli.main import main
from kfcourse.scenario.library import shipped_paths

from .conftest import FIXTURES

LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (error|warning) SC\d{3}: .+$")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_check_shipped_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check"], capsys)
    assert (code, out) == (0, "")
    assert f"{len(shipped_paths())} file(s) checked: 0 error(s), 0 warning(s)" in err


def test_check_reports_errors_with_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "sc101-missing-target.yaml"
    code, out, _ = run(["check", str(path)], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines and all(LINE.match(line) for line in lines)
    assert lines[0].startswith(f"{path}:18:11: error SC101: ")


def test_warnings_alone_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(FIXTURES / "sc108-zero-effects.yaml")], capsys)
    assert code == 0 and "warning SC108" in out


def test_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--format", "json", str(FIXTURES)], capsys)
    assert code == 1
    data = json.loads(out)
    assert data and all(
        set(d) == {"path", "line", "column", "severity", "code", "message"} for d in data
    )
    assert {d["code"] for d in data} >= {"SC001", "SC101", "SC111"}


def test_check_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--format", "xml"], capsys)[0] == 2
    assert run(["check", "--bib", "/no/such.bib"], capsys)[0] == 2
    assert run(["frobnicate"], capsys)[0] == 2


def test_check_missing_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(tmp_path / "none.yaml")], capsys)
    assert code == 1 and "SC001" in out and "cannot read" in out


def test_play_transcript(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["play", "discharge-delays", "--as", "doctor", "--choose", "2,2,2,2,2"], capsys
    )
    assert code == 0
    assert "You play: the doctor (Dr Jordan Ellis)" in out
    assert "Content note:" in out and "Why:" in out and "Final measures:" in out
    assert "Ending: A partnership the board could see" in out


def test_play_stops_when_choices_run_out(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["play", "unread-report", "--as", "patient", "--choose", "1"], capsys)
    assert code == 0 and "Stopped at point" in out


def test_play_json_trace(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        [
            "play",
            "clinic-codesign",
            "--as",
            "pair",
            "--format",
            "json",
            "--choose",
            "2,2,2,2,2,2,2,2,2",
        ],
        capsys,
    )
    data = json.loads(out)
    assert code == 0 and data["scenario"] == "clinic-codesign" and data["mode"] == "pair"
    step = data["trace"][0]
    assert {"point", "picks", "choice", "why", "theory", "measures", "changes"} <= set(step)


def test_play_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["play", "no-such-scenario"], capsys)[0] == 2
    assert run(["play", "discharge-delays", "--choose", "one"], capsys)[0] == 2
    code, _, err = run(["play", "discharge-delays", "--as", "doctor", "--choose", "9"], capsys)
    assert code == 2 and "choose a number from 1 to 3" in err
    assert run(["play", "discharge-delays", "--as", "nurse"], capsys)[0] == 2


def test_play_a_broken_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["play", str(FIXTURES / "sc002-wrong-type.yaml")], capsys)
    assert code == 1 and "SC002" in err


def test_new_scenario(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "my-first.yaml"
    assert run(["new-scenario", "my-first", "-o", str(target)], capsys)[0] == 0
    assert "id: my-first" in target.read_text(encoding="utf-8")
    code, out, _ = run(["check", str(target)], capsys)
    todos = target.read_text(encoding="utf-8").count("TODO")
    assert code == 0 and 0 < out.count("warning SC125") <= todos
    assert run(["check", "--strict", str(target)], capsys)[0] == 1  # as the book build would
    target.write_text(target.read_text(encoding="utf-8").replace("TODO", "Done"), "utf-8")
    assert run(["check", "--strict", str(target)], capsys)[:2] == (0, "")
    assert run(["new-scenario", "my-first", "-o", str(target)], capsys)[0] == 1
    assert run(["new-scenario", "my-first", "-o", str(target), "--force"], capsys)[0] == 0
    assert run(["new-scenario", "Bad Id"], capsys)[0] == 2


def test_console_script_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kfcourse", "check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_play_refuses_a_scenario_with_lint_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["play", str(FIXTURES / "sc104-loop-no-exit.yaml")], capsys)
    assert code == 1 and "SC104" in err and "fix them first" in err


PAGE = Path(__file__).resolve().parents[2] / "chapters" / "instructors" / "writing-a-scenario.md"


def test_page_examples_are_true(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The outputs quoted on "Writing a scenario" are what the commands print."""
    page = PAGE.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(["new-scenario", "falls-clinic"], capsys)[0] == 0
    starter = Path("falls-clinic.yaml")
    text = starter.read_text(encoding="utf-8")
    filled = text.replace("TODO", "Done")  # step 2: every TODO replaced
    starter.write_text(
        filled.replace("- {to: choose-a-test}", "- {to: choose-a-tset}", 1), encoding="utf-8"
    )
    code, out, _ = run(["check", "falls-clinic.yaml"], capsys)
    assert code == 1
    for line in out.splitlines():
        assert f"   {line}\n" in page, line
    _, out, _ = run(["play", "discharge-delays", "--as", "doctor", "--choose", "3"], capsys)
    assert "Stopped at point A2r" in out and "Keep the accounts back" in out
    _, out, _ = run(["play", "discharge-delays", "--as", "doctor", "--choose", "2"], capsys)
    assert "Stopped at point A3" in out and "A2r" not in out


def test_a_closed_pipe_gives_no_traceback() -> None:
    for args in (["check", "--format", "json"], ["play", "discharge-delays", "--format", "json"]):
        done = subprocess.Popen(
            [sys.executable, "-m", "kfcourse", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert done.stdout is not None
        done.stdout.close()  # the reader has gone, as with `| head -0`
        _, err = done.communicate(timeout=60)
        assert b"Traceback" not in err and b"BrokenPipe" not in err, err
        assert done.returncode in (0, 1)


def test_a_tab_in_yaml_is_called_a_tab(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    for broken in (
        text.replace("  p1:", "\tp1:", 1),
        text.replace("    actor: doctor", "\tactor: doctor", 1),
    ):
        path = tmp_path / "tabbed.yaml"
        path.write_text(broken, encoding="utf-8")
        code, out, _ = run(["check", str(path)], capsys)
        assert code == 1 and "SC001" in out and "a tab character" in out, out


def test_new_scenario_in_a_folder_that_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        ["new-scenario", "x", "-o", str(tmp_path / "no-such-folder" / "x.yaml")], capsys
    )
    assert code == 1 and "cannot write" in err and "Traceback" not in err
