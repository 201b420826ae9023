// The Jupyter/Voilà host of the check-in (anywidget): each answer goes to Python, which keeps
// it in the journal file (kfcourse.journal.answers.save_answer) and says so.
import { mountCheckin } from "./view.js";

let requests = 0;

export default {
  render({ model, el }) {
    const waiting = new Map();
    const onMessage = (msg) => {
      if (!msg || msg.type !== "saved" || !waiting.has(msg.request)) return;
      const resolve = waiting.get(msg.request);
      waiting.delete(msg.request);
      resolve(msg.ok ? { ok: true, entry: msg.entry } : { ok: false, reason: msg.reason });
    };
    model.on("msg:custom", onMessage);
    const messages = model.get("messages");
    mountCheckin(el, {
      options: model.get("options"),
      messages,
      restored: model.get("restored"),
      save(answer) {
        const request = ++requests;
        return new Promise((resolve) => {
          waiting.set(request, resolve);
          try {
            model.send({ type: "save", request, ...answer });
          } catch (error) {
            waiting.delete(request);
            resolve({ ok: false, reason: messages["host.lost"] || String(error.message || error) });
          }
        });
      },
    });
    return () => {
      model.off("msg:custom", onMessage);
      waiting.clear();
    };
  },
};
