// The Jupyter/Voilà host of the reflection form (anywidget): each save goes to Python, where
// kfcourse.journal.reflections.save_reflection decides what reaches the journal file.
import { mountReflection } from "./view.js";

let requests = 0; // shared by every view on the page, so replies never reach the wrong view

export default {
  render({ model, el }) {
    const waiting = new Map(); // request number -> resolve
    const onMessage = (msg) => {
      if (!msg || msg.type !== "saved" || !waiting.has(msg.request)) return;
      const resolve = waiting.get(msg.request);
      waiting.delete(msg.request);
      resolve(msg.ok ? { ok: true, entry: msg.entry } : { ok: false, reason: msg.reason });
    };
    model.on("msg:custom", onMessage);
    const messages = model.get("messages");
    const host = {
      options: { headingLevel: 2, ...model.get("options") }, // below the notebook's title
      messages,
      restored: model.get("restored"),
      save(payload) {
        const request = ++requests;
        return new Promise((resolve) => {
          waiting.set(request, resolve);
          try {
            model.send({ type: "save", request, payload });
          } catch (error) {
            // The kernel has gone (a session ended): nothing was kept, say so plainly.
            waiting.delete(request);
            resolve({ ok: false, reason: messages["host.lost"] || String(error.message || error) });
          }
        });
      },
    };
    const form = mountReflection(el, host);
    return () => {
      model.off("msg:custom", onMessage);
      waiting.clear();
      form.view.destroyed = true;
    };
  },
};
