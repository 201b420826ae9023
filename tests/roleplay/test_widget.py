"""The role-play widget's Python side: the engine decides, the journal keeps every accepted run.

No browser: the widget's message handler is driven directly with the states the view would
send (``{mode, moves, run}``), made by playing the real Python engine.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kfcourse
from kfcourse.journal import JournalStore
from kfcourse.journal.runs import NOTE_LIMIT
from kfcourse.scenario import Session, compile_scenario
from kfcourse.scenario.engine import MODES
from kfcourse.scenario.library import load_shipped, shipped_ids
from kfcourse.scenario.vectors import random_session
from kfcourse.widgets import roleplay as rp

SHIPPED = shipped_ids()
CATALOGUE = Path(rp.__file__).parent.parent / "web" / "messages" / "en-GB.json"


@pytest.fixture(autouse=True)
def bundle(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for the built player: these tests need no Node build."""
    stub = tmp_path_factory.mktemp("dist") / "roleplay.mjs"
    stub.write_text("export default { render() {} };\n", encoding="utf-8")
    monkeypatch.setattr(rp, "BUNDLE", stub)
    return stub


@pytest.fixture
def store(tmp_path: Path) -> JournalStore:
    return JournalStore(tmp_path / "kfcourse-journal.json")


class Sent(list):
    """Messages the widget sent to the view."""


def make(scenario: str, store: JournalStore, **options: Any) -> tuple[rp.RolePlay, Sent]:
    widget = rp.roleplay(scenario, store=store, **options)
    sent = Sent()
    widget.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    return widget, sent


def commit(widget: rp.RolePlay, sent: Sent, state: Any, request: int = 1) -> dict[str, Any]:
    """Send a commit as the view does and return the reply it gets."""
    widget._on_msg(widget, {"type": "commit", "request": request, "state": state}, [])
    reply = sent[-1]
    assert reply["type"] == "committed" and reply["request"] == request
    return reply


def played(scenario: str, mode: str, seed: int) -> Session:
    return random_session(load_shipped(scenario).scenario, mode, random.Random(seed))


def moves_of(session: Session) -> list[list[str]]:
    return [list(m) for m in session.inputs]


def play_step_by_step(widget: rp.RolePlay, sent: Sent, session: Session) -> dict[str, Any]:
    """Commit every prefix of the session's moves, carrying the run id, as the view does."""
    run = None
    reply = commit(widget, sent, {"mode": session.mode, "moves": [], "run": None})
    assert reply["ok"], reply
    run = reply["state"]["run"]
    for n in range(1, len(session.inputs) + 1):
        state = {"mode": session.mode, "moves": moves_of(session)[:n], "run": run}
        reply = commit(widget, sent, state, request=n + 1)
        assert reply["ok"], reply
        assert reply["state"] == state
    return reply


# -- building the widget -----------------------------------------------------------------------
def test_the_factory_is_exported_lazily_and_builds_the_widget(store: JournalStore, bundle: Path):
    assert kfcourse.roleplay is rp.roleplay
    widget, _ = make("discharge-delays", store, feedback="end", sides=("patient", "pair"))
    assert isinstance(widget, rp.RolePlay)
    assert widget._esm == bundle.read_text(encoding="utf-8")
    assert widget.scenario == compile_scenario(load_shipped("discharge-delays").scenario)
    assert widget.scenario["hash"].startswith("sha256:")
    assert widget.options == {"feedback": "end", "sides": ["patient", "pair"]}
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert widget.messages == {"language": catalogue["language"], **catalogue["roleplay"]}
    assert widget.restored is None
    state = widget.get_state()
    assert {"scenario", "options", "messages", "restored", "_esm"} <= set(state)
    assert not store.path.exists(), "building the widget must not write the journal"


def test_a_scenario_file_can_be_played_by_path(store: JournalStore, tmp_path: Path):
    source = Path(rp.__file__).parent.parent / "data" / "scenarios" / "unread-report.yaml"
    copy = tmp_path / "my-scenario.yaml"
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    widget, _ = make(str(copy), store)
    assert widget.scenario["id"] == "unread-report"


