// The rules of the "Programme redesign canvas" for the book page (no kernel). A port of
// kfcourse/activities/redesign_canvas.py, checked against the vectors Python writes
// (tests/activities/redesign_canvas_vectors.json, replayed by tests/js/canvas-rules.test.mjs). No DOM.

export const EXERCISE = "redesign-canvas";
export const CARDS = ["power-difference", "accountabilities", "trust-after-harm", "representativeness", "tokenism", "fatigue-payment", "metric-pressure"];
export const FIELDS = ["support", "owner", "sign"];
export const DIMENSIONS = [
  "inspiring-shared-purpose",
  "leading-with-care",
  "evaluating-information",
  "connecting-our-service",
  "sharing-the-vision",
  "engaging-the-team",
  "holding-to-account",
  "developing-capability",
  "influencing-for-results",
];
export const TEXT_MAX = 1000;
export const AUTHORS_MAX = 200;

/** A canvas the rules do not accept (Python's CanvasError). */
export class CanvasError extends Error {}

const isMapping = (x) => x !== null && typeof x === "object" && !Array.isArray(x);

// Python's str.strip() white space, so "more than white space" means the same in both hosts.
const PY_SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c\\x1d\\x1e\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "g");
const pyStrip = (text) => text.replace(PY_STRIP, "");
// Python's len() counts code points; JavaScript's length counts UTF-16 units.
const codePoints = (text) => Array.from(text).length;

function text(value, what, limit) {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string" || codePoints(value) > limit) throw new CanvasError(`${what} must be a text of at most ${limit} characters`);
  return value;
}

export function parseCards(cards) {
  const given = cards === null || cards === undefined ? {} : cards;
  if (!isMapping(given)) throw new CanvasError("the canvas must map each challenge card to its support, owner and sign");
  const unknown = Object.keys(given).filter((c) => !CARDS.includes(c));
  if (unknown.length) throw new CanvasError(`no card called ${pyRepr(unknown[0])}; the cards are ${CARDS.join(", ")}`);
  const out = {};
  for (const card of CARDS) {
    const fields = given[card] === undefined || given[card] === null ? {} : given[card];
    if (!isMapping(fields) || Object.keys(fields).some((k) => !FIELDS.includes(k) && k !== "dimension")) {
      throw new CanvasError(`${card} may have only a support, an owner, a sign and a dimension`);
    }
    out[card] = {};
    for (const f of FIELDS) out[card][f] = text(fields[f], `the ${f} (${card})`, TEXT_MAX);
    const dimension = fields.dimension === undefined ? null : fields.dimension;
    if (dimension !== null && !DIMENSIONS.includes(dimension)) throw new CanvasError(`no dimension called ${pyRepr(dimension)} (${card})`);
    out[card].dimension = dimension;
  }
  return out;
}

function pyRepr(value) {
  return typeof value === "string" ? `'${value}'` : JSON.stringify(value);
}

/** Whether a text holds more than white space (Python's `bool(text.strip())`). */
export const filled = (value) => pyStrip(String(value || "")).length > 0;

/** A card is complete when its support, owner and sign are each filled. */
export function cardComplete(fields) {
  return FIELDS.every((f) => filled(fields[f]));
}

/** The journal's `answer` (the one mapping, as Python's redesign_canvas.answer). */
export function answer(cards, authors = "") {
  const parsed = parseCards(cards);
  const writtenBy = text(authors, "who wrote the canvas", AUTHORS_MAX);
  const complete = CARDS.filter((c) => cardComplete(parsed[c]));
  return {
    cards: parsed,
    authors: writtenBy,
    complete,
    mapped: CARDS.filter((c) => parsed[c].dimension !== null).length,
    finished: complete.length === CARDS.length,
  };
}

/** The entry's fields (kind exercise_answer): a draft until it is finished. */
export function entryFields(theAnswer, title, question) {
  return { exercise: EXERCISE, title, question, answer: theAnswer, draft: !theAnswer.finished };
}

// Learner text as Markdown that renders as exactly that text: the journal's escape_text
// (kfcourse/journal/markdown_export.py; kf-journal-export.js holds the same rule).
const ANYWHERE = /([\\`*_[\]<>&|~#${}!])/g;
const LINE_START = /^([-+=:(%^>]|\p{Nd}+(?=[.)]))/u;

export function escapeText(value) {
  const lines = String(value)
    .replace(/\r\n/g, "\n")
    .replace(/\r/g, "\n")
    .split("\n")
    .map((raw) => {
      let line = pyStrip(raw).replace(ANYWHERE, "\\$1");
      const m = LINE_START.exec(line);
      if (m) {
        if (/\p{Nd}/u.test(m[1][0])) line = m[1] + "\\" + line.slice(m[1].length);
        else line = "\\" + line;
      }
      return line;
    });
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").replace(/^\n+|\n+$/g, "");
}

/** A catalogue text with each `{name}` replaced (Python's fill; the view's translator). */
export function fill(template, params) {
  return String(template).replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/**
 * The canvas as a one-page Markdown memo to the programme, in the catalogue's `words` (the
 * `canvas` section). Learner text is escaped: it cannot make a heading, a link, a list or HTML.
 */
export function memo(theAnswer, words) {
  const blank = `*${words["memo.blank"]}*`;
  const learner = (value) => (filled(value) ? escapeText(value) : blank);
  const out = [`# ${words["memo.title"]}`, "", words["memo.to"]];
  if (filled(theAnswer.authors)) out.push("", `**${words["memo.authors"]}** ${learner(theAnswer.authors)}`);
  if (!theAnswer.finished) out.push("", `*${fill(words["memo.draft"], { n: theAnswer.complete.length, total: CARDS.length })}*`);
  for (const card of CARDS) {
    const fields = theAnswer.cards[card];
    out.push("", `## ${words[`card.${card}`]}`, "", words[`card.${card}.why`]);
    for (const f of FIELDS) out.push("", `**${words[`memo.${f}`]}** ${learner(fields[f])}`);
    if (fields.dimension !== null) out.push("", `**${words["memo.dimension"]}** ${words[`dimension.${fields.dimension}`]}`);
  }
  if (theAnswer.mapped) out.push("", "---", "", words["memo.hlm"]);
  return out.join("\n") + "\n";
}
