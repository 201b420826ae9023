// rules.js of the "Three-talk triad" against the Python rules (kfcourse/activities/three_talk.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import * as rules from "../../kfcourse/web/triad/rules.js";

const vectors = JSON.parse(readFileSync(new URL("../activities/three_talk_vectors.json", import.meta.url), "utf8"));

describe("three-talk triad: the page's rules are Python's", () => {
  it("items, scale, talks, checklist, stages and limits", () => {
    const r = vectors.rules;
    assert.equal(rules.EXERCISE, r.exercise);
    assert.deepEqual(rules.ITEMS, r.items);
    assert.equal(rules.SCALE_MAX, r.scale_max);
    assert.equal(rules.TOTAL_MAX, r.total_max);
    assert.deepEqual(rules.TALKS, r.talks);
    assert.deepEqual(rules.BEHAVIOURS, r.behaviours);
    assert.deepEqual(rules.STAGES, r.stages);
    assert.equal(rules.ROTATIONS_MAX, r.rotations_max);
    assert.equal(rules.TALLY_MAX, r.tally_max);
    assert.equal(rules.NOTES_MAX, r.notes_max);
  });
  it("every answer", () => {
    assert.ok(vectors.cases.some((c) => c.answer.finished) && vectors.cases.some((c) => !c.answer.finished));
    assert.ok(vectors.cases.some((c) => c.answer.rotations.length === rules.ROTATIONS_MAX));
    for (const c of vectors.cases) {
      assert.deepEqual(rules.answer(c.rotations, c.notes), c.answer, JSON.stringify(c));
    }
  });
  it("refuses what Python refuses", () => {
    assert.ok(vectors.refused.length >= 20);
    for (const c of vectors.refused) {
      assert.throws(() => rules.answer(c.rotations, c.notes), rules.ThreeTalkError, JSON.stringify(c));
    }
  });
  it("the entry is a draft until finished", () => {
    const finished = vectors.cases.find((c) => c.answer.finished).answer;
    assert.deepEqual(rules.entryFields(finished, "T", "Q"), { exercise: "three-talk", title: "T", question: "Q", answer: finished, draft: false });
    assert.equal(rules.entryFields(rules.answer(), "T", "Q").draft, true);
  });
});
