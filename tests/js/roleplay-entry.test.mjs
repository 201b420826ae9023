// entry.js against kfcourse.journal.runs: each golden vector carries the entry fields Python
// made from the same run.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Session } from "../../kfcourse/web/roleplay/engine.js";
import { runEntry } from "../../kfcourse/web/roleplay/entry.js";
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
  return runEntry(played(vector), scenarios[vector.scenario], META);
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
