"""`kfcourse class-links` against links written by hand from the nbgitpuller and Binder docs."""

from __future__ import annotations

from kfcourse.cli.class_links import binder_link, hub_link
from kfcourse.cli.main import main
from tests.instructors.test_extending import ROOT

REPO = "https://github.com/leading-together/leading-together"
NOTEBOOK = "exercises/roleplay-discharge-delays.ipynb"


def test_hub_links_match_known_good_links():
    assert hub_link("https://hub.example.ac.uk/", REPO, NOTEBOOK) == (
        "https://hub.example.ac.uk/hub/user-redirect/git-pull?"
        "repo=https%3A%2F%2Fgithub.com%2Fleading-together%2Fleading-together"
        "&urlpath=voila%2Frender%2Fleading-together%2Fexercises%2Froleplay-discharge-delays.ipynb"
        "&branch=main"
    )
    assert hub_link("https://uni.ac.uk/jupyter", REPO + ".git", "exercises/a b~.ipynb", "v 2") == (
        "https://uni.ac.uk/jupyter/hub/user-redirect/git-pull?"
        "repo=https%3A%2F%2Fgithub.com%2Fleading-together%2Fleading-together.git"
        "&urlpath=voila%2Frender%2Fleading-together%2Fexercises%2Fa+b%7E.ipynb&branch=v+2"
    )


def test_binder_links_match_known_good_links():
    assert binder_link("https://mybinder.org", REPO, NOTEBOOK, "main") == (
        "https://mybinder.org/v2/gh/leading-together/leading-together/main?"
        "urlpath=voila%2Frender%2Fexercises%2Froleplay-discharge-delays.ipynb"
    )
    assert binder_link("https://binder.uni.ac.uk/", "https://gitlab.com/a/b", "x.ipynb") == (
        "https://binder.uni.ac.uk/v2/git/https%3A%2F%2Fgitlab.com%2Fa%2Fb/main?"
        "urlpath=voila%2Frender%2Fx.ipynb"
    )


def test_the_command_lists_every_exercise(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["class-links", "--hub", "https://hub.example.ac.uk", "--branch", "spring"]) == 0
    out = capsys.readouterr().out
    notebooks = sorted((ROOT / "exercises").glob("*.ipynb"))
    assert out.count("git-pull?") == len(notebooks) > 0
    for notebook in notebooks:
        assert f"%2Fexercises%2F{notebook.name}&branch=spring" in out
    assert main(["class-links"]) == 2
    assert main(["class-links", "--hub", "hub.example"]) == 2
    assert "not a web address" in capsys.readouterr().err
