// The book-page host of "Distribute the discharge" (bundled by esbuild into dist/discharge.js, a
// classic script that also works from file://), on the shared exercise host
// (../host/exercise-page.js): the working state is kept in localStorage and, from the first
// change, the answer is an "exercise_answer" entry in the browser journal.
import { bootExercisePage } from "../host/exercise-page.js";
import * as rules from "./rules.js";
import { summary } from "./summary.js";
import { mountDistributeDischarge } from "./view.js";

bootExercisePage({
  name: "distribute-discharge",
  bundle: "discharge",
  global: "KFDischarge",
  mount: mountDistributeDischarge,
  accept(state) {
    const answer = rules.answer(state.allocation, state.gaps_shown, state.response);
    return { answer, state: { allocation: answer.allocation, gaps_shown: answer.gaps_shown, response: answer.response } };
  },
  touched: (s) => Object.values(s.allocation).some((roles) => roles.length > 0) || s.gaps_shown || Boolean(s.response),
  fields: (answer, t) => rules.entryFields(answer, t("entry.title"), t("entry.question")),
  summary, // the answer in words, for the journal list and the exports
});
