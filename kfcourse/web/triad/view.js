// Every screen of the "Three-talk triad", written once for both hosts (the book page and
// anywidget). The rules come from rules.js, the words from the catalogue's `triad` section; where
// the answer and the journal live is the host's business (../host/README.md). Learner text is
// only ever set as text. While the patient rates, the clinician's predictions are not in the page.
import { ExerciseView } from "../host/exercise-view.js";
import { h, heading, uid } from "../roleplay/dom.js";
import * as rules from "./rules.js";

const SCALE = Array.from({ length: rules.SCALE_MAX + 1 }, (_, i) => i);

function blankRatings() {
  return Object.fromEntries(rules.ITEMS.map((i) => [i, null]));
}

function copyRotation(r) {
  const given = r || {};
  const predicted = blankRatings();
  const rated = blankRatings();
  for (const i of rules.ITEMS) {
    if (given.predicted && Number.isInteger(given.predicted[i])) predicted[i] = given.predicted[i];
    if (given.rated && Number.isInteger(given.rated[i])) rated[i] = given.rated[i];
  }
  const tally = Object.fromEntries(rules.CHECKLIST.map((b) => [b, (given.tally && given.tally[b]) || 0]));
  return { stage: given.stage || "predict", predicted, rated, tally };
}

class Triad extends ExerciseView {
  constructor(root, host) {
    super(root, host);
    this.shown = null; // which round and stage the screen is built for
  }

  copy(s) {
    const rotations = Array.isArray(s.rotations) && s.rotations.length ? s.rotations.map(copyRotation) : [copyRotation({})];
    return { rotations, notes: s.notes || "", run: s.run || null };
  }

  check(s) {
    return rules.answer(s.rotations || null, s.notes || "");
  }

  /** The triad shows its state again once the host has kept it. */
  saved() {
    super.saved();
    this.sync();
  }

  current() {
    return this.state.rotations[this.state.rotations.length - 1];
  }

  // -- building -----------------------------------------------------------------------------
  build() {
    const t = this.t;
    const notesId = uid("kf-ex-notes");
    this.round = h("div", { class: "kf-ex-round", "data-kf-round-holder": "" });
    this.rounds = h("div", { class: "kf-ex-rounds", "data-kf-rounds": "" });
    this.notes = h("textarea", {
      id: notesId,
      rows: "4",
      maxlength: String(rules.NOTES_MAX),
      "data-kf-notes": "",
      on: this.typing("notes", (s) => s.notes, (s, value) => { s.notes = value; }),
    });
    this.statusLine(t("status.kept"), (a) => t(a.finished ? "status.finished" : "status.saved"));
    this.again = h("button", { type: "button", class: "kf-ex-button", "data-kf-new-attempt": "", on: { click: () => this.startAgain() }, text: t("again") });
    return h(
      "div",
      { class: "kf-ex-body" },
      h("p", { text: t("intro") }),
      h("p", { text: t("scenario") }),
      h("p", { class: "kf-ex-note", "data-kf-training": "", text: t("training") }),
      this.round,
      this.rounds,
      heading(this.level, t("notes.heading")),
      h("div", { class: "kf-ex-control kf-ex-wide" }, h("label", { for: notesId, text: t("notes.label") }), this.notes),
      heading(this.level, t("scoring.heading")),
      h("p", { "data-kf-scoring": "", text: t("scoring", { max: rules.TOTAL_MAX }) }),
      h("p", { class: "kf-ex-note", text: t("source") }),
      this.status,
      this.again,
      this.host.journalLink ? h("p", {}, h("a", { href: this.host.journalLink, text: t("journal") })) : null,
    );
  }

