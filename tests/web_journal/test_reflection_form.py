"""The reflection form in Chromium: drafts kept as you type, keyboard use, storage failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.web_journal.journal_helpers import (
    STORAGE_KEY,
    console_errors,
    form,
    open_journal_page,
    schema_problems,
    stored_journal,
)

pytestmark = pytest.mark.browser


def reflection_entries(journal: dict, exercise: str) -> list[dict]:
    return [e for e in journal["entries"] if e.get("exercise") == exercise]


def test_draft_is_kept_as_you_type_and_back_after_reload(page, page_log, journal_site):
    open_journal_page(page, journal_site + "reflection.html")
    clinician = form(page, "As the clinician")
    description = "We met on the ward; I chose to present the data first."
    clinician.get_by_label("1. Description").fill(description)
    clinician.get_by_label("2. Feelings").fill("Defensive, then curious.")
    # Saved by the debounce, without pressing any button.
    page.wait_for_function(
        "() => (localStorage.getItem('kfcourse-journal') || '').includes('curious')", timeout=5000
    )
    assert "Draft saved" in clinician.locator(".kf-status").text_content()
    # Later saves update the time shown, not the live region (no announcement at every pause).
    status = clinician.locator(".kf-status").text_content()
    saved_at = clinician.locator(".kf-saved-at")
    assert saved_at.text_content().startswith("Last saved at")
    clinician.locator(".kf-status").evaluate(
        "(node) => { window.liveChanges = 0; new MutationObserver(() => window.liveChanges++)"
        ".observe(node, {childList: true, characterData: true, subtree: true}); }"
    )
    before = saved_at.text_content()
    clinician.get_by_label("2. Feelings").fill("Defensive, then curious")
    clinician.get_by_label("2. Feelings").fill("Defensive, then curious.")
    page.wait_for_function(
        "() => (localStorage.getItem('kfcourse-journal') || '').includes('curious.')"
    )
    page.wait_for_timeout(1100)  # the shown time moves on by at least a second
    clinician.get_by_label("3. Evaluation").fill("Mixed.")
    page.wait_for_function(
        "() => (localStorage.getItem('kfcourse-journal') || '').includes('Mixed.')"
    )
    assert clinician.locator(".kf-status").text_content() == status
    assert page.evaluate("() => window.liveChanges") == 0
    assert saved_at.text_content() != before

    page.reload()
    page.wait_for_function("() => window.KFJournal && window.KFJournal.ready === true")
    clinician = form(page, "As the clinician")
    assert clinician.get_by_label("1. Description").input_value() == description
    assert clinician.get_by_label("2. Feelings").input_value() == "Defensive, then curious."
    assert "back in the form" in clinician.locator(".kf-status").text_content()
    assert not page.locator(".kf-js-needed").first.is_visible()  # hidden once the form is there

    journal = stored_journal(page)
    assert schema_problems(journal) == []
    [entry] = reflection_entries(journal, "fixture-clinician")
    assert entry["kind"] == "reflection"
    assert entry["model"] == "gibbs"
    assert entry["variant"] == "clinician"
    assert entry["draft"] is True
    assert entry["source"] == "web"
    assert entry["stages"]["feelings"] == "Defensive, then curious."
    assert console_errors(page_log) == []


def test_text_typed_just_before_leaving_is_not_lost(page, journal_site):
    open_journal_page(page, journal_site + "reflection.html")
    short = form(page, "Quick check")
    short.get_by_label("What happened?").fill("We agreed the agenda together.")
    # Leave at once, well inside the debounce: the page-hide handler must save it.
    page.goto(journal_site + "plain.html")
    open_journal_page(page, journal_site + "reflection.html")
    short = form(page, "Quick check")
    assert short.get_by_label("What happened?").input_value() == "We agreed the agenda together."
    [entry] = reflection_entries(stored_journal(page), "fixture-short")
    assert entry["model"] == "gibbs_short"
    assert entry["variant"] is None
    assert set(entry["stages"]) == {"what_happened", "feelings", "concept", "next"}


def test_editing_a_saved_reflection_updates_one_entry(page, journal_site):
    open_journal_page(page, journal_site + "reflection.html")
    short = form(page, "Quick check")
    area = short.get_by_label("What next?")
    for text in ("Ask", "Ask for the data", "Ask for the data before the meeting"):
        area.fill(text)
        short.get_by_role("button", name="Save as finished").click()
        assert "as finished" in short.locator(".kf-status").text_content()
    entries = reflection_entries(stored_journal(page), "fixture-short")
    assert len(entries) == 1
    assert entries[0]["draft"] is False
    assert entries[0]["stages"]["next"] == "Ask for the data before the meeting"
    assert entries[0]["updated"] > entries[0]["created"]

    short.get_by_role("button", name="Start a new reflection").click()
    assert area.input_value() == ""
    area.fill("A second reflection")
    short.get_by_role("button", name="Save as finished").click()
    entries = reflection_entries(stored_journal(page), "fixture-short")
    assert [e["stages"]["next"] for e in entries] == [
        "Ask for the data before the meeting",
        "A second reflection",
    ]
    page.reload()
    page.wait_for_function("() => window.KFJournal && window.KFJournal.ready === true")
    again = form(page, "Quick check").get_by_label("What next?")
    assert again.input_value() == "A second reflection"


def test_choosing_the_role_shows_its_prompts_and_is_recorded(page, journal_site):
    open_journal_page(page, journal_site + "reflection.html")
    chooser = form(page, "After the role-play")
    feelings_prompt = chooser.locator(".kf-stage-prompt").nth(1)
    assert "Choose the role you played" in feelings_prompt.text_content()
    chooser.get_by_label("I played the patient partner").check()
    assert "comment" in feelings_prompt.text_content()
    chooser.get_by_label("2. Feelings").fill("Tolerated rather than heard.")
    chooser.get_by_role("button", name="Save as finished").click()
    [entry] = reflection_entries(stored_journal(page), "fixture-choose")
    assert entry["variant"] == "patient"
    page.reload()
    page.wait_for_function("() => window.KFJournal && window.KFJournal.ready === true")
    chooser = form(page, "After the role-play")
    assert chooser.get_by_label("I played the patient partner").is_checked()


def test_finishing_an_empty_form_saves_nothing(page, journal_site):
    open_journal_page(page, journal_site + "reflection.html")
    short = form(page, "Quick check")
    short.get_by_role("button", name="Save as finished").click()
    assert "nothing to save" in short.locator(".kf-status").text_content()
    assert page.evaluate(f"() => localStorage.getItem({STORAGE_KEY!r})") is None


def test_form_is_usable_by_keyboard_alone(page, journal_site):
    open_journal_page(page, journal_site + "reflection.html")
    chooser = form(page, "After the role-play")
    chooser.get_by_text("I played the clinician").wait_for()
    # Start from the top of the page and reach the form's first control with Tab alone.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const a = document.activeElement;
                const f = a.closest('.kf-reflection-form');
                const label = a.labels && a.labels[0] ? a.labels[0].textContent : a.textContent;
                const title = f ? f.querySelector('.kf-reflection-title').textContent : '';
                return {inForm: !!f, label: label, title: title};
            }"""
        )
        if info["inForm"] and info["title"] == "After the role-play":
            reached.append(info)
            if info["label"] == "Download my journal (JSON)":
                break
    labels = [r["label"] for r in reached]
    # Every control is reachable in reading order; one radio group is one tab stop.
    expected = [
        "Your journal",
        "I played the clinician",
        "1. Description",
        "2. Feelings",
        "3. Evaluation",
        "4. Analysis",
        "5. Conclusion",
        "6. Action plan",
        "Save as finished",
        "Start a new reflection",
        "Download my journal (JSON)",
    ]
    assert labels == expected

    # Operate it: arrow keys choose the role, typing fills a box, Enter on the button saves.
    page.get_by_label("I played the clinician").first.focus()
    page.keyboard.press("ArrowDown")
    assert chooser.get_by_label("I played the patient partner").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("Typed with the keyboard <only>.")
    chooser.get_by_role("button", name="Save as finished").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => (localStorage.getItem('kfcourse-journal') || '').includes('keyboard')"
    )
    assert "as finished" in chooser.locator(".kf-status").text_content()
    [entry] = reflection_entries(stored_journal(page), "fixture-choose")
    assert entry["stages"]["description"] == "Typed with the keyboard <only>."
    assert entry["variant"] == "patient" and entry["draft"] is False

    # Visible focus: the focused control draws an outline at least 2px wide.
    chooser.get_by_label("1. Description").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    width = page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth")
    assert float(width.replace("px", "")) >= 2


