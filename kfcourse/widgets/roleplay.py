"""The role-play player in Jupyter, Voilà and Binder, with the Python engine as the authority.

The player's screens are the same ES module as on the book page (``kfcourse/web/roleplay``,
bundled into ``kfcourse/web/dist/roleplay.mjs``); this widget is its Jupyter host. The view asks
the host to accept each new state of the run (a move, an undo, a restart, a new side) as
``{mode, moves: [[role, choice], ...], run}``. Here Python replays the moves with the engine,
refuses any it does not accept, writes the run's journal entry and only then says yes: nothing
reaches the journal unless the Python engine accepts it, and a journal that cannot be written
is a refusal with the reason, never a silent loss.

    from kfcourse import roleplay
    roleplay("discharge-delays")                       # a shipped scenario, by id
    roleplay("my-scenario.yaml", feedback="end", sides=("patient",))

A new widget resumes the latest unfinished run of the same scenario (same content hash) found
in the journal, so a new Voilà session carries on where the learner was.
"""

from __future__ import annotations

import contextlib
import os
import threading
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import anywidget
import traitlets as t

from kfcourse.journal import JournalError, JournalNotice, JournalStore
from kfcourse.references import citations_for
from kfcourse.scenario import Scenario, Session, SessionError, check_file, compile_scenario
from kfcourse.scenario.compiled import theory_keys
from kfcourse.scenario.engine import MODES
from kfcourse.scenario.library import resolve, shipped_ids
from kfcourse.web.catalogue import DEFAULT_LANGUAGE, messages, player_messages

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
BUNDLE = DIST / "roleplay.mjs"
STYLES = DIST / "roleplay.css"
FEEDBACK = ("now", "end")
LANGUAGE = DEFAULT_LANGUAGE
SOURCE = "jupyter"


class PlayerNotBuilt(RuntimeError):
    """The player's JavaScript bundle is missing: the course's web code has not been built."""


def bundle_text() -> str:
    """The built player (an ES module), or a clear error saying how to build it."""
    try:
        return BUNDLE.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlayerNotBuilt(
            f"The role-play player has not been built ({BUNDLE} is missing). Run `make site` "
            "in the course folder (or `node scripts/build-web.mjs`), then run this cell again."
        ) from None


def bundle_css() -> str:
    """The player's built stylesheet ("" when the build made none)."""
    try:
        return STYLES.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def load_scenario(scenario: str | os.PathLike[str]) -> Scenario:
    """A shipped scenario id or a path to a scenario file, checked: one with errors is refused."""
    path = resolve(os.fspath(scenario))
    if path is None:
        raise FileNotFoundError(
            f"no scenario {os.fspath(scenario)!r}: give a shipped id ("
            + ", ".join(shipped_ids())
            + ") or the path to a scenario file"
        )
    checked = check_file(path)
    if checked.playable is None:
        errors = [f.format() for f in checked.findings if f.severity == "error"]
        raise ValueError(
            f"the scenario {path} has errors; fix them first (`kfcourse check {path}` lists "
            "them):\n" + "\n".join(errors)
        )
    return checked.playable


def _check_options(feedback: str, sides: Sequence[str]) -> dict[str, Any]:
    if feedback not in FEEDBACK:
        raise ValueError(f"feedback must be 'now' or 'end', not {feedback!r}")
    if isinstance(sides, str):
        sides = (sides,)
    chosen = list(dict.fromkeys(sides))
    wrong = [s for s in chosen if s not in MODES]
    if wrong or not chosen:
        raise ValueError(
            "sides must name one or more of " + ", ".join(MODES) + f", not {list(sides)!r}"
        )
    return {"feedback": feedback, "sides": chosen}


RELATIONS = ("swap", "replay")


def _parse_follows(state: Mapping[str, Any]) -> dict[str, str] | None:
    """The run a new run follows ({run, relation}) or None; SessionError if malformed."""
    follows = state.get("follows")
    if follows is None:
        return None
    if (
        not isinstance(follows, Mapping)
        or not isinstance(follows.get("run"), str)
        or follows.get("relation") not in RELATIONS
    ):
        raise SessionError("follows must be {run: an entry id, relation: swap or replay}")
    return {"run": follows["run"], "relation": str(follows["relation"])}


