"""The tests reuse the book `make site` built only while the sources are what it was built from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kfcourse.book_build import build, reusable, source_digest
from tests.conftest import FAST, ROOT

pytestmark = pytest.mark.book


def test_a_build_is_reused_until_a_source_changes(tmp_path: Path) -> None:
    if FAST:
        pytest.skip("make test-fast builds no book")
    book = tmp_path / "book"
    shutil.copytree(ROOT / "tests" / "instructors" / "fixture_pack_book", book)
    (book / "node_modules").symlink_to(ROOT / "node_modules")  # the widget scripts it serves
    made = build(book, echo=False)
    assert made["returncode"] == 0, made["output"][-2000:]
    assert reusable(book / "_build", book) == made
    digest = source_digest(book)
    (book / "_build" / "html" / "extra.txt").write_text("outputs do not count", "utf-8")
    assert source_digest(book) == digest
    page = book / "pack.md"
    page.write_text(page.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    assert source_digest(book) != digest
    assert reusable(book / "_build", book) is None
