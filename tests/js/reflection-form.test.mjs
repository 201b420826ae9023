// form.js against kfcourse.journal.reflections: every vector was made by the Python rules
// (tests/web_journal/reflection_vectors.py); the page, with no kernel, must decide the same.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import {
  MODELS,
  SAVE_DELAY_MS,
  SAVE_MAX_WAIT_MS,
  checkPayload,
  isBlank,
  latestDraft,
  modelOf,
  reflectionEntry,
  saveWait,
  stagesOf,
} from "../../kfcourse/web/reflection/form.js";

const vectors = JSON.parse(readFileSync(new URL("../web_journal/reflection-vectors.json", import.meta.url), "utf8"));
const catalogue = JSON.parse(readFileSync(new URL("../../kfcourse/web/messages/en-GB.json", import.meta.url), "utf8"));

describe("checkPayload", () => {
  it("the vectors hold refusals and acceptances", () => {
    assert.ok(vectors.checks.some((c) => c.ok) && vectors.checks.some((c) => !c.ok));
  });
  for (const c of vectors.checks) {
    it(`decides as Python: ${c.name}`, () => {
      const got = checkPayload(c.payload);
      assert.equal(got.ok, c.ok);
      if (c.ok) assert.deepEqual(got.payload, c.checked);
      else assert.equal(got.reason, c.reason);
    });
  }
});

describe("reflectionEntry", () => {
  for (const v of vectors.entries) {
    it(`makes Python's entry: ${v.name}`, () => {
      const made = reflectionEntry(v.payload, v.previous, { entryId: v.entryId, stamp: v.stamp, courseVersion: "0.1.0", source: "web" });
      assert.deepEqual(made, v.entry);
    });
  }
});

describe("latestDraft", () => {
  for (const v of vectors.drafts) {
    it(`finds what Python finds: ${v.name}`, () => {
      const found = latestDraft(v.entries, v.exercise, v.model);
      assert.equal(found ? found.id : null, v.found);
    });
  }
});

describe("the rest of the form's rules", () => {
  it("one set of save timings: after a pause, and at least every few seconds", () => {
    assert.equal(saveWait(1000, 1000), SAVE_DELAY_MS);
    assert.equal(saveWait(1000 + SAVE_MAX_WAIT_MS - 100, 1000), 100);
    assert.equal(saveWait(1000 + SAVE_MAX_WAIT_MS + 50, 1000), 0);
  });
  it("the short form writes gibbs_short, the others gibbs", () => {
    assert.equal(modelOf("short"), "gibbs_short");
    for (const v of ["clinician", "patient", "choose"]) assert.equal(modelOf(v), "gibbs");
  });
  it("the models' stages are Python's, in Python's order", () => {
    assert.deepEqual(MODELS, vectors.models);
  });
  it("every variant's stages in the catalogue are its model's, each with a name and a question", () => {
    for (const variant of ["clinician", "patient", "short"]) {
      const shown = stagesOf(catalogue.reflection, variant);
      assert.deepEqual(shown.map((s) => s.key), vectors.models[modelOf(variant)]);
      assert.ok(shown.every((s) => s.name.trim() && s.question.trim()));
    }
  });
  it("blank means white space only", () => {
    assert.equal(isBlank({ a: " \n\t" }), true);
    assert.equal(isBlank({ a: " ", b: "x" }), false);
  });
});
