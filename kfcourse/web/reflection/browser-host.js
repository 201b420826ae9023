// The book page's host for the reflection form: the browser journal (window.KFJournal, loaded by
// the journal directives) is where drafts and finished reflections are kept. No side effects on
// import, so other exercises (the role-play debrief) can build this host for the form they embed.
import { SOURCE, browserJournal } from "../host/browser.js";
import { translator } from "../roleplay/dom.js";
import { checkPayload, isBlank, latestDraft, modelOf, reflectionEntry } from "./form.js";

/** Writes a payload into the browser journal by the course's rule: {ok, entry} or {ok, reason}. */
export function saveInBrowser(journal, payload) {
  const checked = checkPayload(payload);
  if (!checked.ok) return { ok: false, reason: checked.reason };
  const clean = checked.payload;
  const { store, core, config } = journal;
  let saved = null;
  let refusal = null;
  const result = store.update((doc) => {
    const i = clean.entry ? core.findEntry(doc, clean.entry) : -1;
    const previous = i >= 0 ? doc.entries[i] : null;
    if (previous && previous.kind !== "reflection") {
      refusal = "the entry this form edits is not a reflection";
      return doc;
    }
    if (!previous && isBlank(clean.stages)) {
      refusal = "write something in at least one box before saving";
      return doc;
    }
    let stamp = core.nowIso();
    if (previous && core.compareTimes(stamp, previous.updated) <= 0) {
      stamp = new Date(Date.parse(previous.updated) + 1).toISOString(); // `updated` always moves on
    }
    saved = reflectionEntry(clean, previous, {
      entryId: clean.entry || core.uuid4(),
      stamp,
      courseVersion: config.courseVersion,
      source: SOURCE,
    });
    return core.upsert(doc, saved, config.courseVersion);
  }, "reflection");
  if (refusal) return { ok: false, reason: refusal };
  // The page still holds the entry (store.memory), so the next save edits it, not a copy.
  if (result.problem) return { ok: false, reason: result.problem.message, entry: saved };
  return { ok: true, entry: saved };
}

/**
 * The host object for one form on a book page (see README.md): `options` as the contract says,
 * `messages` the catalogue's `reflection` section. The latest draft of the same exercise and
 * model in the browser journal is offered back.
 */
export function browserReflectionHost(options, messages) {
  const journal = browserJournal();
  const t = translator(messages);
  const model = modelOf(options.variant);
  const restored = journal ? latestDraft(journal.store.memory.entries, options.exercise, model) : null;
  return {
    options: { journalLink: (journal && journal.config.journalPage) || null, ...options },
    messages,
    restored,
    journal,
    save(payload) {
      if (!journal) return Promise.resolve({ ok: false, reason: t("journal.missing") });
      return Promise.resolve(saveInBrowser(journal, payload));
    },
  };
}
