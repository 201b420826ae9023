// Every screen of "Who leads? Who follows?", written once for both hosts (the book page and
// anywidget). The rules come from rules.js, the words from the catalogue's `wholeads` section;
// where the answer and the journal live is the host's business (README.md). Learner text is only
// ever set as text.
import { ExerciseView } from "../host/exercise-view.js";
import { h, heading, uid } from "../roleplay/dom.js";
import * as rules from "./rules.js";

class WhoLeads extends ExerciseView {
  copy(s) {
    const placements = {};
    for (const actor of rules.ACTORS) {
      const p = (s.placements && s.placements[actor]) || {};
      placements[actor] = { authority: p.authority || null, knowledge: p.knowledge || null };
    }
    return { placements, reference_shown: !!s.reference_shown, mismatch: s.mismatch || null, risk: s.risk || "", run: s.run || null };
  }

  check(s) {
    return rules.answer(s.placements || {}, !!s.reference_shown, s.mismatch || null, s.risk || "");
  }

  // -- building (once) ----------------------------------------------------------------------
  build() {
    const t = this.t;
    this.selects = {};
    const actors = rules.ACTORS.map((actor) => {
      this.selects[actor] = {};
      const controls = rules.AXES.map((axis) => {
        const id = uid("kf-ex-select");
        const select = h(
          "select",
          { id, "data-kf-place": actor, "data-kf-axis": axis, on: { change: (e) => this.place(actor, axis, e.target.value) } },
          h("option", { value: "", text: t("level.none") }),
          rules.LEVELS.map((level) => h("option", { value: level, text: t(`level.${level}`) })),
        );
        this.selects[actor][axis] = select;
        return h("div", { class: "kf-ex-control" }, h("label", { for: id, text: t(`axis.${axis}`) }), select);
      });
      return h("fieldset", { class: "kf-ex-actor", "data-kf-actor": actor }, h("legend", { text: t(`actor.${actor}`) }), controls);
    });
    this.progress = h("p", { class: "kf-ex-progress", "data-kf-progress": "" });
    this.yours = h("div", { class: "kf-ex-grid-holder" });
    this.mismatchList = h("div", { class: "kf-ex-mismatches", "data-kf-mismatches": "" });
    this.revealButton = h("button", { type: "button", class: "kf-ex-button kf-ex-primary", "data-kf-reveal": "", on: { click: () => this.reveal() }, text: t("reveal") });
    this.reference = h("section", { class: "kf-ex-reference", "data-kf-reference": "", "aria-label": t("reference.heading"), hidden: true });
    const riskId = uid("kf-ex-risk");
    const mismatchId = uid("kf-ex-mismatch");
    this.mismatchSelect = h(
      "select",
      { id: mismatchId, "data-kf-mismatch": "", on: { change: (e) => this.change((s) => { s.mismatch = e.target.value || null; }) } },
      h("option", { value: "", text: t("record.choose") }),
      rules.ACTORS.map((actor) => h("option", { value: actor, text: t(`actor.${actor}`) })),
    );
    this.risk = h("textarea", {
      id: riskId,
      rows: "4",
      maxlength: String(rules.RISK_MAX),
      "data-kf-risk": "",
      on: this.typing("risk", (s) => s.risk, (s, value) => { s.risk = value; }),
    });
    this.statusLine(t("status.kept"), (a) => t(a.finished ? "status.finished" : "status.saved"));
    return h(
      "div",
      { class: "kf-ex-body" },
      h("p", { text: t("intro") }),
      heading(this.level, t("place.heading")),
      h("div", { class: "kf-ex-actors" }, actors),
      this.progress,
      heading(this.level, t("grid.heading")),
      this.yours,
      this.mismatchList,
      this.revealButton,
      this.reference,
      heading(this.level, t("record.heading")),
      h("p", { text: t("record.intro") }),
      h("div", { class: "kf-ex-control" }, h("label", { for: mismatchId, text: t("record.mismatch") }), this.mismatchSelect),
      h("div", { class: "kf-ex-control kf-ex-wide" }, h("label", { for: riskId, text: t("record.risk") }), this.risk),
      this.status,
      this.host.journalLink ? h("p", {}, h("a", { href: this.host.journalLink, text: t("journal") })) : null,
    );
  }

