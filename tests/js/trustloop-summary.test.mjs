// The trust-building loop in words for the journal (kfcourse/web/trustloop/summary.js), fed with
// the games Python's rules played (tests/activities/trust_loop_vectors.json).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { summary } from "../../kfcourse/web/trustloop/summary.js";
import { catalogue, checkLines, vectors } from "./summary-support.mjs";

const { words, t } = catalogue("trustloop");
const v = vectors("trust_loop");
const IDS = [...v.rules.aims, ...v.rules.deck.map((c) => c.id), ...v.rules.ratings, "clinician", "patient", "null", "true", "false", "seed"];
const state = (g) => ({ seed: g.seed, picks: g.picks, ratings: g.ratings });

describe("trust loop: the game in words for the journal", () => {
  it("every game Python played: lines the schema allows, in the catalogue's words, one per round", () => {
    for (const g of v.games) {
      const lines = summary(state(g), t);
      checkLines(lines, { words, ids: IDS, context: JSON.stringify(state(g)) });
      for (const r of g.answer.rounds) assert.ok(lines.some((l) => l.label === `Round ${r.round}` && l.text.includes(words[`card.${r.card}`])), JSON.stringify(r));
    }
  });
  it("says a round, the end and the ratings as the screen does", () => {
    const g = v.games.find((x) => x.answer.completed && Object.values(x.answer.ratings).every((r) => r !== null));
    const lines = summary({ ...state(g), run: "x" }, t);
    assert.equal(lines.length, 4 + 1 + 3);
    const r = g.answer.rounds[0];
    assert.ok(lines[0].text.includes(r.success ? words["round.met"] : words["round.missed"]), lines[0].text);
    assert.ok(lines[0].text.includes(`now ${r.trust} (`), lines[0].text);
    assert.equal(lines[4].label, words["end.heading"]);
    for (const [i, name] of ["ability", "benevolence", "integrity"].entries()) {
      assert.deepEqual(lines[5 + i], { label: words[`rate.${name}`], text: words[`rate.value.${g.answer.ratings[name]}`] });
    }
  });
  it("a rating not given says so; a game not played says so", () => {
    const g = v.games.find((x) => x.answer.completed);
    const lines = summary({ ...state(g), ratings: { ability: 4 } }, t);
    assert.deepEqual(lines.slice(-3).map((l) => l.text), ["4, agree", "Not yet rated", "Not yet rated"]);
    assert.deepEqual(summary({ seed: 1, picks: [], ratings: null }, t), [{ label: words["log.heading"], text: words["log.empty"] }]);
  });
});
