// engine.js against the Python engine: every golden vector, then the moves around the edges.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  MODES,
  Session,
  SessionError,
  follow,
  offered,
  otherRole,
  rulePick,
} from "../../kfcourse/web/roleplay/engine.js";
import { before, cut, findStep, label, played, scenarios, vectors } from "./roleplay-support.mjs";

const json = (data) => JSON.stringify(data);

describe("golden vectors", () => {
  it("cover every scenario in every mode", () => {
    assert.ok(vectors.length > 0);
    for (const id of Object.keys(scenarios)) {
      for (const mode of MODES) {
        assert.ok(vectors.some((v) => v.scenario === id && v.mode === mode), `${id} ${mode}`);
      }
    }
  });

  vectors.forEach((vector, index) => {
    it(`replay ${label(vector, index)}`, () => {
      const session = played(vector);
      assert.equal(session.scenario.version, vector.scenario_version);
      const steps = session.trace.map((step, i) => cut(step, vector.steps[i] ?? {}));
      // Strings, so that key order (picks doctor then patient; measures as declared) counts too.
      assert.equal(json(steps), json(vector.steps));
      assert.equal(json(session.measures), json(vector.measures));
      assert.equal(session.ended ? session.node : null, vector.ending);
      assert.deepEqual(session.inputs, vector.moves);
      if (vector.entry) assert.equal(json(session.trace), json(vector.entry.trace));
    });
  });

  it("carry whole trace steps to compare key for key", (t) => {
    const full = vectors.filter((v) => v.entry);
    if (!full.length) return t.skip("this vectors file has no entries (whole traces) yet");
    for (const vector of full) {
      played(vector).trace.forEach((step, i) => {
        assert.deepEqual(Object.keys(step), Object.keys(vector.entry.trace[i]));
      });
    }
  });

  it("replay the same move by move as all at once, and by number as by id", () => {
    for (const vector of vectors) {
      const byId = new Session(scenarios[vector.scenario], vector.mode);
      const byNumber = new Session(scenarios[vector.scenario], vector.mode);
      for (const [role, choice] of vector.moves) {
        byId.choose(choice, role);
        const number = byNumber.options().findIndex((c) => c.id === choice) + 1;
        byNumber.choose(number, role);
      }
      assert.deepEqual(byId.snapshot(), played(vector).snapshot());
      assert.deepEqual(byNumber.snapshot(), byId.snapshot());
    }
  });
});

describe("undo and replay", () => {
  it("undo takes back exactly the last move, all the way to the start", () => {
    for (const vector of vectors.filter((_, i) => i % 3 === 0)) {
      const session = played(vector);
      for (let n = vector.moves.length - 1; n >= 0; n -= 1) {
        assert.equal(session.undo(), true);
        const again = new Session(scenarios[vector.scenario], vector.mode);
        again.replay(vector.moves.slice(0, n));
        assert.deepEqual(session.snapshot(), again.snapshot());
      }
      assert.equal(session.undo(), false);
      assert.deepEqual(session.snapshot(), new Session(scenarios[vector.scenario], vector.mode).snapshot());
    }
  });

  it("replay starts again from the scenario's start", () => {
    const [first, second] = vectors.filter((v) => v.mode === "doctor" && v.scenario === vectors[0].scenario);
    const session = played(first);
    session.replay(second.moves);
    assert.deepEqual(session.snapshot(), played(second).snapshot());
    session.replay([]);
    assert.deepEqual(session.snapshot(), new Session(scenarios[first.scenario], "doctor").snapshot());
  });

  it("a snapshot is a copy the session does not share", () => {
    const session = played(vectors[0]);
    const snap = session.snapshot();
    snap.trace[0].measures.P = 999;
    snap.inputs.pop();
    assert.deepEqual(session.snapshot(), played(vectors[0]).snapshot());
  });

  it("replay refuses a move that does not fit and keeps the moves that did", () => {
    const vector = vectors.find((v) => v.moves.length >= 2);
    const session = new Session(scenarios[vector.scenario], vector.mode);
    const bad = [vector.moves[1][0], "no-such-choice"];
    assert.throws(() => session.replay([vector.moves[0], bad]), SessionError);
    assert.deepEqual(session.inputs, [vector.moves[0]]);
  });
});

