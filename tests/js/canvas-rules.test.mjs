// rules.js of the "Programme redesign canvas" against the Python rules
// (kfcourse/activities/redesign_canvas.py): answers, refusals, Markdown escaping and the memo.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import * as rules from "../../kfcourse/web/canvas/rules.js";

const vectors = JSON.parse(readFileSync(new URL("../activities/redesign_canvas_vectors.json", import.meta.url), "utf8"));

describe("redesign canvas: the page's rules are Python's", () => {
  it("cards, fields, dimensions and limits", () => {
    assert.deepEqual(rules.CARDS, vectors.rules.cards);
    assert.deepEqual(rules.FIELDS, vectors.rules.fields);
    assert.deepEqual(rules.DIMENSIONS, vectors.rules.dimensions);
    assert.equal(rules.TEXT_MAX, vectors.rules.text_max);
    assert.equal(rules.AUTHORS_MAX, vectors.rules.authors_max);
  });
  it("escapes learner text for Markdown as the journal does", () => {
    for (const e of vectors.escaped) assert.equal(rules.escapeText(e.text), e.markdown, JSON.stringify(e.text));
  });
  it("every answer and every memo", () => {
    assert.ok(vectors.cases.some((c) => c.answer.finished) && vectors.cases.some((c) => !c.answer.finished));
    assert.ok(vectors.cases.some((c) => c.answer.mapped > 0));
    for (const c of vectors.cases) {
      const a = rules.answer(c.cards, c.authors);
      assert.deepEqual(a, c.answer, JSON.stringify(c.cards));
      assert.equal(rules.memo(a, vectors.words), c.memo, JSON.stringify(c.cards));
    }
  });
  it("refuses what Python refuses", () => {
    for (const c of vectors.refused) {
      assert.throws(() => rules.answer(c.cards, c.authors), rules.CanvasError, JSON.stringify(c));
    }
  });
  it("the entry is a draft until finished", () => {
    const full = Object.fromEntries(rules.CARDS.map((c) => [c, { support: "S", owner: "O", sign: "G" }]));
    const a = rules.answer(full);
    assert.deepEqual(rules.entryFields(a, "T", "Q"), { exercise: "redesign-canvas", title: "T", question: "Q", answer: a, draft: false });
    assert.equal(rules.entryFields(rules.answer({}), "T", "Q").draft, true);
  });
});
