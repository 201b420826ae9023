// rules.js of the instruments against the Python rules (kfcourse/activities/instruments.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import * as rules from "../../kfcourse/web/instrument/rules.js";

const vectors = JSON.parse(readFileSync(new URL("../activities/instruments_vectors.json", import.meta.url), "utf8"));

describe("instruments: the page's rules are Python's", () => {
  it("moments, scales, text length and every instrument's items", () => {
    assert.deepEqual(rules.MOMENTS, vectors.rules.moments);
    assert.deepEqual(rules.AGREEMENT, vectors.rules.agreement);
    assert.deepEqual(rules.PRACTICE, vectors.rules.practice);
    assert.deepEqual(rules.PRACTICE_POINTS, vectors.rules.practice_points);
    assert.equal(rules.TEXT_MAX, vectors.rules.text_max);
    assert.deepEqual(rules.INSTRUMENTS, vectors.rules.instruments);
  });
  it("every answer, and whether it is worth keeping", () => {
    for (const id of Object.keys(rules.INSTRUMENTS)) {
      const mine = vectors.cases.filter((c) => c.instrument === id);
      assert.ok(mine.some((c) => c.answer.finished) && mine.some((c) => !c.answer.complete), id);
    }
    assert.ok(vectors.cases.some((c) => c.answer.gaps && c.answer.gaps.after.at.length > 1));
    for (const c of vectors.cases) {
      const a = rules.answer(c.instrument, c.ratings, c.examples, c.action);
      assert.deepEqual(a, c.answer, JSON.stringify(c));
      assert.equal(rules.touched(a), c.touched);
    }
  });
  it("refuses what Python refuses", () => {
    for (const c of vectors.refused) {
      assert.throws(() => rules.answer(c.instrument, c.ratings, c.examples, c.action), rules.InstrumentError, JSON.stringify(c));
    }
  });
  it("the entry is a draft until finished", () => {
    const done = vectors.cases.find((c) => c.answer.finished);
    const a = rules.answer(done.instrument, done.ratings, done.examples, done.action);
    assert.deepEqual(rules.entryFields(a, "T", "Q"), { exercise: `instrument-${done.instrument}`, title: "T", question: "Q", answer: a, draft: false });
    assert.equal(rules.entryFields(rules.answer("speaking-up", {}), "T", "Q").draft, true);
  });
});
