// rules.js of "Who leads? Who follows?" against the Python rules (kfcourse/activities/who_leads.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import * as rules from "../../kfcourse/web/wholeads/rules.js";

const vectors = JSON.parse(readFileSync(new URL("../activities/who_leads_vectors.json", import.meta.url), "utf8"));

describe("who leads: the page's rules are Python's", () => {
  it("actors, levels, axes, reference and the risk's length", () => {
    assert.deepEqual(rules.ACTORS, vectors.rules.actors);
    assert.deepEqual(rules.LEVELS, vectors.rules.levels);
    assert.deepEqual(rules.AXES, vectors.rules.axes);
    assert.deepEqual(rules.REFERENCE, vectors.rules.reference);
    assert.equal(rules.RISK_MAX, vectors.rules.risk_max);
  });
  it("every answer", () => {
    assert.ok(vectors.cases.some((c) => c.answer.finished) && vectors.cases.some((c) => !c.answer.complete));
    for (const c of vectors.cases) {
      assert.deepEqual(rules.answer(c.placements, c.reference_shown, c.mismatch, c.risk), c.answer, JSON.stringify(c));
    }
  });
  it("refuses what Python refuses", () => {
    for (const c of vectors.refused) {
      assert.throws(() => rules.answer(c.placements, c.reference_shown, c.mismatch, c.risk), rules.WhoLeadsError, JSON.stringify(c));
    }
  });
  it("the entry is a draft until finished", () => {
    const a = rules.answer(rules.REFERENCE, true, "carer", "She is not asked.");
    assert.deepEqual(rules.entryFields(a, "T", "Q"), { exercise: "who-leads", title: "T", question: "Q", answer: a, draft: false });
    assert.equal(rules.entryFields(rules.answer({}), "T", "Q").draft, true);
  });
});
