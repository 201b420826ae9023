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

describe("instruments: the answer in words for the journal (view.js summaryOf)", async () => {
  const { summaryOf } = await import("../../kfcourse/web/instrument/view.js");
  const { translator } = await import("../../kfcourse/web/roleplay/dom.js");
  const words = JSON.parse(readFileSync(new URL("../../kfcourse/web/messages/en-GB.json", import.meta.url), "utf8")).instrument;
  const t = translator(words);
  it("labelled lines the journal schema allows, in the catalogue's words, never an id or a key", () => {
    for (const c of vectors.cases) {
      const lines = summaryOf({ instrument: c.instrument, ratings: c.ratings, examples: c.examples || {}, action: c.action || "" }, t);
      assert.ok(lines.length <= 60, c.instrument);
      for (const { label, text } of lines) {
        assert.ok(label.length > 0 && label.length <= 200 && text.length <= 20000, label);
        assert.doesNotMatch(`${label} ${text}`, /partner-[ab]|\{[a-z]+\}|\b(item|change|gaps|rating)\.[a-z]/, `${label} ${text}`);
      }
    }
  });
  it("says the change and the gap as the screen does", () => {
    const ratings = { before: { "partner-a": { honest: 3 }, "partner-b": {} }, after: { "partner-a": { honest: 1 } } };
    const lines = summaryOf({ instrument: "partnership-trust", ratings }, t);
    assert.deepEqual(lines[0], { label: `Partner A rates partner B: ${words["item.partnership-trust.honest"]}`, text: "Before: 3. After: 1. Change: down 2." });
    const done = vectors.cases.find((c) => c.instrument === "collaboration-health" && c.answer.finished);
    const last = summaryOf({ instrument: done.instrument, ratings: done.ratings, action: done.action }, t).at(-1);
    assert.deepEqual(last, { label: words["action.label"], text: done.action });
  });
});
