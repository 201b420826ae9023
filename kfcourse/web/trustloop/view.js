// Every screen of the trust-building loop simulator, written once for both hosts (the book page
// and anywidget). The rules come from rules.js; the words from the catalogue's `trustloop`
// section; where the game and the journal live is the host's business (README.md).
import { ExerciseView } from "../host/exercise-view.js";
import { h, heading, uid } from "../roleplay/dom.js";
import * as rules from "./rules.js";

const EMPTY = { seed: null, picks: [], ratings: null, run: null };

class TrustLoop extends ExerciseView {
  constructor(root, host) {
    super(root, host);
    this.pending = { clinician: null, patient: null }; // this round's proposals, not yet played
    this.busy = false;
  }

  copy(state) {
    return {
      seed: state.seed,
      picks: state.picks.map((p) => [p[0], p[1]]),
      ratings: state.ratings ? { ...state.ratings } : null,
      run: state.run || null,
    };
  }

  check(s) {
    return rules.answer(s.seed, s.picks || [], s.ratings || null);
  }

  restore(raw) {
    if (raw.seed === null || raw.seed === undefined) return null;
    this.check(raw);
    return this.copy({ ...EMPTY, ...raw });
  }

  fresh() {
    return { ...EMPTY, seed: this.newSeed() };
  }

  newSeed() {
    return this.host.newSeed ? this.host.newSeed() : rules.randomSeed();
  }

  get game() {
    return this.answer();
  }

  // -- asking the host --------------------------------------------------------------------
  /** One step of the game: shown at once, sent whole, and taken back if the host refuses. */
  async propose(next, announce, focusAfter) {
    if (this.busy) return;
    this.busy = true;
    const before = this.state;
    this.state = this.copy(next);
    this.alert.textContent = "";
    this.sync(focusAfter);
    if (announce) this.say(announce);
    const reply = await this.ask(this.copy(next));
    this.busy = false;
    if (!this.alive) return;
    if (reply && reply.ok) {
      this.accepted = this.copy(reply.state);
      this.state = this.copy(reply.state);
      if (reply.warning) this.alert.textContent = reply.warning;
      if (this.state.run !== before.run || JSON.stringify(next) !== JSON.stringify(this.state)) this.sync(focusAfter);
    } else this.refused(reply);
  }

  playRound() {
    const t = this.t;
    for (const role of rules.ROLES) {
      if (!this.pending[role]) {
        this.alert.textContent = t("round.missing", { who: t(`role.${role}.short`) });
        const first = this.root.querySelector(`input[data-kf-aim="${role}"]`);
        if (first) first.focus();
        return;
      }
    }
    const picks = [...this.state.picks, [this.pending.clinician, this.pending.patient]];
    const next = { ...this.state, picks };
    const game = rules.answer(next.seed, picks, next.ratings);
    const r = game.rounds[game.rounds.length - 1];
    this.pending = { clinician: null, patient: null };
    const announce = t("round.announce", {
      n: r.round,
      result: t(r.success ? "round.met" : "round.missed"),
      change: this.changeWords(r.change),
      value: r.trust,
      band: t(`band.${rules.band(r.trust)}`),
    });
    this.propose(next, announce, `[data-kf-round="${r.round}"] .kf-ex-round-heading`);
  }

  undo() {
    if (!this.state.picks.length) return;
    const n = this.state.picks.length;
    this.pending = { clinician: null, patient: null };
    this.propose({ ...this.state, picks: this.state.picks.slice(0, -1), ratings: null }, this.t("undo.announce", { n }), "[data-kf-play]");
  }

  restart(seed) {
    this.pending = { clinician: null, patient: null };
    this.propose({ seed, picks: [], ratings: null, run: null }, this.t("draw.announce", { seed }), "[data-kf-draw-number]");
  }

  rate(name, value) {
    const ratings = { ...(this.state.ratings || {}), [name]: value };
    this.propose({ ...this.state, ratings }, null, `input[data-kf-rating="${name}"][value="${value}"]`);
  }

  // -- words --------------------------------------------------------------------------------
  changeWords(delta) {
    if (delta > 0) return this.t("change.up", { n: delta });
    if (delta < 0) return this.t("change.down", { n: -delta });
    return this.t("change.same");
  }

