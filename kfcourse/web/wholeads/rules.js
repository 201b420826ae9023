// The rules of "Who leads? Who follows?" for the book page (no kernel). A port of
// kfcourse/activities/who_leads.py, checked against the vectors Python writes
// (tests/activities/who_leads_vectors.json, replayed by tests/js/wholeads-rules.test.mjs). No DOM.

export const EXERCISE = "who-leads";
export const ACTORS = ["consultant", "ward-nurse", "pharmacist", "junior-doctor", "bed-manager", "patient-leader", "carer", "board-member"];
export const LEVELS = ["low", "some", "high"];
export const AXES = ["authority", "knowledge"];
export const REFERENCE = {
  consultant: { authority: "high", knowledge: "some" },
  "ward-nurse": { authority: "some", knowledge: "high" },
  pharmacist: { authority: "low", knowledge: "high" },
  "junior-doctor": { authority: "low", knowledge: "some" },
  "bed-manager": { authority: "some", knowledge: "high" },
  "patient-leader": { authority: "low", knowledge: "some" },
  carer: { authority: "low", knowledge: "high" },
  "board-member": { authority: "high", knowledge: "low" },
};
export const RISK_MAX = 2000;

/** An answer the rules do not accept (Python's WhoLeadsError). */
export class WhoLeadsError extends Error {}

const isMapping = (x) => x !== null && typeof x === "object" && !Array.isArray(x);

export function parsePlacements(placements) {
  const given = placements === null || placements === undefined ? {} : placements;
  if (!isMapping(given)) throw new WhoLeadsError("the placements must map each actor to its two levels");
  const unknown = Object.keys(given).filter((a) => !ACTORS.includes(a));
  if (unknown.length) throw new WhoLeadsError(`no actor called ${JSON.stringify(unknown[0])}; the actors are ${ACTORS.join(", ")}`);
  const out = {};
  for (const actor of ACTORS) {
    const levels = given[actor] || {};
    if (!isMapping(levels) || Object.keys(levels).some((k) => !AXES.includes(k))) {
      throw new WhoLeadsError(`${actor} must have an authority and a knowledge level`);
    }
    out[actor] = {};
    for (const axis of AXES) {
      const level = levels[axis] === undefined ? null : levels[axis];
      if (level !== null && !LEVELS.includes(level)) {
        throw new WhoLeadsError(`a level must be one of ${LEVELS.join(", ")}, not ${JSON.stringify(level)} (${actor}, ${axis})`);
      }
      out[actor][axis] = level;
    }
  }
  return out;
}

export function complete(placements) {
  return ACTORS.every((a) => AXES.every((axis) => placements[a][axis] !== null));
}

/** Knowledge level minus authority level (null until both are placed). */
export function gap(levels) {
  if (levels.authority === null || levels.knowledge === null || levels.authority === undefined || levels.knowledge === undefined) return null;
  return LEVELS.indexOf(levels.knowledge) - LEVELS.indexOf(levels.authority);
}

export function mismatches(placements) {
  const out = [];
  for (const actor of ACTORS) {
    const g = gap(placements[actor]);
    if (g) out.push({ actor, gap: g });
  }
  return out;
}

export function comparison(placements) {
  return ACTORS.map((actor) => ({
    actor,
    authority: placements[actor].authority === REFERENCE[actor].authority,
    knowledge: placements[actor].knowledge === REFERENCE[actor].knowledge,
  }));
}

/** The journal's `answer` (the one mapping, as Python's who_leads.answer). */
export function answer(placements, referenceShown = false, mismatch = null, risk = "") {
  const placed = parsePlacements(placements);
  if (typeof referenceShown !== "boolean") throw new WhoLeadsError("whether the reference was shown must be true or false");
  if (referenceShown && !complete(placed)) throw new WhoLeadsError("the reference is shown once all eight actors are placed");
  if (mismatch !== null && !ACTORS.includes(mismatch)) throw new WhoLeadsError(`no actor called ${JSON.stringify(mismatch)}`);
  if (typeof risk !== "string" || risk.length > RISK_MAX) throw new WhoLeadsError(`the risk must be a text of at most ${RISK_MAX} characters`);
  const done = complete(placed);
  return {
    placements: placed,
    complete: done,
    mismatches: mismatches(placed),
    reference_shown: referenceShown,
    comparison: referenceShown ? comparison(placed) : null,
    mismatch,
    risk,
    finished: done && referenceShown && mismatch !== null && risk.trim().length > 0,
  };
}

/** The entry's fields (kind exercise_answer): a draft until it is finished. */
export function entryFields(theAnswer, title, question) {
  return { exercise: EXERCISE, title, question, answer: theAnswer, draft: !theAnswer.finished };
}
