// The book-page host of the "Three-talk triad" (bundled by esbuild into dist/triad.js, a classic
// script that also works from file://), on the shared exercise host (../host/exercise-page.js):
// the working state is kept in localStorage and, from the first prediction, count or note, the
// answer is one "exercise_answer" entry in the browser journal.
import { bootExercisePage } from "../host/exercise-page.js";
import * as rules from "./rules.js";
import { summary } from "./summary.js";
import { mountTriad } from "./view.js";

/** Whether a state holds anything worth an entry in the journal. */
export function touched(s) {
  const rounds = s.rotations || [];
  return (
    rounds.length > 1 ||
    Boolean(s.notes) ||
    rounds.some((r) => r.stage !== "predict" || rules.ITEMS.some((i) => r.predicted[i] !== null) || rules.CHECKLIST.some((b) => r.tally[b] > 0))
  );
}

bootExercisePage({
  name: "three-talk",
  bundle: "triad",
  global: "KFTriad",
  mount: mountTriad,
  accept(state) {
    const answer = rules.answer(state.rotations, state.notes);
    const rotations = answer.rotations.map((r) => ({ stage: r.stage, predicted: r.predicted, rated: r.rated, tally: r.tally }));
    return { answer, state: { rotations, notes: answer.notes } };
  },
  touched,
  fields: (answer, t) => rules.entryFields(answer, t("entry.title"), t("entry.question")),
  summary, // the answer in words, for the journal list and the exports
});