  /** The current round's part of the screen, built again only when its round or stage changes. */
  buildRound() {
    const t = this.t;
    const n = this.state.rotations.length;
    const stage = this.current().stage;
    this.controls = { predict: {}, rate: {}, count: {}, undo: {}, counted: {}, talkCounted: {} };
    this.result = null;
    const parts = [
      heading(this.level, t(`stage.${stage}`, { n }), { "data-kf-stage": stage, "data-kf-round": String(n) }),
      n > 1 && stage === "predict" ? h("p", { "data-kf-swap": "", text: t("swap") }) : null,
    ];
    if (stage === "predict") {
      parts.push(
        h("p", { text: t("predict.talk") }),
        this.buildTally(),
        heading(this.level + 1, t("predict.heading")),
        h("p", { text: t("predict.intro") }),
        rules.ITEMS.map((item, i) => this.buildScale("predict", item, i)),
        h("button", { type: "button", class: "kf-ex-button kf-ex-primary", "data-kf-handover": "", on: { click: () => this.handOver() }, text: t("handover") }),
      );
    } else if (stage === "rate") {
      parts.push(
        h("p", { text: t("rate.intro") }),
        rules.ITEMS.map((item, i) => this.buildScale("rate", item, i)),
        h("button", { type: "button", class: "kf-ex-button kf-ex-primary", "data-kf-show-result": "", on: { click: () => this.showResult() }, text: t("result.show") }),
      );
    } else {
      this.result = h("div", { class: "kf-ex-result", "data-kf-result": "" });
      parts.push(this.result, this.buildTally());
      if (n < rules.ROTATIONS_MAX) {
        parts.push(h("button", { type: "button", class: "kf-ex-button kf-ex-primary", "data-kf-next-round": "", on: { click: () => this.nextRound() }, text: t("next", { n: n + 1 }) }));
      } else parts.push(h("p", { text: t("last") }));
    }
    return parts;
  }

  buildScale(role, item, index) {
    const t = this.t;
    const name = uid(`kf-ex-${role}`);
    const radios = SCALE.map((value) => {
      const id = uid("kf-ex-radio");
      const input = h("input", {
        type: "radio",
        id,
        name,
        value: String(value),
        [`data-kf-${role}`]: item,
        on: { change: () => this.rate(role, item, value) },
      });
      this.controls[role][`${item}:${value}`] = input;
      return h("div", { class: "kf-ex-option" }, input, h("label", { for: id, text: t("answer.option", { n: value, words: t(`answer.${value}`) }) }));
    });
    return h(
      "fieldset",
      { class: "kf-ex-item", "data-kf-item": item, "data-kf-role": role },
      h("legend", { text: t("item.legend", { n: index + 1, question: t(`item.${item}`) }) }),
      role === "predict" ? h("p", { class: "kf-ex-note", text: t("predict.each") }) : null,
      radios,
    );
  }

  buildTally() {
    const t = this.t;
    const groups = rules.TALKS.map((talk) => {
      this.controls.talkCounted[talk] = h("p", { class: "kf-ex-note", "data-kf-talk-count": talk });
      const rows = rules.BEHAVIOURS[talk].map((b) => {
        const label = uid("kf-ex-behaviour");
        this.controls.counted[b] = h("strong", { class: "kf-ex-count", "data-kf-counted": b });
        this.controls.count[b] = h("button", { type: "button", class: "kf-ex-button", "data-kf-count": b, "aria-label": t("count.label", { behaviour: t(`behaviour.${b}`) }), on: { click: () => this.count(b, 1) }, text: t("count") });
        this.controls.undo[b] = h("button", { type: "button", class: "kf-ex-button", "data-kf-undo": b, "aria-label": t("undo.label", { behaviour: t(`behaviour.${b}`) }), on: { click: () => this.count(b, -1) }, text: t("undo") });
        return h(
          "li",
          { class: "kf-ex-behaviour", "data-kf-behaviour": b },
          h("span", { id: label, text: t(`behaviour.${b}`) }),
          h("span", { class: "kf-ex-tally-row" }, h("span", { class: "kf-ex-count-box" }, t("count.seen"), " ", this.controls.counted[b]), this.controls.count[b], this.controls.undo[b]),
        );
      });
      return h("fieldset", { class: "kf-ex-talk", "data-kf-talk": talk }, h("legend", { text: t(`talk.${talk}`) }), h("p", { class: "kf-ex-note", text: t(`talk.${talk}.about`) }), h("ul", { class: "kf-ex-checklist" }, rows), this.controls.talkCounted[talk]);
    });
    return h("section", { class: "kf-ex-tally", "data-kf-tally": "", "aria-label": this.t("tally.heading") }, heading(this.level + 1, t("tally.heading")), h("p", { text: t("tally.intro") }), groups);
  }

  // -- learner actions ----------------------------------------------------------------------
  rate(role, item, value) {
    const key = role === "predict" ? "predicted" : "rated";
    this.change((s) => {
      s.rotations[s.rotations.length - 1][key][item] = value;
    });
  }

