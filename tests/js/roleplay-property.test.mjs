// Random play of every compiled scenario in every mode: never a throw, never a state that
// replaying its own moves would not give, and an ending (or a stop) within a bound.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { MODES, Session } from "../../kfcourse/web/roleplay/engine.js";
import { random, scenarios } from "./roleplay-support.mjs";

const RUNS = 60;
const BOUND = 1000; // learner actions per run; the vectors' runs take a dozen or so

function pickOne(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

// One learner action: mostly a choice (by id or by number, any waiting role), sometimes an undo.
function act(session, rand) {
  if (session.inputs.length && rand() < 0.1) return session.undo();
  const role = pickOne(rand, session.awaiting());
  const options = session.options();
  const index = Math.floor(rand() * options.length);
  return session.choose(rand() < 0.5 ? options[index].id : index + 1, role);
}

function checkState(session, compiled) {
  for (const [key, value] of Object.entries(session.measures)) {
    const m = compiled.measures[key];
    assert.ok(Number.isInteger(value) && value >= m.min && value <= m.max, `${key} = ${value}`);
  }
  session.trace.forEach((step, i) => {
    assert.equal(step.n, i + 1);
    assert.equal(step.next, session.trace[i + 1]?.point ?? session.node);
  });
}

function run(compiled, mode, seed) {
  const rand = random(seed);
  const session = new Session(compiled, mode);
  let actions = 0;
  while (session.awaiting().length && actions < BOUND) {
    act(session, rand);
    actions += 1;
    if (actions % 7 === 0) {
      const again = new Session(compiled, mode);
      again.replay(session.inputs);
      assert.deepEqual(again.snapshot(), session.snapshot());
    }
  }
  checkState(session, compiled);
  return session;
}

describe("random play", () => {
  for (const [id, compiled] of Object.entries(scenarios)) {
    for (const mode of MODES) {
      it(`${id} as ${mode}: ${RUNS} runs end or stop within ${BOUND} actions`, () => {
        const endings = new Set();
        for (let seed = 1; seed <= RUNS; seed += 1) {
          const session = run(compiled, mode, seed * 7919);
          assert.ok(session.ended || session.stuck, `seed ${seed * 7919} is still at ${session.node}`);
          assert.deepEqual(session.awaiting(), []);
          if (session.ended) endings.add(session.node);
        }
        assert.ok(endings.size > 0);
      });
    }
  }
});

// The endless impasse loop of issue 8: a learner who always takes the same offer must still end.
describe("a learner who always takes the same offer", () => {
  for (const [id, compiled] of Object.entries(scenarios)) {
    for (const mode of MODES) {
      it(`${id} as ${mode}: always the first, or always the last, reaches an ending`, () => {
        for (const which of [(list) => list[0], (list) => list.at(-1)]) {
          const session = new Session(compiled, mode);
          let actions = 0;
          while (session.awaiting().length && actions < BOUND) {
            session.choose(which(session.options()).id, session.awaiting()[0]);
            actions += 1;
          }
          assert.ok(session.ended, `still at ${session.node} after ${actions} choices`);
        }
      });
    }
  }
});
