// "Power map card sort" in words for the journal (kfcourse/web/powermap/summary.js), fed with the
// states Python's rules answered (tests/activities/power_map_vectors.json).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { summary } from "../../kfcourse/web/powermap/summary.js";
import { catalogue, checkLines, vectors } from "./summary-support.mjs";

const { words, t } = catalogue("powermap");
const v = vectors("power_map");
const r = v.rules;
const IDS = [...r.cards, ...r.holders, ...r.maps, ...r.rungs, ...r.dimensions, ...r.lines, ...r.verdicts, "key_shown", "null", "true", "false"];
const state = (c) => ({ before: c.before, after: c.after, rung: c.rung, tags: c.tags, key_shown: c.key_shown });

describe("power map: the answer in words for the journal", () => {
  it("every state Python answered: lines the schema allows, in the catalogue's words", () => {
    for (const c of v.cases) checkLines(summary(state(c), t), { words, ids: IDS, context: JSON.stringify(state(c)) });
  });
  it("says each card's holders, the rung, the tags and the comparison as the screen does", () => {
    const c = v.cases.find((x) => x.answer.key_shown && x.answer.moves.length);
    const lines = summary({ ...state(c), run: "x" }, t);
    const moved = c.answer.moves[0];
    assert.deepEqual(lines.find((l) => l.label === words[`card.${moved.card}`]).text, `Before the role-play: ${words[`holder.${moved.before}`]}. After the role-play: ${words[`holder.${moved.after}`]}.`);
    assert.deepEqual(lines.find((l) => l.label === words["ladder.heading"]).text, words[`rung.${c.answer.rung}`]);
    const tagged = c.answer.comparison.lines[0];
    assert.deepEqual(lines.find((l) => l.label === `Line ${tagged.line.slice(5)}: Lukes's dimension of power`).text, words[`tag.${tagged.tag}`]);
    const key = lines.at(-1);
    assert.equal(key.label, words["key.heading"]);
    const n = c.answer.comparison.cards.length + 1 + c.answer.comparison.lines.length;
    assert.equal(key.text.match(/\d+/g).map(Number).reduce((x, y) => x + y), n, key.text);
  });
  it("a card not placed is left out; the ladder not yet used says so", () => {
    assert.deepEqual(summary({ before: { reward: "patient" }, after: {}, rung: null, tags: {}, key_shown: false }, t), [
      { label: "Reward", text: "Before the role-play: Daniel (patient partner)." },
      { label: words["ladder.heading"], text: "Not yet placed" },
    ]);
  });
});
