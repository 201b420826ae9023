// The book-page host of the course's checks (bundled by esbuild into dist/instrument.js, a classic
// script that also works from file://), on the shared exercise host (../host/exercise-page.js).
// Each check on a page is its own exercise (instrument-<id>) with its own working state in
// localStorage, so several checks can share one page; from the first rating, the answer is an
// "exercise_answer" entry in the browser journal.
import { exercisePageHost } from "../host/exercise-page.js";
import { headingLevel, mountEach } from "../host/browser.js";
import * as rules from "./rules.js";
import { answerOf, copyState, mountInstrument, summaryOf } from "./view.js";

function spec(inst) {
  return {
    bundle: `instrument:${inst.id}`, // the localStorage key's suffix: one per check
    accept(state) {
      const kept = copyState(inst, state);
      const answer = answerOf(kept);
      delete kept.run;
      return { answer, state: kept };
    },
    touched: (state) => rules.touched(answerOf(copyState(inst, state))),
    fields: (answer, t) => rules.entryFields(answer, t(`title.${inst.id}`), t(`intro.${inst.id}`)),
    summary: (state, t) => summaryOf({ ...state, instrument: inst.id }, t), // the answer in words
  };
}

function mountAll() {
  const mounted = [];
  for (const inst of Object.values(rules.INSTRUMENTS)) {
    const start = (root, data) => {
      const host = exercisePageHost(spec(inst), data);
      host.options = { ...host.options, instrument: inst.id, headingLevel: headingLevel(root) };
      const view = mountInstrument(root, host);
      if (host.problem) view.alert.textContent = host.problem;
      return view;
    };
    mounted.push(...mountEach(rules.PREFIX + inst.id, "instrument", start, "The check could not start"));
  }
  window.KFInstrument = { mounted, ready: true, mountAll };
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