def _parse_state(state: Any, sides: Sequence[str]) -> tuple[str, list[tuple[str, str]], Any]:
    """The (mode, moves, run) of a state the view asks us to accept; SessionError if malformed."""
    if not isinstance(state, Mapping):
        raise SessionError("the player sent no state to accept")
    mode = state.get("mode")
    if mode not in sides:
        raise SessionError(f"the side {mode!r} is not offered here (offered: {', '.join(sides)})")
    moves = state.get("moves")
    if not isinstance(moves, list) or not all(
        isinstance(m, list | tuple) and len(m) == 2 and all(isinstance(x, str) for x in m)
        for m in moves
    ):
        raise SessionError("the moves must be a list of [role, choice] pairs")
    run = state.get("run")
    if run is not None and not isinstance(run, str):
        raise SessionError("the run must be a journal entry id or null")
    return str(mode), [(r, c) for r, c in moves], run


def _plain(exc: BaseException) -> str:
    """An exception as one plain sentence, without the errno number Python puts in front."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return str(exc) or type(exc).__name__


def _warm_up_journal_checks() -> None:
    """Build the journal's schema validator now, in the background: importing jsonschema takes
    seconds, which would otherwise delay the learner's first move."""
    from kfcourse.journal.schema import entry_problems

    def run() -> None:
        with contextlib.suppress(Exception):  # a warm-up only: real checks report problems
            entry_problems({})

    threading.Thread(target=run, name="kfcourse-warm-up", daemon=True).start()


