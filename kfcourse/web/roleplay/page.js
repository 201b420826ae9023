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
import { SOURCE, browserJournal, describeFailure, headingLevel, localKey, mountEach, newId, readLocal, upsertEntry } from "../host/browser.js";

// Kept beside the journal (under its key), so that "Remove my journal from this browser" also
// removes where each role-play was left. Local because the suffix is the player's own and must
// stay `roleplay:<scenario id>:<hash>`: learners' browsers already hold play under these keys.
function storageKey(scenario, journal) {
  const hash = String(scenario.hash || "").replace(/^[a-z0-9]+:/, "").slice(0, 16) || `v${scenario.version}`;
  return localKey(journal, `roleplay:${scenario.id}:${hash}`);
}

// readLocal, and what it holds is resumed only if it is a run (an object with its moves).
function readSaved(key) {
  const { saved, problem } = readLocal(key);
  if (!saved || typeof saved !== "object" || !Array.isArray(saved.moves)) return { saved: null, problem };
  return { saved, problem };
}

// Writes the run into the browser journal by the journal's rule (upsertEntry); returns a problem
// to show, or null. runEntry's own id, kind, times, version and source give way to upsertEntry's.
function writeRun(journal, session, scenario, run, follows, t) {
  if (!journal) return t("journal.missing");
  const link = follows && follows.run ? { relatedEntry: follows.run, relation: follows.relation } : {};
  const { id, kind, created, updated, course_version, source, ...fields } = runEntry(session, scenario, link);
  const problem = upsertEntry(journal, run, "roleplay", fields);
  return problem ? t("journal.failed", { reason: problem }) : null;
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

/** The host object for one player (see README.md). */
export function pageHost(data, root) {
  const scenario = data.scenario;
  const t = translator(data.messages);
  const journal = browserJournal();
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
        warnings.push(t("storage.failed", { reason: describeFailure(error) }));
      }
      if (session && run) {
        const failed = writeRun(journal, session, scenario, run, accepted.follows, t);
        if (failed) warnings.push(failed);
      }
      return Promise.resolve({ ok: true, state: accepted, warning: warnings.join(" ") });
    },
  };
}

function start(root, data) {
  const host = pageHost(data, root);
  const player = mountPlayer(root, host);
  if (host.problem) player.player.warn(host.problem);
  return player;
}

// Every `[data-kf-player]` root (the directive marks it so, not with data-kf-exercise) is mounted
// once, and afresh when the learner removes the journal from this browser (here or in another tab).
function mountAll() {
  const players = mountEach("roleplay", "roleplay", start, "The role-play could not start", "[data-kf-player]");
  window.KFRolePlay = { players, ready: true, mountAll };
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
