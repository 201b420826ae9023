// Shared by the role-play tests: the golden vectors the Python engine wrote, and helpers.
import { readFileSync } from "node:fs";
import { Session } from "../../kfcourse/web/roleplay/engine.js";

const VECTORS = new URL("../roleplay/vectors.json", import.meta.url);

export const golden = JSON.parse(readFileSync(VECTORS, "utf8"));
export const scenarios = golden.scenarios;
export const vectors = golden.vectors;

export function label(vector, index) {
  return `#${index} ${vector.scenario} as ${vector.mode} (${vector.moves.length} moves)`;
}

export function played(vector) {
  const session = new Session(scenarios[vector.scenario], vector.mode);
  session.replay(vector.moves);
  return session;
}

// A step cut down to the keys `like` has, in the JS step's own key order.
export function cut(step, like) {
  const keys = Object.keys(step).filter((k) => Object.hasOwn(like, k));
  return Object.fromEntries(keys.map((k) => [k, step[k]]));
}

// Seeded, so a failure names a run that can be played again.
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The first vector (and the index of its first step) that `test` accepts.
export function findStep(test) {
  for (const vector of vectors) {
    const at = vector.steps.findIndex((step, i) => test(step, vector, i));
    if (at >= 0) return { vector, at };
  }
  return null;
}

// A session replaying `vector` up to the moment its step `at` is about to be decided
// (no pick pending). Null if rules, not a learner, made that step.
export function before(vector, at) {
  const session = new Session(scenarios[vector.scenario], vector.mode);
  for (const [role, choice] of vector.moves) {
    if (session.trace.length === at && !Object.keys(session.pending).length) return session;
    if (session.trace.length > at) return null;
    session.choose(choice, role);
  }
  return null;
}