class RolePlay(anywidget.AnyWidget):
    """The role-play player (see the module's docstring). Build one with :func:`roleplay`."""

    _esm = t.Unicode().tag(sync=True)
    _css = t.Unicode().tag(sync=True)
    scenario = t.Dict().tag(sync=True)
    options = t.Dict().tag(sync=True)
    messages = t.Dict().tag(sync=True)
    restored = t.Dict(allow_none=True, default_value=None).tag(sync=True)
    citations = t.Dict().tag(sync=True)
    reflection_messages = t.Dict(allow_none=True, default_value=None).tag(sync=True)

    def __init__(
        self,
        scenario: Scenario,
        *,
        feedback: str = "now",
        sides: Sequence[str] = MODES,
        store: JournalStore | None = None,
        language: str = LANGUAGE,
    ) -> None:
        esm = bundle_text()
        options = _check_options(feedback, sides)
        compiled = compile_scenario(scenario)
        self.loaded_scenario = scenario
        self.store = store if store is not None else JournalStore()
        self.session: Session | None = None  # the last state Python accepted
        self._runs: dict[str, dict[str, Any]] = {}  # entries this widget wrote or resumed
        self._signature: tuple[Any, ...] | None = None  # the journal as this widget left it
        restored = self._find_restored(compiled, options["sides"])
        try:
            reflection = messages("reflection", language)
        except KeyError:
            reflection = None
        super().__init__(
            _esm=esm,
            _css=bundle_css(),
            scenario=compiled,
            options=options,
            messages=player_messages(language),
            restored=restored,
            citations=citations_for(theory_keys(compiled)),
            reflection_messages=reflection,
        )
        self.on_msg(self._on_msg)
        _warm_up_journal_checks()

    # -- the scenario ---------------------------------------------------------------------
    @property
    def scenario_id(self) -> str:
        return str(self.scenario["id"])

    @property
    def scenario_hash(self) -> str:
        return str(self.scenario["hash"])

    # -- resuming -------------------------------------------------------------------------
    def _find_restored(
        self, compiled: Mapping[str, Any], sides: Sequence[str]
    ) -> dict[str, Any] | None:
        """The latest unfinished run of this scenario (same hash) in the journal, to resume."""
        from kfcourse.journal.runs import latest_unfinished

        try:
            found = self.store.entries("roleplay")
        except JournalError as exc:  # an unreadable journal is never overwritten; start afresh
            warnings.warn(
                f"The journal could not be read, so no earlier run is resumed: {exc}",
                JournalNotice,
                stacklevel=3,
            )
            return None
        entry = latest_unfinished(found, compiled["id"], compiled["hash"])
        if entry is None:
            return None
        mode = entry.get("side")
        moves = self._moves_of(entry)
        if mode not in sides or moves is None:
            return None
        try:  # the hash matched, so the moves should replay; check rather than trust
            session = Session(self.loaded_scenario, str(mode))
            session.replay(moves)
        except SessionError:
            return None
        self.session = session
        self._runs[entry["id"]] = entry
        return {"mode": mode, "moves": [list(m) for m in moves], "run": entry["id"]}

    @staticmethod
    def _moves_of(entry: Mapping[str, Any]) -> list[tuple[str, str]] | None:
        """The learner's moves kept in a run's entry."""
        moves = entry.get("moves")
        if not isinstance(moves, list):
            return None
        try:
            return [(str(r), str(c)) for r, c in moves]
        except (TypeError, ValueError):
            return None

    # -- accepting a state ----------------------------------------------------------------
    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, Mapping):
            return
        kind, request = content.get("type"), content.get("request")
        if kind == "commit":
            reply = self.commit(content.get("state"))
            self.send({"type": "committed", "request": request, **reply})
            return
        answers = {
            "note": lambda: self.save_note(content.get("note")),
            "notes": lambda: self.notes(content.get("run")),
            "runs": self.runs,
            "reflection": lambda: self.save_reflection(content.get("payload")),
            "draft": lambda: self.reflection_draft(
                content.get("exercise"), content.get("related_entry")
            ),
        }
        if kind in answers:
            self.send({"type": "reply", "request": request, **answers[kind]()})

    # -- the debrief: notes on a run, the reflection, the runs to compare -----------------------
    def save_note(self, note: Any) -> dict[str, Any]:
        """Keep a learner's note on one of their runs (a disagreement with the key at one step,
        or the de-roling) as an entry that refers to the run."""
        from kfcourse.journal.runs import note_entry

        run = None
        if isinstance(note, Mapping):
            try:
                run = self.store.get(str(note.get("run")))
            except JournalError as exc:
                return {"ok": False, "reason": f"your journal could not be read: {exc}"}
        if run is None or run.get("kind") != "roleplay":
            return {"ok": False, "reason": "the run this note is about is not in your journal"}
        try:
            entry = note_entry(run, note, source=SOURCE)
        except JournalError as exc:
            return {"ok": False, "reason": str(exc)}
        try:
            self.store.add(entry)
        except Exception as exc:  # the learner must know the note was not kept, and why
            return {"ok": False, "reason": f"your journal could not be written: {_plain(exc)}"}
        return {"ok": True}

    def notes(self, run: Any) -> dict[str, Any]:
        """The notes kept on a run, oldest first."""
        from kfcourse.journal.runs import NOTE_KINDS

        try:
            found = self.store.entries("exercise_answer")
        except JournalError as exc:
            return {"ok": False, "reason": _plain(exc), "notes": []}
        mine = sorted(
            (e for e in found if e.get("related_entry") == run and e.get("exercise") in NOTE_KINDS),
            key=lambda e: str(e.get("created", "")),
        )
        notes = []
        for entry in mine:
            answer = entry.get("answer") if isinstance(entry.get("answer"), Mapping) else {}
            notes.append(
                {
                    "kind": entry["exercise"],
                    "step": answer.get("step"),
                    "text": str(answer.get("text", "")),
                }
            )
        return {"ok": True, "notes": notes}

    def runs(self) -> dict[str, Any]:
        """Every run of this scenario in the journal (any version, any side), to compare."""
        try:
            found = self.store.entries("roleplay")
        except JournalError as exc:
            return {"ok": False, "reason": _plain(exc)}
        return {"ok": True, "runs": [e for e in found if e.get("scenario_id") == self.scenario_id]}

    def reflection_draft(self, exercise: Any, related_entry: Any) -> dict[str, Any]:
        """The unfinished reflection on this run, if the learner left one, to resume."""
        try:
            found = self.store.entries("reflection")
        except JournalError as exc:
            return {"ok": False, "reason": _plain(exc)}
        drafts = [
            e
            for e in found
            if e.get("exercise") == exercise
            and e.get("related_entry") == related_entry
            and e.get("draft") is True
        ]
        return {"ok": True, "entry": max(drafts, key=lambda e: str(e.get("updated")), default=None)}

    def save_reflection(self, payload: Any) -> dict[str, Any]:
        """The debrief's reflection, saved by the course's one saving rule."""
        from kfcourse.journal.reflections import save_reflection

        try:
            entry = save_reflection(self.store, payload, source=SOURCE)
        except Exception as exc:  # refused or not written: the form says why
            return {"ok": False, "reason": _plain(exc)}
        return {"ok": True, "entry": entry}

    def commit(self, state: Any) -> dict[str, Any]:
        """Accept a state of the run, or refuse it with a reason.

        Returns ``{"ok": True, "state": {mode, moves, run}}`` once the Python engine has
        replayed the moves and the run's entry is in the journal (``run`` is its id), else
        ``{"ok": False, "reason": ...}`` and nothing changes. A state with no side
        (``mode`` null: back to the start, as a restart does) is accepted and writes nothing;
        the next side chosen starts a new run.
        """
        from kfcourse.journal.runs import run_entry

        if isinstance(state, Mapping) and "mode" in state and state["mode"] is None:
            # Back to choosing a side (a restart): no run yet, so nothing to write.
            if state.get("moves") or state.get("run") is not None:
                return {"ok": False, "reason": "a state with no side can have no moves and no run"}
            self.session = None
            self.restored = None
            return {"ok": True, "state": {"mode": None, "moves": [], "run": None}}
        try:
            mode, moves, run = _parse_state(state, self.options["sides"])
            follows = _parse_follows(state)
            session = Session(self.loaded_scenario, mode)
            session.replay(moves)
        except SessionError as exc:
            return {"ok": False, "reason": str(exc)}
        previous = self._previous(run, session)
        try:
            link = (
                {"related_entry": follows["run"], "relation": follows["relation"]}
                if follows
                else {}
            )
            entry = run_entry(
                session, scenario_hash=self.scenario_hash, previous=previous, source=SOURCE, **link
            )
            stored = self.store.add(entry)
        except Exception as exc:  # the learner must know the step was not kept, and why
            return {"ok": False, "reason": f"your journal could not be written: {_plain(exc)}"}
        self.session = session
        self._runs[stored["id"]] = stored
        self._signature = self._journal_signature()
        accepted = {"mode": mode, "moves": [list(m) for m in session.inputs], "run": stored["id"]}
        if follows:
            accepted["follows"] = follows
        self.restored = accepted  # a view rendered later (the cell shown again) starts here
        return {"ok": True, "state": accepted}

    def _previous(self, run: str | None, session: Session) -> dict[str, Any] | None:
        """The entry a state continues: the run it names, if that run is of this scenario and
        side and the state is one step on from it, one step back, or the same. Otherwise (a
        new run, a run the journal no longer holds, or a state that is stale because another
        window moved the run on) a new entry is made, so that no run overwrites another."""
        if run is None:
            return None
        entry = self._runs.get(run)
        if entry is None or self._signature != self._journal_signature():
            try:  # the journal changed since this widget wrote it: read the run as it is now
                entry = self.store.get(run)
            except JournalError:
                entry = None
        if entry is None or entry.get("kind") != "roleplay":
            return None
        same = (
            entry.get("scenario_id") == self.scenario_id
            and entry.get("scenario_hash") == self.scenario_hash
            and entry.get("side") == session.mode
        )
        kept = self._moves_of(entry)
        if not same or kept is None:
            return None
        moves = list(session.inputs)
        forward = len(moves) == len(kept) + 1 and moves[:-1] == kept
        return entry if forward or moves in (kept, kept[:-1]) else None

    def _journal_signature(self) -> tuple[Any, ...]:
        """Size and time of the journal's files: a change means another program wrote it."""
        found = []
        for path in (self.store.path, self.store.wal_path):
            try:
                info = path.stat()
            except OSError:
                found.append(None)
            else:
                found.append((info.st_mtime_ns, info.st_size))
        return tuple(found)


def roleplay(
    scenario_id_or_path: str | os.PathLike[str],
    *,
    feedback: str = "now",
    sides: Sequence[str] = MODES,
    store: JournalStore | None = None,
) -> RolePlay:
    """The role-play player for a shipped scenario (by id) or a scenario file (by path).

    ``feedback``: "now" shows each choice's reasons and meter changes at once, "end" holds
    them until the ending. ``sides``: which of doctor, patient and pair the learner may pick.
    Runs are kept in ``store`` (by default the journal file, see ``JournalStore``).
    """
    return RolePlay(load_scenario(scenario_id_or_path), feedback=feedback, sides=sides, store=store)
