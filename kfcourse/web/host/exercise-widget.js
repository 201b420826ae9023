// The Jupyter/Voilà host of an exercise (anywidget), for kfcourse.widgets.exercise.ExerciseWidget:
// the answer lives in Python. Each new state goes to the kernel, where the Python rules check it
// and the journal entry is written; a state Python refuses is taken back on the screen and never
// reaches the journal file.

import { translator } from "../roleplay/dom.js";

let requests = 0;

// The answer in words, or none for a state the rules refuse (Python then says why).
function inWords(summary, state, t) {
  try {
    return summary(state, t);
  } catch (error) {
    return null;
  }
} // shared by every view on the page, so replies never reach the wrong view

/**
 * The anywidget module for `mount(el, host)` (which returns {state, destroy()}); `extra` adds
 * host fields an exercise's view expects; `summary(state, t)`, if given, the answer in words
 * sent with each state for the journal entry (as the page host writes it).
 */
export function exerciseWidget(mount, extra = {}, summary = null) {
  return {
    render({ model, el }) {
      const waiting = new Map();
      const onMessage = (msg) => {
        if (!msg || msg.type !== "committed" || !waiting.has(msg.request)) return;
        const resolve = waiting.get(msg.request);
        waiting.delete(msg.request);
        resolve(msg);
      };
      model.on("msg:custom", onMessage);
      const messages = model.get("messages");
      const t = translator(messages);
      const lost = () => messages["host.lost"] || "The connection to Python was lost.";
      const host = {
        messages,
        options: { headingLevel: 2, ...model.get("options") },
        restored: model.get("restored"),
        journalLink: null,
        ...extra,
        commit: (state) => {
          const request = ++requests;
          return new Promise((resolve) => {
            waiting.set(request, resolve);
            try {
              const message = { type: "commit", request, state };
              const words = summary ? inWords(summary, state, t) : null;
              if (words) message.summary = words;
              model.send(message);
            } catch (error) {
              waiting.delete(request);
              resolve({ ok: false, reason: lost() });
            }
          }).then((r) => (r.ok ? { ok: true, state: r.state } : { ok: false, reason: r.reason }));
        },
      };
      let mounted = mount(el, host);
      // Another view of this widget had a state accepted: show it here too.
      const onRestored = () => {
        const now = model.get("restored");
        if (waiting.size || !now || JSON.stringify(now) === JSON.stringify(mounted.state)) return;
        mounted.destroy();
        mounted = mount(el, { ...host, restored: now });
      };
      model.on("change:restored", onRestored);
      return () => {
        model.off("msg:custom", onMessage);
        model.off("change:restored", onRestored);
        waiting.clear();
        mounted.destroy();
      };
    },
  };
}
