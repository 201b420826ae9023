// align.js against kfcourse.journal.compare: the golden file holds Python's comparisons of
// pairs of real runs; here the same runs are played by engine.js, stored by entry.js and
// compared by align.js.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { alignRuns, compareRuns, NotComparable } from "../../kfcourse/web/roleplay/align.js";
import { runEntry } from "../../kfcourse/web/roleplay/entry.js";
import { golden, played, random, scenarios, vectors } from "./roleplay-support.mjs";

const META = { id: "run", created: "2026-01-02T03:04:05Z", updated: "2026-01-02T03:04:05Z", courseVersion: "1", source: "web" };

function entryOf(vector) {
  return runEntry(played(vector), scenarios[vector.scenario], META);
}

// The longest common subsequence of two lists, by plain recursion with a memo (not align.js's
// table), to check that the alignment pairs as many steps as can be paired.
function lcsLength(a, b) {
  const memo = new Map();
  const go = (i, j) => {
    if (i === a.length || j === b.length) return 0;
    const key = i * (b.length + 1) + j;
    if (!memo.has(key)) memo.set(key, a[i] === b[j] ? 1 + go(i + 1, j + 1) : Math.max(go(i + 1, j), go(i, j + 1)));
    return memo.get(key);
  };
  return go(0, 0);
}

// Every step of each run in exactly one row, in order; paired rows at the same point; as many
// pairs as the longest common subsequence; `same` exactly when the decisions are equal.
function checkAlignment(aTrace, bTrace, rows) {
  for (const [side, trace] of [["a", aTrace], ["b", bTrace]]) {
    const seen = rows.map((r) => r[side]).filter((n) => n !== null);
    assert.deepEqual(seen, trace.map((_, i) => i + 1), `run ${side}: every step once, in order`);
  }
  for (const r of rows) {
    assert.ok(r.a !== null || r.b !== null);
    if (r.a !== null) assert.equal(r.point, aTrace[r.a - 1].point);
    if (r.b !== null) assert.equal(r.point, bTrace[r.b - 1].point);
    const a = r.a === null ? null : aTrace[r.a - 1];
    const b = r.b === null ? null : bTrace[r.b - 1];
    const same = a !== null && b !== null && a.kind === b.kind && a.choice === b.choice &&
      JSON.stringify(a.picks, Object.keys(a.picks).sort()) === JSON.stringify(b.picks, Object.keys(b.picks).sort());
    assert.equal(r.same, same, `row at ${r.point}`);
  }
  const paired = rows.filter((r) => r.a !== null && r.b !== null).length;
  assert.equal(paired, lcsLength(aTrace.map((s) => s.point), bTrace.map((s) => s.point)));
}

describe("compareRuns against Python", () => {
  it("the golden file holds comparisons for every shipped scenario", () => {
    const covered = new Set(golden.comparisons.map((c) => vectors[c.a].scenario));
    assert.deepEqual([...covered].sort(), Object.keys(scenarios).sort());
  });

  golden.comparisons.forEach((c, index) => {
    it(`#${index}: ${vectors[c.a].scenario} run ${c.a} with run ${c.b}`, () => {
      const result = compareRuns(entryOf(vectors[c.a]), entryOf(vectors[c.b]));
      assert.equal(JSON.stringify(result), JSON.stringify(c.result));
    });
  });
});

describe("alignRuns", () => {
  it("pairs a run that visits a point twice with one that visits it once, and keeps the rest", () => {
    const twice = vectors.find((v) => v.steps.filter((s) => s.point === "C4").length === 2);
    const once = vectors.find((v) => v.scenario === twice.scenario && v.steps.filter((s) => s.point === "C4").length === 1);
    assert.ok(twice && once, "the golden file has runs that visit C4 once and twice");
    const a = played(twice).trace;
    const b = played(once).trace;
    const rows = alignRuns(a, b);
    checkAlignment(a, b, rows);
    const atC4 = rows.filter((r) => r.point === "C4");
    assert.equal(atC4.length, 2);
    // The first visits are paired; the second visit of run A has no partner.
    assert.equal(atC4[0].a, a.findIndex((s) => s.point === "C4") + 1);
    assert.equal(atC4[0].b, b.findIndex((s) => s.point === "C4") + 1);
    assert.equal(atC4[1].b, null);
  });

  it("a run compared with itself is the same at every row and never parts", () => {
    const entry = entryOf(vectors[0]);
    const result = compareRuns(entry, structuredClone(entry));
    assert.equal(result.parted, null);
    assert.ok(result.rows.every((r, i) => r.same && r.a === i + 1 && r.b === i + 1));
  });

  it("property: random pairs of real runs of one scenario align step for step", () => {
    const next = random(9);
    for (let k = 0; k < 300; k += 1) {
      const va = vectors[Math.floor(next() * vectors.length)];
      const same = vectors.filter((v) => v.scenario === va.scenario);
      const vb = same[Math.floor(next() * same.length)];
      const a = played(va).trace;
      const b = played(vb).trace;
      // A run left part-way is a prefix of its trace.
      const cut = (t) => t.slice(0, Math.floor(next() * (t.length + 1)));
      const [x, y] = next() < 0.5 ? [a, b] : [cut(a), cut(b)];
      checkAlignment(x, y, alignRuns(x, y));
    }
  });

  it("property: any two point sequences align with the tie rule (run A's step first)", () => {
    const next = random(4);
    const steps = (n) => Array.from({ length: n }, () => ({ point: "PQRS"[Math.floor(next() * 4)], kind: "choice", choice: "a", picks: {} }));
    for (let k = 0; k < 500; k += 1) {
      const a = steps(Math.floor(next() * 9));
      const b = steps(Math.floor(next() * 9));
      checkAlignment(a, b, alignRuns(a, b));
    }
    const rows = alignRuns([{ point: "X" }, { point: "Y" }], [{ point: "Y" }, { point: "X" }]);
    assert.deepEqual(rows.map((r) => [r.point, r.a, r.b]), [["X", 1, null], ["Y", 2, 1], ["X", null, 2]]);
  });
});

describe("compareRuns refuses what it cannot compare, with a reason", () => {
  const a = entryOf(vectors.find((v) => v.scenario === "discharge-delays"));
  const b = entryOf(vectors.find((v) => v.scenario === "unread-report"));

  it("runs of two scenarios", () => {
    assert.throws(() => compareRuns(a, b), (e) => e instanceof NotComparable &&
      /different scenarios \(discharge-delays and unread-report\)/.test(e.message));
  });

  it("an entry that is not a run", () => {
    assert.throws(() => compareRuns(a, { kind: "reflection" }), (e) => e instanceof NotComparable && /Run B is not a role-play run/.test(e.message));
    assert.throws(() => compareRuns({ ...a, trace: "x" }, a), (e) => e instanceof NotComparable && /Run A has no list/.test(e.message));
  });

  it("another version of the scenario says so and still compares", () => {
    const result = compareRuns(a, { ...a, scenario_hash: "sha256:00000000" });
    assert.equal(result.same_version, false);
    assert.equal(result.parted, null);
  });
});
