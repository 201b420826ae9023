// The book-page host of an exercise whose answer is one "exercise_answer" entry in the browser
// journal (chapter exercises such as "Who leads?" and the trust loop). The exercise gives its
// rules; this host keeps the working state in localStorage beside the journal and writes the
// entry from the first real change: a draft until the rules say it is finished.
import { translator } from "../roleplay/dom.js";
import { browserJournal, headingLevel, localKey, mountEach, newId, readLocal, upsertEntry, writeLocal } from "./browser.js";

/**
 * The host object for one exercise (the contract of ../host/README.md):
 * `spec.accept(state)` returns {answer, state} (the state to keep, without `run`) or throws the
 * rules' refusal; `spec.touched(state)` says whether there is anything to keep in the journal;
 * `spec.fields(answer, t)` gives the entry's fields; `spec.summary(state, t)`, if given, the
 * answer in words ([{label, text}]) that the journal list and the exports show.
 */
export function exercisePageHost(spec, data) {
  const t = translator(data.messages);
  const journal = browserJournal();
  const key = localKey(journal, spec.bundle);
  const { saved, problem } = readLocal(key);
  return {
    messages: data.messages,
    options: data.options || {},
    restored: saved && typeof saved === "object" ? saved : null,
    journalLink: data.journalPage || (journal && journal.config.journalPage) || null,
    problem: problem ? t("storage.failed", { reason: problem }) : null,
    commit(state) {
      let checked;
      try {
        checked = spec.accept(state);
      } catch (error) {
        return Promise.resolve({ ok: false, reason: error.message });
      }
      const run = state.run || (spec.touched(checked.state) ? newId(journal) : null);
      const accepted = { ...checked.state, run };
      const warnings = [];
      const unstored = writeLocal(key, accepted);
      if (unstored) warnings.push(t("storage.failed", { reason: unstored }));
      if (run) {
        if (!journal) warnings.push(t("journal.missing"));
        else {
          const fields = spec.fields(checked.answer, t);
          if (spec.summary) fields.summary = spec.summary(checked.state, t);
          const failed = upsertEntry(journal, run, "exercise_answer", fields);
          if (failed) warnings.push(t("journal.failed", { reason: failed }));
        }
      }
      return Promise.resolve({ ok: true, state: accepted, warning: warnings.join(" ") });
    },
  };
}

/**
 * Mounts the exercise on every root of the page once the document is ready and publishes
 * `window[spec.global] = {mounted, ready, mountAll}` (tests wait for `ready`).
 * `spec.mount(root, host)` returns {alert, destroy()}.
 */
export function bootExercisePage(spec) {
  const start = (root, data) => {
    const host = exercisePageHost(spec, data);
    host.options = { ...host.options, headingLevel: headingLevel(root) };
    const mounted = spec.mount(root, host);
    if (host.problem) mounted.alert.textContent = host.problem;
    return mounted;
  };
  const mountAll = () => {
    const mounted = mountEach(spec.name, spec.bundle, start, spec.couldNotStart || "The exercise could not start");
    window[spec.global] = { mounted, ready: true, mountAll };
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
}
