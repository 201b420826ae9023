// "Distribute the discharge" in words for the journal (kfcourse/web/discharge/summary.js), fed
// with the states Python's rules answered (tests/activities/distribute_discharge_vectors.json).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { summary } from "../../kfcourse/web/discharge/summary.js";
import { catalogue, checkLines, vectors } from "./summary-support.mjs";

const { words, t } = catalogue("discharge");
const v = vectors("distribute_discharge");
const IDS = [...v.rules.functions, ...v.rules.roles, "allocation", "gaps_shown", "null", "true", "false"];
const state = (c) => ({ allocation: c.allocation, gaps_shown: c.gaps_shown, response: c.response });

describe("distribute the discharge: the answer in words for the journal", () => {
  it("every state Python answered: lines the schema allows, in the catalogue's words, the answer verbatim", () => {
    for (const c of v.cases) checkLines(summary(state(c), t), { words, ids: IDS, texts: [c.response], context: JSON.stringify(state(c)) });
  });
  it("says the holders, the consultant's share, the gaps and the answer as the screen does", () => {
    const c = v.cases.find((x) => x.answer.finished && x.answer.gaps && x.answer.gaps.length);
    const lines = summary({ ...state(c), run: "x" }, t);
    const fn = v.rules.functions[0];
    assert.deepEqual(lines[0], { label: words[`function.${fn}`], text: c.answer.allocation[fn].map((r) => words[`role.${r}`]).join(", ") || "No holder yet" });
    const k = c.answer.concentration;
    assert.deepEqual(lines[6], { label: "Held by the consultant", text: `${k.held} of ${k.of} functions (${k.percent}%), ${k.band}` });
    const g = c.answer.gaps[0];
    assert.ok(lines[7].text.startsWith(`${words[`function.${g.function}`]}: the ${words[`role.${g.role}`].toLowerCase()} has no formal authority`), lines[7].text);
    assert.deepEqual(lines.at(-1), { label: words["prompt.heading"], text: c.response });
  });
  it("unanswered parts say so in words", () => {
    const lines = summary({ allocation: {}, gaps_shown: true, response: "" }, t);
    assert.deepEqual(lines.map((l) => l.text), [...Array(6).fill("No holder yet"), "0 of 6 functions (0%), low", words["gaps.none"], "Not yet written"]);
  });
});
