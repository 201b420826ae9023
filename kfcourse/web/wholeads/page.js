// The book-page host of the "Who leads? Who follows?" exercise (bundled by esbuild into
// dist/wholeads.js, a classic script that also works from file://), on the shared exercise host
// (../host/exercise-page.js): the working state is kept in localStorage and, from the first
// placement, the answer is an "exercise_answer" entry in the browser journal.
import { bootExercisePage } from "../host/exercise-page.js";
import * as rules from "./rules.js";
import { summary } from "./summary.js";
import { mountWhoLeads } from "./view.js";

bootExercisePage({
  name: "who-leads",
  bundle: "wholeads",
  global: "KFWhoLeads",
  mount: mountWhoLeads,
  accept(state) {
    const answer = rules.answer(state.placements, state.reference_shown, state.mismatch, state.risk);
    return { answer, state: { placements: state.placements, reference_shown: state.reference_shown, mismatch: state.mismatch, risk: state.risk } };
  },
  touched: (s) => Object.values(s.placements).some((p) => p.authority || p.knowledge) || Boolean(s.mismatch || s.risk),
  fields: (answer, t) => rules.entryFields(answer, t("entry.title"), t("entry.question")),
  summary, // the answer in words, for the journal list and the exports
});
