// The Jupyter/Voilà host of the role-play player (anywidget): the run's state lives in Python.
// Each new state goes to the kernel, where the Python engine replays the moves and writes the
// journal entry; a state Python refuses is taken back on the screen and never reaches the journal.
import { mountPlayer } from "./view.js";

let requests = 0; // shared by every view on the page, so replies never reach the wrong view

export default {
  render({ model, el }) {
    const waiting = new Map(); // request number -> resolve
    const onMessage = (msg) => {
      if (!msg || msg.type !== "committed" || !waiting.has(msg.request)) return;
      const resolve = waiting.get(msg.request);
      waiting.delete(msg.request);
      resolve(msg.ok ? { ok: true, state: msg.state } : { ok: false, reason: msg.reason });
    };
    model.on("msg:custom", onMessage);
    const host = {
      scenario: model.get("scenario"),
      options: { headingLevel: 2, ...model.get("options") }, // below the notebook's title
      messages: model.get("messages"),
      restored: model.get("restored"),
      journalLink: null,
      commit(state) {
        const request = ++requests;
        return new Promise((resolve) => {
          waiting.set(request, resolve);
          try {
            model.send({ type: "commit", request, state });
          } catch (error) {
            // The kernel has gone (a session ended): nothing was kept, say so plainly.
            waiting.delete(request);
            resolve({ ok: false, reason: host.messages["host.lost"] || String(error.message || error) });
          }
        });
      },
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