  count(behaviour, step) {
    const t = this.t;
    const now = this.current().tally[behaviour] + step;
    if (now < 0) {
      this.say(t("undo.none", { behaviour: t(`behaviour.${behaviour}`) }));
      return;
    }
    this.change((s) => {
      s.rotations[s.rotations.length - 1].tally[behaviour] = now;
    }, t(step > 0 ? "count.announce" : "undo.announce", { behaviour: t(`behaviour.${behaviour}`), n: now }));
  }

  missing(key) {
    return rules.ITEMS.filter((i) => this.current()[key][i] === null).length;
  }

  handOver() {
    const left = this.missing("predicted");
    if (left) {
      this.alert.textContent = this.t("handover.first", { n: left });
      return;
    }
    this.moveTo("rate", this.t("handover.announce"));
  }

  showResult() {
    const left = this.missing("rated");
    if (left) {
      this.alert.textContent = this.t("result.first", { n: left });
      return;
    }
    this.moveTo("result", this.t("result.announce"));
  }

  moveTo(stage, announce) {
    if (this.change((s) => { s.rotations[s.rotations.length - 1].stage = stage; }, announce)) this.focusStage();
  }

  nextRound() {
    if (this.change((s) => { s.rotations.push(copyRotation({})); }, this.t("next.announce", { n: this.state.rotations.length + 1 }))) this.focusStage();
  }

  startAgain() {
    this.stopTyping();
    this.accepted = this.copy({});
    this.state = this.copy({});
    this.notes.value = "";
    this.status.textContent = this.t("status.kept");
    this.alert.textContent = "";
    this.sync();
    this.say(this.t("again.announce"));
    this.focusStage();
    this.sendLater(); // the host forgets the finished triad's place
  }

  focusStage() {
    const title = this.round.querySelector("[data-kf-stage]");
    if (title) title.focus();
  }

  // -- showing the state ----------------------------------------------------------------------
  sync() {
    const a = this.answer();
    const r = this.current();
    const key = `${this.state.rotations.length}:${r.stage}`;
    if (this.shown !== key) {
      this.shown = key;
      this.round.replaceChildren(...this.buildRound().flat().filter(Boolean));
    }
    for (const role of ["predict", "rate"]) {
      const values = role === "predict" ? r.predicted : r.rated;
      for (const [k, input] of Object.entries(this.controls[role])) {
        const [item, value] = k.split(":");
        input.checked = values[item] === Number(value);
      }
    }
    const here = a.rotations[a.rotations.length - 1];
    for (const b of Object.keys(this.controls.counted)) {
      this.controls.counted[b].textContent = String(r.tally[b]);
      this.controls.undo[b].setAttribute("aria-disabled", String(r.tally[b] === 0));
    }
    for (const talk of Object.keys(this.controls.talkCounted)) {
      this.controls.talkCounted[talk].textContent = this.t("talk.counted", { talk: this.t(`talk.${talk}`), n: here.talks[talk] });
    }
    if (this.result) this.result.replaceChildren(...this.resultParts(here).filter(Boolean));
    this.rounds.replaceChildren(...this.roundsParts(a));
    if (this.notes.value !== a.notes && document.activeElement !== this.notes) this.notes.value = a.notes;
    this.again.hidden = !a.finished;
  }

  rating(value) {
    return this.t("answer.option", { n: value, words: this.t(`answer.${value}`) });
  }

  gapWords(gap) {
    if (gap === 0) return this.t("gap.same");
    return this.t(gap > 0 ? "gap.higher" : "gap.lower", { n: Math.abs(gap), signed: gap > 0 ? `+${gap}` : String(gap) });
  }

  meter(name, label, value) {
    const t = this.t;
    const id = uid("kf-ex-meter");
    const words = t("total.value", { n: value, max: rules.TOTAL_MAX });
    return h(
      "div",
      { class: "kf-ex-meter", role: "meter", "aria-labelledby": id, "aria-valuemin": "0", "aria-valuemax": String(rules.TOTAL_MAX), "aria-valuenow": String(value), "aria-valuetext": words, "data-kf-total": name },
      h("span", { id, class: "kf-ex-meter-name", text: label }),
      h("span", { class: "kf-ex-meter-track", "aria-hidden": "true" }, h("span", { class: "kf-ex-meter-fill", style: `width: ${Math.round((100 * value) / rules.TOTAL_MAX)}%` })),
      h("span", { class: "kf-ex-meter-reading", "aria-hidden": "true", text: words }),
    );
  }

