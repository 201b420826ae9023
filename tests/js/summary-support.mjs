// What every exercise's answer in words (kfcourse/web/<bundle>/summary.js) must be, for the
// *-summary.test.mjs files: lines the journal schema allows (kfcourse.journal.entries.check_summary),
// in the catalogue's words (no key left untranslated, no {placeholder} left), naming no internal
// id of the rules unless that id is also a word of the catalogue, and keeping learner text as it
// was written.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { translator } from "../../kfcourse/web/roleplay/dom.js";

export const LIMITS = { lines: 60, label: 200, text: 20000 }; // journal-v1.schema.json's summary

/** The exercise's catalogue section and its translator. */
export function catalogue(bundle) {
  const all = JSON.parse(readFileSync(new URL("../../kfcourse/web/messages/en-GB.json", import.meta.url), "utf8"));
  const words = all[bundle];
  return { words, t: translator(words) };
}

/** The vectors Python's rules wrote for an exercise (tests/activities/<name>_vectors.json). */
export function vectors(name) {
  return JSON.parse(readFileSync(new URL(`../activities/${name}_vectors.json`, import.meta.url), "utf8"));
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const whole = (word) => new RegExp(`(?<![\\w-])${escape(word)}(?![\\w-])`, "i");

/**
 * Checks `lines`: the schema's limits; no id of `ids` (unless the catalogue says it as a word),
 * no catalogue key and no {placeholder} outside the learner's own `texts`; each non-blank text of
 * `texts` is some line's text, verbatim.
 */
export function checkLines(lines, { words, ids, texts = [], context = "" }) {
  assert.ok(Array.isArray(lines), context);
  assert.ok(lines.length <= LIMITS.lines, `${context}: ${lines.length} lines`);
  const said = Object.values(words).join("\n");
  const idsNotWords = [...new Set(ids)].filter((id) => !whole(id).test(said));
  const keys = Object.keys(words);
  const learner = texts.filter((x) => typeof x === "string" && x.trim());
  for (const line of lines) {
    assert.deepEqual(Object.keys(line).sort(), ["label", "text"], context);
    const { label, text } = line;
    assert.equal(typeof label, "string", context);
    assert.equal(typeof text, "string", context);
    assert.ok(label.length > 0 && label.length <= LIMITS.label, `${context}: label ${label}`);
    assert.ok(text.length <= LIMITS.text, `${context}: text of ${label}`);
    let ours = `${label}\n${learner.includes(text) ? "" : text}`;
    for (const x of learner) ours = ours.split(x).join(" ");
    assert.doesNotMatch(ours, /\{[a-zA-Z0-9_]+\}/, `${context}: ${ours}`);
    for (const key of keys) assert.ok(!whole(key).test(ours) || !key.includes("."), `${context}: the key ${key} in ${ours}`);
    for (const id of idsNotWords) assert.doesNotMatch(ours, whole(id), `${context}: the id ${id} in ${ours}`);
  }
  for (const x of learner) assert.ok(lines.some((l) => l.text === x), `${context}: the learner's text ${JSON.stringify(x)} kept verbatim`);
}
