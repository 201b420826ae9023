// The screen of "Distribute the discharge", written once for both hosts (the book page and
// anywidget). The rules come from rules.js, the words from the catalogue's `discharge` section;
// where the answer and the journal live is the host's business (../host/README.md). Learner text
// is only ever set as text.
import { ExerciseView } from "../host/exercise-view.js";
import { h, heading, uid } from "../roleplay/dom.js";
import * as rules from "./rules.js";

class DistributeDischarge extends ExerciseView {
  copy(s) {
    const allocation = {};
    for (const fn of rules.FUNCTIONS) {
      const given = (s.allocation && s.allocation[fn]) || [];
      allocation[fn] = rules.ROLES.filter((r) => given.includes(r));
    }
    return { allocation, gaps_shown: !!s.gaps_shown, response: s.response || "", run: s.run || null };
  }

  check(s) {
    return rules.answer(s.allocation || {}, !!s.gaps_shown, s.response || "");
  }

  /** A change the rules refuse also puts the boxes back as they were. */
  change(mutate, announce) {
    const kept = super.change(mutate, announce);
    if (!kept) this.sync();
    return kept;
  }

  // -- building (once) ----------------------------------------------------------------------
  build() {
    const t = this.t;
    this.boxes = {};
    const head = h(
      "thead",
      {},
      h("tr", {}, h("th", { scope: "col", text: t("grid.function") }), rules.ROLES.map((role) => h("th", { scope: "col", text: t(`role.${role}`) }))),
    );
    const rows = rules.FUNCTIONS.map((fn) => {
      this.boxes[fn] = {};
      const cells = rules.ROLES.map((role) => {
        const id = uid("kf-dd-box");
        const box = h("input", {
          type: "checkbox",
          id,
          "data-kf-assign": fn,
          "data-kf-role": role,
          on: { change: (e) => this.assign(fn, role, e.target.checked) },
        });
        this.boxes[fn][role] = box;
        const label = h(
          "label",
          { for: id },
          h("span", { class: "kf-dd-role", text: t(`role.${role}`) }),
          h("span", { class: "kf-dd-for", text: t("cell.for", { function: t(`function.${fn}`) }) }),
        );
        return h("td", { "data-kf-cell": `${fn}:${role}` }, h("div", { class: "kf-dd-cell" }, box, label));
      });
      return h(
        "tr",
        { "data-kf-function": fn },
        h("th", { scope: "row" }, h("span", { class: "kf-dd-name", text: t(`function.${fn}`) }), h("span", { class: "kf-dd-about", text: t(`about.${fn}`) })),
        cells,
      );
    });
    this.progress = h("p", { class: "kf-ex-progress", "data-kf-progress": "" });
    this.meterHolder = h("div", { class: "kf-ex-meters" });
    this.single = h("p", { "data-kf-single": "" });
    this.revealButton = h("button", { type: "button", class: "kf-ex-button kf-ex-primary", "data-kf-reveal": "", on: { click: () => this.reveal() }, text: t("gaps.reveal") });
    this.gapsPanel = h("section", { class: "kf-ex-reference", "data-kf-gaps": "", "aria-label": t("gaps.heading"), hidden: true });
    const responseId = uid("kf-dd-response");
    const promptId = uid("kf-dd-prompt");
    this.response = h("textarea", {
      id: responseId,
      rows: "6",
      maxlength: String(rules.RESPONSE_MAX),
      "aria-describedby": promptId,
      "data-kf-response": "",
      on: this.typing("response", (s) => s.response, (s, value) => { s.response = value; }),
    });
    this.statusLine(t("status.kept"), (a) => t(a.finished ? "status.finished" : "status.saved"));
    return h(
      "div",
      { class: "kf-ex-body" },
      h("p", { text: t("intro") }),
      h("p", { class: "kf-ex-note", text: t("roles.note") }),
      heading(this.level, t("grid.heading")),
      h(
        "div",
        { class: "kf-dd-holder" },
        h("div", { class: "kf-ex-scroll" }, h("table", { class: "kf-ex-grid kf-dd-grid", "data-kf-allocation": "" }, h("caption", { text: t("grid.caption") }), head, h("tbody", {}, rows))),
      ),
      this.progress,
      heading(this.level, t("concentration.heading")),
      this.meterHolder,
      h("p", { class: "kf-ex-note", text: t("concentration.note") }),
      this.single,
      heading(this.level, t("gaps.heading")),
      h("p", { text: t("gaps.intro") }),
      this.revealButton,
      this.gapsPanel,
      heading(this.level, t("prompt.heading")),
      h("p", { id: promptId, text: t("prompt.text") }),
      h("div", { class: "kf-ex-control kf-ex-wide" }, h("label", { for: responseId, text: t("prompt.label") }), this.response),
      this.status,
      this.host.journalLink ? h("p", {}, h("a", { href: this.host.journalLink, text: t("journal") })) : null,
    );
  }

