// History clauses (compiled format 2): `chose` and `visits`. A choice's and a rule's `when` read
// the trace before the decision; routing reads it with the decision's step appended. The shipped
// scenarios are changed here only in their conditions, to put each clause where it matters.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Session } from "../../kfcourse/web/roleplay/engine.js";
import { before, findStep, scenarios } from "./roleplay-support.mjs";

// The first joint point with an impasse that a pair vector reaches, and the moves that reach it.
function jointSetting() {
  const found = findStep((step, vector) => {
    const point = scenarios[vector.scenario].points[step.point];
    return vector.mode === "pair" && point.actor === "joint" && point.impasse !== null;
  });
  assert.ok(found, "a pair vector that reaches a joint point with an impasse");
  const { vector, at } = found;
  const compiled = structuredClone(scenarios[vector.scenario]);
  const id = vector.steps[at].point;
  const probe = new Session(compiled, "pair");
  const moves = [];
  for (const move of vector.moves) {
    if (probe.node === id && !Object.keys(probe.pending).length) break;
    probe.choose(move[1], move[0]);
    moves.push(move);
  }
  const ending = Object.keys(compiled.endings)[0];
  return { compiled, id, point: compiled.points[id], moves, ending };
}

function reach(setting, mode = "pair") {
  const session = new Session(setting.compiled, mode);
  session.replay(mode === "pair" ? setting.moves : []);
  return session;
}

describe("history clauses", () => {
  it("visits in routing counts the decision just made", () => {
    const s = jointSetting();
    const seen = reach(s).trace.filter((step) => step.point === s.id).length;
    s.point.impasse.next = [
      { when: [{ visits: s.id, op: ">=", value: seen + 2 }], to: s.ending },
      { when: null, to: s.id },
    ];
    const session = reach(s);
    const [a, b] = session.options();
    session.choose(a.id, "doctor");
    session.choose(b.id, "patient");
    assert.equal(session.node, s.id, "one impasse: back to the point");
    session.choose(a.id, "doctor");
    session.choose(b.id, "patient");
    assert.equal(session.node, s.ending, "the second impasse counts itself");
    assert.equal(session.ended, true);
  });

  it("chose reads the last decision at a point, never an impasse, and sees the decision just made", () => {
    const s = jointSetting();
    const every = s.point.choices.map((c) => c.id);
    s.point.impasse.next = [
      { when: [{ chose: s.id, in: every }], to: s.ending },
      { when: null, to: s.id },
    ];
    const [a, b] = s.point.choices;
    a.next = [{ when: [{ chose: s.id, in: [a.id] }], to: s.ending }, ...a.next];
    const session = reach(s);
    session.choose(a.id, "doctor");
    session.choose(b.id, "patient");
    assert.equal(session.node, s.id, "an impasse is not a choice");
    session.choose(a.id, "doctor");
    session.choose(a.id, "patient");
    assert.equal(session.node, s.ending);
    assert.equal(session.trace.at(-1).next, s.ending);
  });

  it("chose is false at a point not yet decided", () => {
    const s = jointSetting();
    const [a, b] = s.point.choices;
    const decided = new Set(reach(s).trace.map((step) => step.point));
    const later = Object.keys(s.compiled.points).find((id) => !decided.has(id) && id !== s.id);
    assert.ok(later, "a point not yet decided");
    b.when = [{ chose: later, in: s.compiled.points[later].choices.map((c) => c.id) }];
    const ids = reach(s).options().map((c) => c.id);
    assert.ok(ids.includes(a.id));
    assert.ok(!ids.includes(b.id));
  });

  it("a choice's when reads the trace before the decision", () => {
    const s = jointSetting();
    const [a, b] = s.point.choices;
    const seen = reach(s).trace.filter((step) => step.point === s.id).length;
    a.when = [{ visits: s.id, op: "==", value: seen }];
    b.when = [{ visits: s.id, op: ">", value: seen }];
    const session = reach(s);
    assert.ok(session.options().some((c) => c.id === a.id));
    assert.ok(!session.options().some((c) => c.id === b.id));
    session.choose(a.id, "doctor");
    session.choose(session.options().find((c) => c.id !== a.id).id, "patient");
    assert.equal(session.node, s.id, "an impasse, back to the point");
    assert.ok(!session.options().some((c) => c.id === a.id));
    assert.ok(session.options().some((c) => c.id === b.id));
  });

  it("a rule's when reads the trace before the decision, and its note is recorded", () => {
    const { vector, at } = findStep(
      (step, v) => v.mode === "doctor" && scenarios[v.scenario].points[step.point].actor === "joint",
    );
    const compiled = structuredClone(scenarios[vector.scenario]);
    const id = vector.steps[at].point;
    const seen = vector.steps.slice(0, at).filter((step) => step.point === id).length;
    const last = compiled.points[id].choices.at(-1).id;
    compiled.points[id].rules.unshift({
      role: "patient",
      when: [{ visits: id, op: "==", value: seen }],
      choose: last,
      note: "The partner's answer on this visit.",
    });
    const session = new Session(compiled, "doctor");
    session.replay(vector.moves.slice(0, before(vector, at).inputs.length));
    assert.equal(session.node, id);
    assert.equal(session.partnerPreference().id, last);
    session.choose(last);
    const step = session.trace[at];
    assert.equal(step.picks.patient, last);
    assert.deepEqual(step.ruled, ["patient"]);
    assert.deepEqual(step.notes, { patient: "The partner's answer on this visit." });
  });
});
