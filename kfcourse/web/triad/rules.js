// The rules of the "Three-talk triad" for the book page (no kernel). A port of
// kfcourse/activities/three_talk.py, checked against the vectors Python writes
// (tests/activities/three_talk_vectors.json, replayed by tests/js/triad-rules.test.mjs). No DOM.

export const EXERCISE = "three-talk";
export const ITEMS = ["understand", "listen", "include"];
export const SCALE_MAX = 4;
export const TOTAL_MAX = SCALE_MAX * ITEMS.length;
export const TALKS = ["team", "option", "decision"];
export const BEHAVIOURS = {
  team: ["team-choice", "team-goals", "team-support"],
  option: ["option-options", "option-compare", "option-check"],
  decision: ["decision-preference", "decision-safety", "decision-review"],
};
export const CHECKLIST = TALKS.flatMap((talk) => BEHAVIOURS[talk]);
export const STAGES = ["predict", "rate", "result"];
export const ROTATIONS_MAX = 3;
export const TALLY_MAX = 99;
export const NOTES_MAX = 2000;

/** An answer the rules do not accept (Python's ThreeTalkError). */
export class ThreeTalkError extends Error {}

const isMapping = (x) => x !== null && typeof x === "object" && !Array.isArray(x);
const show = (x) => (x === undefined ? "None" : JSON.stringify(x));

function ratings(given, what, n) {
  const g = given === null || given === undefined ? {} : given;
  if (!isMapping(g) || Object.keys(g).some((k) => !ITEMS.includes(k))) {
    throw new ThreeTalkError(`round ${n}: the ${what} must map the items ${ITEMS.join(", ")}`);
  }
  const out = {};
  for (const item of ITEMS) {
    const value = g[item] === undefined ? null : g[item];
    if (value !== null && !(Number.isInteger(value) && value >= 0 && value <= SCALE_MAX)) {
      throw new ThreeTalkError(`round ${n}: a rating is a whole number from 0 to ${SCALE_MAX}, not ${show(value)}`);
    }
    out[item] = value;
  }
  return out;
}

function tally(given, n) {
  const g = given === null || given === undefined ? {} : given;
  if (!isMapping(g) || Object.keys(g).some((k) => !CHECKLIST.includes(k))) {
    throw new ThreeTalkError(`round ${n}: the tally must count only the checklist's behaviours`);
  }
  const out = {};
  for (const behaviour of CHECKLIST) {
    const value = g[behaviour] === undefined ? 0 : g[behaviour];
    if (!(Number.isInteger(value) && value >= 0 && value <= TALLY_MAX)) {
      throw new ThreeTalkError(`round ${n}: a count is a whole number from 0 to ${TALLY_MAX}, not ${show(value)}`);
    }
    out[behaviour] = value;
  }
  return out;
}

export function filled(r) {
  return ITEMS.every((item) => r[item] !== null && r[item] !== undefined);
}

/** The three items added up (out of TOTAL_MAX); null until all three are given. */
export function total(r) {
  return filled(r) ? ITEMS.reduce((sum, item) => sum + r[item], 0) : null;
}

/** One round's stage, predictions, ratings and tally; ThreeTalkError if the rules refuse it. */
export function parseRotation(given, n) {
  if (!isMapping(given) || Object.keys(given).some((k) => !["stage", "predicted", "rated", "tally"].includes(k))) {
    throw new ThreeTalkError(`round ${n} must have a stage, predictions, ratings and a tally`);
  }
  const stage = given.stage === undefined ? "predict" : given.stage;
  if (!STAGES.includes(stage)) throw new ThreeTalkError(`round ${n}: the stage is one of ${STAGES.join(", ")}, not ${show(stage)}`);
  const predicted = ratings(given.predicted, "predictions", n);
  const rated = ratings(given.rated, "ratings", n);
  const counted = tally(given.tally, n);
  if (stage === "predict" && ITEMS.some((i) => rated[i] !== null)) throw new ThreeTalkError(`round ${n}: the patient rates after the screen is handed over`);
  if (stage !== "predict" && !filled(predicted)) throw new ThreeTalkError(`round ${n}: the clinician predicts all three items before handing over`);
  if (stage === "result" && !filled(rated)) throw new ThreeTalkError(`round ${n}: the patient rates all three items before the result`);
  return { stage, predicted, rated, tally: counted };
}

/** A parsed round with what the result shows: totals, gaps (only in the result), tally per talk. */
export function rotationAnswer(r) {
  const shown = r.stage === "result";
  let gaps = null;
  if (shown) {
    gaps = {};
    for (const item of ITEMS) gaps[item] = r.rated[item] - r.predicted[item];
  }
  const talks = {};
  for (const talk of TALKS) talks[talk] = BEHAVIOURS[talk].reduce((sum, b) => sum + r.tally[b], 0);
  const ratedTotal = total(r.rated);
  return {
    ...r,
    predicted_total: total(r.predicted),
    rated_total: ratedTotal,
    gaps,
    gap_total: gaps === null ? null : ITEMS.reduce((sum, item) => sum + gaps[item], 0),
    top_ratings: ratedTotal === null ? null : ITEMS.filter((i) => r.rated[i] === SCALE_MAX).length,
    talks,
    complete: shown && TALKS.reduce((sum, talk) => sum + talks[talk], 0) > 0,
  };
}

/** The journal's `answer` (the one mapping, as Python's three_talk.answer). */
export function answer(rotations = null, notes = "") {
  const given = rotations === null || rotations === undefined ? [{}] : rotations;
  if (!Array.isArray(given) || given.length < 1 || given.length > ROTATIONS_MAX) {
    throw new ThreeTalkError(`there are from 1 to ${ROTATIONS_MAX} rounds`);
  }
  const parsed = given.map((r, i) => parseRotation(r, i + 1));
  parsed.slice(0, -1).forEach((r, i) => {
    if (r.stage !== "result") throw new ThreeTalkError(`round ${i + 1} reaches its result before the next round starts`);
  });
  if (typeof notes !== "string" || notes.length > NOTES_MAX) throw new ThreeTalkError(`the notes must be a text of at most ${NOTES_MAX} characters`);
  const rounds = parsed.map(rotationAnswer);
  return { rotations: rounds, notes, finished: rounds.some((r) => r.complete) };
}

/** The entry's fields (kind exercise_answer): a draft until it is finished. */
export function entryFields(theAnswer, title, question) {
  return { exercise: EXERCISE, title, question, answer: theAnswer, draft: !theAnswer.finished };
}
