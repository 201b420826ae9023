// rules.js of "Rewrite the hero headline" against the Python rules (kfcourse/activities/hero_headline.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import * as rules from "../../kfcourse/web/headline/rules.js";

const vectors = JSON.parse(readFileSync(new URL("../activities/hero_headline_vectors.json", import.meta.url), "utf8"));
const args = (c) => [c.marked, c.reveal_shown, c.ratings, c.headline, c.paragraph];

describe("hero headline: the page's rules are Python's", () => {
  it("story, reference, what was left out, ratings and the texts' lengths", () => {
    assert.deepEqual(rules.STORY, vectors.rules.story);
    assert.deepEqual(rules.PHRASES, vectors.rules.phrases);
    assert.deepEqual(rules.REFERENCE, vectors.rules.reference);
    assert.deepEqual(rules.LEFT_OUT, vectors.rules.left_out);
    assert.deepEqual(rules.RATINGS, vectors.rules.ratings);
    assert.deepEqual(rules.SCALE, vectors.rules.scale);
    assert.equal(rules.HEADLINE_MAX, vectors.rules.headline_max);
    assert.equal(rules.PARAGRAPH_MAX, vectors.rules.paragraph_max);
  });
  it("every answer", () => {
    assert.ok(vectors.cases.some((c) => c.answer.finished) && vectors.cases.some((c) => c.answer.comparison && c.answer.comparison.extra.length));
    for (const c of vectors.cases) assert.deepEqual(rules.answer(...args(c)), c.answer, JSON.stringify(c));
  });
  it("refuses what Python refuses", () => {
    for (const c of vectors.refused) assert.throws(() => rules.answer(...args(c)), rules.HeroHeadlineError, JSON.stringify(c));
  });
  it("the entry is a draft until finished", () => {
    const a = rules.answer(rules.REFERENCE, true, { "speak-up": 2, "patient-trust": 4 }, "H", "P");
    assert.deepEqual(rules.entryFields(a, "T", "Q"), { exercise: "hero-headline", title: "T", question: "Q", answer: a, draft: false });
    assert.equal(rules.entryFields(rules.answer(), "T", "Q").draft, true);
  });
});
