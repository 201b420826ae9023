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


def test_checkin_escapes_its_question() -> None:
    box = kfcourse.starter_checkin("<img src=x onerror=alert(1)> & <b>bold</b>")
    heading = box.children[1].value
    assert "<img" not in heading and "<b>" not in heading
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in heading


def test_checkin_offers_every_level_and_no_default() -> None:
    choices = kfcourse.starter_checkin().children[2]
    assert len(choices.options) == 4 and choices.value is None


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


def test_checkin_keeps_one_answer_in_the_journal(tmp_path: Path) -> None:
    from kfcourse.journal import JournalStore

    store = JournalStore(tmp_path / "journal.json")
    box = kfcourse.starter_checkin(store=store)
    choices, status = box.children[2], box.children[4]
    assert store.entries() == []  # nothing is written until the learner chooses
    choices.value = choices.options[1]
    choices.value = choices.options[3]  # a change of mind updates the same entry
    [entry] = store.entries("exercise_answer")
    assert entry["exercise"] == "welcome-checkin"
    assert entry["answer"] == choices.options[3]
    assert "Saved" in status.value


def test_checkin_says_when_an_answer_was_not_kept(tmp_path: Path) -> None:
    from kfcourse.journal import JournalStore

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the journal's folder should be", encoding="utf-8")
    box = kfcourse.starter_checkin(store=JournalStore(blocked / "journal.json"))
    box.children[2].value = box.children[2].options[0]
    assert "Not saved" in box.children[4].value and "role='alert'" in box.children[4].value
