// The rules of "Rewrite the hero headline" for the book page (no kernel). A port of
// kfcourse/activities/hero_headline.py, checked against the vectors Python writes
// (tests/activities/hero_headline_vectors.json, replayed by tests/js/headline-rules.test.mjs). No DOM.

export const EXERCISE = "hero-headline";
export const STORY = [
  ["hero-chief"],
  ["in-crisis", "took-over", "single-handed", "out-of-measures"],
  ["no-failure", "waits", "drove-through", "complaints"],
  ["pride", "best-decision", "maternity"],
];
export const PHRASES = STORY.flat();
export const REFERENCE = ["hero-chief", "took-over", "single-handed", "no-failure", "drove-through", "pride", "best-decision"];
export const LEFT_OUT = ["ward-teams", "pharmacy", "patient-panel", "social-care"];
export const RATINGS = ["speak-up", "patient-trust"];
export const SCALE = [1, 2, 3, 4, 5];
export const HEADLINE_MAX = 200;
export const PARAGRAPH_MAX = 2000;

/** An answer the rules do not accept (Python's HeroHeadlineError). */
export class HeroHeadlineError extends Error {}

const isMapping = (x) => x !== null && typeof x === "object" && !Array.isArray(x);

/** The marked phrases in story order. */
export function parseMarked(marked) {
  if (marked === null || marked === undefined) return [];
  if (!Array.isArray(marked)) throw new HeroHeadlineError("the marked phrases must be a list of phrase ids");
  for (const phrase of marked) {
    if (!PHRASES.includes(phrase)) throw new HeroHeadlineError(`the story has no phrase ${JSON.stringify(phrase)}`);
  }
  if (new Set(marked).size !== marked.length) throw new HeroHeadlineError("a phrase is marked only once");
  return PHRASES.filter((p) => marked.includes(p));
}

/** Both ratings (null where not yet rated). */
export function parseRatings(ratings) {
  const given = ratings === null || ratings === undefined ? {} : ratings;
  if (!isMapping(given)) throw new HeroHeadlineError("the ratings must map each question to a number");
  const unknown = Object.keys(given).filter((k) => !RATINGS.includes(k));
  if (unknown.length) throw new HeroHeadlineError(`no rating called ${JSON.stringify(unknown[0])}; they are ${RATINGS.join(", ")}`);
  const out = {};
  for (const name of RATINGS) {
    const value = given[name] === undefined ? null : given[name];
    if (value !== null && !SCALE.includes(value)) throw new HeroHeadlineError(`a rating is a whole number from 1 to 5, not ${JSON.stringify(value)}`);
    out[name] = value;
  }
  return out;
}

/** The learner's marks beside the reference, in story order: both, reference only, learner only. */
export function comparison(marked) {
  return {
    matched: PHRASES.filter((p) => marked.includes(p) && REFERENCE.includes(p)),
    missed: PHRASES.filter((p) => !marked.includes(p) && REFERENCE.includes(p)),
    extra: PHRASES.filter((p) => marked.includes(p) && !REFERENCE.includes(p)),
  };
}

function text(value, name, limit) {
  if (typeof value !== "string" || value.length > limit) throw new HeroHeadlineError(`the ${name} must be a text of at most ${limit} characters`);
  return value;
}

/** The journal's `answer` (the one mapping, as Python's hero_headline.answer). */
export function answer(marked = null, revealShown = false, ratings = null, headline = "", paragraph = "") {
  const phrases = parseMarked(marked);
  if (typeof revealShown !== "boolean") throw new HeroHeadlineError("whether the reveal was shown must be true or false");
  if (revealShown && !phrases.length) throw new HeroHeadlineError("the reveal is shown once at least one phrase is marked");
  const rated = parseRatings(ratings);
  text(headline, "headline", HEADLINE_MAX);
  text(paragraph, "first paragraph", PARAGRAPH_MAX);
  return {
    marked: phrases,
    reveal_shown: revealShown,
    comparison: revealShown ? comparison(phrases) : null,
    ratings: rated,
    headline,
    paragraph,
    finished: phrases.length > 0 && revealShown && RATINGS.every((n) => rated[n] !== null) && headline.trim().length > 0 && paragraph.trim().length > 0,
  };
}

/** The entry's fields (kind exercise_answer): a draft until it is finished. */
export function entryFields(theAnswer, title, question) {
  return { exercise: EXERCISE, title, question, answer: theAnswer, draft: !theAnswer.finished };
}
