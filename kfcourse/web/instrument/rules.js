// The rules of the course's four checks (instruments) for the book page (no kernel). A port of
// kfcourse/activities/instruments.py, checked against the vectors Python writes
// (tests/activities/instruments_vectors.json, replayed by tests/js/instrument-rules.test.mjs). No DOM.

export const PREFIX = "instrument-";
export const MOMENTS = ["before", "after"];
export const AGREEMENT = [1, 2, 3, 4, 5];
export const PRACTICE = ["yes", "partly", "no"];
export const PRACTICE_POINTS = { no: 0, partly: 1, yes: 2 };
export const TEXT_MAX = 2000;

const items = (...ids) => ids.map((id) => ({ id, scored: true }));

export const INSTRUMENTS = {
  "partnership-trust": {
    id: "partnership-trust",
    scale: "agreement",
    raters: ["partner-a", "partner-b"],
    items: [...items("knowledge", "delivers", "cares", "eases", "honest", "consistent"), { id: "propensity", scored: false }],
    private: false,
    action: false,
  },
  "speaking-up": {
    id: "speaking-up",
    scale: "agreement",
    raters: ["self"],
    items: items("concerns", "mistakes", "challenge", "help", "less-authority"),
    private: true,
    action: false,
  },
  "relational-practice": {
    id: "relational-practice",
    scale: "practice",
    raters: ["self"],
    items: items("conversation", "voices", "responded", "accountable", "disagreed"),
    private: false,
    action: false,
  },
  "collaboration-health": {
    id: "collaboration-health",
    scale: "agreement",
    raters: ["pair"],
    items: items("aims", "power", "trust", "membership", "media"),
    private: false,
    action: true,
  },
};

/** An answer the rules do not accept (Python's InstrumentError). */
export class InstrumentError extends Error {}

const isMapping = (x) => x !== null && typeof x === "object" && !Array.isArray(x);
const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
const show = (x) => JSON.stringify(x);

/** The instrument called `id`; InstrumentError if there is none. */
export function instrument(id) {
  if (typeof id !== "string" || !has(INSTRUMENTS, id)) {
    throw new InstrumentError(`no check called ${show(id)}; the checks are ${Object.keys(INSTRUMENTS).join(", ")}`);
  }
  return INSTRUMENTS[id];
}

export function values(inst) {
  return inst.scale === "agreement" ? AGREEMENT : PRACTICE;
}

/** A rating as a number: 1-5 as given; yes 2, partly 1, no 0. */
export function points(inst, value) {
  if (value === null || value === undefined) return null;
  return inst.scale === "agreement" ? value : PRACTICE_POINTS[value];
}

function nested(inst, given, what) {
  const g = given === null || given === undefined ? {} : given;
  if (!isMapping(g)) throw new InstrumentError(`the ${what} must map each moment (before, after) to its answers`);
  for (const moment of Object.keys(g)) {
    if (!MOMENTS.includes(moment)) throw new InstrumentError(`no moment called ${show(moment)}; the moments are before and after`);
  }
  const out = {};
  for (const moment of MOMENTS) {
    const byRater = g[moment] === undefined || g[moment] === null ? {} : g[moment];
    if (!isMapping(byRater)) throw new InstrumentError(`the ${what} for ${moment} must map each rater to their answers`);
    for (const rater of Object.keys(byRater)) {
      if (!inst.raters.includes(rater)) throw new InstrumentError(`no rater called ${show(rater)} in this check`);
    }
    out[moment] = {};
    for (const rater of inst.raters) {
      const byItem = byRater[rater] === undefined || byRater[rater] === null ? {} : byRater[rater];
      if (!isMapping(byItem)) throw new InstrumentError(`the ${what} of ${rater} must map each statement to one`);
      for (const item of Object.keys(byItem)) {
        if (!inst.items.some((i) => i.id === item)) throw new InstrumentError(`no statement called ${show(item)} in this check`);
      }
      out[moment][rater] = {};
      for (const i of inst.items) out[moment][rater][i.id] = byItem[i.id] === undefined ? null : byItem[i.id];
    }
  }
  return out;
}

export function parseRatings(inst, ratings) {
  const out = nested(inst, ratings, "ratings");
  const allowed = values(inst);
  const kind = inst.scale === "agreement" ? "number" : "string";
  for (const moment of MOMENTS) {
    for (const byItem of Object.values(out[moment])) {
      for (const [item, value] of Object.entries(byItem)) {
        if (value === null) continue;
        if (typeof value !== kind || !allowed.includes(value)) {
          throw new InstrumentError(`a rating must be one of ${allowed.join(", ")}, not ${show(value)} (${item}, ${moment})`);
        }
      }
    }
  }
  return out;
}

