"""Plug-in lists (CLI commands, Sphinx parts) fail loudly on a name with no module."""

from __future__ import annotations

import pytest

from kfcourse.plugins import present_modules


def test_listed_modules_are_imported() -> None:
    assert [m.__name__ for m in present_modules(["kfcourse.book"])] == ["kfcourse.book"]


def test_a_misspelt_module_is_an_error_naming_it() -> None:
    with pytest.raises(ModuleNotFoundError, match=r"kfcourse\.sphinx\.roleplay_directiv\b"):
        list(present_modules(["kfcourse.book", "kfcourse.sphinx.roleplay_directiv"]))


def test_every_listed_part_exists() -> None:
    from kfcourse.cli.main import COMMAND_MODULES
    from kfcourse.sphinx import PARTS

    assert len(list(present_modules(COMMAND_MODULES))) == len(COMMAND_MODULES)
    assert len(list(present_modules(PARTS))) == len(PARTS)
