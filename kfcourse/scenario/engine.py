"""The role-play engine: plays a scenario as the doctor, as the patient, or as a pair at one screen.

Semantics (the JavaScript player repeats them; ``kfcourse.scenario.vectors`` keeps the two in step):

1. State is the current node (a point or an ending id), the measures, the trace, and in pair
   play the pick already made at a joint point. Play starts at ``start`` with each measure's
   ``start`` value. There is no randomness: a session is a pure function of the scenario, the
   mode and the learner's inputs, which is how undo and resume work (the inputs are replayed).
2. At a point, the choices offered are those whose ``when`` holds now (if none holds, all are
   offered). Choices are shown, and numbered from 1, in file order. A condition reads the
   measures and the history of play (the trace): ``chose`` the last choice made at a point,
   ``visits`` how many decisions were made there. Choices and rules read the trace before the
   decision; routing (rule 6) reads it with the decision's step included.
3. Who decides: the actor's player. When the learner does not play the actor (``--as doctor``
   at a patient point, say), that role's ``rules`` decide: the first rule for that role whose
   ``when`` holds and whose choice is offered; failing that, the first choice offered.
4. A joint point needs both picks: the learner's, and the other player's (pair play) or the
   other role's rules. Equal picks are an agreement and the choice is applied. Different picks
   are an impasse: the impasse's effects are applied, its prompt is shown (name the difference
   in your aims), and play goes to the impasse's ``next`` (often the same point, to try again).
5. Applying effects adds each delta and clamps the result to the measure's [min, max]; the
   trace records the asked-for effects, the actual changes and the measures after.
6. Then play goes to the first branch of the choice's ``next`` (else the point's) whose ``when``
   holds on the new measures and history; if none holds, the last branch. Reaching an ending
   ends play.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kfcourse.scenario.model import (
    JOINT,
    ROLES,
    Branch,
    Choice,
    History,
    Point,
    Rule,
    Scenario,
    holds,
)
from kfcourse.scenario.modes import MODES

SAVE_FORMAT = "kfcourse-session"
SAVE_VERSION = 1
RULE_MOVES_LIMIT = 1000  # moves the rules may make in a row before play is refused as a loop


class SessionError(ValueError):
    """A move or a saved session the engine cannot accept; the message says why, plainly."""


def other_role(role: str) -> str:
    return "patient" if role == "doctor" else "doctor"


def offered(point: Point, state: History) -> list[Choice]:
    """The choices offered now, in file order (all of them if no condition holds)."""
    ready = [c for c in point.choices if holds(c.when, state)]
    return ready or list(point.choices)


def rule_decision(point: Point, role: str, state: History) -> tuple[Choice, Rule | None]:
    """What the rules make ``role`` choose at ``point`` in this state, and the rule that did."""
    choices = offered(point, state)
    ids = {c.id: c for c in choices}
    for rule in point.rules:
        if rule.role in (None, role) and holds(rule.when, state):
            picked = ids.get(rule.choose)
            if picked is not None:
                return picked, rule
    return choices[0], None


def rule_pick(point: Point, role: str, state: History) -> Choice:
    return rule_decision(point, role, state)[0]


def follow(branches: Iterable[Branch], state: History) -> str:
    """The first branch whose ``when`` holds, else the last branch."""
    last = None
    for branch in branches:
        last = branch
        if holds(branch.when, state):
            return branch.to
    if last is None:
        raise SessionError("this point has nowhere to go next (run `kfcourse check`)")
    return last.to


@dataclass
class Session:
    """One play-through. Use :meth:`choose`, :meth:`undo`, :meth:`to_dict` / :meth:`from_dict`."""

    scenario: Scenario
    mode: str = "pair"
    node: str = ""
    measures: dict[str, int] = field(default_factory=dict)
    trace: list[dict[str, Any]] = field(default_factory=list)
    pending: dict[str, str] = field(default_factory=dict)
    inputs: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise SessionError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        self._reset()

    # -- state -------------------------------------------------------------------------------
    def _reset(self) -> None:
        self.node = self.scenario.start
        self.measures = self.scenario.start_measures()
        self.trace = []
        self.pending = {}
        self.inputs = []
        self._advance()

    @property
    def ended(self) -> bool:
        return self.node in self.scenario.endings

    @property
    def stuck(self) -> bool:
        """True at a decision point with no choices (a dead end the linter reports as SC103)."""
        point = self.point
        return point is not None and not point.choices

    @property
    def history(self) -> History:
        return History(self.measures, self.trace)

    @property
    def point(self) -> Point | None:
        return self.scenario.points.get(self.node)

    def learners(self) -> tuple[str, ...]:
        return ROLES if self.mode == "pair" else (self.mode,)

    def awaiting(self) -> list[str]:
        """Roles whose player must choose now (empty when play has ended)."""
        point = self.point
        if point is None or not point.choices:  # ended, or stuck at a dead end (SC103)
            return []
        if point.actor == JOINT:
            return [r for r in self.learners() if r not in self.pending]
        return [point.actor] if point.actor in self.learners() else []

    def options(self) -> list[Choice]:
        point = self.point
        return offered(point, self.history) if point is not None else []

    def partner_preference(self) -> Choice | None:
        """At a joint point in solo play, what the other role's rules would pick now."""
        point = self.point
        if point is None or point.actor != JOINT or self.mode == "pair":
            return None
        return rule_pick(point, other_role(self.mode), self.history)

    # -- moves -------------------------------------------------------------------------------
    def choose(self, choice: str | int, role: str | None = None) -> None:
        """The learner playing ``role`` takes ``choice`` (an id, or a number from 1 as shown)."""
        waiting = self.awaiting()
        if not waiting:
            raise SessionError("play has ended; nothing is waiting for a choice")
        if role is None:
            role = waiting[0]
        if role not in waiting:
            raise SessionError(f"it is not the {role}'s turn (waiting for: {', '.join(waiting)})")
        options = self.options()
        if isinstance(choice, int):
            if not 1 <= choice <= len(options):
                raise SessionError(f"choose a number from 1 to {len(options)}, not {choice}")
            picked = options[choice - 1]
        else:
            found = [c for c in options if c.id == choice]
            if not found:
                raise SessionError(
                    f"'{choice}' is not one of the choices offered now: "
                    + ", ".join(c.id for c in options)
                )
            picked = found[0]
        # The trace and inputs only grow, so a failed move is undone by cutting them back.
        saved = (
            self.node,
            dict(self.measures),
            dict(self.pending),
            len(self.trace),
            len(self.inputs),
        )
        self.inputs.append((role, picked.id))
        try:
            self._play(role, picked)
            self._advance()
        except SessionError:  # a broken scenario (see `kfcourse check`): leave the state as it was
            self.node, self.measures, self.pending = saved[0], saved[1], saved[2]
            del self.trace[saved[3] :]
            del self.inputs[saved[4] :]
            raise

    def _play(self, role: str, picked: Choice) -> None:
        point = self.point
        assert point is not None
        if point.actor != JOINT:
            self._apply(point, picked, {role: picked.id}, {})
            return
        if self.mode == "pair":
            self.pending[role] = picked.id
            if len(self.pending) < 2:
                return
            picks, notes = dict(self.pending), {}
        else:
            partner = other_role(role)
            theirs, rule = rule_decision(point, partner, self.history)
            picks = {role: picked.id, partner: theirs.id}
            notes = {partner: rule.note if rule else None}
        self.pending = {}
        self._resolve(point, picks, notes)

    def _advance(self) -> None:
        """Let the rules play every point that no learner plays, until a learner must act."""
        # A bound, not a repeated-state check: with `visits` conditions a point and measures may
        # repeat on the way out of a loop. SC124 reports loops the rules could go round for ever.
        for moves in itertools.count():
            point = self.point
            if point is None or not point.choices or point.actor in (JOINT, *self.learners()):
                return
            if moves >= RULE_MOVES_LIMIT:
                raise SessionError(
                    f"the {point.actor}'s rules go round in a loop at point "
                    f"{point.id} (run `kfcourse check`)"
                )
            picked, rule = rule_decision(point, point.actor, self.history)
            self._apply(
                point, picked, {point.actor: picked.id}, {point.actor: rule.note if rule else None}
            )

    def _resolve(self, point: Point, picks: dict[str, str], notes: dict[str, str | None]) -> None:
        ordered = {r: picks[r] for r in ROLES}
        if len(set(ordered.values())) == 1:
            agreed = point.choice(ordered["doctor"])
            assert agreed is not None
            self._apply(point, agreed, ordered, notes)
            return
        impasse = point.impasse
        if impasse is None:  # the linter reports this (SC112); take the doctor's pick
            fallback = point.choice(ordered["doctor"])
            assert fallback is not None
            self._apply(point, fallback, ordered, notes)
            return
        step = self._step(point, "impasse", ordered, notes, None)
        step["prompt"] = impasse.prompt
        self._settle(step, impasse.effects, impasse.next)

    def _effects(self, effects: Mapping[str, int]) -> dict[str, int]:
        changes = {}
        for key, delta in effects.items():
            measure = self.scenario.measures.get(key)
            if measure is None:  # undeclared (SC105): ignored at play time
                continue
            before = self.measures[key]
            self.measures[key] = measure.clamp(before + delta)
            changes[key] = self.measures[key] - before
        return changes

    def _apply(
        self, point: Point, choice: Choice, picks: dict[str, str], notes: dict[str, str | None]
    ) -> None:
        step = self._step(point, "choice", picks, notes, choice)
        self._settle(step, choice.effects, point.route(choice))

    def _step(
        self,
        point: Point,
        kind: str,
        picks: dict[str, str],
        notes: dict[str, str | None],
        choice: Choice | None,
    ) -> dict[str, Any]:
        return {
            "n": len(self.trace) + 1,
            "point": point.id,
            "actor": point.actor,
            "kind": kind,
            "picks": picks,
            "ruled": sorted(notes),
            "notes": {role: notes[role] for role in sorted(notes)},
            "choice": choice.id if choice else None,
            "text": choice.text if choice else None,
            "why": choice.why if choice else None,
            "theory": list(dict.fromkeys((*point.theory, *choice.theory))) if choice else [],
            "prompt": None,
            "effects": {},
            "changes": {},
            "measures": {},
            "next": None,
        }

    def _settle(
        self, step: dict[str, Any], effects: Mapping[str, int], route: Iterable[Branch]
    ) -> None:
        """Apply the effects, record the step, then route with the step in the history."""
        step["effects"] = dict(effects)
        step["changes"] = self._effects(effects)
        step["measures"] = dict(self.measures)
        self.trace.append(step)
        self.node = step["next"] = follow(route, self.history)

    # -- undo, save, resume ------------------------------------------------------------------
    def undo(self) -> bool:
        """Take back the learner's last choice (False when there is none)."""
        if not self.inputs:
            return False
        self.replay(self.inputs[:-1])
        return True

    def replay(self, inputs: Iterable[tuple[str, str]]) -> None:
        """Start again and make these (role, choice id) moves."""
        moves = list(inputs)
        self._reset()
        for role, choice in moves:
            self.choose(choice, role)

    def snapshot(self) -> dict[str, Any]:
        """Everything that defines the state, as plain data (compare two sessions with it)."""
        return copy.deepcopy(
            {
                "node": self.node,
                "measures": self.measures,
                "trace": self.trace,
                "pending": self.pending,
                "inputs": [list(i) for i in self.inputs],
            }
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready save; :meth:`from_dict` resumes it exactly."""
        ending = self.scenario.endings.get(self.node)
        return {
            "format": SAVE_FORMAT,
            "version": SAVE_VERSION,
            "scenario": self.scenario.id,
            "scenario_version": self.scenario.version,
            "mode": self.mode,
            "inputs": [list(i) for i in self.inputs],
            "node": self.node,
            "measures": dict(self.measures),
            "pending": dict(self.pending),
            "ending": ending.id if ending else None,
            "trace": copy.deepcopy(self.trace),
        }

    @classmethod
    def from_dict(cls, scenario: Scenario, data: Any) -> Session:
        """Resume a save: replay its inputs and check the result is the state that was saved."""
        if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
            raise SessionError("this is not a saved role-play session")
        if data.get("version") != SAVE_VERSION:
            raise SessionError(
                f"saved with session format {data.get('version')!r}; this "
                f"version reads format {SAVE_VERSION}"
            )
        if data.get("scenario") != scenario.id:
            raise SessionError(
                f"this save is for scenario {data.get('scenario')!r}, not {scenario.id!r}"
            )
        inputs = data.get("inputs")
        if not isinstance(inputs, list) or not all(
            isinstance(i, list) and len(i) == 2 and all(isinstance(x, str) for x in i)
            for i in inputs
        ):
            raise SessionError("the saved moves are damaged (inputs)")
        session = cls(scenario, str(data.get("mode")))
        try:
            session.replay([(r, c) for r, c in inputs])
        except SessionError as exc:
            raise SessionError(f"the saved moves no longer fit this scenario: {exc}") from None
        same = (
            session.node == data.get("node")
            and session.measures == data.get("measures")
            and session.trace == data.get("trace")
            and session.pending == data.get("pending")
        )
        if not same:
            raise SessionError(
                f"the scenario has changed since this was saved (version "
                f"{data.get('scenario_version')} then, {scenario.version} now); the moves "
                "replay to a different state"
            )
        return session

    def view(self, role: str) -> dict[str, Any]:
        """What the player of ``role`` may see now: never the other role's private information."""
        if role not in ROLES:
            raise SessionError(f"role must be doctor or patient, not {role!r}")
        me = self.scenario.roles[role]
        point = self.point
        mine = role in self.awaiting()
        partner = self.partner_preference() if mine else None
        return {
            "role": {
                "key": role,
                "name": me.name,
                "title": me.title,
                "brief": me.brief,
                "goals": list(me.goals),
                "private": list(me.private),
                "pressures": list(me.pressures),
            },
            "partner": {
                "key": other_role(role),
                "name": self.scenario.roles[other_role(role)].name,
                "title": self.scenario.roles[other_role(role)].title,
            },
            "point": point.id if point else None,
            "prompt": point.prompt.get(role, "") if point else None,
            "actor": point.actor if point else None,
            "your_turn": mine,
            "choices": [
                {"number": n, "id": c.id, "text": c.text} for n, c in enumerate(self.options(), 1)
            ]
            if mine
            else [],
            "partner_proposes": partner.id if partner else None,
            "measures": {
                k: {
                    "value": v,
                    "words": self.scenario.measures[k].words(v),
                    "name": self.scenario.measures[k].name,
                }
                for k, v in self.measures.items()
            },
            "ending": self.ending_summary(),
        }

    def ending_summary(self) -> dict[str, Any] | None:
        ending = self.scenario.endings.get(self.node)
        if ending is None:
            return None
        return {
            "id": ending.id,
            "title": ending.title,
            "text": ending.text,
            "achieved": ending.achieved,
        }
