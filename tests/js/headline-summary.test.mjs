// "Rewrite the hero headline" in words for the journal (kfcourse/web/headline/summary.js), fed
// with the states Python's rules answered (tests/activities/hero_headline_vectors.json).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { summary } from "../../kfcourse/web/headline/summary.js";
import { catalogue, checkLines, vectors } from "./summary-support.mjs";

const { words, t } = catalogue("headline");
const v = vectors("hero_headline");
const IDS = [...v.rules.phrases, ...v.rules.left_out, ...v.rules.ratings, "marked", "reveal_shown", "null", "true", "false"];
const state = (c) => ({ marked: c.marked, reveal_shown: c.reveal_shown, ratings: c.ratings, headline: c.headline, paragraph: c.paragraph });

describe("hero headline: the answer in words for the journal", () => {
  it("every state Python answered: lines the schema allows, in the catalogue's words, the rewrite verbatim", () => {
    for (const c of v.cases) {
      const lines = summary(state(c), t);
      checkLines(lines, { words, ids: IDS, texts: [c.headline, c.paragraph], context: JSON.stringify(state(c)) });
      for (const p of c.answer.marked) assert.ok(lines[0].text.includes(words[`phrase.${p}`]), p);
    }
  });
  it("says the marks, the comparison, the ratings and the rewrite as the screen does", () => {
    const c = v.cases.find((x) => x.answer.finished);
    const lines = summary({ ...state(c), run: "x" }, t);
    assert.equal(lines[0].label, words["summary.marked"]);
    const k = c.answer.comparison;
    assert.deepEqual(lines[1], { label: words["reference.heading"], text: `Marked by you and by the reference: ${k.matched.length}. Marked only by the reference: ${k.missed.length}. Marked only by you: ${k.extra.length}.` });
    assert.deepEqual(lines[2], { label: words["rate.speak-up"], text: words[`rate.value.${c.answer.ratings["speak-up"]}`] });
    assert.deepEqual(lines.slice(-2).map((l) => l.text), [c.headline, c.paragraph]);
  });
  it("unanswered parts say so in words", () => {
    const lines = summary({ marked: [], reveal_shown: false, ratings: { "speak-up": 4 }, headline: "", paragraph: "" }, t);
    assert.deepEqual(lines.map((l) => l.text), ["None marked yet", "4, strengthens it a little", "Not yet rated", "Not yet written", "Not yet written"]);
  });
});
