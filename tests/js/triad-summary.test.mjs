// The "Three-talk triad" in words for the journal (kfcourse/web/triad/summary.js), fed with the
// states Python's rules answered (tests/activities/three_talk_vectors.json).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { summary } from "../../kfcourse/web/triad/summary.js";
import { catalogue, checkLines, vectors } from "./summary-support.mjs";

const { words, t } = catalogue("triad");
const v = vectors("three_talk");
const r = v.rules;
const IDS = [...r.items, ...r.talks, ...Object.values(r.behaviours).flat(), ...r.stages, "predicted", "rated", "tally", "null", "true", "false"];
const state = (c) => ({ rotations: c.rotations, notes: c.notes });

describe("three-talk triad: the answer in words for the journal", () => {
  it("every state Python answered: lines the schema allows, in the catalogue's words, the notes verbatim", () => {
    for (const c of v.cases) {
      const lines = summary(state(c), t);
      checkLines(lines, { words, ids: IDS, texts: [c.notes], context: JSON.stringify(state(c)) });
      for (const [i] of c.answer.rotations.entries()) assert.ok(lines.some((l) => l.label === `Round ${i + 1}`));
    }
  });
  it("says a round's result as the screen does", () => {
    const c = v.cases.find((x) => x.answer.finished && x.notes && x.notes.trim());
    const lines = summary(state(c), t);
    const k = c.answer.rotations[0];
    const gap = k.gap_total === 0 ? "0: as predicted" : k.gap_total > 0 ? `+${k.gap_total}: ${k.gap_total} higher than predicted` : `${k.gap_total}: ${-k.gap_total} lower than predicted`;
    assert.deepEqual(lines[0], {
      label: "Round 1",
      text: `Predicted total: ${k.predicted_total} out of 12. Patient's total: ${k.rated_total} out of 12. Gap: ${gap}. Counted (team, option, decision): ${k.talks.team}, ${k.talks.option}, ${k.talks.decision}.`,
    });
    assert.equal(lines[1].label, "Round 1, question by question");
    assert.ok(lines[1].text.startsWith(`1. Understanding the health issues: predicted ${k.predicted.understand}, patient's rating ${k.rated.understand} (`), lines[1].text);
    assert.deepEqual(lines.at(-1), { label: words["notes.heading"], text: c.notes });
  });
  it("a round without its result says so; empty notes are left out", () => {
    assert.deepEqual(summary({ rotations: [{ stage: "predict", predicted: {}, rated: {}, tally: { "team-goals": 2 } }], notes: " " }, t), [
      { label: "Round 1", text: "No result yet. Counted (team, option, decision): 2, 0, 0." },
    ]);
  });
});