FULL_STORAGE = """
(() => {
  const real = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (String(key).startsWith('kfcourse-journal')) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return real.call(this, key, value);
  };
})();
"""

BLOCKED_STORAGE = """
Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
});
"""


@pytest.mark.parametrize(
    ("script", "words"),
    [
        (FULL_STORAGE, "storage for this website is full"),
        (BLOCKED_STORAGE, "does not let the website keep anything"),
    ],
    ids=["quota-full", "storage-blocked"],
)
def test_storage_failure_is_reported_and_text_is_kept(page, journal_site, script, words):
    page.add_init_script(script)
    open_journal_page(page, journal_site + "reflection.html")
    short = form(page, "Quick check")
    short.get_by_label("What happened?").fill("Nothing must be lost <here>.")
    short.get_by_role("button", name="Save as finished").click()
    alert = short.locator(".kf-alert")
    assert words in alert.text_content()
    assert "download your journal" in alert.text_content()
    assert alert.get_attribute("role") == "alert"
    assert short.get_by_label("What happened?").input_value() == "Nothing must be lost <here>."
    # The journal held by the page still has the text, and the form's download gives it.
    with page.expect_download() as info:
        short.get_by_role("button", name="Download my journal (JSON)").click()
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    [entry] = reflection_entries(exported, "fixture-short")
    assert entry["stages"]["what_happened"] == "Nothing must be lost <here>."
    assert schema_problems(exported) == []


