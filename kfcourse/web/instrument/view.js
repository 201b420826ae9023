// The screen of the course's four checks (instruments), written once for both hosts (the book
// page and anywidget). Which check it shows comes from host.options.instrument; the rules come
// from rules.js, the words from the catalogue's `instrument` section; where the answer and the
// journal live is the host's business (../host/README.md). Learner text is only ever set as text.
import { ExerciseView } from "../host/exercise-view.js";
import { h, heading, uid } from "../roleplay/dom.js";
import * as rules from "./rules.js";

/** A full working state for `inst` from any (partial) one: ratings, examples, action and run. */
export function copyState(inst, s) {
  const given = s || {};
  const ratings = {};
  const examples = {};
  for (const m of rules.MOMENTS) {
    ratings[m] = {};
    examples[m] = {};
    for (const r of inst.raters) {
      ratings[m][r] = {};
      examples[m][r] = {};
      for (const i of inst.items) {
        const value = given.ratings && given.ratings[m] && given.ratings[m][r] ? given.ratings[m][r][i.id] : null;
        ratings[m][r][i.id] = value === undefined ? null : value;
        const text = given.examples && given.examples[m] && given.examples[m][r] ? given.examples[m][r][i.id] : "";
        examples[m][r][i.id] = text || "";
      }
    }
  }
  return {
    instrument: inst.id,
    ratings,
    examples: inst.scale === "practice" ? examples : {},
    action: inst.action ? given.action || "" : "",
    run: given.run || null,
  };
}

/** The rules' answer for a working state. */
export function answerOf(s) {
  return rules.answer(s.instrument, s.ratings, s.examples, s.action);
}

/** A rating in numbers and words ("4", "2 (yes)"), or the words for none. */
function shownPoints(inst, t, points, none) {
  if (points === null) return t(none);
  if (inst.scale === "agreement") return t("points.agreement", { n: points });
  const word = Object.keys(rules.PRACTICE_POINTS).find((k) => rules.PRACTICE_POINTS[k] === points);
  return t("points.practice", { n: points, words: t(`rating.practice.${word}`).toLowerCase() });
}

/** A change in words: "up 2", "down 1", "no change", or not yet known. */
function changeWords(t, d) {
  if (d.change === null) return t("change.none");
  if (d.direction === "same") return t("change.same");
  return t(`change.${d.direction}`, { n: Math.abs(d.change) });
}

/** One item's change as the screen says it: before, after and the change. */
function itemChange(inst, t, d) {
  return { before: shownPoints(inst, t, d.before, "value.none"), after: shownPoints(inst, t, d.after, "value.none"), change: changeWords(t, d) };
}

/** The total's change as the screen says it. */
function totalChange(t, o, max) {
  return { max, before: o.before === null ? t("total.none") : String(o.before), after: o.after === null ? t("total.none") : String(o.after), change: changeWords(t, o) };
}

/**
 * The answer in words, as the screen puts it (labelled lines for the journal list and the
 * exports; no internal ids): each rated statement's change, each total, the partners' biggest
 * gaps, the examples and the agreed action.
 */
export function summaryOf(state, t) {
  const inst = rules.instrument(state.instrument);
  const a = answerOf(copyState(inst, state));
  const lines = [];
  for (const r of inst.raters) {
    const who = inst.raters.length > 1 ? `${t(`rater.${r}`)}: ` : "";
    for (const item of inst.items) {
      const d = a.changes[r].items[item.id];
      const label = who + t(`item.${inst.id}.${item.id}`);
      if (d.before !== null || d.after !== null) lines.push({ label, text: t("change.line", itemChange(inst, t, d)) });
      for (const m of rules.MOMENTS) {
        const text = a.examples ? a.examples[m][r][item.id] : "";
        if (text.trim()) lines.push({ label: `${t("example")} (${t(`moment.${m}`).toLowerCase()}): ${label}`, text });
      }
    }
    const o = a.changes[r].overall;
    lines.push({ label: `${who}${t("summary.total")}`, text: t("change.total", totalChange(t, o, a.scores.before[r].max)) });
  }
  if (a.gaps) {
    for (const m of rules.MOMENTS) {
      const g = a.gaps[m];
      if (g.biggest === null) continue;
      const moment = t(`moment.${m}`);
      const text = g.biggest === 0 ? t("gaps.none", { moment }) : `${t(g.biggest === 1 ? "gaps.biggest.one" : "gaps.biggest", { moment, n: g.biggest })} ${g.at.map((id) => t(`item.${inst.id}.${id}`)).join(" ")}`;
      lines.push({ label: t("gaps.heading"), text });
    }
  }
  if (inst.action) lines.push({ label: t("action.label"), text: a.action });
  return lines;
}

class Check extends ExerciseView {
  constructor(root, host) {
    super(root, host);
    this.inst = rules.instrument((host.options || {}).instrument);
    root.setAttribute("data-kf-instrument", this.inst.id);
  }

  copy(s) {
    return copyState(this.inst, s);
  }

  check(s) {
    return answerOf(s);
  }

