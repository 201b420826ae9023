// The book-page host of the trust-building loop simulator (bundled by esbuild into
// dist/trustloop.js, a classic script that also works from file://), on the shared exercise host
// (../host/exercise-page.js): where the game is (draw number, aims, ratings) is kept in
// localStorage, and each game with a round played is an "exercise_answer" entry in the browser
// journal, a draft until the fourth round.
import { bootExercisePage } from "../host/exercise-page.js";
import * as rules from "./rules.js";
import { summary } from "./summary.js";
import { mountTrustLoop } from "./view.js";

bootExercisePage({
  name: "trust-loop",
  bundle: "trustloop",
  global: "KFTrustLoop",
  couldNotStart: "The simulator could not start",
  mount: mountTrustLoop,
  accept(state) {
    const answer = rules.answer(state.seed, state.picks, state.ratings);
    return { answer, state: { seed: state.seed, picks: state.picks.map((p) => [p[0], p[1]]), ratings: state.ratings || null } };
  },
  touched: (s) => s.picks.length > 0,
  fields: (answer, t) => rules.entryFields(answer, t("entry.title")),
  summary, // the game in words, for the journal list and the exports
});
