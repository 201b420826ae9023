// The screen of the "Programme redesign canvas", written once for both hosts (the book page and
// anywidget). The rules and the memo come from rules.js, the words from the catalogue's `canvas`
// section; where the answer and the journal live is the host's business (README.md). Learner
// text is only ever set as text, and the memo is downloaded as a file made in the browser.
import { ExerciseView } from "../host/exercise-view.js";
import { h, heading, uid } from "../roleplay/dom.js";
import * as rules from "./rules.js";

const RUBRIC_LEVELS = [1, 2, 3, 4];

class Canvas extends ExerciseView {
  copy(s) {
    const cards = {};
    for (const card of rules.CARDS) {
      const c = (s.cards && s.cards[card]) || {};
      cards[card] = { support: c.support || "", owner: c.owner || "", sign: c.sign || "", dimension: c.dimension || null };
    }
    return { cards, authors: s.authors || "", run: s.run || null };
  }

  check(s) {
    return rules.answer(s.cards || {}, s.authors || "");
  }

  /** A change (no words of its own) says the progress when the number of complete cards moves. */
  change(mutate) {
    const before = this.answer().complete.length;
    if (!super.change(mutate)) return false;
    const done = this.answer().complete.length;
    if (done !== before) this.say(this.t("progress", { n: done, total: rules.CARDS.length }));
    return true;
  }

  // -- building (once) ----------------------------------------------------------------------
  textBox(label, attrs) {
    const id = uid("kf-cv-text");
    const box = h("textarea", { id, rows: "3", maxlength: String(rules.TEXT_MAX), ...attrs, on: this.typingAll() });
    return { box, control: h("div", { class: "kf-ex-control kf-ex-wide" }, h("label", { for: id, text: label }), box) };
  }

  build() {
    const t = this.t;
    this.boxes = {};
    this.dimensions = {};
    this.cardStatus = {};
    const cards = rules.CARDS.map((card) => {
      this.boxes[card] = {};
      const fields = rules.FIELDS.map((field) => {
        const { box, control } = this.textBox(t(`field.${field}`), { "data-kf-card": card, "data-kf-field": field });
        this.boxes[card][field] = box;
        return control;
      });
      const selectId = uid("kf-cv-dimension");
      this.dimensions[card] = h(
        "select",
        { id: selectId, "data-kf-dimension": card, on: { change: (e) => this.change((s) => { s.cards[card].dimension = e.target.value || null; }) } },
        h("option", { value: "", text: t("dimension.none") }),
        rules.DIMENSIONS.map((d) => h("option", { value: d, text: t(`dimension.${d}`) })),
      );
      this.cardStatus[card] = h("p", { class: "kf-cv-card-status", "data-kf-card-status": card });
      const title = uid("kf-cv-card");
      return h(
        "li",
        { class: "kf-cv-card", "data-kf-card": card },
        h("section", { "aria-labelledby": title }, heading(this.level + 1, t(`card.${card}`), { id: title }), h("p", { class: "kf-cv-why", text: t(`card.${card}.why`) }), fields, h("div", { class: "kf-ex-control" }, h("label", { for: selectId, text: t("field.dimension") }), this.dimensions[card]), this.cardStatus[card]),
      );
    });
    const authorsId = uid("kf-cv-authors");
    this.authors = h("input", { id: authorsId, type: "text", maxlength: String(rules.AUTHORS_MAX), autocomplete: "off", "data-kf-authors": "", on: this.typingAll() });
    const meterName = uid("kf-cv-meter");
    this.meterFill = h("span", { class: "kf-ex-meter-fill" });
    this.meterReading = h("span", { class: "kf-ex-meter-reading", "aria-hidden": "true" });
    this.meter = h(
      "div",
      { class: "kf-ex-meter", role: "meter", "data-kf-progress": "0", "aria-labelledby": meterName, "aria-valuemin": "0", "aria-valuemax": String(rules.CARDS.length) },
      h("span", { id: meterName, class: "kf-ex-meter-name", text: t("progress.label") }),
      h("span", { class: "kf-ex-meter-track", "aria-hidden": "true" }, this.meterFill),
      this.meterReading,
    );
    this.memoText = h("pre", { class: "kf-cv-memo", "data-kf-memo": "" });
    const rubricId = uid("kf-cv-rubric");
    this.rubricButton = h("button", { type: "button", class: "kf-ex-button", "data-kf-rubric": "", "aria-expanded": "false", "aria-controls": rubricId, text: t("rubric.show"), on: { click: () => this.toggleRubric() } });
    this.rubric = h("section", { id: rubricId, class: "kf-ex-reference", "data-kf-rubric-table": "", hidden: true }, this.rubricParts());
    this.statusLine(t("status.kept"), (a) => t(a.finished ? "status.finished" : "status.saved"));
    return h(
      "div",
      { class: "kf-ex-body" },
      h("p", { text: t("intro") }),
      h("div", { class: "kf-ex-control kf-ex-wide" }, h("label", { for: authorsId, text: t("authors.label") }), this.authors),
      this.meter,
      heading(this.level, t("cards.heading")),
      h("p", { class: "kf-ex-note", text: t("extension.note") }),
      h("ol", { class: "kf-cv-cards" }, cards),
      this.status,
      heading(this.level, t("memo.heading")),
      h("p", { text: t("memo.intro") }),
      h("div", { class: "kf-ex-buttons" }, h("button", { type: "button", class: "kf-ex-button kf-ex-primary", "data-kf-download": "", text: t("download"), on: { click: () => this.download() } }), this.rubricButton),
      this.rubric,
      h("p", { class: "kf-ex-note", text: t("memo.preview") }),
      this.memoText,
      this.host.journalLink ? h("p", {}, h("a", { href: this.host.journalLink, text: t("journal") })) : null,
    );
  }