def test_damaged_stored_journal_is_set_aside_not_overwritten(page, journal_site):
    page.goto(journal_site + "plain.html")
    assert page.evaluate("() => window.KFJournal") is None  # no journal scripts on this page
    damaged = '{"format": "kfcourse-journal", "schema_version": 1, "entries": [{"id": '
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, damaged])
    open_journal_page(page, journal_site + "journal.html")
    aside = page.locator(".kf-set-aside")
    assert aside.is_visible()
    assert "could not be read" in aside.text_content()
    kept = page.evaluate(
        """() => Object.keys(localStorage).filter(k => k.startsWith('kfcourse-journal:damaged:'))
                 .map(k => localStorage.getItem(k))"""
    )
    assert kept == [damaged]
    with page.expect_download() as info:
        aside.get_by_role("button", name="Download the damaged copy").click()
    assert Path(info.value.path()).read_text(encoding="utf-8") == damaged


def test_two_tabs_do_not_overwrite_each_other(page, journal_site):
    open_journal_page(page, journal_site + "reflection.html")
    other = page.context.new_page()
    open_journal_page(other, journal_site + "reflection.html")
    form(page, "Quick check").get_by_label("What happened?").fill("From the first tab")
    form(page, "Quick check").get_by_role("button", name="Save as finished").click()
    form(other, "As the clinician").get_by_label("1. Description").fill("From the second tab")
    form(other, "As the clinician").get_by_role("button", name="Save as finished").click()
    journal = stored_journal(page)
    texts = [json.dumps(e["stages"]) for e in journal["entries"]]
    assert any("From the first tab" in t for t in texts)
    assert any("From the second tab" in t for t in texts)
    other.close()


STORAGE_FILLS_UP_LATER = """
(() => {
  const real = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (key === 'kfcourse-journal' && window.storageIsFull) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return real.call(this, key, value);
  };
})();
"""


def test_storage_filling_up_mid_session_keeps_the_latest_text(page, journal_site):
    page.add_init_script(STORAGE_FILLS_UP_LATER)
    open_journal_page(page, journal_site + "reflection.html")
    short = form(page, "Quick check")
    short.get_by_label("What happened?").fill("First version, stored.")
    short.get_by_role("button", name="Save as finished").click()
    assert "as finished" in short.locator(".kf-status").text_content()
    page.evaluate("() => { window.storageIsFull = true; }")
    short.get_by_label("What happened?").fill("Second version, only on this page.")
    short.get_by_role("button", name="Save as finished").click()
    assert "storage for this website is full" in short.locator(".kf-alert").text_content()
    assert "First version" in json.dumps(stored_journal(page))  # storage holds the old one
    with page.expect_download() as info:
        short.get_by_role("button", name="Download my journal (JSON)").click()
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    [entry] = reflection_entries(exported, "fixture-short")
    assert entry["stages"]["what_happened"] == "Second version, only on this page."


def test_works_from_files_opened_on_this_computer(page, journal_book):
    # Classic scripts, not ES modules, so the book also works from file:// (no server).
    url = (journal_book / "reflection.html").as_uri()
    open_journal_page(page, url)
    short = form(page, "Quick check")
    short.get_by_label("What happened?").fill("Written from a file:// page.")
    short.get_by_role("button", name="Save as finished").click()
    page.reload()
    page.wait_for_function("() => window.KFJournal && window.KFJournal.ready === true")
    again = form(page, "Quick check").get_by_label("What happened?")
    assert again.input_value() == "Written from a file:// page."


def test_without_javascript_the_page_says_what_is_missing(browser, journal_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(journal_site + "reflection.html")
        notes = page.locator(".kf-reflection .kf-js-needed")
        assert notes.count() == 4
        assert notes.first.is_visible()
        assert "needs JavaScript" in notes.first.text_content()
    finally:
        context.close()
