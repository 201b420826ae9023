"""The guided reflection (Gibbs's cycle, full or short form) in Jupyter, Voilà and Binder.

The form is the same ES module as on the book page (``kfcourse/web/reflection``, bundled into
``kfcourse/web/dist/reflection.mjs``); this anywidget is its Jupyter host. Each save the view
asks for (a draft as the learner types, or "Save as finished") comes here as a payload, and
``kfcourse.journal.reflections.save_reflection`` decides what reaches the journal file: the
entry being edited is replaced, never copied. A new widget offers back the latest draft of the
same exercise, so a new Voilà session carries on where the learner was.

    from kfcourse import gibbs_reflection
    gibbs_reflection("clinician", exercise="reflection-after-role-play")
    gibbs_reflection("short", exercise="ch1-reflect", question="Who led, and who followed?")
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import anywidget
import traitlets as t

from kfcourse.journal import JournalError, JournalStore
from kfcourse.journal.reflections import latest_draft, save_reflection
from kfcourse.web.catalogue import DEFAULT_LANGUAGE, messages

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
STYLES = DIST / "reflection.css"
VARIANTS = ("clinician", "patient", "short", "choose")
SOURCE = "jupyter"


class FormNotBuilt(RuntimeError):
    """The form's JavaScript bundle is missing: the course's web code has not been built."""


def bundle_text(name: str = "reflection") -> str:
    """An exercise's built ES module (``dist/<name>.mjs``), or a clear error on how to build it."""
    bundle = DIST / f"{name}.mjs"
    try:
        return bundle.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FormNotBuilt(
            f"The course's web code has not been built ({bundle} is missing). Run `make site` "
            "in the course folder (or `node scripts/build-web.mjs`), then run this cell again."
        ) from None


def _plain(exc: BaseException) -> str:
    """An exception as one plain sentence, without the errno number Python puts in front."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f": {exc.filename}" if exc.filename else "")
    return str(exc) or type(exc).__name__


class GibbsReflection(anywidget.AnyWidget):
    """A guided reflection that saves itself as a draft (see the module's docstring)."""

    _esm = t.Unicode().tag(sync=True)
    _css = t.Unicode().tag(sync=True)
    options = t.Dict().tag(sync=True)
    messages = t.Dict().tag(sync=True)
    restored = t.Dict(allow_none=True, default_value=None).tag(sync=True)

    def __init__(
        self,
        variant: str = "clinician",
        *,
        store: JournalStore | None = None,
        exercise: str | None = None,
        related_entry: str | None = None,
        title: str | None = None,
        question: str | None = None,
        seed: Mapping[str, str] | None = None,
        stage_hints: Mapping[str, str] | None = None,
        resume: bool = True,
        language: str = DEFAULT_LANGUAGE,
    ) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"variant must be one of {', '.join(VARIANTS)}, not {variant!r}")
        self.store = store if store is not None else JournalStore()
        self.variant = variant
        self.exercise = exercise or ("short-reflection" if variant == "short" else "reflection")
        self.entry: dict[str, Any] | None = None  # the entry this form last wrote
        restored = self._find_draft() if resume else None
        default_title = "A short reflection" if variant == "short" else "Reflect on the role-play"
        super().__init__(
            _esm=bundle_text(),
            _css=STYLES.read_text(encoding="utf-8") if STYLES.is_file() else "",
            options={
                "variant": variant,
                "exercise": self.exercise,
                "title": title or default_title,
                "question": question,
                "relatedEntry": related_entry,
                "seed": dict(seed or {}),
                "stageHints": dict(stage_hints or {}),
            },
            messages=messages("reflection", language),
            restored=restored,
        )
        self.entry = restored
        self.on_msg(self._on_msg)

    def _find_draft(self) -> dict[str, Any] | None:
        model = "gibbs_short" if self.variant == "short" else "gibbs"
        try:
            return latest_draft(self.store.entries("reflection"), self.exercise, model)
        except JournalError as exc:  # an unreadable journal is never overwritten; start afresh
            warnings.warn(f"The journal could not be read, so no draft is offered back: {exc}",
                          stacklevel=3)  # fmt: skip
            return None

    def save(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """Write a payload from the form (see kfcourse/web/reflection/README.md); the entry."""
        entry = save_reflection(self.store, payload, source=SOURCE)
        self.entry = entry
        return entry

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, Mapping) or content.get("type") != "save":
            return
        request = content.get("request")
        try:
            entry = self.save(content.get("payload"))  # type: ignore[arg-type]
        except (JournalError, OSError) as exc:
            self.send({"type": "saved", "request": request, "ok": False, "reason": _plain(exc)})
        else:
            self.send({"type": "saved", "request": request, "ok": True, "entry": entry})


def gibbs_reflection(variant: str = "clinician", **options: Any) -> GibbsReflection:
    """A Gibbs-cycle reflection: variant "clinician", "patient", "short" or "choose" (the
    learner says which role they played); see GibbsReflection for the options."""
    return GibbsReflection(variant, **options)
