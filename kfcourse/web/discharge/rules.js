// The rules of "Distribute the discharge" for the book page (no kernel). A port of
// kfcourse/activities/distribute_discharge.py, checked against the vectors Python writes
// (tests/activities/distribute_discharge_vectors.json, replayed by tests/js/discharge-rules.test.mjs). No DOM.

export const EXERCISE = "distribute-discharge";
export const FUNCTIONS = ["setting-direction", "making-sense-of-data", "mobilising-resources", "redesigning-routines", "speaking-up", "monitoring-reporting"];
export const ROLES = ["consultant", "nurse", "pharmacist", "junior-doctor", "patient-leader", "manager"];
export const FOCUS = "consultant";
// Which roles hold formal authority to act on each function on Scenario A's ward (illustrative).
export const AUTHORITY = {
  "setting-direction": ["consultant", "manager"],
  "making-sense-of-data": ["consultant", "nurse", "pharmacist", "manager"],
  "mobilising-resources": ["manager"],
  "redesigning-routines": ["consultant", "pharmacist", "manager"],
  "speaking-up": [...ROLES],
  "monitoring-reporting": ["consultant", "manager"],
};
export const BANDS = ["low", "moderate", "high"];
export const RESPONSE_MAX = 2000; // characters (code points, as Python counts them)
// What counts as blank, spelled out so that Python agrees (String.trim and str.strip do not).
// A regular expression literal keeps its escapes in the bundle (a string would not).
const BLANK_ONLY = /^[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*$/u;

/** Whether a text holds anything but blanks (BLANK in the Python rules). */
export function written(text) {
  return !BLANK_ONLY.test(text);
}

/** An answer the rules do not accept (Python's DistributeDischargeError). */
export class DistributeDischargeError extends Error {}

const isMapping = (x) => x !== null && typeof x === "object" && !Array.isArray(x);

/** Every function's holders in role order, without repeats. */
export function parseAllocation(allocation) {
  const given = allocation === null || allocation === undefined ? {} : allocation;
  if (!isMapping(given)) throw new DistributeDischargeError("the allocation must map each function to its roles");
  const unknown = Object.keys(given).filter((f) => !FUNCTIONS.includes(f));
  if (unknown.length) throw new DistributeDischargeError(`no function called ${JSON.stringify(unknown[0])}; the functions are ${FUNCTIONS.join(", ")}`);
  const out = {};
  for (const fn of FUNCTIONS) {
    const roles = given[fn] === null || given[fn] === undefined ? [] : given[fn];
    if (!Array.isArray(roles)) throw new DistributeDischargeError(`${fn} must have a list of roles`);
    const strange = roles.filter((r) => !ROLES.includes(r));
    if (strange.length) throw new DistributeDischargeError(`no role called ${JSON.stringify(strange[0])} (${fn}); the roles are ${ROLES.join(", ")}`);
    out[fn] = ROLES.filter((r) => roles.includes(r));
  }
  return out;
}

/** Whether every function has at least one holder. */
export function complete(allocation) {
  return FUNCTIONS.every((fn) => allocation[fn].length > 0);
}

/** Low up to a third, high above two thirds, moderate between. */
export function band(held, total = FUNCTIONS.length) {
  if (3 * held <= total) return "low";
  if (3 * held > 2 * total) return "high";
  return "moderate";
}

export function concentration(allocation) {
  const held = FUNCTIONS.filter((fn) => allocation[fn].includes(FOCUS)).length;
  const total = FUNCTIONS.length;
  return { held, of: total, percent: Math.floor((200 * held + total) / (2 * total)), band: band(held, total) };
}

export function singleHolder(allocation) {
  return FUNCTIONS.filter((fn) => allocation[fn].length === 1);
}

/** Each function given to a role with no formal authority to act on it (AUTHORITY). */
export function gaps(allocation) {
  const out = [];
  for (const fn of FUNCTIONS) {
    for (const role of allocation[fn]) if (!AUTHORITY[fn].includes(role)) out.push({ function: fn, role });
  }
  return out;
}

/** The journal's `answer` (the one mapping, as Python's distribute_discharge.answer). */
export function answer(allocation, gapsShown = false, response = "") {
  const allocated = parseAllocation(allocation);
  if (typeof gapsShown !== "boolean") throw new DistributeDischargeError("whether the gaps were shown must be true or false");
  if (typeof response !== "string" || [...response].length > RESPONSE_MAX) throw new DistributeDischargeError(`the response must be a text of at most ${RESPONSE_MAX} characters`);
  const done = complete(allocated);
  return {
    allocation: allocated,
    complete: done,
    concentration: concentration(allocated),
    single_holder: singleHolder(allocated),
    gaps_shown: gapsShown,
    gaps: gapsShown ? gaps(allocated) : null,
    response,
    finished: done && written(response),
  };
}

/** The entry's fields (kind exercise_answer): a draft until it is finished. */
export function entryFields(theAnswer, title, question) {
  return { exercise: EXERCISE, title, question, answer: theAnswer, draft: !theAnswer.finished };
}
