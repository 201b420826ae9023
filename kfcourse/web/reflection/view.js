// Every screen of the reflection form, written once for both hosts (the book page and the
// anywidget) and for the role-play debrief that embeds it. See README.md for the host contract
// and the test hooks (data-kf-*). Learner text only ever goes in through .value or textContent.
import { h, translator, uid } from "../roleplay/dom.js";
import { isBlank, modelOf, saveWait, stagesOf, wordCount } from "./form.js";

const SIDES = ["clinician", "patient"];

function localTime(stamp, language, withDate) {
  const d = new Date(stamp);
  if (Number.isNaN(d.getTime())) return String(stamp || "");
  const time = { hour: "2-digit", minute: "2-digit" };
  try {
    return withDate
      ? d.toLocaleString(language || undefined, { day: "numeric", month: "long", year: "numeric", ...time })
      : d.toLocaleTimeString(language || undefined, { ...time, second: "2-digit" });
  } catch (error) {
    return d.toLocaleString();
  }
}

class ReflectionView {
  constructor(root, host) {
    this.root = root;
    this.host = host;
    this.options = { variant: "clinician", headingLevel: 3, ...(host.options || {}) };
    this.messages = host.messages || {};
    this.t = translator(this.messages);
    this.language = this.messages.language || "en-GB";
    this.choose = this.options.variant === "choose";
    this.short = this.options.variant === "short";
    this.side = this.choose ? null : this.short ? null : this.options.variant;
    this.entryId = null;
    this.finished = false;
    this.dirty = false;
    this.timer = null;
    this.first = 0;
    this.inFlight = null;
    this.again = null; // a save asked for while one was on its way: its draft flag
    this.destroyed = false;
    this.boxes = {};
    this.labels = {};
    this.build();
    this.restore(host.restored);
  }