def test_a_missing_bundle_says_to_build_the_site(
    store: JournalStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setattr(rp, "BUNDLE", tmp_path / "nowhere" / "roleplay.mjs")
    with pytest.raises(rp.PlayerNotBuilt, match="make site"):
        rp.roleplay("discharge-delays", store=store)


def test_unknown_scenarios_bad_files_and_bad_options_are_refused(
    store: JournalStore, tmp_path: Path
):
    with pytest.raises(FileNotFoundError, match="discharge-delays"):
        rp.roleplay("no-such-scenario", store=store)
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="has errors"):
        rp.roleplay(str(broken), store=store)
    with pytest.raises(ValueError, match="feedback"):
        rp.roleplay("discharge-delays", feedback="later", store=store)
    for sides in ((), ("nurse",)):
        with pytest.raises(ValueError, match="sides"):
            rp.roleplay("discharge-delays", sides=sides, store=store)


# -- accepting and refusing states -------------------------------------------------------------
@pytest.mark.parametrize("scenario", SHIPPED)
@pytest.mark.parametrize("mode", MODES)
def test_a_whole_run_is_accepted_move_by_move_and_kept_as_one_entry(
    store: JournalStore, scenario: str, mode: str
):
    widget, sent = make(scenario, store)
    session = played(scenario, mode, seed=len(scenario) * 7 + MODES.index(mode))
    assert session.ended, "a random play-through reaches an ending"
    reply = play_step_by_step(widget, sent, session)
    [entry] = store.entries("roleplay")
    assert entry["id"] == reply["state"]["run"]
    assert entry["source"] == "jupyter" and entry["side"] == mode
    assert entry["scenario_id"] == scenario
    assert entry["scenario_hash"] == widget.scenario["hash"]
    assert entry["moves"] == moves_of(session)
    assert entry["trace"] == session.trace
    assert entry["measures_end"] == session.measures
    assert entry["ending"] == session.node and entry["completed"] is True
    assert widget.session is not None and widget.session.snapshot() == session.snapshot()


def test_a_move_the_engine_refuses_is_not_kept(store: JournalStore):
    widget, sent = make("discharge-delays", store)
    session = played("discharge-delays", "doctor", seed=1)
    good = moves_of(session)[:2]
    reply = commit(widget, sent, {"mode": "doctor", "moves": good, "run": None})
    assert reply["ok"]
    run = reply["state"]["run"]
    before = store.entries()
    bad = [*good, ["doctor", "no-such-choice"]]
    reply = commit(widget, sent, {"mode": "doctor", "moves": bad, "run": run}, request=2)
    assert reply == {
        "type": "committed",
        "request": 2,
        "ok": False,
        "reason": reply["reason"],
    }
    assert "not one of the choices offered" in reply["reason"]
    assert store.entries() == before
    assert widget.session is not None and moves_of(widget.session) == good


def test_a_move_out_of_turn_is_refused(store: JournalStore):
    widget, sent = make("unread-report", store)
    session = Session(load_shipped("unread-report").scenario, "doctor")
    other = "patient" if session.awaiting()[0] == "doctor" else "doctor"
    choice = session.options()[0].id
    reply = commit(widget, sent, {"mode": "doctor", "moves": [[other, choice]], "run": None})
    assert not reply["ok"] and "turn" in reply["reason"]
    assert store.entries() == []


@pytest.mark.parametrize(
    "state",
    [
        None,
        "doctor",
        {"moves": [], "run": None},
        {"mode": "nurse", "moves": [], "run": None},
        {"mode": None, "moves": [["doctor", "A1a"]], "run": None},
        {"mode": "doctor", "moves": "A1a", "run": None},
        {"mode": "doctor", "moves": [["doctor"]], "run": None},
        {"mode": "doctor", "moves": [["doctor", 1]], "run": None},
        {"mode": "doctor", "moves": [], "run": 7},
    ],
)
def test_malformed_states_are_refused_with_a_reason(store: JournalStore, state: Any):
    widget, sent = make("discharge-delays", store)
    reply = commit(widget, sent, state)
    assert reply["ok"] is False and reply["reason"]
    assert store.entries() == []


def test_a_side_that_is_not_offered_is_refused(store: JournalStore):
    widget, sent = make("clinic-codesign", store, sides=("patient",))
    reply = commit(widget, sent, {"mode": "doctor", "moves": [], "run": None})
    assert not reply["ok"] and "not offered" in reply["reason"]
    assert commit(widget, sent, {"mode": "patient", "moves": [], "run": None}, 2)["ok"]


def test_other_messages_are_ignored(store: JournalStore):
    widget, sent = make("discharge-delays", store)
    widget._on_msg(widget, {"type": "hello"}, [])
    widget._on_msg(widget, ["commit"], [])
    assert sent == [] and store.entries() == []


