// rules.js of "Distribute the discharge" against the Python rules (kfcourse/activities/distribute_discharge.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import * as rules from "../../kfcourse/web/discharge/rules.js";

const vectors = JSON.parse(readFileSync(new URL("../activities/distribute_discharge_vectors.json", import.meta.url), "utf8"));

describe("distribute the discharge: the page's rules are Python's", () => {
  it("functions, roles, the authority table, bands and the response's length", () => {
    assert.deepEqual(rules.FUNCTIONS, vectors.rules.functions);
    assert.deepEqual(rules.ROLES, vectors.rules.roles);
    assert.equal(rules.FOCUS, vectors.rules.focus);
    assert.deepEqual(rules.AUTHORITY, vectors.rules.authority);
    assert.deepEqual(rules.BANDS, vectors.rules.bands);
    assert.equal(rules.RESPONSE_MAX, vectors.rules.response_max);
  });
  it("every band", () => {
    for (const b of vectors.bands) assert.equal(rules.band(b.held, b.of), b.band, JSON.stringify(b));
  });
  it("what counts as blank", () => {
    for (const w of vectors.written) assert.equal(rules.written(w.text), w.written, JSON.stringify(w.text));
  });
  it("every answer", () => {
    const cases = vectors.cases;
    assert.ok(cases.some((c) => c.answer.finished) && cases.some((c) => !c.answer.complete));
    assert.ok(cases.some((c) => c.answer.gaps && c.answer.gaps.length) && cases.some((c) => c.answer.gaps && !c.answer.gaps.length));
    for (const c of cases) {
      assert.deepEqual(rules.answer(c.allocation, c.gaps_shown, c.response), c.answer, JSON.stringify(c).slice(0, 400));
    }
  });
  it("refuses what Python refuses", () => {
    for (const c of vectors.refused) {
      assert.throws(() => rules.answer(c.allocation, c.gaps_shown, c.response), rules.DistributeDischargeError, JSON.stringify(c).slice(0, 200));
    }
  });
  it("the entry is a draft until finished", () => {
    const all = Object.fromEntries(rules.FUNCTIONS.map((f) => [f, ["nurse"]]));
    const a = rules.answer(all, false, "Real only with a sponsor.");
    assert.deepEqual(rules.entryFields(a, "T", "Q"), { exercise: "distribute-discharge", title: "T", question: "Q", answer: a, draft: false });
    assert.equal(rules.entryFields(rules.answer({}), "T", "Q").draft, true);
  });
});