  resultParts(r) {
    const t = this.t;
    const rows = rules.ITEMS.map((item, i) =>
      h(
        "tr",
        { "data-kf-gap": item, "data-kf-gap-value": String(r.gaps[item]) },
        h("th", { scope: "row", text: t("item.short", { n: i + 1, name: t(`item.${item}.short`) }) }),
        h("td", { text: this.rating(r.predicted[item]) }),
        h("td", { text: this.rating(r.rated[item]) }),
        h("td", { text: this.gapWords(r.gaps[item]) }),
      ),
    );
    const gaps = rules.ITEMS.map((i) => r.gaps[i]);
    const talks = rules.TALKS.map((talk) =>
      h("li", { "data-kf-talk-result": talk, "data-kf-value": String(r.talks[talk]) }, t(r.talks[talk] ? "talk.result" : "talk.none", { talk: t(`talk.${talk}`), n: r.talks[talk] })),
    );
    return [
      heading(this.level + 1, t("result.heading")),
      h(
        "div",
        { class: "kf-ex-scroll", tabindex: "0", role: "region", "aria-label": t("result.caption") },
        h(
          "table",
          { class: "kf-ex-grid kf-ex-gaps", "data-kf-gaps": "" },
          h("caption", { text: t("result.caption") }),
          h("thead", {}, h("tr", {}, ["result.item", "result.predicted", "result.rated", "result.gap"].map((k) => h("th", { scope: "col", text: t(k) })))),
          h("tbody", {}, rows),
          h("tfoot", {}, h("tr", { "data-kf-gap": "total", "data-kf-gap-value": String(r.gap_total) }, h("th", { scope: "row", text: t("result.total") }), h("td", { text: t("total.value", { n: r.predicted_total, max: rules.TOTAL_MAX }) }), h("td", { text: t("total.value", { n: r.rated_total, max: rules.TOTAL_MAX }) }), h("td", { text: this.gapWords(r.gap_total) }))),
        ),
      ),
      this.meter("predicted", t("result.predicted.total"), r.predicted_total),
      this.meter("rated", t("result.rated.total"), r.rated_total),
      h("p", { "data-kf-gap-summary": "", text: t("gap.summary", { higher: gaps.filter((g) => g > 0).length, lower: gaps.filter((g) => g < 0).length, same: gaps.filter((g) => g === 0).length }) }),
      h("p", { "data-kf-top": String(r.top_ratings), text: t("top", { n: r.top_ratings, items: rules.ITEMS.length }) }),
      heading(this.level + 1, t("talks.heading")),
      h("ul", { "data-kf-talks": "" }, talks),
      r.complete ? null : h("p", { class: "kf-ex-note", "data-kf-need-tally": "", text: t("tally.needed") }),
      heading(this.level + 1, t("discuss.heading")),
      h("ul", { class: "kf-ex-prompts", "data-kf-prompts": "" }, ["discuss.gap", "discuss.power", "discuss.ceiling", "discuss.trust"].map((k) => h("li", { text: t(k) }))),
    ];
  }

  roundsParts(a) {
    const t = this.t;
    const done = a.rotations.filter((r) => r.stage === "result");
    if (done.length < 2) return [];
    return [
      heading(this.level, t("rounds.heading")),
      h(
        "div",
        { class: "kf-ex-scroll", tabindex: "0", role: "region", "aria-label": t("rounds.caption") },
        h(
          "table",
          { class: "kf-ex-grid kf-ex-rounds-table", "data-kf-compare-rounds": "" },
          h("caption", { text: t("rounds.caption") }),
          h("thead", {}, h("tr", {}, ["rounds.round", "result.predicted", "result.rated", "result.gap", "rounds.counted"].map((k) => h("th", { scope: "col", text: t(k) })))),
          h(
            "tbody",
            {},
            done.map((r, i) =>
              h(
                "tr",
                { "data-kf-round-row": String(i + 1) },
                h("th", { scope: "row", text: t("rounds.n", { n: i + 1 }) }),
                h("td", { text: t("total.value", { n: r.predicted_total, max: rules.TOTAL_MAX }) }),
                h("td", { text: t("total.value", { n: r.rated_total, max: rules.TOTAL_MAX }) }),
                h("td", { text: this.gapWords(r.gap_total) }),
                h("td", { text: t("rounds.talks", { team: r.talks.team, option: r.talks.option, decision: r.talks.decision }) }),
              ),
            ),
          ),
        ),
      ),
    ];
  }
}

/** Mounts the exercise in `root`; `host` is described in ../host/README.md. */
export function mountTriad(root, host) {
  return new Triad(root, host).mount(rules.EXERCISE);
}
