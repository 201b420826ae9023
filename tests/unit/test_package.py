"""The package's foundations: a light import, the CLI's contract, the offline widget files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.errors import ConfigError

import kfcourse
from kfcourse.cli.main import main
from kfcourse.sphinx import offline_widgets
from kfcourse.sphinx.static_files import serve_files

HEAVY = ("pandas", "matplotlib", "ipywidgets", "anywidget", "sphinx", "yaml", "jsonschema")


def test_import_is_light() -> None:
    code = (
        f"import json, sys, kfcourse; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_lazy_attribute_and_unknown_name() -> None:
    assert callable(kfcourse.starter_checkin)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = kfcourse.nope


def test_scenario_names_load_on_first_use() -> None:
    """The command line builds its parser without the scenario engine, the YAML loader or the
    linter: each command imports what it uses (a class report has no need of them)."""
    heavy = ("yaml", "kfcourse.scenario.lint", "kfcourse.scenario.engine")
    code = (
        "import json, sys; from kfcourse.cli.main import build_parser; build_parser(); "
        f"print(json.dumps([m for m in {heavy!r} if m in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
    import kfcourse.scenario as scenario
    from kfcourse.scenario.engine import Session

    assert scenario.Session is Session
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = scenario.nope


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"kfcourse {kfcourse.__version__}"


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: kfcourse" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-command"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_console_script_runs() -> None:
    exe = Path(sys.executable).with_name("kfcourse")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("kfcourse ")


def test_checkin_carries_its_question_as_data_not_markup() -> None:
    # The view (kfcourse/web/checkin/view.js) shows it with textContent: text, never HTML.
    box = kfcourse.starter_checkin("<img src=x onerror=alert(1)> & <b>bold</b>")
    assert box.options["question"] == "<img src=x onerror=alert(1)> & <b>bold</b>"
    assert "textContent" in box._esm and "innerHTML" not in box._esm


def test_checkin_offers_every_level_and_no_default() -> None:
    box = kfcourse.starter_checkin()
    assert len(box.messages["choices"]) == 4 and box.restored is None


def test_offline_widget_files_are_staged(tmp_path: Path) -> None:
    node_modules = offline_widgets.find_node_modules(Path(__file__).parent)
    app = SimpleNamespace(
        outdir=str(tmp_path / "html"), config=SimpleNamespace(html_static_path=[])
    )
    for _ in range(2):  # serving twice adds the staging folder to the static path once
        folder = serve_files(
            app, offline_widgets.VENDOR, offline_widgets.vendored_files(node_modules)
        )
    vendored = {p.name for p in folder.iterdir()}
    assert {"require.min.js", "embed-amd.js", "kf-widgets-config.js"} <= vendored
    assert any(name.endswith(".woff2") for name in vendored)
    assert app.config.html_static_path == [str(folder.parent)]


def test_missing_widget_files_are_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="make setup"):
        offline_widgets.find_node_modules(tmp_path)


def _answer(box, answer: str) -> dict:
    """What the check-in's view sends when the learner chooses, and Python's reply."""
    sent: list[dict] = []
    box.send = lambda content, buffers=None: sent.append(content)
    box._on_msg(box, {"type": "save", "request": 1, "answer": answer}, [])
    return sent[-1]


def test_checkin_keeps_one_answer_in_the_journal(tmp_path: Path) -> None:
    from kfcourse.journal import JournalStore

    store = JournalStore(tmp_path / "journal.json")
    box = kfcourse.starter_checkin(store=store)
    choices = box.messages["choices"]
    assert store.entries() == []  # nothing is written until the learner chooses
    assert _answer(box, choices[1])["ok"] is True
    reply = _answer(box, choices[3])  # a change of mind updates the same entry
    [entry] = store.entries("exercise_answer")
    assert entry["exercise"] == "welcome-checkin"
    assert entry["answer"] == choices[3] and reply["entry"]["id"] == entry["id"]
    assert _answer(box, "an answer not offered")["ok"] is False
    assert store.entries("exercise_answer") == [entry]


def test_checkin_says_when_an_answer_was_not_kept(tmp_path: Path) -> None:
    from kfcourse.journal import JournalStore

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the journal's folder should be", encoding="utf-8")
    box = kfcourse.starter_checkin(store=JournalStore(blocked / "journal.json"))
    reply = _answer(box, box.messages["choices"][0])
    assert reply["ok"] is False and reply["reason"]
