// The book-page host of "Rewrite the hero headline" (bundled by esbuild into dist/headline.js, a
// classic script that also works from file://), on the shared exercise host
// (../host/exercise-page.js): the working state is kept in localStorage and, from the first mark,
// rating or word, the answer is an "exercise_answer" entry in the browser journal.
import { bootExercisePage } from "../host/exercise-page.js";
import * as rules from "./rules.js";
import { summary } from "./summary.js";
import { mountHeroHeadline } from "./view.js";

bootExercisePage({
  name: "hero-headline",
  bundle: "headline",
  global: "KFHeroHeadline",
  mount: mountHeroHeadline,
  accept(state) {
    const answer = rules.answer(state.marked, state.reveal_shown, state.ratings, state.headline, state.paragraph);
    const { marked, reveal_shown, ratings, headline, paragraph } = answer;
    return { answer, state: { marked, reveal_shown, ratings, headline, paragraph } };
  },
  touched: (s) => s.marked.length > 0 || Object.values(s.ratings).some((v) => v !== null) || Boolean(s.headline || s.paragraph),
  fields: (answer, t) => rules.entryFields(answer, t("entry.title"), t("entry.question")),
  summary, // the answer in words, for the journal list and the exports
});