def test_undo_updates_the_same_entry(store: JournalStore):
    widget, sent = make("clinic-codesign", store)
    session = played("clinic-codesign", "pair", seed=3)
    moves = moves_of(session)[:4]
    reply = commit(widget, sent, {"mode": "pair", "moves": moves, "run": None})
    run = reply["state"]["run"]
    reply = commit(widget, sent, {"mode": "pair", "moves": moves[:3], "run": run}, 2)
    assert reply["ok"] and reply["state"] == {"mode": "pair", "moves": moves[:3], "run": run}
    [entry] = store.entries("roleplay")
    assert entry["id"] == run and entry["moves"] == moves[:3]
    assert widget.restored == reply["state"], "a view rendered later starts from the last state"
    undone = Session(load_shipped("clinic-codesign").scenario, "pair")
    undone.replay([tuple(m) for m in moves[:3]])
    assert entry["trace"] == undone.trace and entry["completed"] is False


def test_restart_and_a_new_side_make_new_runs_and_keep_the_old(store: JournalStore):
    widget, sent = make("discharge-delays", store)
    session = played("discharge-delays", "doctor", seed=5)
    first = commit(widget, sent, {"mode": "doctor", "moves": moves_of(session)[:3], "run": None})
    back = commit(widget, sent, {"mode": None, "moves": [], "run": None}, 2)  # the view's restart
    assert back["ok"] and back["state"] == {"mode": None, "moves": [], "run": None}
    assert widget.session is None and len(store.entries()) == 1
    restart = commit(widget, sent, {"mode": "doctor", "moves": [], "run": None}, 3)
    side = commit(widget, sent, {"mode": "patient", "moves": [], "run": None}, 4)
    runs = {first["state"]["run"], restart["state"]["run"], side["state"]["run"]}
    assert len(runs) == 3
    held = {e["id"]: e for e in store.entries("roleplay")}
    assert set(held) == runs
    assert held[first["state"]["run"]]["moves"] == moves_of(session)[:3]


def test_a_run_of_another_side_is_not_overwritten(store: JournalStore):
    widget, sent = make("discharge-delays", store)
    doctor = commit(widget, sent, {"mode": "doctor", "moves": [], "run": None})
    run = doctor["state"]["run"]
    patient = commit(widget, sent, {"mode": "patient", "moves": [], "run": run}, 2)
    assert patient["ok"] and patient["state"]["run"] != run
    assert {e["side"] for e in store.entries("roleplay")} == {"doctor", "patient"}


def test_a_stale_window_forks_a_new_run_instead_of_overwriting(store: JournalStore):
    """Two windows resumed the same run; one moved it on. The other's next move starts a new
    run: both paths are kept."""
    widget, sent = make("discharge-delays", store)
    session = played("discharge-delays", "patient", seed=8)
    moves = moves_of(session)
    run = commit(widget, sent, {"mode": "patient", "moves": moves[:2], "run": None})["state"]["run"]
    one, sent_one = make("discharge-delays", store)
    two, sent_two = make("discharge-delays", store)
    assert one.restored == two.restored == {"mode": "patient", "moves": moves[:2], "run": run}
    assert commit(one, sent_one, {"mode": "patient", "moves": moves[:3], "run": run})["ok"]
    assert commit(one, sent_one, {"mode": "patient", "moves": moves[:4], "run": run}, 2)["ok"]
    stale = Session(load_shipped("discharge-delays").scenario, "patient")
    stale.replay([tuple(m) for m in moves[:2]])
    [other, *_] = [c.id for c in stale.options() if c.id != moves[2][1]]
    state = {"mode": "patient", "moves": [*moves[:2], ["patient", other]], "run": run}
    reply = commit(two, sent_two, state)
    assert reply["ok"] and reply["state"]["run"] != run
    held = {e["id"]: e["moves"] for e in store.entries("roleplay")}
    assert held == {run: moves[:4], reply["state"]["run"]: state["moves"]}


# -- resuming ----------------------------------------------------------------------------------
def test_a_new_widget_resumes_the_latest_unfinished_run(store: JournalStore):
    widget, sent = make("unread-report", store)
    session = played("unread-report", "patient", seed=11)
    part = moves_of(session)[:2]
    run = commit(widget, sent, {"mode": "patient", "moves": part, "run": None})["state"]["run"]

    again, sent_again = make("unread-report", store)  # a new Voilà session, say
    assert again.restored == {"mode": "patient", "moves": part, "run": run}
    assert again.session is not None and moves_of(again.session) == part
    # Carrying on updates the same entry.
    more = moves_of(session)[:3]
    reply = commit(again, sent_again, {"mode": "patient", "moves": more, "run": run})
    assert reply["ok"] and reply["state"]["run"] == run
    [entry] = store.entries("roleplay")
    assert entry["moves"] == more
    # Another scenario has nothing to resume.
    assert make("discharge-delays", store)[0].restored is None


