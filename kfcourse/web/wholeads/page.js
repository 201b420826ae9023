// The book-page host of the "Who leads? Who follows?" exercise (bundled by esbuild into
// dist/wholeads.js, a classic script that also works from file://). Each
// `[data-kf-exercise="who-leads"]` root carries its words as
// <script type="application/json" class="kf-wholeads-data"> (written by the {kf-wholeads}
// directive). Where the learner is (placements, reference shown, mismatch, risk, entry id) is
// kept in localStorage beside the browser journal, and from the first placement the answer is
// written to the browser journal (window.KFJournal) as an "exercise_answer" entry: a draft until
// it is finished.
import { translator } from "../roleplay/dom.js";
import * as rules from "./rules.js";
import { mountWhoLeads } from "./view.js";

const JOURNAL_KEY = "kfcourse-journal"; // the browser journal's storage key, if its config is missing
const SOURCE = "web";

function journalStore() {
  const KF = window.KFJournal;
  const node = document.getElementById("kf-journal-config");
  if (!KF || !KF.store || !KF.core || !node) return null;
  try {
    const config = JSON.parse(node.textContent);
    return { store: KF.store.open(config), core: KF.core, config };
  } catch (error) {
    return null;
  }
}

function describe(error) {
  const KF = window.KFJournal;
  if (KF && KF.store && KF.store.describeFailure) return KF.store.describeFailure(error).message;
  return error && error.message ? error.message : String(error);
}

// Kept under the journal's key, so "Remove my journal from this browser" removes it too.
function storageKey(journal) {
  return `${(journal && journal.config.storageKey) || JOURNAL_KEY}:wholeads`;
}

function readSaved(key) {
  try {
    const text = window.localStorage.getItem(key);
    return { saved: text ? JSON.parse(text) : null };
  } catch (error) {
    return { saved: null, problem: describe(error) };
  }
}

function newId(journal) {
  if (journal) return journal.core.uuid4();
  const b = new Uint8Array(16);
  window.crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => (x + 0x100).toString(16).slice(1)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Writes the answer's entry into the browser journal; returns a problem to show, or null.
function writeAnswer(journal, state, title, question, t) {
  if (!journal) return t("journal.missing");
  const { store, core, config } = journal;
  const fields = rules.entryFields(rules.answer(state.placements, state.reference_shown, state.mismatch, state.risk), title, question);
  const result = store.update((doc) => {
    const i = core.findEntry(doc, state.run);
    let now = core.nowIso();
    let created = now;
    if (i >= 0) {
      const old = doc.entries[i];
      created = old.created;
      if (core.compareTimes(now, old.updated) <= 0) now = new Date(Date.parse(old.updated) + 1).toISOString();
    }
    const entry = { id: state.run, kind: "exercise_answer", created, updated: now, course_version: config.courseVersion, source: SOURCE, ...fields };
    return core.upsert(doc, entry, config.courseVersion);
  }, "exercise_answer");
  return result && result.problem ? t("journal.failed", { reason: result.problem.message }) : null;
}

/** The host object for one simulator (see README.md). */
export function pageHost(data) {
  const t = translator(data.messages);
  const journal = journalStore();
  const key = storageKey(journal);
  const { saved, problem } = readSaved(key);
  return {
    messages: data.messages,
    options: data.options || {},
    restored: saved && typeof saved === "object" ? saved : null,
    journalLink: data.journalPage || (journal && journal.config.journalPage) || null,
    problem: problem ? t("storage.failed", { reason: problem }) : null,
    commit(state) {
      try {
        rules.answer(state.placements, state.reference_shown, state.mismatch, state.risk);
      } catch (error) {
        return Promise.resolve({ ok: false, reason: error.message });
      }
      let run = state.run || null;
      const touched = Object.values(state.placements).some((p) => p.authority || p.knowledge) || state.mismatch || state.risk;
      if (touched && !run) run = newId(journal);
      const accepted = { placements: state.placements, reference_shown: state.reference_shown, mismatch: state.mismatch, risk: state.risk, run };
      const warnings = [];
      try {
        window.localStorage.setItem(key, JSON.stringify(accepted));
      } catch (error) {
        warnings.push(t("storage.failed", { reason: describe(error) }));
      }
      if (run) {
        const failed = writeAnswer(journal, accepted, t("entry.title"), t("entry.question"), t);
        if (failed) warnings.push(failed);
      }
      return Promise.resolve({ ok: true, state: accepted, warning: warnings.join(" ") });
    },
  };
}

function headingLevel(root) {
  for (let node = root.parentElement; node; node = node.parentElement) {
    const title = node.matches("section, article") ? node.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4, :scope > h5") : null;
    if (title) return Math.min(6, Number(title.tagName.slice(1)) + 1);
  }
  return 2;
}

function start(root, data) {
  const host = pageHost(data);
  host.options = { ...host.options, headingLevel: headingLevel(root) };
  const mounted = mountWhoLeads(root, host);
  if (host.problem) mounted.view.alert.textContent = host.problem;
  return mounted;
}

function mountRoot(root) {
  if (root.dataset.kfMounted) return null;
  const node = root.querySelector("script.kf-wholeads-data");
  if (!node) return null;
  let data;
  try {
    data = JSON.parse(node.textContent);
  } catch (error) {
    const p = root.querySelector(".kf-js-needed");
    if (p) p.textContent = `The exercise could not start (${error.message}).`;
    return null;
  }
  root.dataset.kfMounted = "true";
  let mounted = start(root, data);
  const journal = journalStore();
  if (journal) {
    // The learner removed the journal from this browser: start afresh.
    journal.store.onChange((doc, why) => {
      if (why !== "cleared") return;
      mounted.destroy();
      mounted = start(root, data);
    });
  }
  return { destroy: () => mounted.destroy() };
}

function mountAll() {
  const views = [];
  document.querySelectorAll('[data-kf-exercise="who-leads"]').forEach((root) => {
    const mounted = mountRoot(root);
    if (mounted) views.push(mounted);
  });
  window.KFWhoLeads = { views, ready: true, mountAll };
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
