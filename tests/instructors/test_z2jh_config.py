"""The Zero to JupyterHub configuration points at this course: its repository and branch (as
_config.yml names them), the folder nbgitpuller makes (as class-links expects), an exercises
folder that exists, and a learner image built from binder/."""

from __future__ import annotations

from pathlib import Path

import yaml

from kfcourse.launch_links import repo_name

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "z2jh" / "config.yaml"


def test_the_hub_fetches_this_course_and_opens_its_exercises_as_apps() -> None:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    book = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]
    single = config["singleuser"]
    command = single["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command == ["gitpuller", book["url"], book["branch"], repo_name(book["url"])]
    folder = single["defaultUrl"].removeprefix("/voila/tree/")
    assert single["defaultUrl"].startswith("/voila/tree/")
    top, _, inside = folder.partition("/")
    assert top == repo_name(book["url"]) and (ROOT / inside).is_dir()
    assert list((ROOT / inside).glob("*.ipynb"))
    for need in ("requirements.txt", "postBuild", "runtime.txt"):
        assert (ROOT / "binder" / need).is_file()
    assert single["storage"]["capacity"] and single["memory"]["limit"]
    assert config["cull"]["enabled"] is True