  /** Only a state of this check is resumed. */
  restore(raw) {
    if (raw.instrument !== this.inst.id) return null;
    const s = this.copy(raw);
    this.check(s);
    return s;
  }

  // -- building (once) ----------------------------------------------------------------------
  build() {
    const t = this.t;
    const id = this.inst.id;
    const a = this.answer(); // the moment shown first: after, once every before rating is in
    this.moment = a.scores.before[this.inst.raters[0]].complete && this.inst.raters.every((r) => a.scores.before[r].complete) ? "after" : "before";
    this.radios = []; // {input, moment, rater, item, value}
    this.texts = []; // {box, moment, rater, item}
    this.sections = {};
    this.progress = {};
    const momentName = uid("kf-ex-moment");
    this.momentRadios = rules.MOMENTS.map((m) => {
      const rid = uid("kf-ex-moment");
      const input = h("input", { type: "radio", id: rid, name: momentName, value: m, "data-kf-show-moment": m, on: { change: () => this.show(m) } });
      return { m, input, option: h("div", { class: "kf-ex-option" }, input, h("label", { for: rid, text: t(`moment.${m}`) })) };
    });
    for (const m of rules.MOMENTS) {
      this.progress[m] = {};
      const raters = this.inst.raters.map((r) => {
        this.progress[m][r] = h("p", { class: "kf-ex-progress", "data-kf-score": `${m}-${r}` });
        const items = this.inst.items.map((item) => this.itemControls(m, r, item));
        if (this.inst.raters.length === 1) return h("div", { "data-kf-rater": r }, items, this.progress[m][r]);
        return h("div", { class: "kf-ex-rater", "data-kf-rater": r }, heading(this.level + 1, t(`rater.${r}`)), items, this.progress[m][r]);
      });
      this.sections[m] = h("section", { class: "kf-ex-moment", "data-kf-moment": m }, heading(this.level, t("moment.heading", { moment: t(`moment.${m}`) }), { "data-kf-moment-heading": "" }), raters);
    }
    this.changeList = h("div", { "data-kf-changes": "" });
    this.gapList = h("div", { "data-kf-gaps": "" });
    let actionPart = null;
    if (this.inst.action) {
      const aid = uid("kf-ex-action");
      this.actionBox = h("textarea", { id: aid, rows: "3", maxlength: String(rules.TEXT_MAX), "data-kf-action": "", on: this.typing("action", (s) => s.action, (s, value) => { s.action = value; }) });
      actionPart = [heading(this.level, t("action.heading")), h("div", { class: "kf-ex-control kf-ex-wide" }, h("label", { for: aid, text: t("action.label") }), this.actionBox)];
    }
    this.statusLine(t("status.kept"), (a) => t(a.finished ? "status.finished" : "status.saved"));
    this.todo = h("p", { class: "kf-ex-note", "data-kf-todo": "" });
    this.againButton = h("button", { type: "button", class: "kf-ex-button", "data-kf-again": "", on: { click: () => this.again() }, text: t("again") });
    return h(
      "div",
      { class: "kf-ex-body" },
      h("p", { text: t(`intro.${id}`) }),
      h("p", { class: "kf-ex-note", "data-kf-source": "", text: `${t(`source.${id}`)} ${t("validity")}` }),
      this.inst.private ? h("p", { class: "kf-ex-private", "data-kf-private": "", text: t("private") }) : null,
      h("fieldset", { class: "kf-ex-moments" }, h("legend", { text: t("moment.legend") }), this.momentRadios.map((x) => x.option)),
      rules.MOMENTS.map((m) => this.sections[m]),
      heading(this.level, t("changes.heading")),
      h("p", { text: t("changes.intro") }),
      this.changeList,
      this.inst.raters.length === 2 ? [heading(this.level, t("gaps.heading")), this.gapList] : null,
      actionPart,
      this.todo,
      this.status,
      this.againButton,
      this.host.journalLink ? h("p", {}, h("a", { href: this.host.journalLink, text: t("journal") })) : null,
    );
  }

  itemControls(m, r, item) {
    const t = this.t;
    const name = uid("kf-ex-rate");
    const choices = rules.values(this.inst).map((value) => {
      const rid = uid("kf-ex-rate");
      const input = h("input", {
        type: "radio",
        id: rid,
        name,
        value: String(value),
        "data-kf-value": String(value),
        on: { change: () => this.change((s) => { s.ratings[m][r][item.id] = value; }) },
      });
      this.radios.push({ input, moment: m, rater: r, item: item.id, value });
      return h("div", { class: "kf-ex-option" }, input, h("label", { for: rid, text: t(`rating.${this.inst.scale}.${value}`) }));
    });
    let example = null;
    if (this.inst.scale === "practice") {
      const eid = uid("kf-ex-example");
      const on = this.typing(`${m}|${r}|${item.id}`, (s) => s.examples[m][r][item.id], (s, value) => { s.examples[m][r][item.id] = value; });
      const box = h("textarea", { id: eid, rows: "2", maxlength: String(rules.TEXT_MAX), "data-kf-example": "", on });
      this.texts.push({ box, moment: m, rater: r, item: item.id });
      example = h("div", { class: "kf-ex-control kf-ex-wide" }, h("label", { for: eid, text: t("example") }), box);
    }
    return h(
      "fieldset",
      { class: "kf-ex-item", "data-kf-item": item.id },
      h("legend", { text: t(`item.${this.inst.id}.${item.id}`) }),
      h("div", { class: "kf-ex-scale" }, choices),
      example,
    );
  }