  rubricParts() {
    const t = this.t;
    return [
      heading(this.level + 1, t("rubric.heading")),
      h("p", { text: t("rubric.intro") }),
      h(
        "div",
        { class: "kf-ex-scroll" },
        h(
          "table",
          { class: "kf-ex-grid kf-cv-rubric" },
          h("caption", { text: t("rubric.caption") }),
          h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("rubric.level") }), h("th", { scope: "col", text: t("rubric.looks") }))),
          h("tbody", {}, RUBRIC_LEVELS.map((n) => h("tr", { "data-kf-level": String(n) }, h("th", { scope: "row", text: t(`rubric.level.${n}`) }), h("td", { text: t(`rubric.canvas.${n}`) })))),
        ),
      ),
    ];
  }

  // -- learner actions ----------------------------------------------------------------------
  /** The `on` handlers of every text box: all the boxes are kept together, in one change. */
  typingAll() {
    return { input: () => this.later("texts", false, () => this.saveTexts()), change: () => this.later("texts", true, () => this.saveTexts()) };
  }

  /** Every text box's words into the state, when any differ from it (one change). */
  saveTexts() {
    window.clearTimeout(this.timers.get("texts"));
    const s = this.state;
    const differs = this.authors.value !== s.authors || rules.CARDS.some((c) => rules.FIELDS.some((f) => this.boxes[c][f].value !== s.cards[c][f]));
    if (!differs) return;
    this.change((next) => {
      next.authors = this.authors.value;
      for (const c of rules.CARDS) for (const f of rules.FIELDS) next.cards[c][f] = this.boxes[c][f].value;
    });
  }

  toggleRubric() {
    const open = this.rubric.hidden;
    this.rubric.hidden = !open;
    this.rubricButton.setAttribute("aria-expanded", String(open));
    this.rubricButton.textContent = this.t(open ? "rubric.hide" : "rubric.show");
  }

  /** Saves the memo as a Markdown file made here (a Blob): no server, works offline. */
  download() {
    this.saveTexts();
    const text = rules.memo(this.answer(), this.host.messages);
    const file = this.t("memo.file");
    const url = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    const link = h("a", { href: url, download: file, hidden: true });
    this.root.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.say(this.t("download.announce", { file }));
  }

  // -- showing the state ----------------------------------------------------------------------
  sync() {
    const t = this.t;
    const a = this.answer();
    const total = rules.CARDS.length;
    for (const card of rules.CARDS) {
      for (const f of rules.FIELDS) {
        const box = this.boxes[card][f];
        if (box.value !== a.cards[card][f] && document.activeElement !== box) box.value = a.cards[card][f];
      }
      this.dimensions[card].value = a.cards[card].dimension || "";
      const complete = a.complete.includes(card);
      const written = rules.FIELDS.filter((f) => rules.filled(a.cards[card][f])).length;
      this.cardStatus[card].textContent = complete ? t("card.complete") : t("card.partial", { n: written, total: rules.FIELDS.length });
      this.cardStatus[card].dataset.kfComplete = String(complete);
    }
    if (this.authors.value !== a.authors && document.activeElement !== this.authors) this.authors.value = a.authors;
    const done = a.complete.length;
    const words = t("progress", { n: done, total });
    this.meter.setAttribute("aria-valuenow", String(done));
    this.meter.setAttribute("aria-valuetext", words);
    this.meter.dataset.kfProgress = String(done);
    this.meterFill.style.width = `${(done / total) * 100}%`;
    this.meterReading.textContent = words;
    this.memoText.textContent = rules.memo(a, this.host.messages);
  }
}

/** Mounts the exercise in `root`; `host` is described in README.md. */
export function mountCanvas(root, host) {
  return new Canvas(root, host).mount(rules.EXERCISE);
}