export function parseExamples(inst, examples) {
  if (inst.scale !== "practice") {
    const empty = examples === null || examples === undefined || (isMapping(examples) && Object.keys(examples).length === 0);
    if (!empty) throw new InstrumentError("this check asks for no examples");
    return null;
  }
  const out = nested(inst, examples, "examples");
  for (const moment of MOMENTS) {
    for (const byItem of Object.values(out[moment])) {
      for (const [item, text] of Object.entries(byItem)) {
        if (text === null) byItem[item] = "";
        else if (typeof text !== "string" || text.length > TEXT_MAX) throw new InstrumentError(`an example must be a text of at most ${TEXT_MAX} characters`);
      }
    }
  }
  return out;
}

export function score(inst, byItem) {
  const scored = inst.items.filter((i) => i.scored).map((i) => i.id);
  const answered = inst.items.filter((i) => byItem[i.id] !== null).length;
  const top = Math.max(...values(inst).map((v) => points(inst, v)));
  const complete = answered === inst.items.length;
  const total = complete ? scored.reduce((sum, id) => sum + points(inst, byItem[id]), 0) : null;
  return {
    answered,
    complete,
    total,
    max: top * scored.length,
    mean: total === null ? null : Math.floor((20 * total + scored.length) / (2 * scored.length)) / 10,
  };
}

/** The change in words: up, down or same (null when there is nothing to compare). */
export function direction(change) {
  if (change === null) return null;
  return change > 0 ? "up" : change < 0 ? "down" : "same";
}

function difference(before, after) {
  const change = before === null || after === null ? null : after - before;
  return { before, after, change, direction: direction(change) };
}

export function changes(inst, ratings, scores) {
  const out = {};
  for (const rater of inst.raters) {
    const itemsOut = {};
    for (const i of inst.items) {
      itemsOut[i.id] = difference(points(inst, ratings.before[rater][i.id]), points(inst, ratings.after[rater][i.id]));
    }
    out[rater] = { items: itemsOut, overall: difference(scores.before[rater].total, scores.after[rater].total) };
  }
  return out;
}

export function gaps(inst, ratings) {
  if (inst.raters.length !== 2) return null;
  const [first, second] = inst.raters;
  const out = {};
  for (const moment of MOMENTS) {
    const a = ratings[moment][first];
    const b = ratings[moment][second];
    const itemsOut = {};
    for (const i of inst.items) {
      itemsOut[i.id] = a[i.id] === null || b[i.id] === null ? null : Math.abs(points(inst, a[i.id]) - points(inst, b[i.id]));
    }
    const known = Object.values(itemsOut).filter((g) => g !== null);
    const biggest = known.length === inst.items.length ? Math.max(...known) : null;
    const at = inst.items.map((i) => i.id).filter((id) => biggest && itemsOut[id] === biggest);
    out[moment] = { items: itemsOut, biggest, at };
  }
  return out;
}

/** The journal's `answer` (the one mapping, as Python's instruments.answer). */
export function answer(instrumentId, ratings, examples = null, action = "") {
  const inst = instrument(instrumentId);
  const rated = parseRatings(inst, ratings);
  const texts = parseExamples(inst, examples);
  let act = action;
  if (inst.action) {
    if (act === null || act === undefined) act = "";
    if (typeof act !== "string" || act.length > TEXT_MAX) throw new InstrumentError(`the action must be a text of at most ${TEXT_MAX} characters`);
  } else if (!(act === null || act === undefined || act === "")) {
    throw new InstrumentError("this check asks for no action");
  }
  const scores = {};
  for (const m of MOMENTS) {
    scores[m] = {};
    for (const r of inst.raters) scores[m][r] = score(inst, rated[m][r]);
  }
  const complete = MOMENTS.every((m) => inst.raters.every((r) => scores[m][r].complete));
  const examplesGiven = texts === null || MOMENTS.every((m) => inst.raters.every((r) => Object.values(texts[m][r]).every((t) => t.trim().length > 0)));
  const actionGiven = !inst.action || act.trim().length > 0;
  return {
    instrument: inst.id,
    scale: inst.scale,
    ratings: rated,
    examples: texts,
    action: inst.action ? act : null,
    scores,
    changes: changes(inst, rated, scores),
    gaps: gaps(inst, rated),
    private: inst.private,
    complete,
    finished: complete && examplesGiven && actionGiven,
  };
}

/** Whether an answer holds anything worth keeping in the journal. */
export function touched(theAnswer) {
  const anyRated = Object.values(theAnswer.scores).some((byRater) => Object.values(byRater).some((s) => s.answered > 0));
  const texts = theAnswer.examples || {};
  const anyText = Object.values(texts).some((byRater) => Object.values(byRater).some((byItem) => Object.values(byItem).some((t) => t)));
  return anyRated || anyText || Boolean(theAnswer.action);
}

/** The entry's fields (kind exercise_answer): a draft until it is finished. */
export function entryFields(theAnswer, title, question) {
  return { exercise: PREFIX + theAnswer.instrument, title, question, answer: theAnswer, draft: !theAnswer.finished };
}
