// What every book-page host needs from the browser: the browser journal (window.KFJournal, loaded
// by the journal directives), a place in localStorage beside it, entry ids, and mounting each
// exercise root once. No side effects on import.

const JOURNAL_KEY = "kfcourse-journal"; // the browser journal's storage key, if its config is missing
export const SOURCE = "web"; // the journal schema's word for the book page

/** The browser journal on this page: {store, core, config}, or null when it is not there. */
export function browserJournal() {
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

/** One line saying why the browser refused to store something. */
export function describeFailure(error) {
  const KF = window.KFJournal;
  if (KF && KF.store && KF.store.describeFailure) return KF.store.describeFailure(error).message;
  return error && error.message ? error.message : String(error);
}

/**
 * The localStorage key for an exercise's working state. It starts with the journal's key, so
 * "Remove my journal from this browser" removes it too.
 */
export function localKey(journal, suffix) {
  return `${(journal && journal.config.storageKey) || JOURNAL_KEY}:${suffix}`;
}

/** {saved} from localStorage (null when absent), or {saved: null, problem} when unreadable. */
export function readLocal(key) {
  try {
    const text = window.localStorage.getItem(key);
    return { saved: text ? JSON.parse(text) : null };
  } catch (error) {
    return { saved: null, problem: describeFailure(error) };
  }
}

/** Stores a value; returns the reason it could not be stored, or null. */
export function writeLocal(key, value) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
    return null;
  } catch (error) {
    return describeFailure(error);
  }
}

/** A random (version 4) id: the journal's own when it is there. */
export function newId(journal) {
  if (journal) return journal.core.uuid4();
  const b = new Uint8Array(16);
  window.crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => (x + 0x100).toString(16).slice(1)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Writes (or replaces) the entry `id` of `kind` with `fields`, by the journal's rule that
 * `updated` always moves on and `created` is kept. Returns the problem's message, or null.
 */
export function upsertEntry(journal, id, kind, fields) {
  const { store, core, config } = journal;
  const result = store.update((doc) => {
    const i = core.findEntry(doc, id);
    let now = core.nowIso();
    let created = now;
    if (i >= 0) {
      const old = doc.entries[i];
      created = old.created;
      if (core.compareTimes(now, old.updated) <= 0) now = new Date(Date.parse(old.updated) + 1).toISOString();
    }
    const entry = { id, kind, created, updated: now, course_version: config.courseVersion, source: SOURCE, ...fields };
    return core.upsert(doc, entry, config.courseVersion);
  }, kind);
  return result && result.problem ? result.problem.message : null;
}

/** The heading level for an exercise's own headings: one below the section it sits in. */
export function headingLevel(root) {
  for (let node = root.parentElement; node; node = node.parentElement) {
    const title = node.matches("section, article") ? node.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4, :scope > h5") : null;
    if (title) return Math.min(6, Number(title.tagName.slice(1)) + 1);
  }
  return 2;
}

/**
 * Mounts `start(root, data)` on every `[data-kf-exercise=NAME]` root of the page (or every root
 * `selector` matches) once, with the data its directive embedded as
 * <script type="application/json" class="kf-BUNDLE-data">. When the learner removes the journal
 * from this browser, each exercise starts afresh. Returns the mounted objects (each has destroy()).
 */
export function mountEach(name, bundle, start, couldNotStart, selector = `[data-kf-exercise="${name}"]`) {
  const mounted = [];
  document.querySelectorAll(selector).forEach((root) => {
    if (root.dataset.kfMounted) return;
    const node = root.querySelector(`script.kf-${bundle}-data`);
    if (!node) return;
    let data;
    try {
      data = JSON.parse(node.textContent);
    } catch (error) {
      const p = root.querySelector(".kf-js-needed");
      if (p) p.textContent = `${couldNotStart} (${error.message}).`;
      return;
    }
    root.dataset.kfMounted = "true";
    let current = start(root, data);
    const journal = browserJournal();
    if (journal) {
      journal.store.onChange((doc, why) => {
        if (why !== "cleared") return;
        current.destroy();
        current = start(root, data);
      });
    }
    mounted.push({ root, get current() { return current; }, destroy: () => current.destroy() });
  });
  return mounted;
}
