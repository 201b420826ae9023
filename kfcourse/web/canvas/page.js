// The book-page host of the "Programme redesign canvas" (bundled by esbuild into dist/canvas.js,
// a classic script that also works from file://), on the shared exercise host
// (../host/exercise-page.js): the working state is kept in localStorage and, from the first
// word written, the canvas is an "exercise_answer" entry in the browser journal.
import { bootExercisePage } from "../host/exercise-page.js";
import * as rules from "./rules.js";
import { summary } from "./summary.js";
import { mountCanvas } from "./view.js";

bootExercisePage({
  name: rules.EXERCISE,
  bundle: "canvas",
  global: "KFCanvas",
  mount: mountCanvas,
  accept(state) {
    const answer = rules.answer(state.cards, state.authors);
    return { answer, state: { cards: answer.cards, authors: answer.authors } };
  },
  touched: (s) => rules.filled(s.authors) || rules.CARDS.some((c) => rules.FIELDS.some((f) => rules.filled(s.cards[c][f])) || s.cards[c].dimension !== null),
  fields: (answer, t) => rules.entryFields(answer, t("entry.title"), t("entry.question")),
  summary, // the answer in words, for the journal list and the exports
});
