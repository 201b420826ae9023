"""Exercises as live apps: Voilà runs the notebook; Chromium shows it with no code and no CDN."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser_support import axe_violations

pytestmark = pytest.mark.browser


def test_checkin_runs_as_an_app(voila: Any, page: Any) -> None:
    page.goto(voila("exercises/checkin.ipynb"), wait_until="load")
    radios = page.locator(".kf-checkin-choices input[type=radio]")
    radios.first.wait_for(state="visible", timeout=60_000)
    assert radios.count() == 4
    assert "starter_checkin" not in page.locator("body").inner_text()  # no code shown
    radios.nth(3).check()
    assert radios.nth(3).is_checked()
    assert axe_violations(page) == []
