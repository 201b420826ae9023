// The welcome check-in, written once for both hosts (the book page and the anywidget): one
// question, four answers in a radio group labelled by the question, and feedback once an answer
// is kept. Test hooks: root [data-kf-exercise=checkin]; radios input[data-kf-choice=N];
// [data-kf-status] (data-kf-state=idle|saved|failed); [data-kf-alert].
import { h, translator, uid } from "../roleplay/dom.js";

class CheckinView {
  constructor(root, host) {
    this.root = root;
    this.host = host;
    this.t = translator(host.messages);
    this.entryId = null;
    this.pending = Promise.resolve();
    this.build();
    this.restore(host.restored);
  }

  build() {
    const m = this.host.messages || {};
    const question = (this.host.options && this.host.options.question) || m.question;
    this.root.dataset.kfExercise = "checkin";
    const name = uid("kf-checkin");
    const group = h("fieldset", { class: "kf-checkin-choices" }, h("legend", { class: "kf-checkin-question", text: question }));
    this.inputs = (m.choices || []).map((text, i) => {
      const id = `${name}-${i}`;
      const input = h("input", { type: "radio", name, id, value: text, data: { kfChoice: i } });
      input.addEventListener("change", () => {
        if (input.checked) this.choose(text);
      });
      group.appendChild(h("div", { class: "kf-checkin-choice" }, input, h("label", { for: id, text })));
      return input;
    });
    this.status = h("p", { class: "kf-checkin-status", role: "status", "aria-live": "polite", data: { kfStatus: true, kfState: "idle" } });
    this.alert = h("div", { class: "kf-checkin-alert", role: "alert", data: { kfAlert: true } });
    this.box = h("div", { class: "kf-ci" }, group, h("p", { class: "kf-checkin-note", text: this.t("note") }), this.status, this.alert);
    this.root.appendChild(this.box);
  }

  restore(entry) {
    if (!entry || typeof entry.answer !== "string") return;
    const input = this.inputs.find((i) => i.value === entry.answer);
    if (!input) return;
    input.checked = true;
    this.entryId = entry.id;
    this.say("saved", this.t("restored"));
  }

  say(state, text) {
    this.status.dataset.kfState = state;
    this.status.textContent = text;
  }

  choose(answer) {
    const question = (this.host.options && this.host.options.question) || this.host.messages.question;
    this.pending = this.pending.then(() =>
      Promise.resolve()
        .then(() => this.host.save({ answer, question, entry: this.entryId }))
        .catch((error) => ({ ok: false, reason: String((error && error.message) || error) }))
        .then((result) => {
          if (result && result.ok) {
            if (result.entry) this.entryId = result.entry.id;
            this.alert.textContent = "";
            this.say("saved", this.t(result.entry ? "saved" : "works"));
          } else {
            this.say("failed", this.t("failed.status"));
            this.alert.textContent = "";
            this.alert.appendChild(h("p", { text: this.t("failed", { reason: (result && result.reason) || "" }) }));
          }
        }),
    );
    return this.pending;
  }
}

/** Mounts the check-in in `root` for `host` ({options, messages, restored, save}). */
export function mountCheckin(root, host) {
  const view = new CheckinView(root, host);
  return { view, destroy: () => { root.textContent = ""; } };
}
