// The Jupyter/Voilà host of the role-play player (anywidget): the run's state lives in Python.
// Each new state goes to the kernel, where the Python engine replays the moves and writes the
// journal entry; a state Python refuses is taken back on the screen and never reaches the journal.
// The debrief's notes, reflection and run list go through Python too (the journal file).
import { mountPlayer } from "./view.js";

let requests = 0; // shared by every view on the page, so replies never reach the wrong view

export default {
  render({ model, el }) {
    const waiting = new Map(); // request number -> resolve
    const onMessage = (msg) => {
      if (!msg || !["committed", "reply"].includes(msg.type) || !waiting.has(msg.request)) return;
      const resolve = waiting.get(msg.request);
      waiting.delete(msg.request);
      resolve(msg);
    };
    model.on("msg:custom", onMessage);
    const messages = model.get("messages");
    const lost = () => messages["host.lost"] || "The connection to Python was lost.";
    // One request to Python and its reply; a kernel that has gone is a plain refusal.
    const ask = (type, body) => {
      const request = ++requests;
      return new Promise((resolve) => {
        waiting.set(request, resolve);
        try {
          model.send({ type, request, ...body });
        } catch (error) {
          waiting.delete(request);
          resolve({ ok: false, reason: lost() });
        }
      });
    };
    const host = {
      scenario: model.get("scenario"),
      options: { headingLevel: 2, ...model.get("options") }, // below the notebook's title
      messages,
      restored: model.get("restored"),
      journalLink: null,
      citations: model.get("citations") || {},
      citationLinks: false, // no references page here: the debrief gives each reference in full
      commit: (state) => ask("commit", { state }).then((r) => (r.ok ? { ok: true, state: r.state } : { ok: false, reason: r.reason })),
      saveNote: (note) => ask("note", { note }),
      notes: (run) => ask("notes", { run }).then((r) => (r.ok ? r.notes : [])),
      listRuns: () => ask("runs", {}).then((r) => {
        if (!r.ok) throw new Error(r.reason || lost());
        return r.runs;
      }),
      // The reflection form of the debrief: it resumes this run's draft from the journal file.
      reflectionHost: model.get("reflection_messages")
        ? (options) =>
            ask("draft", { exercise: options.exercise, related_entry: options.relatedEntry }).then((r) => ({
              options,
              messages: model.get("reflection_messages"),
              restored: r.ok ? r.entry || null : null,
              save: (payload) => ask("reflection", { payload }).then((x) => (x.ok ? { ok: true, entry: x.entry } : { ok: false, reason: x.reason })),
            }))
        : null,
    };
    let player = mountPlayer(el, host);
    // Another view of this widget had a state accepted: show it here too, so that this view
    // never sends a stale run back (a view waiting for its own reply ignores the echo).
    const onRestored = () => {
      const now = model.get("restored") || { mode: null, moves: [], run: null };
      const mine = player.player.state;
      if (waiting.size || JSON.stringify([now.mode, now.moves, now.run]) === JSON.stringify([mine.mode, mine.moves, mine.run])) return;
      player.destroy();
      player = mountPlayer(el, { ...host, restored: model.get("restored") });
    };
    model.on("change:restored", onRestored);
    return () => {
      model.off("msg:custom", onMessage);
      model.off("change:restored", onRestored);
      waiting.clear();
      player.destroy();
    };
  },
};
