// The rules of the trust-building loop simulator, for the book page (no kernel). A port of
// kfcourse/activities/trust_loop.py, checked against the vectors Python writes
// (tests/activities/trust_loop_vectors.json, replayed by tests/js/trustloop-rules.test.mjs).
// No DOM. See that module's docstring for the rules in words.

export const EXERCISE = "trust-loop";
export const ROUNDS = 4;
export const AIMS = ["modest", "moderate", "ambitious"];
export const ROLES = ["clinician", "patient"];
export const TARGET = { modest: 2, moderate: 3, ambitious: 5 };
export const STAKE = { modest: 1, moderate: 2, ambitious: 3 };
export const TRUST = { min: -10, max: 10, start: 0 };
export const HELPS_FROM = 3;
export const HINDERS_FROM = -3;
export const DIE = 6;
export const SEED_MAX = 0xffffffff;
export const TRUST_BANDS = [
  { from: -10, id: "low" },
  { from: -6, id: "strained" },
  { from: -2, id: "uncertain" },
  { from: 2, id: "growing" },
  { from: 6, id: "strong" },
];
export const DECK = [
  { id: "quick-win", effect: 1 },
  { id: "board-champion", effect: 1 },
  { id: "carer-story", effect: 1 },
  { id: "ordinary-week", effect: 0 },
  { id: "new-manager", effect: 0 },
  { id: "nurse-leaves", effect: -1 },
  { id: "budget-freeze", effect: -1 },
  { id: "winter-pressure", effect: -1 },
  { id: "meeting-cancelled", effect: -1 },
];
export const RATINGS = ["ability", "benevolence", "integrity"];
export const RATING = { min: 1, max: 5 };
const EFFECT = Object.fromEntries(DECK.map((c) => [c.id, c.effect]));

/** A game state the rules do not accept (Python's TrustLoopError). */
export class TrustLoopError extends Error {}

/** 32-bit unsigned integers from `seed`: Python's mulberry32, bit for bit. */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export function checkSeed(seed) {
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > SEED_MAX) {
    throw new TrustLoopError(`the draw number must be a whole number from 0 to ${SEED_MAX}`);
  }
  return seed;
}

/** A new draw number (the page's choice of luck; any whole number from 0 to SEED_MAX plays). */
export function randomSeed() {
  const b = new Uint32Array(1);
  globalThis.crypto.getRandomValues(b);
  return b[0];
}

/** {seed, cards, rolls}: the first ROUNDS cards of a shuffled deck and one roll per round. */
export function draw(seed) {
  const next = mulberry32(checkSeed(seed));
  const deck = DECK.map((c) => c.id);
  for (let i = deck.length - 1; i > 0; i -= 1) {
    const j = next() % (i + 1);
    [deck[i], deck[j]] = [deck[j], deck[i]];
  }
  const rolls = [];
  for (let n = 0; n < ROUNDS; n += 1) rolls.push((next() % DIE) + 1);
  return { seed, cards: deck.slice(0, ROUNDS), rolls };
}

export function clamp(value) {
  return Math.max(TRUST.min, Math.min(TRUST.max, value));
}

/** What trust adds to the roll. */
export function bonus(trust) {
  if (trust >= HELPS_FROM) return 1;
  if (trust <= HINDERS_FROM) return -1;
  return 0;
}

function checkAim(aim) {
  if (!AIMS.includes(aim)) throw new TrustLoopError(`an aim must be one of ${AIMS.join(", ")}, not ${JSON.stringify(aim)}`);
}

/** The aim the pair commits to: the more modest of the two proposals. */
export function agreed(clinician, patient) {
  checkAim(clinician);
  checkAim(patient);
  return AIMS[Math.min(AIMS.indexOf(clinician), AIMS.indexOf(patient))];
}

/** [ways, outOf]: the chance `aim` succeeds before its card is drawn. */
export function chance(aim, trust, drawn = []) {
  checkAim(aim);
  const left = DECK.filter((c) => !drawn.includes(c.id));
  let ways = 0;
  for (const card of left) {
    for (let roll = 1; roll <= DIE; roll += 1) if (roll + card.effect + bonus(trust) >= TARGET[aim]) ways += 1;
  }
  return [ways, left.length * DIE];
}

/** A chance in whole per cent, halves rounded up (integer arithmetic, as in Python). */
export function percent(ways, outOf) {
  return Math.floor((200 * ways + outOf) / (2 * outOf));
}

/** The id of the words for this trust value. */
export function band(trust) {
  let found = TRUST_BANDS[0].id;
  for (const b of TRUST_BANDS) if (trust >= b.from) found = b.id;
  return found;
}

export function playRound(number, trust, clinician, patient, card, roll, failedBefore) {
  const aim = agreed(clinician, patient);
  const help = bonus(trust);
  const total = roll + EFFECT[card] + help;
  const success = total >= TARGET[aim];
  const after = clamp(trust + (success ? STAKE[aim] : -STAKE[aim]));
  return {
    round: number,
    clinician,
    patient,
    aim,
    card,
    roll,
    bonus: help,
    total,
    target: TARGET[aim],
    success,
    change: after - trust,
    trust: after,
    inertia: !success && failedBefore,
  };
}

export function parsePicks(picks) {
  if (!Array.isArray(picks) || picks.length > ROUNDS) throw new TrustLoopError(`the aims must be a list of at most ${ROUNDS} rounds`);
  return picks.map((pair) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new TrustLoopError("each round's aims must be a [clinician, patient] pair");
    agreed(pair[0], pair[1]);
    return [pair[0], pair[1]];
  });
}

/** The game so far: the rounds played with these proposals against the seed's draw. */
export function play(seed, picks) {
  const dealt = draw(seed);
  let trust = TRUST.start;
  const rounds = [];
  parsePicks(picks).forEach(([clinician, patient], n) => {
    const failedBefore = rounds.length > 0 && !rounds[rounds.length - 1].success;
    const result = playRound(n + 1, trust, clinician, patient, dealt.cards[n], dealt.rolls[n], failedBefore);
    rounds.push(result);
    trust = result.trust;
  });
  return { seed, rounds, trust_start: TRUST.start, trust_end: trust, completed: rounds.length === ROUNDS };
}

export function parseRatings(ratings) {
  const out = {};
  if (ratings === null || ratings === undefined) {
    for (const name of RATINGS) out[name] = null;
    return out;
  }
  if (typeof ratings !== "object" || Array.isArray(ratings) || Object.keys(ratings).some((k) => !RATINGS.includes(k))) {
    throw new TrustLoopError("the ratings must be ability, benevolence and integrity");
  }
  for (const name of RATINGS) {
    const value = ratings[name] === undefined ? null : ratings[name];
    if (value !== null && (typeof value !== "number" || !Number.isInteger(value) || value < RATING.min || value > RATING.max)) {
      throw new TrustLoopError(`a rating must be a whole number from 1 to 5, not ${JSON.stringify(value)}`);
    }
    out[name] = value;
  }
  return out;
}

/** The journal's `answer` for a game (the one mapping, as Python's trust_loop.answer). */
export function answer(seed, picks, ratings) {
  const game = play(seed, picks);
  const rated = parseRatings(ratings);
  if (Object.values(rated).some((v) => v !== null) && !game.completed) {
    throw new TrustLoopError("the partner is rated after the fourth round");
  }
  return { ...game, ratings: rated };
}

/** The entry's fields (kind exercise_answer): a draft until the fourth round is played. */
export function entryFields(gameAnswer, title) {
  return { exercise: EXERCISE, title, answer: gameAnswer, draft: !gameAnswer.completed };
}
