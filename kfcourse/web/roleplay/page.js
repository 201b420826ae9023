// The book-page host of the role-play player (bundled by esbuild into dist/roleplay.js, a classic
// script that also works from file://). Each `[data-kf-player]` root carries its data as
// <script type="application/json" class="kf-roleplay-data"> (written by the {kf-roleplay}
// directive). The run's state (mode, moves, run id) is kept in localStorage, so play resumes
// after a reload, and every run, finished or part-way, is written to the browser journal
// (window.KFJournal) as the entry entry.js builds. Storage failures are shown, never silent.
import { Session } from "./engine.js";
import { disagreementEntry, deroleEntry, runEntry } from "./entry.js";
import { browserReflectionHost } from "../reflection/browser-host.js";
import { translator } from "./dom.js";
import { mountPlayer } from "./view.js";

const JOURNAL_KEY = "kfcourse-journal"; // the browser journal's storage key, if its config is missing
const SOURCE = "web"; // the journal schema's word for the book page

// Kept beside the journal (under its key), so that "Remove my journal from this browser" also
// removes where each role-play was left: `kfcourse-journal:roleplay:<scenario id>:<hash>`.
function storageKey(scenario, journal) {
  const base = (journal && journal.config.storageKey) || JOURNAL_KEY;
  const hash = String(scenario.hash || "").replace(/^[a-z0-9]+:/, "").slice(0, 16) || `v${scenario.version}`;
  return `${base}:roleplay:${scenario.id}:${hash}`;
}

function describe(error) {
  const KF = window.KFJournal;
  if (KF && KF.store && KF.store.describeFailure) return KF.store.describeFailure(error).message;
  return error && error.message ? error.message : String(error);
}

function readSaved(key) {
  try {
    const text = window.localStorage.getItem(key);
    if (!text) return { saved: null };
    const data = JSON.parse(text);
    if (!data || typeof data !== "object" || !Array.isArray(data.moves)) return { saved: null };
    return { saved: data };
  } catch (error) {
    return { saved: null, problem: describe(error) };
  }
}

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

// Writes the run into the browser journal; returns a problem to show, or null.
function writeRun(journal, session, scenario, run, follows, t) {
  if (!journal) return t("journal.missing");
  const { store, core, config } = journal;
  const result = store.update((doc) => {
    const i = core.findEntry(doc, run);
    let now = core.nowIso();
    let created = now;
    if (i >= 0) {
      const old = doc.entries[i];
      created = old.created;
      if (core.compareTimes(now, old.updated) <= 0) now = new Date(Date.parse(old.updated) + 1).toISOString();
    }
    const link = follows && follows.run ? { relatedEntry: follows.run, relation: follows.relation } : {};
    const entry = runEntry(session, scenario, { id: run, created, updated: now, courseVersion: config.courseVersion, source: SOURCE, ...link });
    return core.upsert(doc, entry, config.courseVersion);
  }, "roleplay");
  return result.problem ? t("journal.failed", { reason: result.problem.message }) : null;
}

function newId(journal) {
  if (journal) return journal.core.uuid4();
  const b = new Uint8Array(16);
  window.crypto.getRandomValues(b);
  return Array.from(b, (x) => (x + 0x100).toString(16).slice(1)).join("");
}

function entriesOf(journal) {
  if (journal.store.stale) journal.store.refresh();
  const doc = journal.store.memory || journal.store.load();
  return doc.entries || [];
}

const NOTE_EXERCISES = { disagreement: "disagreement", "de-roling": "de-roling" };

// A note about a run (a disagreement with the key at one step, or the de-roling) as a journal
// entry of its own that refers to the run.
function writeNote(journal, note, t) {
  if (!journal) return { ok: false, reason: t("journal.missing") };
  const { store, core, config } = journal;
  const run = entriesOf(journal).find((e) => e.id === note.run && e.kind === "roleplay");
  if (!run) return { ok: false, reason: t("journal.noRun") };
  if (note.kind !== "disagreement" && note.kind !== "de-roling") return { ok: false, reason: note.kind };
  const now = core.nowIso();
  const meta = { id: core.uuid4(), created: now, updated: now, courseVersion: config.courseVersion, source: SOURCE };
  let entry;
  try {
    entry = note.kind === "disagreement" ? disagreementEntry(run, note.step, note.text, meta) : deroleEntry(run, note.text, { ...meta, question: t("derole.label") });
  } catch (error) {
    return { ok: false, reason: error.message };
  }
  const result = store.update((doc) => core.upsert(doc, entry, config.courseVersion), "roleplay-note");
  return result.problem ? { ok: false, reason: result.problem.message } : { ok: true, entry };
}

