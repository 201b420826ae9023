// Every screen of "Who leads? Who follows?", written once for both hosts (the book page and
// anywidget). The rules come from rules.js, the words from the catalogue's `wholeads` section;
// where the answer and the journal live is the host's business (README.md). Learner text is only
// ever set as text.
import { h, heading, translator, uid } from "../roleplay/dom.js";
import * as rules from "./rules.js";

const SAVE_DELAY_MS = 600; // typing pauses this long before the risk is saved

function copyState(s) {
  const placements = {};
  for (const actor of rules.ACTORS) {
    const p = (s.placements && s.placements[actor]) || {};
    placements[actor] = { authority: p.authority || null, knowledge: p.knowledge || null };
  }
  return { placements, reference_shown: !!s.reference_shown, mismatch: s.mismatch || null, risk: s.risk || "", run: s.run || null };
}

class WhoLeads {
  constructor(root, host) {
    this.root = root;
    this.host = host;
    this.t = translator(host.messages);
    this.level = (host.options && host.options.headingLevel) || 3;
    this.alive = true;
    this.timer = null;
    this.queue = Promise.resolve();
    let restored = null;
    try {
      if (host.restored) {
        const r = host.restored;
        rules.answer(r.placements || {}, !!r.reference_shown, r.mismatch || null, r.risk || "");
        restored = copyState(r);
      }
    } catch (error) {
      restored = null;
    }
    this.accepted = restored || copyState({});
    this.state = copyState(this.accepted);
    root.setAttribute("data-kf-exercise", rules.EXERCISE);
    root.classList.add("kf-ex");
    this.alert = h("p", { class: "kf-ex-alert", role: "alert", "data-kf-alert": "" });
    this.live = h("p", { class: "kf-ex-live", "aria-live": "polite", "data-kf-live": "" });
    root.replaceChildren(this.build(), this.alert, this.live);
    this.sync();
  }

  // -- asking the host --------------------------------------------------------------------
  change(mutate, announce) {
    const next = copyState(this.state);
    mutate(next);
    try {
      rules.answer(next.placements, next.reference_shown, next.mismatch, next.risk);
    } catch (error) {
      this.alert.textContent = error.message;
      return;
    }
    this.state = next;
    this.alert.textContent = "";
    this.sync();
    if (announce) this.say(announce);
    this.queue = this.queue.then(() => this.send());
  }

  async send() {
    const sent = copyState(this.state);
    sent.run = this.accepted.run;
    let reply;
    try {
      reply = await this.host.commit(sent);
    } catch (error) {
      reply = { ok: false, reason: error && error.message ? error.message : String(error) };
    }
    if (!this.alive) return;
    if (reply && reply.ok) {
      this.accepted = copyState(reply.state);
      this.state.run = this.accepted.run;
      if (reply.warning) this.alert.textContent = reply.warning;
      this.status.textContent = this.t(this.answer().finished ? "status.finished" : "status.saved");
    } else {
      this.state = copyState(this.accepted);
      this.sync();
      this.alert.textContent = this.t("refused", { reason: (reply && reply.reason) || "?" });
    }
  }

  say(text) {
    this.live.textContent = "";
    window.setTimeout(() => {
      if (this.alive) this.live.textContent = text;
    }, 30);
  }

  answer() {
    const s = this.state;
    return rules.answer(s.placements, s.reference_shown, s.mismatch, s.risk);
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
      on: { input: () => this.typed(), change: () => this.typed(true) },
    });
    this.status = h("p", { class: "kf-ex-status", "data-kf-status": "", text: t("status.kept") });
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

  typed(now) {
    window.clearTimeout(this.timer);
    const value = this.risk.value;
    const save = () => {
      if (value !== this.state.risk) this.change((s) => { s.risk = value; });
    };
    if (now) save();
    else this.timer = window.setTimeout(save, SAVE_DELAY_MS);
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

  destroy() {
    this.alive = false;
    window.clearTimeout(this.timer);
    this.root.replaceChildren();
  }
}

/** Mounts the exercise in `root`; `host` is described in README.md. */
export function mountWhoLeads(root, host) {
  const view = new WhoLeads(root, host);
  return { view, alert: view.alert, get state() { return view.state; }, destroy: () => view.destroy() };
}
