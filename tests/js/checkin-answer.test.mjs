// answer.js against kfcourse.journal.answers: every vector was made by the Python rule.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { answerEntry, latestAnswer } from "../../kfcourse/web/checkin/answer.js";

const vectors = JSON.parse(readFileSync(new URL("../web_journal/checkin-vectors.json", import.meta.url), "utf8"));

describe("answerEntry", () => {
  for (const c of vectors.cases) {
    it(`makes Python's entry: ${c.name}`, () => {
      const made = answerEntry("welcome-checkin", c.question, c.answer, c.previous,
        { entryId: vectors.entryId, stamp: vectors.stamp, courseVersion: "0.1.0", source: "web", title: vectors.title });
      assert.deepEqual(made, c.entry);
    });
  }
  it("finds the latest answer as Python does", () => {
    const found = latestAnswer(vectors.found, "welcome-checkin");
    assert.equal(found ? found.id : null, vectors.latest);
  });
});
