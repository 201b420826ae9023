// The book-page host of the check-in (bundled into dist/checkin.js, a classic script that also
// works from file://): each answer is written to the browser journal (window.KFJournal) as one
// "exercise_answer" entry, replaced when the learner changes their mind.
import { browserJournal } from "../host/browser.js";
import { translator } from "../roleplay/dom.js";
import { answerEntry, latestAnswer } from "./answer.js";
import { mountCheckin } from "./view.js";

const EXERCISE = "welcome-checkin";

function pageHost(messages) {
  const journal = browserJournal();
  const t = translator(messages);
  return {
    options: {},
    messages,
    restored: journal ? latestAnswer(journal.store.memory.entries, EXERCISE) : null,
    save({ answer, question, entry }) {
      if (!journal) return Promise.resolve({ ok: false, reason: t("journal.missing") });
      const { store, core, config } = journal;
      let made = null;
      const result = store.update((doc) => {
        const i = entry ? core.findEntry(doc, entry) : -1;
        const previous = i >= 0 ? doc.entries[i] : null;
        let stamp = core.nowIso();
        if (previous && core.compareTimes(stamp, previous.updated) <= 0) {
          stamp = new Date(Date.parse(previous.updated) + 1).toISOString();
        }
        made = answerEntry(EXERCISE, question, answer, previous,
          { entryId: core.uuid4(), stamp, courseVersion: config.courseVersion, source: "web", title: messages.title });
        return core.upsert(doc, made, config.courseVersion);
      }, "checkin");
      if (result.problem) return Promise.resolve({ ok: false, reason: result.problem.message });
      return Promise.resolve({ ok: true, entry: made });
    },
  };
}

function mountAll() {
  document.querySelectorAll('[data-kf-exercise="checkin"]').forEach((root) => {
    if (root.dataset.kfMounted) return;
    const node = root.querySelector("script.kf-checkin-data");
    if (!node) return;
    root.dataset.kfMounted = "true";
    const hidden = root.querySelector(".kf-js-needed");
    if (hidden) hidden.hidden = true;
    mountCheckin(root, pageHost(JSON.parse(node.textContent).messages));
  });
  window.KFCheckin = { ready: true };
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