  // -- learner actions ----------------------------------------------------------------------
  show(m) {
    this.moment = m;
    this.sync();
    this.say(this.t("moment.shown", { moment: this.t(`moment.${m}`).toLowerCase() }));
  }

  again() {
    this.stopTyping();
    this.accepted = copyState(this.inst, {});
    this.state = copyState(this.inst, {});
    this.moment = "before";
    this.sync();
    this.sendLater();
    this.say(this.t("again.announce"));
    const first = this.sections.before.querySelector("[data-kf-moment-heading]");
    if (first) first.focus();
  }

  // -- showing the state ----------------------------------------------------------------------
  sync() {
    const t = this.t;
    const a = this.answer();
    for (const x of this.momentRadios) x.input.checked = x.m === this.moment;
    for (const m of rules.MOMENTS) this.sections[m].hidden = m !== this.moment;
    for (const x of this.radios) x.input.checked = a.ratings[x.moment][x.rater][x.item] === x.value;
    for (const x of this.texts) {
      const text = a.examples[x.moment][x.rater][x.item];
      if (x.box.value !== text && document.activeElement !== x.box) x.box.value = text;
    }
    if (this.actionBox && this.actionBox.value !== a.action && document.activeElement !== this.actionBox) this.actionBox.value = a.action;
    for (const m of rules.MOMENTS) {
      for (const r of this.inst.raters) {
        const s = a.scores[m][r];
        const total = this.inst.items.length;
        this.progress[m][r].textContent = s.complete
          ? t("score.total", { total, score: s.total, max: s.max, mean: s.mean })
          : t("score.progress", { n: s.answered, total });
      }
    }
    this.changeList.replaceChildren(...this.inst.raters.map((r) => this.changesOf(a, r)));
    if (a.gaps) this.gapList.replaceChildren(...rules.MOMENTS.map((m) => this.gapOf(a, m)), h("p", { text: t("gaps.discuss") }));
    const todo = [];
    if (!a.complete) todo.push(t("todo.ratings"));
    if (a.examples && rules.MOMENTS.some((m) => this.inst.raters.some((r) => Object.values(a.examples[m][r]).some((x) => !x.trim())))) todo.push(t("todo.examples"));
    if (this.inst.action && !a.action.trim()) todo.push(t("todo.action"));
    this.todo.textContent = todo.length ? t("status.todo", { todo: todo.join("; ") }) : "";
    this.todo.hidden = !todo.length;
    this.againButton.hidden = !a.finished;
    this.root.dataset.kfFinished = String(a.finished);
  }

  changesOf(a, r) {
    const t = this.t;
    const c = a.changes[r];
    const rated = this.inst.items.filter((item) => c.items[item.id].before !== null || c.items[item.id].after !== null);
    const rows = rated.map((item) => {
      const d = c.items[item.id];
      return h("li", { "data-kf-change": item.id, "data-kf-direction": d.direction || "none" }, t("change.row", { item: t(`item.${this.inst.id}.${item.id}`), ...itemChange(this.inst, t, d) }));
    });
    const o = c.overall;
    const total = h("p", { class: "kf-ex-total", "data-kf-change-total": r, "data-kf-direction": o.direction || "none" }, h("strong", { text: t("change.total", totalChange(t, o, a.scores.before[r].max)) }));
    return h("div", { class: "kf-ex-changes", "data-kf-changes-of": r }, heading(this.level + 1, t(`rater.${r}`)), rows.length ? h("ul", {}, rows) : h("p", { text: t("changes.empty") }), total);
  }

  gapOf(a, m) {
    const t = this.t;
    const g = a.gaps[m];
    const moment = t(`moment.${m}`);
    if (g.biggest === null) return h("p", { "data-kf-gap": m, text: t("gaps.wait", { moment }) });
    if (g.biggest === 0) return h("p", { "data-kf-gap": m, "data-kf-biggest": "0", text: t("gaps.none", { moment }) });
    const [first, second] = this.inst.raters;
    return h(
      "div",
      { "data-kf-gap": m, "data-kf-biggest": String(g.biggest) },
      h("p", { text: t(g.biggest === 1 ? "gaps.biggest.one" : "gaps.biggest", { moment, n: g.biggest }) }),
      h("ul", {}, g.at.map((item) => h("li", { "data-kf-gap-item": item, text: t("gaps.item", { item: t(`item.${this.inst.id}.${item}`), a: a.ratings[m][first][item], b: a.ratings[m][second][item] }) }))),
    );
  }
}

/** Mounts the check named by host.options.instrument in `root`; `host` is in ../host/README.md. */
export function mountInstrument(root, host) {
  const view = new Check(root, host);
  return view.mount(rules.PREFIX + view.inst.id);
}
