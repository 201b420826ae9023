"""The engine: modes, rules that read the state, joint decisions, undo, save and resume."""

from __future__ import annotations

import json

import pytest

from kfcourse.scenario import Session, SessionError, load_text
from kfcourse.scenario.model import Scenario

from .conftest import FIXTURES


def by_id(shipped: list[Scenario], scenario_id: str) -> Scenario:
    return next(s for s in shipped if s.id == scenario_id)


def test_rules_play_the_other_role(minimal: Scenario) -> None:
    session = Session(minimal, "patient")  # the doctor's p1 is played by rules at once
    assert [s["point"] for s in session.trace] == ["p1"]
    assert session.trace[0]["ruled"] == ["doctor"] and session.trace[0]["choice"] == "b"
    assert session.node == "p2" and session.awaiting() == ["patient"]


def test_low_trust_patient_holds_back_her_stories(shipped: list[Scenario]) -> None:
    s = by_id(shipped, "discharge-delays")
    warm = Session(s, "doctor")
    warm.choose("b")  # share the data, agree the agenda: trust rises
    assert warm.trace[1]["point"] == "A2" and warm.trace[1]["choice"] == "b"
    cold = Session(s, "doctor")
    cold.choose("c")  # hand over the lead without support: trust falls
    assert cold.trace[1]["point"] == "A2" and cold.trace[1]["choice"] == "c"
    assert cold.measures["T"] < warm.measures["T"]


def test_effects_are_clamped() -> None:
    text = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("effects: {P: 1, T: 1}", "effects: {P: 10, T: 1}")
    s = load_text(text).scenario
    assert s is not None
    session = Session(s, "doctor")
    session.choose("b")
    assert session.measures["P"] == 10
    assert session.trace[0]["effects"]["P"] == 10 and session.trace[0]["changes"]["P"] == 10
    session.undo()
    assert session.measures["P"] == 0


def test_joint_agreement_and_impasse_in_pair_play(minimal: Scenario) -> None:
    session = Session(minimal, "pair")
    session.choose("b", "doctor")
    assert session.awaiting() == ["doctor", "patient"]
    session.choose("a", "doctor")
    assert session.awaiting() == ["patient"] and session.pending == {"doctor": "a"}
    before_t = session.measures["T"]
    session.choose("b", "patient")
    impasse = session.trace[-1]
    assert impasse["kind"] == "impasse" and impasse["picks"] == {"doctor": "a", "patient": "b"}
    assert session.measures["T"] == before_t - 1 and "difference" in impasse["prompt"]
    assert session.node == "p2"  # trust still 0: they try again
    session.choose("b", "doctor")
    session.choose("b", "patient")
    assert session.ended and session.node == "good"


def test_joint_partner_follows_rules_in_solo_play(minimal: Scenario) -> None:
    session = Session(minimal, "doctor")
    session.choose("a")  # trust falls to -1, so the patient now prefers a
    assert session.partner_preference() is not None
    assert session.partner_preference().id == "a"
    session.choose("a")
    assert session.ended and session.node == "mixed"
    assert session.trace[-1]["picks"] == {"doctor": "a", "patient": "a"}


def test_wrong_moves_are_refused_plainly(minimal: Scenario) -> None:
    session = Session(minimal, "doctor")
    with pytest.raises(SessionError, match="choose a number from 1 to 2"):
        session.choose(3)
    with pytest.raises(SessionError, match="not the patient's turn"):
        session.choose(1, "patient")
    with pytest.raises(SessionError, match="'z' is not one of"):
        session.choose("z")
    with pytest.raises(SessionError, match="mode must be"):
        Session(minimal, "nurse")


def test_each_player_sees_only_their_own_private_information(shipped: list[Scenario]) -> None:
    s = by_id(shipped, "unread-report")
    session = Session(s, "pair")
    doctor_view = json.dumps(session.view("doctor"))
    patient_view = json.dumps(session.view("patient"))
    for secret in s.roles["patient"].private:
        assert json.dumps(secret)[1:-1] in patient_view
        assert json.dumps(secret)[1:-1] not in doctor_view
    for secret in s.roles["doctor"].private:
        assert json.dumps(secret)[1:-1] not in patient_view
    assert session.view("doctor")["your_turn"] and not session.view("patient")["your_turn"]


def test_save_and_resume_exactly(shipped: list[Scenario]) -> None:
    s = by_id(shipped, "clinic-codesign")
    session = Session(s, "pair")
    for move in [("doctor", "b"), ("patient", "b"), ("doctor", "b"), ("doctor", "a")]:
        session.choose(move[1], move[0])
    saved = json.loads(json.dumps(session.to_dict()))
    resumed = Session.from_dict(s, saved)
    assert resumed.snapshot() == session.snapshot()
    assert resumed.undo() and resumed.pending == {}


def test_resume_refuses_a_changed_scenario(minimal: Scenario) -> None:
    session = Session(minimal, "doctor")
    session.choose("b")
    saved = session.to_dict()
    text = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    changed = load_text(text.replace("effects: {P: 1, T: 1}", "effects: {P: 2, T: 1}")).scenario
    assert changed is not None
    with pytest.raises(SessionError, match="has changed"):
        Session.from_dict(changed, saved)
    with pytest.raises(SessionError, match="not a saved role-play"):
        Session.from_dict(minimal, {"format": "other"})
    with pytest.raises(SessionError, match="damaged"):
        Session.from_dict(minimal, {**saved, "inputs": [["doctor"]]})
    with pytest.raises(SessionError, match="no longer fit"):
        Session.from_dict(minimal, {**saved, "inputs": [["doctor", "z"]]})


def test_measures_words(shipped: list[Scenario]) -> None:
    p = by_id(shipped, "discharge-delays").measures["P"]
    assert (p.words(-10), p.words(-2), p.words(10)) == ("very unequal", "mixed", "balanced")


def test_a_broken_route_leaves_the_state_untouched() -> None:
    text = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    s = load_text(text.replace("    next: p2\n", "", 1)).scenario  # p1's choices go nowhere
    assert s is not None
    session = Session(s, "doctor")
    before = session.snapshot()
    with pytest.raises(SessionError, match="nowhere to go"):
        session.choose("a")
    assert session.snapshot() == before
    with pytest.raises(SessionError, match="nowhere to go"):
        Session(s, "patient")  # the doctor's rules play p1 at once


def test_rules_that_go_round_in_a_loop_are_reported() -> None:
    text = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    s = load_text(text.replace("    next: p2\n", "    next: p1\n", 1)).scenario
    assert s is not None
    with pytest.raises(SessionError, match="go round in a loop"):
        Session(s, "patient")
