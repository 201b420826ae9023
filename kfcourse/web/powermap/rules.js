// The rules of "Power map card sort" for the book page (no kernel). A port of
// kfcourse/activities/power_map.py, checked against the vectors Python writes
// (tests/activities/power_map_vectors.json, replayed by tests/js/powermap-rules.test.mjs). No DOM.

export const EXERCISE = "power-map";
export const CARDS = [
  "reward",
  "coercive",
  "legitimate",
  "referent",
  "expert",
  "informational",
  "experiential-knowledge",
  "agenda-control",
  "complain-or-media",
  "clinical-accountability",
  "time-and-energy",
  "legal-advice",
];
export const HOLDERS = ["clinician", "patient", "both", "neither"];
export const MAPS = ["before", "after"];
/** Arnstein's eight rungs, from the bottom of the ladder to the top. */
export const RUNGS = ["manipulation", "therapy", "informing", "consultation", "placation", "partnership", "delegated-power", "citizen-control"];
export const DIMENSIONS = ["first", "second", "third"];
export const LINES = ["line-1", "line-2", "line-3", "line-4", "line-5", "line-6", "line-7", "line-8"];
export const VERDICTS = ["same", "different", "discuss"];

export const CARD_KEY = {
  reward: { holder: "clinician", contestable: false },
  coercive: { holder: "patient", contestable: true },
  legitimate: { holder: "both", contestable: false },
  referent: { holder: "patient", contestable: false },
  expert: { holder: "both", contestable: false },
  informational: { holder: "clinician", contestable: false },
  "experiential-knowledge": { holder: "patient", contestable: false },
  "agenda-control": { holder: "clinician", contestable: false },
  "complain-or-media": { holder: "patient", contestable: true },
  "clinical-accountability": { holder: "clinician", contestable: false },
  "time-and-energy": { holder: "clinician", contestable: true },
  "legal-advice": { holder: "both", contestable: true },
};
export const RUNG_KEY = "placation";
export const RUNGS_TO_DISCUSS = ["informing", "consultation"];
export const LINE_KEY = {
  "line-1": { dimension: "second", contestable: false },
  "line-2": { dimension: "second", contestable: false },
  "line-3": { dimension: "first", contestable: false },
  "line-4": { dimension: "first", contestable: false },
  "line-5": { dimension: null, contestable: false },
  "line-6": { dimension: "third", contestable: true },
  "line-7": { dimension: "third", contestable: false },
  "line-8": { dimension: null, contestable: true },
};

/** An answer the rules do not accept (Python's PowerMapError). */
export class PowerMapError extends Error {}

const isMapping = (x) => x !== null && typeof x === "object" && !Array.isArray(x);
const given = (m, k) => (m[k] === undefined ? null : m[k]);

export function parseMap(map, which = "before") {
  const m = map === null || map === undefined ? {} : map;
  if (!isMapping(m)) throw new PowerMapError(`the ${which} map must give each card its holder`);
  const unknown = Object.keys(m).filter((c) => !CARDS.includes(c));
  if (unknown.length) throw new PowerMapError(`no card called ${JSON.stringify(unknown[0])}; the cards are ${CARDS.join(", ")}`);
  const out = {};
  for (const card of CARDS) {
    const holder = given(m, card);
    if (holder !== null && !HOLDERS.includes(holder)) {
      throw new PowerMapError(`a card is held by one of ${HOLDERS.join(", ")}, not ${JSON.stringify(holder)} (${which}, ${card})`);
    }
    out[card] = holder;
  }
  return out;
}

export function parseTags(tags) {
  const m = tags === null || tags === undefined ? {} : tags;
  if (!isMapping(m)) throw new PowerMapError("the tags must give transcript lines a dimension of power");
  const unknown = Object.keys(m).filter((l) => !LINES.includes(l));
  if (unknown.length) throw new PowerMapError(`no transcript line called ${JSON.stringify(unknown[0])}`);
  const out = {};
  for (const line of LINES) {
    const tag = given(m, line);
    if (tag !== null && !DIMENSIONS.includes(tag)) throw new PowerMapError(`a tag is one of ${DIMENSIONS.join(", ")}, not ${JSON.stringify(tag)} (${line})`);
    out[line] = tag;
  }
  return out;
}

export function complete(map) {
  return CARDS.every((card) => map[card] !== null);
}

/** The cards placed in both maps with a different holder after the role-play, in card order. */
export function moves(before, after) {
  return CARDS.filter((c) => before[c] !== null && after[c] !== null && before[c] !== after[c]).map((card) => ({ card, before: before[card], after: after[card] }));
}

/** The whole before map, the meeting's rung, and lines tagged with the second and third dimensions. */
export function ready(before, rung, tags) {
  const found = Object.values(tags);
  return complete(before) && rung !== null && found.includes("second") && found.includes("third");
}

export function verdict(value, key, contestable) {
  if (contestable) return "discuss";
  return value === key ? "same" : "different";
}

export function rungVerdict(rung) {
  if (rung === RUNG_KEY) return "same";
  return RUNGS_TO_DISCUSS.includes(rung) ? "discuss" : "different";
}

export function comparison(before, rung, tags) {
  return {
    cards: CARDS.map((card) => ({ card, holder: before[card], key: CARD_KEY[card].holder, verdict: verdict(before[card], CARD_KEY[card].holder, CARD_KEY[card].contestable) })),
    rung: { rung, key: RUNG_KEY, verdict: rungVerdict(rung) },
    lines: LINES.filter((line) => tags[line] !== null).map((line) => ({
      line,
      tag: tags[line],
      key: LINE_KEY[line].dimension,
      verdict: verdict(tags[line], LINE_KEY[line].dimension, LINE_KEY[line].contestable),
    })),
  };
}

/** The journal's `answer` (the one mapping, as Python's power_map.answer). */
export function answer(before = null, after = null, rung = null, tags = null, keyShown = false) {
  const first = parseMap(before, "before");
  const second = parseMap(after, "after");
  const tagged = parseTags(tags);
  const r = rung === undefined ? null : rung;
  if (r !== null && !RUNGS.includes(r)) throw new PowerMapError(`a rung of the ladder is one of ${RUNGS.join(", ")}, not ${JSON.stringify(r)}`);
  if (typeof keyShown !== "boolean") throw new PowerMapError("whether the key was shown must be true or false");
  const done = ready(first, r, tagged);
  if (keyShown && !done) {
    throw new PowerMapError(
      "the key is shown once every card is placed before the role-play, the meeting is on the ladder and lines are tagged with the second and third dimensions",
    );
  }
  return {
    before: first,
    after: second,
    before_complete: complete(first),
    after_complete: complete(second),
    moves: moves(first, second),
    rung: r,
    tags: tagged,
    key_shown: keyShown,
    comparison: keyShown ? comparison(first, r, tagged) : null,
    finished: done,
  };
}

/** The entry's fields (kind exercise_answer): a draft until it is finished. */
export function entryFields(theAnswer, title, question) {
  return { exercise: EXERCISE, title, question, answer: theAnswer, draft: !theAnswer.finished };
}
