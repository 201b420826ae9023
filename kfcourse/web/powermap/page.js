// The book-page host of "Power map card sort" (bundled by esbuild into dist/powermap.js, a
// classic script that also works from file://), on the shared exercise host
// (../host/exercise-page.js): the working state is kept in localStorage and, from the first
// choice, the answer is an "exercise_answer" entry in the browser journal.
import { bootExercisePage } from "../host/exercise-page.js";
import * as rules from "./rules.js";
import { summary } from "./summary.js";
import { mountPowerMap } from "./view.js";

bootExercisePage({
  name: rules.EXERCISE,
  bundle: "powermap",
  global: "KFPowerMap",
  mount: mountPowerMap,
  accept(state) {
    const answer = rules.answer(state.before, state.after, state.rung, state.tags, state.key_shown);
    return { answer, state: { before: answer.before, after: answer.after, rung: answer.rung, tags: answer.tags, key_shown: answer.key_shown } };
  },
  touched: (s) => [...Object.values(s.before), ...Object.values(s.after), ...Object.values(s.tags)].some(Boolean) || Boolean(s.rung),
  fields: (answer, t) => rules.entryFields(answer, t("entry.title"), t("entry.question")),
  summary, // the answer in words, for the journal list and the exports
});
