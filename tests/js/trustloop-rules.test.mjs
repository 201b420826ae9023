// rules.js against the Python rules (kfcourse/activities/trust_loop.py): every vector that
// Python wrote, the rule constants themselves, and the refusals.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import * as rules from "../../kfcourse/web/trustloop/rules.js";

const vectors = JSON.parse(readFileSync(new URL("../activities/trust_loop_vectors.json", import.meta.url), "utf8"));

describe("the rules' constants are Python's", () => {
  it("rounds, aims, targets, stakes, trust range, deck, bands and ratings", () => {
    const r = vectors.rules;
    assert.equal(rules.ROUNDS, r.rounds);
    assert.deepEqual(rules.AIMS, r.aims);
    assert.deepEqual(rules.TARGET, r.target);
    assert.deepEqual(rules.STAKE, r.stake);
    assert.deepEqual(rules.TRUST, r.trust);
    assert.equal(rules.HELPS_FROM, r.helps_from);
    assert.equal(rules.HINDERS_FROM, r.hinders_from);
    assert.deepEqual(rules.DECK, r.deck);
    assert.deepEqual(rules.TRUST_BANDS, r.bands);
    assert.deepEqual(rules.RATINGS, r.ratings);
  });
});

describe("the seeded draw", () => {
  for (const { seed, first } of vectors.numbers) {
    it(`mulberry32(${seed}) gives Python's numbers`, () => {
      const next = rules.mulberry32(seed);
      assert.deepEqual(first.map(() => next()), first);
    });
  }
  it("deals Python's cards and rolls for every seed", () => {
    assert.ok(vectors.draws.length >= 50);
    for (const d of vectors.draws) assert.deepEqual(rules.draw(d.seed), d);
  });
});

describe("chances, bands and games", () => {
  it("every chance, in ways and in per cent", () => {
    assert.ok(vectors.chances.length > 100);
    for (const c of vectors.chances) {
      assert.deepEqual(rules.chance(c.aim, c.trust, c.drawn), [c.ways, c.out_of], JSON.stringify(c));
      assert.equal(rules.percent(c.ways, c.out_of), c.percent);
    }
  });
  it("the words for every trust value", () => {
    for (const { trust, band } of vectors.bands) assert.equal(rules.band(trust), band);
  });
  it("every game's journal answer", () => {
    assert.ok(vectors.games.some((g) => g.answer.completed) && vectors.games.some((g) => !g.answer.completed));
    for (const g of vectors.games) assert.deepEqual(rules.answer(g.seed, g.picks, g.ratings), g.answer);
  });
  it("refuses what Python refuses", () => {
    for (const c of vectors.refused) {
      assert.throws(() => rules.answer(c.seed, c.picks, c.ratings), rules.TrustLoopError, JSON.stringify(c));
    }
  });
});

describe("the entry", () => {
  it("is a draft until the fourth round", () => {
    const part = rules.answer(7, [["modest", "modest"]]);
    assert.equal(rules.entryFields(part, "T").draft, true);
    const whole = rules.answer(7, Array(4).fill(["modest", "ambitious"]));
    assert.deepEqual(rules.entryFields(whole, "T"), { exercise: "trust-loop", title: "T", answer: whole, draft: false });
  });
});
