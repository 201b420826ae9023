// rules.js of "Power map card sort" against the Python rules (kfcourse/activities/power_map.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import * as rules from "../../kfcourse/web/powermap/rules.js";

const vectors = JSON.parse(readFileSync(new URL("../activities/power_map_vectors.json", import.meta.url), "utf8"));
const args = (c) => [c.before, c.after, c.rung, c.tags, c.key_shown];

describe("power map: the page's rules are Python's", () => {
  it("cards, holders, rungs, dimensions, lines and the key", () => {
    const r = vectors.rules;
    assert.deepEqual(rules.CARDS, r.cards);
    assert.deepEqual(rules.HOLDERS, r.holders);
    assert.deepEqual(rules.MAPS, r.maps);
    assert.deepEqual(rules.RUNGS, r.rungs);
    assert.deepEqual(rules.DIMENSIONS, r.dimensions);
    assert.deepEqual(rules.LINES, r.lines);
    assert.deepEqual(rules.VERDICTS, r.verdicts);
    assert.deepEqual(rules.CARD_KEY, r.card_key);
    assert.equal(rules.RUNG_KEY, r.rung_key);
    assert.deepEqual(rules.RUNGS_TO_DISCUSS, r.rungs_to_discuss);
    assert.deepEqual(rules.LINE_KEY, r.line_key);
  });
  it("every answer", () => {
    const cases = vectors.cases;
    assert.ok(cases.some((c) => c.answer.finished) && cases.some((c) => !c.answer.before_complete));
    assert.ok(cases.some((c) => c.answer.moves.length) && cases.some((c) => c.key_shown));
    for (const c of cases) assert.deepEqual(rules.answer(...args(c)), c.answer, JSON.stringify(c));
  });
  it("refuses what Python refuses", () => {
    for (const c of vectors.refused) assert.throws(() => rules.answer(...args(c)), rules.PowerMapError, JSON.stringify(c));
  });
  it("the entry is a draft until finished", () => {
    const done = vectors.cases[0];
    const a = rules.answer(...args(done));
    assert.equal(a.finished, true);
    assert.deepEqual(rules.entryFields(a, "T", "Q"), { exercise: "power-map", title: "T", question: "Q", answer: a, draft: false });
    assert.equal(rules.entryFields(rules.answer(), "T", "Q").draft, true);
  });
});
