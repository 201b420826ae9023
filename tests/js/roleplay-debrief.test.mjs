// The debrief's pure parts, fed with real runs (the Python engine's golden vectors): the chart's
// columns hold exactly the trace's measures, the biggest moves are the steps that moved the meters
// most, and the debrief items are those whose points the path visited.
import { test } from "node:test";
import assert from "node:assert/strict";
import { biggestMoves, debriefItems, runColumns, startValues } from "../../kfcourse/web/roleplay/debrief.js";
import { decisionText } from "../../kfcourse/web/roleplay/transcript.js";
import { translator } from "../../kfcourse/web/roleplay/dom.js";
import { readFileSync } from "node:fs";
import { label, played, scenarios, vectors } from "./roleplay-support.mjs";

const catalogue = JSON.parse(readFileSync(new URL("../../kfcourse/web/messages/en-GB.json", import.meta.url), "utf8"));
const t = translator({ language: catalogue.language, ...catalogue.roleplay });

test("the chart's columns are the start and then each step's measures, in order", () => {
  vectors.forEach((vector, i) => {
    const scenario = scenarios[vector.scenario];
    const session = played(vector);
    const ctx = { scenario, mode: vector.mode, t };
    const columns = runColumns(scenario, session.trace, startValues(scenario), ctx);
    assert.equal(columns.length, session.trace.length + 1, label(vector, i));
    assert.deepEqual(columns[0].values[0], Object.fromEntries(Object.entries(scenario.measures).map(([k, m]) => [k, m.start])), label(vector, i));
    session.trace.forEach((step, k) => {
      assert.deepEqual(columns[k + 1].values[0], step.measures, label(vector, i));
      assert.deepEqual(columns[k + 1].changes[0], step.changes, label(vector, i));
      assert.equal(columns[k + 1].cells[0], String(step.n));
      assert.equal(columns[k + 1].cells[2], decisionText(step, ctx));
    });
  });
});

test("a decision's words say who decided: you, your partner (the rules) or both, and no raw ids", () => {
  let ruled = 0;
  let impasses = 0;
  for (const vector of vectors) {
    const scenario = scenarios[vector.scenario];
    const session = played(vector);
    for (const step of session.trace) {
      const text = decisionText(step, { scenario, mode: vector.mode, t });
      assert.doesNotMatch(text, /\{[a-z]+\}/, "no placeholder left unfilled");
      if (step.kind === "impasse") {
        impasses += 1;
        assert.match(text, /^No agreement/);
      } else if (vector.mode !== "pair" && step.actor !== "joint" && (step.ruled || []).includes(step.actor)) {
        ruled += 1;
        assert.match(text, /\(your partner\) chose:/);
      }
    }
  }
  assert.ok(ruled > 0 && impasses > 0, "the vectors hold partner moves and impasses");
});

test("the biggest moves are the steps with the largest total change, at most two, in path order", () => {
  for (const vector of vectors) {
    const trace = played(vector).trace;
    const size = (s) => Object.values(s.changes || {}).reduce((a, d) => a + Math.abs(d), 0);
    const picked = biggestMoves(trace);
    assert.ok(picked.length <= 2);
    const smallestPicked = Math.min(...picked.map(size));
    for (const step of trace) if (!picked.includes(step) && size(step) > smallestPicked) assert.fail(`step ${step.n} moved more than a picked step`);
    assert.deepEqual(picked.map((s) => s.n), [...picked.map((s) => s.n)].sort((a, b) => a - b));
  }
});

test("debrief items apply when the path visits one of their points (or they name none)", () => {
  for (const vector of vectors) {
    const scenario = scenarios[vector.scenario];
    const trace = played(vector).trace;
    const visited = new Set(trace.map((s) => s.point));
    const items = debriefItems(scenario, trace);
    for (const item of scenario.debrief) {
      const applies = !item.points.length || item.points.some((p) => visited.has(p));
      assert.equal(items.includes(item), applies);
    }
  }
});
