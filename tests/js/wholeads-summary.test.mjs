// "Who leads? Who follows?" in words for the journal (kfcourse/web/wholeads/summary.js), fed with
// the states Python's rules answered (tests/activities/who_leads_vectors.json).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { summary } from "../../kfcourse/web/wholeads/summary.js";
import { catalogue, checkLines, vectors } from "./summary-support.mjs";

const { words, t } = catalogue("wholeads");
const v = vectors("who_leads");
const IDS = [...v.rules.actors, ...v.rules.axes, ...v.rules.levels, "reference_shown", "placements", "mismatch", "null", "true", "false"];
const state = (c) => ({ placements: c.placements, reference_shown: c.reference_shown, mismatch: c.mismatch, risk: c.risk });

describe("who leads: the answer in words for the journal", () => {
  it("every state Python answered: lines the schema allows, in the catalogue's words, the risk verbatim", () => {
    for (const c of v.cases) checkLines(summary(state(c), t), { words, ids: IDS, texts: [c.risk], context: JSON.stringify(state(c)) });
  });
  it("says each placement, the reference, the mismatch and the risk as the screen does", () => {
    const done = v.cases.find((c) => c.answer.finished && c.answer.mismatches.some((m) => m.actor === c.mismatch));
    const lines = summary({ ...state(done), run: "x" }, t);
    const p = done.answer.placements.consultant;
    assert.deepEqual(lines[0], { label: "Consultant", text: `Formal authority ${p.authority}, relevant knowledge ${p.knowledge}` });
    const same = done.answer.comparison.filter((c) => c.authority && c.knowledge).length;
    assert.deepEqual(lines.find((l) => l.label === words["reference.heading"]).text, `You placed ${same} of 8 people as the reference does.`);
    const chosen = lines.find((l) => l.label === words["summary.mismatch"]).text;
    assert.ok(chosen.startsWith(`${words[`actor.${done.mismatch}`]}: `), chosen);
    assert.deepEqual(lines.at(-1), { label: words["record.risk"], text: done.risk });
  });
  it("unanswered parts say so in words; unplaced people are left out", () => {
    const lines = summary({ placements: { carer: { authority: "low" } }, reference_shown: false, mismatch: null, risk: "  " }, t);
    assert.deepEqual(lines, [
      { label: "Carer", text: "Formal authority low, relevant knowledge not placed yet" },
      { label: words["summary.mismatch"], text: "Not yet chosen" },
      { label: words["record.risk"], text: "Not yet written" },
    ]);
  });
});
