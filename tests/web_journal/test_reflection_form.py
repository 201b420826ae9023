"""The reflection form on a book page, in Chromium: drafts kept as you type, "Save as finished"
replaces the draft (one entry, never two), keyboard use, storage failures. The form is the one
front end in kfcourse/web/reflection; its hooks are in that folder's README.md."""

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
    wait_until_mounted,
)

pytestmark = pytest.mark.browser


def reflection_entries(journal: dict, exercise: str) -> list[dict]:
    return [e for e in journal["entries"] if e.get("exercise") == exercise]


def stored_has(page, text: str) -> None:
    page.wait_for_function(
        "(t) => (localStorage.getItem('kfcourse-journal') || '').includes(t)", arg=text
    )


def status(root) -> str:
    return root.locator("[data-kf-status]").text_content() or ""


def test_draft_is_kept_as_you_type_and_back_after_reload(page, page_log, journal_site):
    page.clock.install()  # the page's clock moves only when the test moves it
    open_journal_page(page, journal_site + "reflection.html")
    clinician = form(page, "As the clinician")
    description = "We met on the ward; I chose to present the data first."
    # Each box is named by its stage and its question, not by its number alone.
    clinician.get_by_label("1. Description: Go back to the decision point").fill(description)
    clinician.get_by_label("2. Feelings: How did you feel").fill("Defensive, then curious.")
    page.clock.run_for(1000)  # the pause after typing
    stored_has(page, "curious")  # saved after a pause, without pressing any button
    assert "Draft saved" in status(clinician)
    # Later saves update the time shown, not the live region (no announcement at every pause).
    before_status = status(clinician)
    saved_at = clinician.locator("[data-kf-saved-at]")
    assert saved_at.text_content().startswith("Last saved at")
    clinician.locator("[data-kf-status]").evaluate(
        "(node) => { window.liveChanges = 0; new MutationObserver(() => window.liveChanges++)"
        ".observe(node, {childList: true, characterData: true, subtree: true}); }"
    )
    before = saved_at.text_content()
    page.clock.run_for(1100)  # the shown time moves on by at least a second
    clinician.get_by_label("3. Evaluation").fill("Mixed.")
    page.clock.run_for(1000)
    stored_has(page, "Mixed.")
    assert status(clinician) == before_status
    assert page.evaluate("() => window.liveChanges") == 0
    assert saved_at.text_content() != before

    page.reload()
    wait_until_mounted(page)
    clinician = form(page, "As the clinician")
    assert clinician.get_by_label("1. Description").input_value() == description
    assert clinician.get_by_label("2. Feelings").input_value() == "Defensive, then curious."
    assert "back in the form" in status(clinician)
    assert not page.locator(".kf-js-needed").first.is_visible()  # hidden once the form is there

    journal = stored_journal(page)
    assert schema_problems(journal) == []
    [entry] = reflection_entries(journal, "fixture-clinician")
    assert (entry["kind"], entry["model"], entry["variant"]) == ("reflection", "gibbs", "clinician")
    assert entry["draft"] is True and entry["source"] == "web"
    assert entry["title"] == "As the clinician"
    assert entry["stages"]["feelings"] == "Defensive, then curious."
    assert console_errors(page_log) == []


def test_text_typed_just_before_leaving_is_not_lost(page, journal_site):
    open_journal_page(page, journal_site + "reflection.html")
    short = form(page, "Quick check")
    short.get_by_label("What happened:").fill("We agreed the agenda together.")
    # Leave at once, well inside the save delay: the page-hide handler must save it.
    page.goto(journal_site + "plain.html")
    open_journal_page(page, journal_site + "reflection.html")
    short = form(page, "Quick check")
    assert short.get_by_label("What happened:").input_value() == "We agreed the agenda together."
    [entry] = reflection_entries(stored_journal(page), "fixture-short")
    assert entry["model"] == "gibbs_short" and entry["variant"] is None
    assert set(entry["stages"]) == {"what_happened", "feelings", "concept", "next"}


def test_save_as_finished_replaces_the_draft_never_a_copy(page, journal_site):
    open_journal_page(page, journal_site + "reflection.html")
    short = form(page, "Quick check")
    area = short.get_by_label("Next time:")
    area.fill("Ask")
    stored_has(page, '"Ask"')  # a draft first
    for text in ("Ask for the data", "Ask for the data before the meeting"):
        area.fill(text)
        short.get_by_role("button", name="Save as finished").click()
        stored_has(page, text)
        assert short.locator("[data-kf-status]").get_attribute("data-kf-state") == "finished"
    entries = reflection_entries(stored_journal(page), "fixture-short")
    assert len(entries) == 1
    assert entries[0]["draft"] is False
    assert entries[0]["stages"]["next"] == "Ask for the data before the meeting"
    assert entries[0]["updated"] > entries[0]["created"]

    short.get_by_role("button", name="Start a new reflection").click()
    assert area.input_value() == ""
    area.fill("A second reflection")
    short.get_by_role("button", name="Save as finished").click()
    stored_has(page, "A second reflection")
    entries = reflection_entries(stored_journal(page), "fixture-short")
    assert [e["stages"]["next"] for e in entries] == [
        "Ask for the data before the meeting",
        "A second reflection",
    ]


