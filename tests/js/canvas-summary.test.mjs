// The "Programme redesign canvas" in words for the journal (kfcourse/web/canvas/summary.js), fed
// with the canvases Python's rules answered (tests/activities/redesign_canvas_vectors.json).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { filled } from "../../kfcourse/web/canvas/rules.js";
import { summary } from "../../kfcourse/web/canvas/summary.js";
import { catalogue, checkLines, vectors } from "./summary-support.mjs";

const { words, t } = catalogue("canvas");
const v = vectors("redesign_canvas");
const IDS = [...v.rules.cards, ...v.rules.dimensions, ...v.rules.fields, "dimension", "authors", "null", "true", "false"];
const state = (c) => ({ cards: c.cards, authors: c.authors });
const texts = (c) => [c.answer.authors, ...Object.values(c.answer.cards).flatMap((f) => [f.support, f.owner, f.sign])].filter(filled);

describe("redesign canvas: the canvas in words for the journal", () => {
  it("every canvas Python answered: lines the schema allows, in the catalogue's words, the learner's words verbatim", () => {
    for (const c of v.cases) checkLines(summary(state(c), t), { words, ids: IDS, texts: texts(c), context: JSON.stringify(state(c)) });
  });
  it("says a card as the screen does", () => {
    const c = v.cases.find((x) => x.answer.mapped > 0 && Object.values(x.answer.cards).some((f) => f.dimension && filled(f.support)));
    const lines = summary(state(c), t);
    const [id, f] = Object.entries(c.answer.cards).find(([, x]) => x.dimension && filled(x.support));
    const card = words[`card.${id}`];
    assert.deepEqual(lines.find((l) => l.label === `${card}: support`).text, f.support);
    assert.deepEqual(lines.find((l) => l.label === `${card}: leadership dimension`).text, words[`dimension.${f.dimension}`]);
    assert.deepEqual(lines.find((l) => l.label === "Cards complete").text, `${c.answer.complete.length} of 7 cards complete`);
  });
  it("a card not begun is left out; a field not written says so", () => {
    assert.deepEqual(summary({ cards: { tokenism: { owner: "The chair" } }, authors: "" }, t), [
      { label: "Cards complete", text: "0 of 7 cards complete" },
      { label: "Tokenism: support", text: "Not written yet" },
      { label: "Tokenism: owner", text: "The chair" },
      { label: "Tokenism: sign it is working", text: "Not written yet" },
    ]);
  });
});
