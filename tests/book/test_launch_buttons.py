"""The launch buttons on exercise pages open the exercise as a Voilà app on Binder (the same link
`kfcourse class-links --binder` prints), never as a notebook in JupyterLab."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from kfcourse.launch_links import binder_link
from tests.conftest import ROOT

pytestmark = pytest.mark.book


def test_each_exercise_page_opens_its_app_on_binder(book_html: Path) -> None:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    repo = config["repository"]["url"]
    branch = config["repository"].get("branch") or "main"
    binder = config["launch_buttons"]["binderhub_url"]
    pages = sorted((book_html / "exercises").glob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        links = [html.unescape(u) for u in re.findall(r'href="([^"]*/v2/[^"]*)"', text)]
        expected = binder_link(binder, repo, f"exercises/{page.stem}.ipynb", branch)
        assert links == [expected], (page.name, links)
        assert "lab/tree" not in text and "urlpath=tree" not in text