def test_choosing_the_role_shows_its_questions_and_is_recorded(page, journal_site):
    open_journal_page(page, journal_site + "reflection.html")
    chooser = form(page, "After the role-play")
    feelings = chooser.locator("textarea[data-kf-stage=feelings]")
    assert "Choose the role you played" in chooser.get_by_label("2. Feelings").evaluate(
        "(box) => box.labels[0].textContent"
    )
    chooser.locator("input[data-kf-side=patient]").check()
    assert "comment" in feelings.evaluate("(box) => box.labels[0].textContent")
    feelings.fill("Tolerated rather than heard.")
    stored_has(page, "Tolerated")
    [entry] = reflection_entries(stored_journal(page), "fixture-choose")
    assert entry["variant"] == "patient"
    page.reload()
    wait_until_mounted(page)
    chooser = form(page, "After the role-play")
    assert chooser.locator("input[data-kf-side=patient]").is_checked()


def test_finishing_an_empty_form_saves_nothing(page, journal_site):
    open_journal_page(page, journal_site + "reflection.html")
    short = form(page, "Quick check")
    assert short.locator(".kf-rf-question").text_content() == "What did you notice first?"
    short.get_by_role("button", name="Save as finished").click()
    assert "nothing to save" in status(short)
    assert page.evaluate(f"() => localStorage.getItem({STORAGE_KEY!r})") is None


def test_form_is_usable_by_keyboard_alone(page, journal_site):
    open_journal_page(page, journal_site + "reflection.html")
    chooser = form(page, "After the role-play")
    chooser.get_by_text("I played the clinician").wait_for()
    # Start from the top of the page and reach the form's controls with Tab alone.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const a = document.activeElement;
                const f = a.closest('[data-kf-reflection]');
                const label = a.labels && a.labels[0] ? a.labels[0].textContent : a.textContent;
                return {inForm: !!f, form: f ? f.dataset.kfReflection : '', label: label};
            }"""
        )
        if info["inForm"] and info["form"] == "fixture-choose":
            reached.append(info["label"].split(":")[0])
            if info["label"] == "Start a new reflection":
                break
    # Every control is reachable in reading order; one radio group is one tab stop.
    assert reached == [
        "Your journal", "I played the clinician", "1. Description", "2. Feelings",
        "3. Evaluation", "4. Analysis", "5. Conclusion", "6. Action plan",
        "Save as finished", "Start a new reflection",
    ]  # fmt: skip

    # Operate it: arrow keys choose the role, typing fills a box, Enter on the button saves.
    chooser.locator("input[data-kf-side=clinician]").focus()
    page.keyboard.press("ArrowDown")
    assert chooser.locator("input[data-kf-side=patient]").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("Typed with the keyboard <only>.")
    chooser.locator("[data-kf-finish]").focus()
    page.keyboard.press("Enter")
    stored_has(page, "keyboard")
    page.wait_for_function(
        "() => document.querySelector('[data-kf-reflection=fixture-choose] [data-kf-status]')"
        ".dataset.kfState === 'finished'"
    )
    [entry] = reflection_entries(stored_journal(page), "fixture-choose")  # one entry, not two
    assert entry["stages"]["description"] == "Typed with the keyboard <only>."
    assert entry["variant"] == "patient" and entry["draft"] is False

    # Visible focus: the focused control draws an outline at least 2px wide.
    chooser.get_by_label("1. Description").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    width = page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth")
    assert float(width.replace("px", "")) >= 2


def test_learner_text_and_author_markup_stay_text(page, journal_site):
    open_journal_page(page, journal_site + "reflection.html")
    patient = form(page, "As the patient partner </script><b>not bold</b>")
    assert patient.locator(".kf-rf-title b").count() == 0
    patient.get_by_label("1. Description").fill("<img src=x onerror=window.hacked=1> & co")
    patient.get_by_role("button", name="Save as finished").click()
    stored_has(page, "onerror")
    assert page.evaluate("() => window.hacked") is None
    assert page.locator("[data-kf-reflection] img").count() == 0


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
    short.get_by_label("What happened:").fill("Nothing must be lost <here>.")
    short.get_by_role("button", name="Save as finished").click()
    alert = short.locator("[data-kf-alert]")
    alert.get_by_text("Not saved").wait_for()
    assert words in alert.text_content()
    assert alert.get_attribute("role") == "alert"
    assert short.locator("[data-kf-status]").get_attribute("data-kf-state") == "failed"
    assert short.get_by_label("What happened:").input_value() == "Nothing must be lost <here>."


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
    form(page, "Quick check").get_by_label("What happened:").fill("From the first tab")
    form(page, "Quick check").get_by_role("button", name="Save as finished").click()
    stored_has(page, "first tab")
    form(other, "As the clinician").get_by_label("1. Description").fill("From the second tab")
    form(other, "As the clinician").get_by_role("button", name="Save as finished").click()
    stored_has(page, "second tab")
    texts = [json.dumps(e["stages"]) for e in stored_journal(page)["entries"]]
    assert any("From the first tab" in t for t in texts)
    assert any("From the second tab" in t for t in texts)
    other.close()


def test_works_from_files_opened_on_this_computer(page, journal_book):
    # A classic script, not an ES module, so the book also works from file:// (no server).
    url = (journal_book / "reflection.html").as_uri()
    open_journal_page(page, url)
    short = form(page, "Quick check")
    short.get_by_label("What happened:").fill("Written from a file:// page.")
    page.reload()  # the page-hide handler saves the draft
    wait_until_mounted(page)
    again = form(page, "Quick check").get_by_label("What happened:")
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
