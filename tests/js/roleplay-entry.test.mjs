// entry.js against kfcourse.journal.runs: each golden vector carries the entry fields Python
// made from the same run.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Session } from "../../kfcourse/web/roleplay/engine.js";
import { NOTE_LIMIT, deroleEntry, disagreementEntry, runEntry } from "../../kfcourse/web/roleplay/entry.js";
import { label, played, scenarios, vectors } from "./roleplay-support.mjs";

const META = {
  id: "run-1",
  created: "2026-01-02T03:04:05Z",
  updated: "2026-01-02T03:05:06Z",
  courseVersion: "1.2.3",
  source: "web",
};
const COMMON = ["id", "kind", "created", "updated", "course_version", "source"];

function entryOf(vector) {
  const link = vector.link ? { relatedEntry: vector.link.related_entry, relation: vector.link.relation } : {};
  return runEntry(played(vector), scenarios[vector.scenario], { ...META, ...link });
}


describe("runEntry", () => {
  it("every vector carries Python's entry", () => {
    assert.ok(vectors.every((v) => v.entry && typeof v.entry === "object"));
  });

  vectors.forEach((vector, index) => {
    it(`matches Python's entry for ${label(vector, index)}`, () => {
      const entry = entryOf(vector);
      assert.deepEqual(Object.keys(entry), [...COMMON, ...Object.keys(vector.entry)]);
      const fields = Object.fromEntries(Object.entries(entry).filter(([k]) => !COMMON.includes(k)));
      assert.equal(JSON.stringify(fields), JSON.stringify(vector.entry));
    });
  });

  it("the vectors link runs as swaps and replays, and leave some unlinked", () => {
    const relations = new Set(vectors.map((v) => v.entry.relation ?? null));
    assert.deepEqual([...relations].sort(), [null, "replay", "swap"]);
  });

  it("refuses a relation that is not a swap or a replay, or names no run", () => {
    const session = played(vectors[0]);
    const scenario = scenarios[vectors[0].scenario];
    assert.throws(() => runEntry(session, scenario, { ...META, relatedEntry: "x", relation: "copy" }), /swap or a replay/);
    assert.throws(() => runEntry(session, scenario, { ...META, relation: "swap" }), /swap or a replay/);
  });

  it("takes id, times, version and source from meta", () => {
    const entry = entryOf(vectors[0]);
    assert.deepEqual(
      COMMON.map((k) => entry[k]),
      [META.id, "roleplay", META.created, META.updated, META.courseVersion, META.source],
    );
  });

  it("a run left part-way has no ending and is not completed", () => {
    const vector = vectors.find((v) => v.moves.length >= 2);
    const session = new Session(scenarios[vector.scenario], vector.mode);
    session.replay(vector.moves.slice(0, 1));
    const entry = runEntry(session, scenarios[vector.scenario], META);
    assert.equal(entry.ending, null);
    assert.equal(entry.completed, false);
    assert.deepEqual(entry.moves, vector.moves.slice(0, 1));
    assert.deepEqual(entry.trace, session.trace);
  });

  it("shares nothing with the session", () => {
    const session = played(vectors[0]);
    const entry = runEntry(session, scenarios[vectors[0].scenario], META);
    entry.trace[0].measures.P = 999;
    entry.moves[0][1] = "changed";
    entry.measures_end.P = 999;
    assert.deepEqual(session.snapshot(), played(vectors[0]).snapshot());
  });
});

describe("notes on a run", () => {
  const HOST = ["id", "created", "updated", "course_version", "source"];
  function run(vector) {
    return { ...entryOf(vector), id: vector.notes.run };
  }

  vectors.forEach((vector, index) => {
    it(`disagreement and de-roling match Python's for ${label(vector, index)}`, () => {
      const { notes } = vector;
      const disagreement = disagreementEntry(run(vector), notes.step, notes.text, META);
      const derole = deroleEntry(run(vector), notes.text, { ...META, question: notes.question });
      for (const [made, python] of [[disagreement, notes.disagreement], [derole, notes["de-roling"]]]) {
        assert.deepEqual(HOST.map((k) => made[k]), [META.id, META.created, META.updated, META.courseVersion, META.source]);
        const fields = Object.fromEntries(Object.entries(made).filter(([k]) => !HOST.includes(k)));
        assert.equal(JSON.stringify(fields), JSON.stringify(python));
      }
    });
  });

  it("the vectors hold disagreements at impasses and at choices", () => {
    const choices = new Set(vectors.map((v) => v.notes.disagreement.answer.choice === null));
    assert.deepEqual([...choices].sort(), [false, true]);
  });

  it("refuses a step the run does not have, a run that is not a run, and no text", () => {
    const r = run(vectors[0]);
    for (const step of [0, r.trace.length + 1, 1.5, "1"]) {
      assert.throws(() => disagreementEntry(r, step, "x", META), /no step/);
    }
    assert.throws(() => disagreementEntry({ kind: "reflection", id: "x" }, 1, "x", META), /role-play run/);
    assert.throws(() => deroleEntry(r, null, META), /must be text/);
    // As the core refuses them (kfcourse.journal.runs.note_entry): blank, or too long.
    assert.throws(() => deroleEntry(r, " \n ", META), /Write something first/);
    assert.throws(() => disagreementEntry(r, 1, "x".repeat(NOTE_LIMIT + 1), META), /at most/);
    assert.equal(deroleEntry(r, "x".repeat(NOTE_LIMIT), META).answer.text.length, NOTE_LIMIT);
  });
});
