"""Guided reflection on the Gibbs cycle, saved to the journal as you type.

The prompts are the course's own (COURSE-BRIEF §5.1), shared with the book pages through
`kfcourse/web/journal/gibbs-prompts.json`: a clinician and a patient-partner set of the six
stages, and a four-question short form for after the smaller exercises. A draft is written
to the journal a moment after typing stops (and at least every few seconds while typing
goes on), so closing the tab loses at most a few seconds of writing.
"""

from __future__ import annotations

import html
import json
import threading
import time
from collections.abc import Callable
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any

import ipywidgets as widgets

from kfcourse.journal import JournalError, JournalStore, entries
from kfcourse.journal.entries import words
from kfcourse.widgets.style import course_style

VARIANTS = ("clinician", "patient", "short")


@cache
def prompts() -> dict[str, Any]:
    """The shared prompt file: variants -> label, guidance, stages (key, label, prompt)."""
    text = files("kfcourse.web").joinpath("journal", "gibbs-prompts.json").read_text("utf-8")
    return json.loads(text)


class Debouncer:
    """Run `action` once input has paused for `delay` seconds, or `max_wait` after the first
    change of a burst, whichever comes first. `flush()` runs a pending action at once."""

    def __init__(self, action: Callable[[], None], delay: float = 1.5, max_wait: float = 5.0):
        self.action, self.delay, self.max_wait = action, delay, max_wait
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._first: float | None = None

    def trigger(self) -> None:
        with self._lock:
            now = time.monotonic()
            if self._first is None:
                self._first = now
            if self._timer is not None:
                self._timer.cancel()
            wait = min(self.delay, max(0.0, self._first + self.max_wait - now))
            self._timer = threading.Timer(wait, self._fire)
            self._timer.daemon = True
            self._timer.start()

    @property
    def pending(self) -> bool:
        return self._first is not None

    def _fire(self) -> None:
        with self._lock:
            if self._first is None:
                return
            self._first, self._timer = None, None
        self.action()

    def flush(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
        self._fire()


def _escape_paragraphs(text: str) -> str:
    """Learner text as HTML paragraphs, every character escaped."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in parts)


class GibbsReflection(widgets.VBox):
    """A guided reflection (full Gibbs cycle or the short form) that saves itself as a draft."""

    def __init__(
        self,
        variant: str = "clinician",
        *,
        store: JournalStore | None = None,
        exercise: str | None = None,
        related_entry: str | None = None,
        title: str | None = None,
        delay: float = 1.5,
        max_wait: float = 5.0,
        resume: bool = True,
    ) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"variant must be one of {', '.join(VARIANTS)}, not {variant!r}")
        self.store = store if store is not None else JournalStore()
        self.exercise, self.related_entry = exercise, related_entry
        self.entry: dict[str, Any] | None = None
        self.short = variant == "short"
        self.variant = variant
        self._saver = Debouncer(self._save_draft, delay, max_wait)
        data = prompts()
        heading = title or ("A short reflection" if self.short else "Reflect on the role-play")
        self.heading = widgets.HTML(f"<h3>{html.escape(heading)}</h3>")
        self.about = widgets.HTML()
        self.role = widgets.RadioButtons(
            options=[(data["variants"][v]["label"], v) for v in ("clinician", "patient")],
            value="clinician" if self.short else variant,
            description="Your role:",
            layout=widgets.Layout(display="none" if self.short else "flex", width="auto"),
        )
        self.role.observe(self._role_changed, "value")
        stage_keys = [s["key"] for s in self._stages()]
        self.prompts = {key: widgets.HTML() for key in stage_keys}
        self.boxes = {
            key: widgets.Textarea(
                value="",
                continuous_update=True,
                layout=widgets.Layout(width="98%", height="4.5em" if self.short else "7em"),
                style={"description_width": "11em" if self.short else "7.5em"},
            )
            for key in stage_keys
        }
        for box in self.boxes.values():
            box.observe(self._typed, "value")
            box.add_class("kf-reflection-text")
        self.count = widgets.HTML()
        self.status = widgets.HTML(
            "<p role='status' aria-live='polite'>Nothing written yet. Your words are saved "
            f"to your journal ({html.escape(self.store.path.name)}) as you type.</p>"
        )
        self.finish = widgets.Button(
            description="Save as finished",
            tooltip="Mark this reflection as finished (you can still change it)",
            layout=widgets.Layout(width="auto"),
        )
        self.finish.on_click(lambda _: self.save(final=True))
        self.new = widgets.Button(
            description="Start a new reflection", layout=widgets.Layout(width="auto")
        )
        self.new.on_click(lambda _: self.reset())
        self.preview = widgets.HTML()
        self.preview.add_class("kf-reflection-preview")
        fields: list[widgets.Widget] = []
        for key in stage_keys:
            fields += [self.prompts[key], self.boxes[key]]
        super().__init__(
            [course_style(), self.heading, self.about, self.role, *fields, self.count,
             widgets.HBox([self.finish, self.new]), self.status, self.preview]
        )  # fmt: skip
        self.add_class("kf-widget")
        self.add_class("kf-reflection")
        self._show_prompts()
        if resume and exercise:
            self._resume()

    # ------------------------------------------------------------------ prompts
    def _variant_data(self) -> dict[str, Any]:
        key = "short" if self.short else self.role.value
        return prompts()["variants"][key]

    def _stages(self) -> list[dict[str, str]]:
        return self._variant_data()["stages"]

    def _show_prompts(self) -> None:
        data = self._variant_data()
        self.about.value = (
            f"<p>{html.escape(data['guidance'])}</p>"
            f"<p><small>{html.escape(prompts()['attribution'])}</small></p>"
        )
        for stage in self._stages():
            self.prompts[
                stage["key"]
            ].value = f"<p class='kf-reflection-prompt'>{html.escape(stage['prompt'])}</p>"
            box = self.boxes[stage["key"]]
            box.description = stage["label"]  # the text box's label (its accessible name)
            box.tooltip = stage["prompt"]

    def _role_changed(self, _change: dict[str, Any]) -> None:
        self._show_prompts()
        if self.texts():
            self._saver.trigger()

    def _resume(self) -> None:
        """Bring back this exercise's unfinished draft, if the journal holds one."""
        model = "gibbs_short" if self.short else "gibbs"
        try:
            found = self.store.entries("reflection")
        except JournalError:
            return
        drafts = [
            e for e in found
            if e.get("exercise") == self.exercise and e.get("model") == model and e.get("draft")
        ]  # fmt: skip
        if not drafts:
            return
        draft = max(drafts, key=lambda e: str(e.get("updated")))
        if not self.short and draft.get("variant") in ("clinician", "patient"):
            self.role.unobserve(self._role_changed, "value")
            self.role.value = draft["variant"]
            self.role.observe(self._role_changed, "value")
            self._show_prompts()
        stages = draft.get("stages") or {}
        for key, box in self.boxes.items():
            box.unobserve(self._typed, "value")
            box.value = str(stages.get(key, ""))
            box.observe(self._typed, "value")
        self.entry = draft
        self._say("Your unfinished draft is back, as you left it. Carry on writing.")

    # ------------------------------------------------------------------ saving
    def texts(self) -> dict[str, str]:
        """What the learner has written, by stage (blank stages left out)."""
        return {k: box.value for k, box in self.boxes.items() if box.value.strip()}

    def _typed(self, _change: dict[str, Any]) -> None:
        total = sum(words(t) for t in self.texts().values())
        target = "one sentence each is enough" if self.short else "300 to 600 in all is plenty"
        self.count.value = f"<p>{total} words written ({target}).</p>"
        self._saver.trigger()

    def _save_draft(self) -> None:
        self.save(final=False)

    def save(self, final: bool = False) -> dict[str, Any] | None:
        """Write the reflection to the journal now (a draft unless `final`)."""
        texts = {k: box.value for k, box in self.boxes.items()}
        if not any(t.strip() for t in texts.values()):
            if final:
                self._say("Write something in at least one box before saving.")
            return None
        variant = None if self.short else self.role.value
        try:
            if self.entry is None:
                entry = entries.reflection(
                    model="gibbs_short" if self.short else "gibbs",
                    stages=texts,
                    variant=variant,
                    draft=not final,
                    exercise=self.exercise,
                    related_entry=self.related_entry,
                )
            else:
                entry = entries.touched(self.entry, stages=texts, variant=variant,
                                        draft=not final)  # fmt: skip
            self.store.add(entry)
        except JournalError as exc:
            self._say(f"Not saved: {exc}. Copy your text somewhere safe.")
            return None
        self.entry = entry
        stamp = datetime.now().strftime("%H:%M:%S")
        if final:
            self._say(f"Saved as finished at {stamp}. It is in your journal.")
            self._show_preview()
        else:
            self._say(f"Draft saved at {stamp}.")
        return entry

    def flush(self) -> None:
        """Save a pending draft now (used by tests and before the kernel stops)."""
        if self._saver.pending:
            self._saver.flush()

    def _say(self, message: str) -> None:
        self.status.value = f"<p role='status' aria-live='polite'>{html.escape(message)}</p>"

    def _show_preview(self) -> None:
        labels = {s["key"]: s["label"] for s in self._stages()}
        parts = ["<h4>Your reflection</h4>"]
        for key, text in self.texts().items():
            parts.append(f"<h5>{html.escape(labels.get(key, key))}</h5>{_escape_paragraphs(text)}")
        self.preview.value = "".join(parts)

    def reset(self) -> None:
        """Keep what was saved and start a fresh reflection."""
        self.flush()
        self.entry = None
        for box in self.boxes.values():
            box.unobserve(self._typed, "value")
            box.value = ""
            box.observe(self._typed, "value")
        self.preview.value = ""
        self.count.value = ""
        self._say("Your last reflection is kept in your journal. This is a new one.")


def gibbs_reflection(variant: str = "clinician", **options: Any) -> GibbsReflection:
    """A Gibbs-cycle reflection: variant "clinician", "patient" or "short" (see GibbsReflection)."""
    return GibbsReflection(variant, **options)