function notesOf(journal, run) {
  return entriesOf(journal)
    .filter((e) => e.kind === "exercise_answer" && e.related_entry === run && Object.values(NOTE_EXERCISES).includes(e.exercise))
    .sort((a, b) => String(a.created).localeCompare(String(b.created)))
    .map((e) => ({ kind: e.exercise, step: e.answer && e.answer.step, text: String((e.answer && e.answer.text) || "") }));
}

// The reflection form of the debrief, in the browser journal: the draft it resumes is this run's.
function runReflectionHost(options, data, journal) {
  const host = browserReflectionHost({ ...options, journalLink: data.journalPage || journal.config.journalPage || null }, data.reflectionMessages);
  if (host.restored && host.restored.related_entry !== options.relatedEntry) host.restored = null;
  return host;
}

// The player's headings sit one level below the heading of the section it is in.
function headingLevel(root) {
  for (let node = root.parentElement; node; node = node.parentElement) {
    const title = node.matches("section, article") ? node.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4, :scope > h5") : null;
    if (title) return Math.min(6, Number(title.tagName.slice(1)) + 1);
  }
  return 2;
}

/** The host object for one player (see README.md). */
export function pageHost(data, root) {
  const scenario = data.scenario;
  const t = translator(data.messages);
  const journal = journalStore();
  const key = storageKey(scenario, journal);
  const { saved, problem } = readSaved(key);
  return {
    scenario,
    options: { ...data.options, headingLevel: root ? headingLevel(root) : 2 },
    messages: data.messages,
    restored: saved && saved.mode ? { mode: saved.mode, moves: saved.moves, run: saved.run || null, follows: saved.follows || null } : null,
    journalLink: data.journalPage || (journal && journal.config.journalPage) || null,
    otherScenarios: data.otherScenarios || null,
    citations: data.citations || {},
    citationLinks: true,
    saveNote: (note) => Promise.resolve(writeNote(journal, note, t)),
    notes: (run) => Promise.resolve(journal ? notesOf(journal, run) : []),
    listRuns: journal ? () => Promise.resolve(entriesOf(journal).filter((e) => e.kind === "roleplay" && e.scenario_id === scenario.id)) : null,
    reflectionHost: journal && data.reflectionMessages ? (options) => runReflectionHost(options, data, journal) : null,
    problem: problem ? t("storage.failed", { reason: problem }) : null,
    commit(state) {
      let session = null;
      try {
        if (state.mode) {
          session = new Session(scenario, state.mode);
          session.replay(state.moves);
        }
      } catch (error) {
        return Promise.resolve({ ok: false, reason: error.message });
      }
      let run = state.run || null;
      if (session && state.moves.length && !run) run = newId(journal);
      const accepted = { mode: state.mode || null, moves: state.moves.map((m) => [m[0], m[1]]), run, follows: state.follows || null };
      const warnings = [];
      try {
        if (accepted.mode) window.localStorage.setItem(key, JSON.stringify(accepted));
        else window.localStorage.removeItem(key);
      } catch (error) {
        warnings.push(t("storage.failed", { reason: describe(error) }));
      }
      if (session && run) {
        const failed = writeRun(journal, session, scenario, run, accepted.follows, t);
        if (failed) warnings.push(failed);
      }
      return Promise.resolve({ ok: true, state: accepted, warning: warnings.join(" ") });
    },
  };
}

function mountRoot(root) {
  if (root.dataset.kfMounted) return null;
  const node = root.querySelector("script.kf-roleplay-data");
  if (!node) return null;
  let data;
  try {
    data = JSON.parse(node.textContent);
  } catch (error) {
    const p = root.querySelector(".kf-js-needed");
    if (p) p.textContent = `The role-play could not start (${error.message}).`;
    return null;
  }
  root.dataset.kfMounted = "true";
  let player = start(root, data);
  const journal = journalStore();
  if (journal) {
    // The learner removed the journal from this browser (here or in another tab): start afresh.
    journal.store.onChange((doc, why) => {
      if (why !== "cleared") return;
      player.destroy();
      player = start(root, data);
    });
  }
  return { destroy: () => player.destroy() };
}

function start(root, data) {
  const host = pageHost(data, root);
  const player = mountPlayer(root, host);
  if (host.problem) player.player.warn(host.problem);
  return player;
}

function mountAll() {
  const players = [];
  document.querySelectorAll("[data-kf-player]").forEach((root) => {
    const player = mountRoot(root);
    if (player) players.push(player);
  });
  window.KFRolePlay = { players, ready: true, mountAll };
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