  effectWords(n) {
    if (n > 0) return this.t("effect.plus", { n });
    if (n < 0) return this.t("effect.minus", { n: -n });
    return this.t("effect.zero");
  }

  // -- the screen ---------------------------------------------------------------------------
  build() {
    this.body = h("div", { class: "kf-ex-body" });
    return this.body;
  }

  sync(focusSelector) {
    const game = this.game;
    this.body.replaceChildren(
      this.rulesBox(),
      this.drawLine(),
      this.meter(game),
      this.log(game),
      game.completed ? this.ending(game) : this.roundForm(game),
      h("p", { class: "kf-ex-kept" }, this.t("kept"), " ", this.host.journalLink ? h("a", { href: this.host.journalLink, text: this.t("journal") }) : null),
    );
    if (focusSelector) {
      const node = this.root.querySelector(focusSelector);
      if (node) node.focus();
    }
  }

  rulesBox() {
    const t = this.t;
    return h(
      "section",
      { class: "kf-ex-rules", "data-kf-rules": "", "aria-label": t("rules.heading") },
      heading(this.level, t("rules.heading")),
      h(
        "ul",
        {},
        h("li", { text: t("rules.aims") }),
        h("li", { text: t("rules.roll", { helps: rules.HELPS_FROM, hinders: this.effectWords(rules.HINDERS_FROM) }) }),
        h("li", { text: t("rules.target", rules.TARGET) }),
        h("li", { text: t("rules.trust", rules.TRUST) }),
        h("li", { text: t("rules.inertia") }),
      ),
      h("p", { class: "kf-ex-note", text: t("rules.illustrative") }),
    );
  }

  drawLine() {
    const t = this.t;
    const seed = this.state.seed;
    return h(
      "div",
      { class: "kf-ex-draw" },
      h("p", { tabindex: "-1", "data-kf-draw-number": String(seed), text: t("draw.text", { seed }) }),
      h(
        "div",
        { class: "kf-ex-buttons" },
        this.button(t("draw.again"), () => this.restart(seed), { "data-kf-restart": "" }),
        this.button(t("draw.new"), () => this.restart(this.newSeed()), { "data-kf-new-draw": "" }),
      ),
    );
  }

  meter(game) {
    const t = this.t;
    const value = game.trust_end;
    const words = t(`band.${rules.band(value)}`);
    const label = uid("kf-ex-meter");
    const percent = ((value - rules.TRUST.min) / (rules.TRUST.max - rules.TRUST.min)) * 100;
    const played = game.rounds.length;
    return h(
      "div",
      { class: "kf-ex-meters" },
      h(
        "div",
        {
          class: "kf-ex-meter",
          role: "meter",
          "data-kf-measure": "trust",
          "aria-labelledby": label,
          "aria-valuemin": rules.TRUST.min,
          "aria-valuemax": rules.TRUST.max,
          "aria-valuenow": value,
          "aria-valuetext": t("meter.valuetext", { value, band: words }),
        },
        h("span", { id: label, class: "kf-ex-meter-name", text: t("meter.trust") }),
        h("span", { class: "kf-ex-meter-track", "aria-hidden": "true" }, h("span", { class: "kf-ex-meter-fill", style: `width: ${percent}%` })),
        h("span", { class: "kf-ex-meter-reading", "aria-hidden": "true" }, h("strong", { text: String(value) }), ` (${words})`),
      ),
      h("p", { class: "kf-ex-progress", "data-kf-progress": String(played), text: game.completed ? t("progress.done", { rounds: rules.ROUNDS }) : t("progress", { n: played + 1, rounds: rules.ROUNDS }) }),
    );
  }

