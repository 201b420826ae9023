// The Jupyter/Voilà host of the role-play player (anywidget): the run's state lives in Python.
// Each new state goes to the kernel, where the Python engine replays the moves and writes the
// journal entry; the view shows a state only once Python has accepted it.
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
      options: model.get("options"),
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
    const player = mountPlayer(el, host);
    return () => {
      model.off("msg:custom", onMessage);
      waiting.clear();
      player.destroy();
    };
  },
};