describe("moves the engine refuses, leaving the state as it was", () => {
  function refuses(session, move, pattern) {
    const snap = session.snapshot();
    assert.throws(move, (error) => error instanceof SessionError && pattern.test(error.message));
    assert.deepEqual(session.snapshot(), snap);
  }

  it("not your turn", () => {
    for (const mode of ["doctor", "patient"]) {
      const vector = vectors.find((v) => v.mode === mode);
      const session = new Session(scenarios[vector.scenario], mode);
      refuses(session, () => session.choose(1, otherRole(mode)), /not the \w+'s turn/);
    }
    const { vector, at } = findStep((s, v) => v.mode === "pair" && Object.keys(s.picks).length === 1);
    const session = before(vector, at);
    const actor = Object.keys(vector.steps[at].picks)[0];
    refuses(session, () => session.choose(1, otherRole(actor)), /not the \w+'s turn/);
  });

  it("a choice not offered, by id or by number", () => {
    const session = new Session(scenarios[vectors[0].scenario], vectors[0].mode);
    const count = session.options().length;
    refuses(session, () => session.choose("no-such-choice"), /not one of the choices offered/);
    refuses(session, () => session.choose(0), /from 1 to/);
    refuses(session, () => session.choose(count + 1), /from 1 to/);
    refuses(session, () => session.choose("constructor"), /not one of the choices offered/);
  });

  it("play has ended", () => {
    const vector = vectors.find((v) => v.ending !== null);
    const session = played(vector);
    assert.equal(session.ended, true);
    assert.deepEqual(session.awaiting(), []);
    assert.equal(session.point, null);
    assert.deepEqual(session.options(), []);
    refuses(session, () => session.choose(1), /play has ended/);
    const ending = scenarios[vector.scenario].endings[vector.ending];
    assert.deepEqual(session.endingSummary(), {
      id: vector.ending,
      title: ending.title,
      text: ending.text,
      achieved: ending.achieved,
    });
  });

  // Broken scenarios (the linter's job) are made here by cutting a shipped one.
  function broken(change) {
    const vector = vectors.find((v) => v.mode === "doctor" && v.moves.length >= 2);
    const compiled = structuredClone(scenarios[vector.scenario]);
    const session = new Session(compiled, "doctor");
    session.replay(vector.moves.slice(0, 1));
    change(compiled, session, vector.moves[1]);
    return { session, move: vector.moves[1] };
  }

  it("a choice with nowhere to go next", () => {
    const { session, move } = broken((compiled, s) => {
      for (const choice of s.point.choices) choice.next = [];
    });
    refuses(session, () => session.choose(move[1], move[0]), /nowhere to go next/);
  });

  it("rules that go round in a loop", () => {
    const { session, move } = broken((compiled, s, move) => {
      const here = s.node;
      const choice = s.point.choices.find((c) => c.id === move[1]);
      const ruledId = Object.keys(compiled.points).find((id) => compiled.points[id].actor === "patient");
      choice.next = [{ when: null, to: ruledId }];
      for (const c of compiled.points[ruledId].choices) {
        c.effects = {};
        c.next = [{ when: null, to: ruledId }];
      }
      assert.notEqual(ruledId, here);
    });
    refuses(session, () => session.choose(move[1], move[0]), /go round in a loop/);
  });

  it("a point with no choices: stuck, nothing awaited", () => {
    const { session, move } = broken((compiled, s, move) => {
      const choice = s.point.choices.find((c) => c.id === move[1]);
      compiled.points.Dead = { ...s.point, actor: "doctor", choices: [], rules: [], impasse: null };
      choice.next = [{ when: null, to: "Dead" }];
    });
    session.choose(move[1], move[0]);
    assert.equal(session.node, "Dead");
    assert.equal(session.stuck, true);
    assert.equal(session.ended, false);
    assert.deepEqual(session.awaiting(), []);
    assert.deepEqual(session.options(), []);
    refuses(session, () => session.choose(1), /play has ended/);
  });

  it("a mode that is not doctor, patient or pair", () => {
    assert.throws(() => new Session(scenarios[vectors[0].scenario], "nurse"), SessionError);
  });

  it("a compiled format this engine does not know", () => {
    const later = { ...scenarios[vectors[0].scenario], compiled_format: 99 };
    assert.throws(() => new Session(later, "pair"), /compiled scenario formats/);
  });
});

describe("joint points", () => {
  const joint = (step, vector) => scenarios[vector.scenario].points[step.point].actor === "joint";

  it("in pair play, the first pick waits unseen for the second", () => {
    const { vector, at } = findStep((s, v) => v.mode === "pair" && joint(s, v));
    const session = before(vector, at);
    const step = vector.steps[at];
    assert.deepEqual(session.awaiting(), ["doctor", "patient"]);
    session.choose(step.picks.doctor, "doctor");
    assert.deepEqual(session.pending, { doctor: step.picks.doctor });
    assert.equal(session.trace.length, at);
    assert.deepEqual(session.awaiting(), ["patient"]);
    assert.throws(() => session.choose(step.picks.doctor, "doctor"), SessionError);
    assert.equal(session.partnerPreference(), null);
    assert.equal(session.undo(), true);
    assert.deepEqual(session.pending, {});
    assert.deepEqual(session.awaiting(), ["doctor", "patient"]);
  });

  it("in pair play, picks are recorded doctor then patient whoever picks first", () => {
    let swapped = 0;
    for (const vector of vectors.filter((v) => v.mode === "pair")) {
      // The vectors pick doctor first; swapping every joint pair of moves must change nothing.
      const moves = vector.moves.map((m) => [...m]);
      for (let i = 0; i + 1 < moves.length; i += 1) {
        if (moves[i][0] === "doctor" && moves[i + 1][0] === "patient") {
          const probe = new Session(scenarios[vector.scenario], "pair");
          probe.replay(moves.slice(0, i));
          if (probe.point?.actor === "joint" && !Object.keys(probe.pending).length) {
            [moves[i], moves[i + 1]] = [moves[i + 1], moves[i]];
            i += 1;
            swapped += 1;
          }
        }
      }
      const session = new Session(scenarios[vector.scenario], "pair");
      session.replay(moves);
      assert.equal(json(session.trace), json(played(vector).trace));
    }
    assert.ok(swapped > 0);
  });

  it("different picks are an impasse: its effects, its prompt, and play goes on", () => {
    const { vector, at } = findStep((s, v) => v.mode === "pair" && joint(s, v));
    const session = before(vector, at);
    const point = session.point;
    const [a, b] = session.options();
    session.choose(a.id, "doctor");
    session.choose(b.id, "patient");
    const step = session.trace[at];
    assert.equal(step.kind, "impasse");
    assert.equal(step.choice, null);
    assert.equal(json(step.picks), json({ doctor: a.id, patient: b.id }));
    assert.equal(step.prompt, point.impasse.prompt);
    assert.deepEqual(step.effects, point.impasse.effects);
    assert.deepEqual(step.ruled, []);
    assert.deepEqual(step.notes, {});
    assert.equal(session.node, step.next);
  });

  it("the vectors' impasses are played the same in every mode", () => {
    for (const mode of MODES) {
      const found = findStep((s, v) => v.mode === mode && s.kind === "impasse");
      assert.ok(found, `an impasse in ${mode} play`);
      const step = played(found.vector).trace[found.at];
      assert.equal(step.kind, "impasse");
      assert.equal(step.choice, null);
    }
  });

  it("in solo play, the partner's rules pick at once, as partnerPreference said", () => {
    for (const mode of ["doctor", "patient"]) {
      const { vector, at } = findStep((s, v) => v.mode === mode && Object.keys(s.picks).length === 2);
      const session = before(vector, at);
      const partner = otherRole(mode);
      const preference = session.partnerPreference();
      assert.equal(preference.id, vector.steps[at].picks[partner]);
      assert.equal(preference, rulePick(session.point, partner, session));
      session.choose(vector.steps[at].picks[mode], mode);
      assert.deepEqual(session.pending, {});
      const step = session.trace[at];
      assert.deepEqual(step.ruled, [partner]);
      assert.deepEqual(Object.keys(step.notes), [partner]);
    }
  });
});

describe("who chose", () => {
  it("in solo play, every step the learner did not pick was ruled, with a note or null", () => {
    for (const vector of vectors.filter((v) => v.mode !== "pair")) {
      for (const step of played(vector).trace) {
        const ruled = Object.keys(step.picks).filter((role) => role !== vector.mode).sort();
        assert.deepEqual(step.ruled, ruled);
        assert.deepEqual(Object.keys(step.notes), ruled);
        for (const note of Object.values(step.notes)) assert.ok(note === null || typeof note === "string");
      }
    }
  });

  it("in pair play, no step is ruled", () => {
    for (const vector of vectors.filter((v) => v.mode === "pair")) {
      for (const step of played(vector).trace) {
        assert.deepEqual(step.ruled, []);
        assert.deepEqual(step.notes, {});
      }
    }
  });

  it("learners(), awaiting() and the exported helpers agree with the session", () => {
    const vector = vectors.find((v) => v.mode === "patient");
    const session = new Session(scenarios[vector.scenario], "patient");
    assert.deepEqual(session.learners(), ["patient"]);
    assert.deepEqual(new Session(scenarios[vector.scenario], "pair").learners(), ["doctor", "patient"]);
    const point = session.point;
    assert.deepEqual(offered(point, session.measures), session.options());
    assert.deepEqual(offered(point, session), session.options());
    const branches = point.choices[0].next;
    assert.equal(typeof follow(branches, session), "string");
    assert.throws(() => follow([], session), SessionError);
    assert.equal(session.stuck, false);
  });
});