  // -- learner actions ----------------------------------------------------------------------
  assign(fn, role, on) {
    const before = this.answer();
    this.change((s) => {
      const holders = new Set(s.allocation[fn]);
      if (on) holders.add(role);
      else holders.delete(role);
      s.allocation[fn] = rules.ROLES.filter((r) => holders.has(r));
    });
    const after = this.answer();
    const news = [];
    if (after.concentration.held !== before.concentration.held) news.push(`${this.t("meter.name")}: ${this.meterWords(after.concentration)}.`);
    if (after.gaps_shown && after.gaps.length !== before.gaps.length) news.push(this.gapsWords(after.gaps));
    if (news.length) this.say(news.join(" "));
  }

  reveal() {
    this.change((s) => { s.gaps_shown = true; }, this.t("gaps.announce"));
    const title = this.gapsPanel.querySelector("[data-kf-focus]");
    if (title) title.focus();
  }

  // -- showing the state ----------------------------------------------------------------------
  names(keys, prefix) {
    return keys.map((k) => this.t(`${prefix}.${k}`)).join(this.t("list.separator"));
  }

  meterWords(c) {
    return this.t("meter.valuetext", { held: c.held, of: c.of, percent: c.percent, band: this.t(`band.${c.band}`) });
  }

  gapsWords(found) {
    return found.length ? this.t("gaps.some", { n: found.length }) : this.t("gaps.none");
  }

  sync() {
    const t = this.t;
    const a = this.answer();
    for (const fn of rules.FUNCTIONS) {
      for (const role of rules.ROLES) this.boxes[fn][role].checked = a.allocation[fn].includes(role);
    }
    if (this.response.value !== a.response && document.activeElement !== this.response) this.response.value = a.response;
    const held = rules.FUNCTIONS.filter((fn) => a.allocation[fn].length > 0).length;
    this.progress.textContent = t("progress", { n: held, total: rules.FUNCTIONS.length });
    this.progress.dataset.kfProgress = String(held);
    this.meterHolder.replaceChildren(this.meter(a.concentration));
    const single = a.single_holder;
    this.single.dataset.kfSingle = String(single.length);
    this.single.textContent = single.length
      ? t("single.some", { n: single.length, total: rules.FUNCTIONS.length, list: this.names(single, "function") })
      : t("single.none");
    this.revealButton.hidden = a.gaps_shown;
    this.gapsPanel.hidden = !a.gaps_shown;
    if (a.gaps_shown) this.gapsPanel.replaceChildren(...this.gapParts(a));
    else this.gapsPanel.replaceChildren();
  }

  meter(c) {
    const label = uid("kf-dd-meter");
    const words = this.meterWords(c);
    return h(
      "div",
      {
        class: "kf-ex-meter",
        role: "meter",
        "data-kf-measure": "consultant-share",
        "data-kf-band": c.band,
        "aria-labelledby": label,
        "aria-valuemin": 0,
        "aria-valuemax": c.of,
        "aria-valuenow": c.held,
        "aria-valuetext": words,
      },
      h("span", { id: label, class: "kf-ex-meter-name", text: this.t("meter.name") }),
      h("span", { class: "kf-ex-meter-track", "aria-hidden": "true" }, h("span", { class: "kf-ex-meter-fill", style: `width: ${(100 * c.held) / c.of}%` })),
      h("span", { class: "kf-ex-meter-reading", "aria-hidden": "true", text: words }),
    );
  }

  gapParts(a) {
    const t = this.t;
    const found = a.gaps;
    const reading = rules.FUNCTIONS.map((fn) => [
      h("dt", { text: t(`function.${fn}`) }),
      h("dd", { "data-kf-authority": fn, text: t("authority.holders", { roles: this.names(rules.AUTHORITY[fn], "role") }) }),
      h("dd", { class: "kf-ex-note", text: t(`why.${fn}`) }),
    ]);
    return [
      heading(this.level + 1, t("gaps.yours"), { "data-kf-focus": "" }),
      h("p", { "data-kf-gap-count": String(found.length), text: this.gapsWords(found) }),
      found.length
        ? h("ul", {}, found.map((g) => h("li", { "data-kf-gap": `${g.function}:${g.role}`, text: t("gap.item", { function: t(`function.${g.function}`), role: t(`role.${g.role}`).toLowerCase() }) })))
        : null,
      h("p", { text: t("gaps.note") }),
      heading(this.level + 1, t("authority.heading")),
      h("dl", { class: "kf-dd-reading", "data-kf-authority-reading": "" }, reading),
    ];
  }
}

/** Mounts the exercise in `root`; `host` is described in ../host/README.md. */
export function mountDistributeDischarge(root, host) {
  return new DistributeDischarge(root, host).mount(rules.EXERCISE);
}