def test_finished_runs_and_runs_of_another_version_are_not_resumed(store: JournalStore):
    widget, sent = make("clinic-codesign", store)
    session = played("clinic-codesign", "doctor", seed=2)
    assert session.ended
    commit(widget, sent, {"mode": "doctor", "moves": moves_of(session), "run": None})
    assert make("clinic-codesign", store)[0].restored is None

    part = moves_of(session)[:1]
    run = commit(widget, sent, {"mode": "doctor", "moves": part, "run": None}, 2)["state"]["run"]
    entry = store.get(run)
    assert entry is not None
    store.add({**entry, "scenario_hash": "sha256:" + "0" * 64})  # written by an older version
    assert make("clinic-codesign", store)[0].restored is None


def test_a_resumed_side_that_is_not_offered_is_not_restored(store: JournalStore):
    widget, sent = make("discharge-delays", store)
    commit(widget, sent, {"mode": "pair", "moves": [], "run": None})
    assert make("discharge-delays", store)[0].restored is not None
    assert make("discharge-delays", store, sides=("doctor",))[0].restored is None


# -- the journal cannot be written -------------------------------------------------------------
@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make `folder` read-only; as root (which ignores the mode) refuse creating files in it."""
    folder.chmod(0o555)
    with pytest.MonkeyPatch.context() as patch:
        if os.geteuid() == 0:
            real_open = os.open

            def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
                name = os.fsdecode(path)
                if Path(name).parent == folder and flags & (os.O_CREAT | os.O_WRONLY):
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)
                return real_open(path, flags, *args, **kwargs)

            patch.setattr(os, "open", refusing_open)
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_a_journal_that_cannot_be_written_refuses_the_step_with_a_reason(tmp_path: Path):
    folder = tmp_path / "locked-away"
    folder.mkdir()
    store = JournalStore(folder / "kfcourse-journal.json")
    widget, sent = make("discharge-delays", store)
    session = played("discharge-delays", "doctor", seed=4)
    state = {"mode": "doctor", "moves": moves_of(session)[:1], "run": None}
    with read_only(folder):
        reply = commit(widget, sent, state)
    assert reply["ok"] is False
    assert reply["reason"].startswith("your journal could not be written")
    assert "Permission denied" in reply["reason"] and "Errno" not in reply["reason"]
    assert widget.session is None or widget.session.inputs == []
    assert not store.path.exists()
    # Once the folder can be written again, the same step is accepted and kept.
    reply = commit(widget, sent, state, request=2)
    assert reply["ok"]
    [entry] = store.entries("roleplay")
    assert entry["moves"] == state["moves"]


def test_a_journal_in_a_missing_folder_refuses_the_step(tmp_path: Path):
    store = JournalStore(tmp_path / "gone" / "kfcourse-journal.json")
    widget, sent = make("unread-report", store)
    reply = commit(widget, sent, {"mode": "pair", "moves": [], "run": None})
    assert reply["ok"] is False and "does not exist" in reply["reason"]


def test_the_default_journal_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    journal = tmp_path / "elsewhere.json"
    monkeypatch.setenv("KFCOURSE_JOURNAL", str(journal))
    widget = rp.roleplay("discharge-delays")
    assert widget.store.path == journal


# -- the debrief: linked runs, notes on a run, the reflection, the runs to compare -------------
def ask(
    widget: rp.RolePlay, sent: Sent, kind: str, request: int = 50, **body: Any
) -> dict[str, Any]:
    """Send a debrief request as the view does and return the reply."""
    widget._on_msg(widget, {"type": kind, "request": request, **body}, [])
    reply = sent[-1]
    assert reply["type"] == "reply" and reply["request"] == request
    return reply


def finished(widget: rp.RolePlay, sent: Sent, mode: str, seed: int) -> dict[str, Any]:
    session = played(widget.scenario_id, mode, seed)
    return play_step_by_step(widget, sent, session)["state"]


def test_a_swapped_run_is_linked_to_the_run_it_follows(store: JournalStore):
    widget, sent = make("unread-report", store)
    first = finished(widget, sent, "doctor", 3)
    follows = {"run": first["run"], "relation": "swap"}
    session = played("unread-report", "patient", 4)
    reply = commit(widget, sent, {"mode": "patient", "moves": [], "run": None, "follows": follows})
    assert reply["ok"] and reply["state"]["follows"] == follows
    state = {"mode": "patient", "moves": moves_of(session)[:1], "run": None, "follows": follows}
    reply = commit(widget, sent, state, request=2)
    entry = store.get(reply["state"]["run"])
    assert entry["related_entry"] == first["run"] and entry["relation"] == "swap"
    assert store.get(first["run"]).get("related_entry") is None
    bad = {**state, "follows": {"run": first["run"], "relation": "sideways"}}
    assert commit(widget, sent, bad, request=3)["ok"] is False


def test_notes_are_kept_with_their_run_and_refused_without_one(store: JournalStore):
    widget, sent = make("discharge-delays", store)
    run = finished(widget, sent, "patient", 11)["run"]
    trace = store.get(run)["trace"]
    step = next(s for s in trace if s["choice"] is not None)
    hostile = "<script>alert(1)</script> the key is wrong"
    note = {"kind": "disagreement", "run": run, "step": step["n"], "text": hostile}
    assert ask(widget, sent, "note", note=note)["ok"] is True
    derole = {"kind": "de-roling", "run": run, "step": None, "text": "I am calmer than Ruth."}
    assert ask(widget, sent, "note", request=51, note=derole)["ok"] is True
    [disagreement] = [
        e for e in store.entries("exercise_answer") if e["exercise"] == "disagreement"
    ]
    assert disagreement["related_entry"] == run
    assert disagreement["answer"] == {
        "step": step["n"], "point": step["point"], "choice": step["choice"], "text": hostile
    }  # fmt: skip
    assert disagreement["question"] == step["why"]
    notes = ask(widget, sent, "notes", request=52, run=run)
    assert notes["ok"] and [(n["kind"], n["text"]) for n in notes["notes"]] == [
        ("disagreement", hostile),
        ("de-roling", "I am calmer than Ruth."),
    ]
    refusals = [
        {**note, "run": "00000000-0000-4000-8000-000000000000"},
        {**note, "step": len(trace) + 5},
        {**note, "step": "2"},
        {**note, "text": "   "},
        {**note, "text": "x" * (NOTE_LIMIT + 1)},
        {**note, "kind": "praise"},
    ]
    for i, bad in enumerate(refusals):
        reply = ask(widget, sent, "note", request=60 + i, note=bad)
        assert reply["ok"] is False and reply["reason"], bad
    assert len(store.entries("exercise_answer")) == 2


def test_runs_lists_every_run_of_this_scenario_only(store: JournalStore):
    widget, sent = make("clinic-codesign", store)
    first = finished(widget, sent, "doctor", 1)["run"]
    second = finished(widget, sent, "pair", 2)["run"]
    other, other_sent = make("unread-report", store)
    finished(other, other_sent, "doctor", 1)
    reply = ask(widget, sent, "runs")
    assert reply["ok"] and {r["id"] for r in reply["runs"]} == {first, second}


def test_the_debrief_reflection_is_one_entry_linked_to_its_run(store: JournalStore):
    widget, sent = make("discharge-delays", store)
    run = finished(widget, sent, "doctor", 5)["run"]
    payload = {
        "exercise": "roleplay-discharge-delays",
        "title": "Reflection on the role-play",
        "question": None,
        "related_entry": run,
        "model": "gibbs",
        "variant": "clinician",
        "stages": {"description": "1. A1: I chose b", "feelings": ""},
        "draft": True,
        "entry": None,
    }
    reply = ask(widget, sent, "reflection", payload=payload)
    assert reply["ok"], reply
    entry_id = reply["entry"]["id"]
    where = {"exercise": "roleplay-discharge-delays", "related_entry": run}
    assert ask(widget, sent, "draft", request=53, **where)["entry"]["id"] == entry_id
    elsewhere = {**where, "related_entry": "00000000-0000-4000-8000-000000000000"}
    assert ask(widget, sent, "draft", request=54, **elsewhere)["entry"] is None
    final = {**payload, "draft": False, "entry": entry_id, "stages": {"description": "done"}}
    assert ask(widget, sent, "reflection", request=51, payload=final)["ok"]
    assert ask(widget, sent, "draft", request=55, **where)["entry"] is None
    [reflection] = store.entries("reflection")
    assert reflection["id"] == entry_id and reflection["related_entry"] == run
    assert reflection.get("draft") in (False, None)
    assert ask(widget, sent, "reflection", request=52, payload={"model": "x"})["ok"] is False