  log(game) {
    const t = this.t;
    const items = game.rounds.map((r) => {
      const lines = [
        h("p", { text: r.clinician === r.patient ? t("round.agreed", { aim: t(`aim.${r.aim}.lower`) }) : t("round.modest", { clinician: t(`aim.${r.clinician}.lower`), patient: t(`aim.${r.patient}.lower`), aim: t(`aim.${r.aim}.lower`) }) }),
        h("p", { "data-kf-card": r.card, text: t("round.card", { card: t(`card.${r.card}`), effect: this.effectWords(rules.DECK.find((c) => c.id === r.card).effect) }) }),
        h("p", { text: t("round.roll", { roll: r.roll, effect: this.effectWords(r.total - r.roll - r.bonus), bonus: this.effectWords(r.bonus), total: r.total, target: r.target }) }),
        h("p", { class: r.success ? "kf-ex-met" : "kf-ex-missed", "data-kf-outcome": r.success ? "met" : "missed" }, h("strong", { text: t(r.success ? "round.met" : "round.missed") }), " ", t("round.trust", { change: this.changeWords(r.change), value: r.trust, band: t(`band.${rules.band(r.trust)}`) })),
        r.inertia ? h("p", { class: "kf-ex-inertia", "data-kf-inertia": "", text: t("round.inertia") }) : null,
      ];
      return h("li", { class: "kf-ex-round", "data-kf-round": String(r.round) }, heading(this.level + 1, t("round.heading", { n: r.round }), { class: "kf-ex-round-heading kf-rp-heading" }), lines);
    });
    return h(
      "section",
      { class: "kf-ex-log", "aria-label": t("log.heading") },
      heading(this.level, t("log.heading")),
      items.length ? h("ol", { class: "kf-ex-rounds" }, items) : h("p", { text: t("log.empty") }),
      items.length ? this.button(t("undo"), () => this.undo(), { "data-kf-undo": "" }) : null,
    );
  }

  roundForm(game) {
    const t = this.t;
    const n = game.rounds.length + 1;
    const drawn = rules.draw(this.state.seed).cards.slice(0, game.rounds.length);
    const groups = rules.ROLES.map((role) => {
      const name = `kf-ex-${role}-${uid("g")}`;
      return h(
        "fieldset",
        { class: "kf-ex-aims", "data-kf-role": role },
        h("legend", { text: t(`role.${role}`) }),
        rules.AIMS.map((aim) => {
          const id = uid("kf-ex-aim");
          const chanceText = t("aim.chance", { percent: rules.percent(...rules.chance(aim, game.trust_end, drawn)) });
          return h(
            "div",
            { class: "kf-ex-option" },
            h("input", {
              type: "radio",
              id,
              name,
              value: aim,
              "data-kf-aim": role,
              checked: this.pending[role] === aim,
              on: { change: () => { this.pending[role] = aim; this.alert.textContent = ""; } },
            }),
            h("label", { for: id }, h("strong", { text: t(`aim.${aim}`) }), ` (${chanceText})`),
          );
        }),
      );
    });
    return h(
      "section",
      { class: "kf-ex-form", "aria-label": t("round.heading", { n }) },
      heading(this.level, t("round.heading", { n })),
      groups,
      this.button(t("round.play", { n }), () => this.playRound(), { "data-kf-play": "", class: "kf-ex-button kf-ex-primary" }),
    );
  }

  ending(game) {
    const t = this.t;
    const met = game.rounds.filter((r) => r.success).length;
    const groups = rules.RATINGS.map((name) => {
      const groupName = `kf-ex-rate-${name}-${uid("g")}`;
      const current = game.ratings[name];
      return h(
        "fieldset",
        { class: "kf-ex-rating", "data-kf-rating-group": name },
        h("legend", { text: t(`rate.${name}`) }),
        [1, 2, 3, 4, 5].map((value) => {
          const id = uid("kf-ex-rate");
          return h(
            "div",
            { class: "kf-ex-option" },
            h("input", { type: "radio", id, name: groupName, value: String(value), "data-kf-rating": name, checked: current === value, on: { change: () => this.rate(name, value) } }),
            h("label", { for: id, text: t(`rate.value.${value}`) }),
          );
        }),
      );
    });
    return h(
      "section",
      { class: "kf-ex-end", "data-kf-ending": "", "aria-label": t("end.heading") },
      heading(this.level, t("end.heading")),
      h("p", { text: t("end.summary", { start: game.trust_start, end: game.trust_end, band: t(`band.${rules.band(game.trust_end)}`), met, rounds: rules.ROUNDS }) }),
      h("p", { text: t("end.loop") }),
      heading(this.level + 1, t("rate.heading")),
      h("p", { class: "kf-ex-note", text: t("rate.intro") }),
      groups,
    );
  }

  button(text, onClick, attrs) {
    return h("button", { type: "button", class: "kf-ex-button", ...(attrs || {}), on: { click: onClick }, text });
  }
}

/** Mounts the simulator in `root`; `host` is described in README.md. */
export function mountTrustLoop(root, host) {
  return new TrustLoop(root, host).mount(rules.EXERCISE);
}