  // -- building -------------------------------------------------------------------------------
  build() {
    const t = this.t;
    const o = this.options;
    this.root.dataset.kfExercise = "reflection";
    this.root.dataset.kfReflection = o.exercise || "";
    this.root.classList.add("kf-rf");
    const titleId = uid("kf-rf-title");
    const level = Math.max(2, Math.min(6, Number(o.headingLevel) || 3));
    const form = h("form", { class: "kf-rf-form", "aria-labelledby": titleId, novalidate: true });
    form.appendChild(h(`h${level}`, { id: titleId, class: "kf-rf-title", text: o.title || t("form.title") }));
    if (o.question) form.appendChild(h("p", { class: "kf-rf-question", text: o.question }));
    const privacy = h("p", { class: "kf-rf-privacy", text: t(o.journalLink ? "form.privacy.page" : "form.privacy") + " " });
    if (o.journalLink) {
      privacy.appendChild(h("a", { href: o.journalLink, text: t("form.journalLink") }));
      privacy.appendChild(document.createTextNode(t("form.journalLinkAfter")));
    }
    form.appendChild(privacy);
    if (this.choose) {
      const name = uid("kf-rf-side");
      const fieldset = h("fieldset", { class: "kf-rf-sides" }, h("legend", { text: t("side.legend") }));
      this.sideInputs = {};
      for (const side of SIDES) {
        const id = uid("kf-rf-side");
        const input = h("input", { type: "radio", name, id, value: side, data: { kfSide: side } });
        input.addEventListener("change", () => {
          if (!input.checked) return;
          this.side = side;
          this.showQuestions();
          this.changed();
        });
        this.sideInputs[side] = input;
        fieldset.appendChild(h("div", { class: "kf-rf-side" }, input, h("label", { for: id, text: t(`side.${side}`) })));
      }
      form.appendChild(fieldset);
    }
    form.appendChild(h("p", { class: "kf-rf-guidance", text: t(this.short ? "guidance.short" : "guidance.full") }));
    const hints = o.stageHints || {};
    stagesOf(this.messages, this.short ? "short" : "clinician").forEach((stage, i) => {
      const id = uid("kf-rf-stage");
      const name = h("span", { class: "kf-rf-stage-name", text: this.short ? t("stage.named", { name: stage.name }) : t("stage.numbered", { number: i + 1, name: stage.name }) });
      const question = h("span", { class: "kf-rf-stage-question" });
      const label = h("label", { for: id, class: "kf-rf-label" }, name, " ", question);
      const hintId = hints[stage.key] ? `${id}-hint` : null;
      const box = h("textarea", {
        id,
        rows: this.short ? 2 : 5,
        spellcheck: "true",
        "aria-describedby": hintId,
        data: { kfStage: stage.key },
      });
      box.addEventListener("input", () => this.changed());
      box.addEventListener("blur", () => this.save(true));
      this.boxes[stage.key] = box;
      this.labels[stage.key] = question;
      form.appendChild(h("div", { class: "kf-rf-stage" }, label,
        hintId ? h("p", { id: hintId, class: "kf-rf-hint", text: hints[stage.key] }) : null, box));
    });
    this.words = h("p", { class: "kf-rf-words", data: { kfWords: true } });
    form.appendChild(this.words);
    this.finishButton = h("button", { type: "submit", class: "kf-button kf-primary", data: { kfFinish: true }, text: t("finish") });
    this.newButton = h("button", { type: "button", class: "kf-button", data: { kfNew: true }, text: t("new") });
    this.newButton.addEventListener("click", () => this.startNew());
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.finish();
    });
    form.appendChild(h("div", { class: "kf-rf-actions" }, this.finishButton, this.newButton));
    this.status = h("p", { class: "kf-rf-status", role: "status", "aria-live": "polite", data: { kfStatus: true, kfState: "idle" } });
    this.savedAt = h("p", { class: "kf-rf-saved-at", data: { kfSavedAt: true } });
    this.alert = h("div", { class: "kf-rf-alert", role: "alert", data: { kfAlert: true } });
    form.append(this.status, this.savedAt, this.alert);
    form.appendChild(h("p", { class: "kf-rf-attribution", text: t("attribution") }));
    this.form = form;
    this.root.appendChild(form);
    this.showQuestions();
    this.countWords();
  }

  showQuestions() {
    const variant = this.short ? "short" : this.side || "clinician";
    const shown = stagesOf(this.messages, variant);
    const other = this.choose ? stagesOf(this.messages, "patient") : [];
    for (const stage of shown) {
      let text = stage.question;
      if (this.choose && !this.side) {
        const twin = other.find((s) => s.key === stage.key);
        if (twin && twin.question !== stage.question) text = this.t("side.needed");
      }
      if (this.labels[stage.key]) this.labels[stage.key].textContent = text;
    }
  }

  // -- what the form holds ----------------------------------------------------------------
  texts() {
    const out = {};
    for (const [key, box] of Object.entries(this.boxes)) out[key] = box.value;
    return out;
  }

  countWords() {
    const texts = this.texts();
    const n = Object.keys(texts).reduce((sum, k) => sum + wordCount(texts[k]), 0);
    this.words.textContent = this.t(this.short ? "words.short" : "words.full", { count: n });
  }

  restore(entry) {
    const seed = this.options.seed || {};
    const stages = entry && entry.stages && typeof entry.stages === "object" ? entry.stages : {};
    for (const [key, box] of Object.entries(this.boxes)) {
      const text = typeof stages[key] === "string" ? stages[key] : "";
      box.value = text || (typeof seed[key] === "string" ? seed[key] : "");
    }
    if (entry && entry.id) {
      this.entryId = entry.id;
      this.finished = entry.draft === false;
      if (this.choose && SIDES.includes(entry.variant)) {
        this.side = entry.variant;
        this.sideInputs[entry.variant].checked = true;
        this.showQuestions();
      }
      this.say("restored", this.t("status.restored", { time: localTime(entry.updated, this.language, true) }));
    } else {
      this.say("idle", this.t("status.idle"));
    }
    this.countWords();
  }

  // -- saving ---------------------------------------------------------------------------------
  say(state, text) {
    this.status.dataset.kfState = state;
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  warn(text) {
    this.alert.textContent = "";
    if (text) this.alert.appendChild(h("p", { text }));
  }

  changed() {
    this.dirty = true;
    this.countWords();
    const now = Date.now();
    if (!this.first) this.first = now;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(true), saveWait(now, this.first));
  }

  payload(draft) {
    const o = this.options;
    return {
      exercise: o.exercise,
      title: o.title || null,
      question: o.question || null,
      related_entry: o.relatedEntry || null,
      model: modelOf(this.short ? "short" : "clinician"),
      variant: this.short ? null : this.side,
      stages: this.texts(),
      draft,
      entry: this.entryId,
    };
  }

  /** Saves now: a draft (draft true: only if something changed) or as finished. A promise. */
  save(draft) {
    clearTimeout(this.timer);
    this.timer = null;
    this.first = 0;
    if (this.inFlight) {
      this.again = this.again === null ? draft : this.again && draft;
      return this.inFlight;
    }
    if (draft && !this.dirty) return Promise.resolve(null);
    const payload = this.payload(draft);
    if (!this.entryId && isBlank(payload.stages)) {
      this.dirty = false;
      return Promise.resolve(null); // nothing written yet: no empty entry
    }
    this.dirty = false;
    let answer;
    try {
      answer = Promise.resolve(this.host.save(payload));
    } catch (error) {
      answer = Promise.resolve({ ok: false, reason: String((error && error.message) || error) });
    }
    this.inFlight = answer
      .catch((error) => ({ ok: false, reason: String((error && error.message) || error) }))
      .then((result) => {
        this.inFlight = null;
        if (this.destroyed) return result;
        if (result && result.ok) {
          this.entryId = result.entry.id;
          this.finished = result.entry.draft === false;
          this.warn("");
          this.say(this.finished ? "finished" : "draft", this.t(this.finished ? "status.finished" : "status.draft"));
          this.savedAt.textContent = this.t("savedAt", { time: localTime(result.entry.updated, this.language, false) });
        } else {
          this.dirty = true;
          // Kept on this page but not stored (a full browser storage): later saves edit it.
          if (result && result.entry && result.entry.id) this.entryId = result.entry.id;
          const reason = (result && result.reason) || "";
          this.warn(this.t("alert.failed", { reason }));
          this.say("failed", this.t("status.failed"));
        }
        if (this.again !== null) {
          const next = this.again;
          this.again = null;
          if (!next) this.dirty = true;
          return this.save(next);
        }
        return result;
      });
    return this.inFlight;
  }

  finish() {
    if (isBlank(this.texts())) {
      this.say("empty", this.t("status.empty"));
      const first = Object.values(this.boxes)[0];
      if (first) first.focus();
      return Promise.resolve(null);
    }
    this.dirty = true;
    return this.save(false);
  }

  startNew() {
    return this.save(true).then(() => {
      if (this.destroyed) return;
      const had = this.entryId;
      this.entryId = null;
      this.finished = false;
      this.dirty = false;
      for (const box of Object.values(this.boxes)) box.value = "";
      this.countWords();
      this.savedAt.textContent = "";
      this.say("idle", this.t(had ? "status.new" : "status.newEmpty"));
      const first = Object.values(this.boxes)[0];
      if (first) first.focus();
    });
  }

  /** Saves what changed now (a reflection saved as finished stays finished: Python's rule). */
  flush() {
    return this.save(true);
  }

  destroy() {
    this.flush();
    this.destroyed = true;
    clearTimeout(this.timer);
    this.root.textContent = "";
  }
}

/** Mounts the reflection form in `root` for `host` (see README.md); returns {destroy, flush}. */
export function mountReflection(root, host) {
  const view = new ReflectionView(root, host);
  return { view, destroy: () => view.destroy(), flush: () => view.flush() };
}