  // -- learner actions ----------------------------------------------------------------------
  place(actor, axis, value) {
    this.change((s) => {
      s.placements[actor][axis] = value || null;
      if (!rules.complete(s.placements)) s.reference_shown = false;
    });
  }

  reveal() {
    const a = this.answer();
    if (!a.complete) {
      const left = rules.ACTORS.filter((actor) => rules.AXES.some((axis) => a.placements[actor][axis] === null)).length;
      this.alert.textContent = this.t("reveal.first", { n: left });
      return;
    }
    this.change((s) => { s.reference_shown = true; }, this.t("reveal.announce"));
    const title = this.reference.querySelector("[data-kf-focus]");
    if (title) title.focus();
  }

  // -- showing the state ----------------------------------------------------------------------
  sync() {
    const t = this.t;
    const a = this.answer();
    for (const actor of rules.ACTORS) {
      for (const axis of rules.AXES) this.selects[actor][axis].value = a.placements[actor][axis] || "";
    }
    this.mismatchSelect.value = a.mismatch || "";
    if (this.risk.value !== a.risk && document.activeElement !== this.risk) this.risk.value = a.risk;
    const placed = rules.ACTORS.filter((actor) => rules.AXES.every((axis) => a.placements[actor][axis] !== null)).length;
    this.progress.textContent = t("progress", { n: placed, total: rules.ACTORS.length });
    this.progress.dataset.kfProgress = String(placed);
    this.yours.replaceChildren(this.grid(a.placements, "yours", t("grid.yours")));
    const found = a.mismatches;
    this.mismatchList.replaceChildren(
      h("p", { text: found.length ? t("mismatches.intro") : t("mismatches.none") }),
      found.length
        ? h("ul", {}, found.map((m) => h("li", { "data-kf-gap": m.actor, text: t(m.gap > 0 ? "gap.more" : "gap.less", { actor: t(`actor.${m.actor}`) }) })))
        : null,
    );
    this.revealButton.hidden = a.reference_shown;
    this.reference.hidden = !a.reference_shown;
    if (a.reference_shown) this.reference.replaceChildren(...this.referenceParts(a));
    else this.reference.replaceChildren();
  }

  grid(placements, name, caption) {
    const t = this.t;
    const rows = [...rules.LEVELS].reverse().map((authority) =>
      h(
        "tr",
        {},
        h("th", { scope: "row", text: t(`level.${authority}`) }),
        rules.LEVELS.map((knowledge) => {
          const here = rules.ACTORS.filter((actor) => placements[actor].authority === authority && placements[actor].knowledge === knowledge);
          return h("td", { "data-kf-cell": `${authority}-${knowledge}` }, here.length ? h("ul", {}, here.map((actor) => h("li", { text: t(`actor.${actor}`) }))) : h("span", { class: "kf-ex-empty", text: t("grid.empty") }));
        }),
      ),
    );
    return h(
      "div",
      { class: "kf-ex-scroll" },
      h(
        "table",
        { class: "kf-ex-grid", "data-kf-grid": name },
        h("caption", { text: caption }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("grid.corner") }), rules.LEVELS.map((k) => h("th", { scope: "col", text: t("grid.knowledge", { level: t(`level.${k}`) }) })))),
        h("tbody", {}, rows),
      ),
    );
  }

  referenceParts(a) {
    const t = this.t;
    const items = a.comparison.map((c) => {
      const same = c.authority && c.knowledge;
      const ref = rules.REFERENCE[c.actor];
      return h("li", { "data-kf-compare": c.actor, "data-kf-same": same ? "both" : c.authority ? "authority" : c.knowledge ? "knowledge" : "neither" }, t(same ? "compare.same" : "compare.different", {
        actor: t(`actor.${c.actor}`),
        authority: t(`level.${ref.authority}`).toLowerCase(),
        knowledge: t(`level.${ref.knowledge}`).toLowerCase(),
      }));
    });
    return [
      heading(this.level + 1, t("reference.heading"), { "data-kf-focus": "" }),
      h("p", { text: t("reference.note") }),
      this.grid(rules.REFERENCE, "reference", t("grid.reference")),
      h("ul", { class: "kf-ex-compare" }, items),
    ];
  }
}

/** Mounts the exercise in `root`; `host` is described in README.md. */
export function mountWhoLeads(root, host) {
  return new WhoLeads(root, host).mount(rules.EXERCISE);
}
