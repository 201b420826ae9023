// Every screen of the role-play player, written once for both hosts (the book page and the
// anywidget). The view shows the next state at once, by replaying its moves with the engine, and
// puts the last accepted one back if its host refuses it; see README.md for the contract and the
// test hooks (data-kf-*).
import { Session } from "./engine.js";
import { h, heading, paragraphs, textList, translator } from "./dom.js";
import { describeChanges, meterGroup, netChanges } from "./meters.js";
import { stepLines } from "./transcript.js";
import { debriefSection } from "./debrief.js";
import { compareSection, warmUp } from "./compare.js";
import { mountReflection } from "../reflection/view.js";

const ROLES = ["doctor", "patient"];

function otherRole(role) {
  return role === "doctor" ? "patient" : "doctor";
}

// Trailing steps that only the rules made (what the scripted partner did since the learner last
// acted): shown again after a reload so that the learner sees the partner's move.
function trailingRuled(trace) {
  let i = trace.length;
  while (i > 0) {
    const step = trace[i - 1];
    const pickers = Object.keys(step.picks || {});
    if (!pickers.length || !pickers.every((r) => (step.ruled || []).includes(r))) break;
    i -= 1;
  }
  return trace.slice(i);
}

function sameState(a, b) {
  const moves = (s) => JSON.stringify((s.moves || []).map((m) => [m[0], m[1]]));
  return !!a && (a.mode || null) === (b.mode || null) && moves(a) === moves(b);
}

function sameMoves(a, b) {
  return a.length <= b.length && a.every((m, i) => m[0] === b[i][0] && m[1] === b[i][1]);
}

class Player {
  constructor(root, host) {
    this.root = root;
    this.host = host;
    this.scenario = host.scenario;
    this.options = { feedback: "now", sides: ["doctor", "patient", "pair"], ...(host.options || {}) };
    this.t = translator(host.messages);
    this.level = Number(this.options.headingLevel) || 3;
    this.state = { mode: null, moves: [], run: null, follows: null };
    this.session = null;
    this.stage = "start"; // start | brief | play
    this.briefRole = null; // pair briefing: whose private brief is next (null: the shared part)
    this.shown = null; // pair play: the role the screen was last passed to
    this.recent = []; // trace steps not yet shown to the learner
    this.paused = false;
    this.busy = false;
    this.interacted = false;
    this.build();
    this.restore(host.restored);
    if (host.listRuns) warmUp();
  }

  // -- the frame: controls, live region, alerts, the screen -----------------------------------
  build() {
    const { t } = this;
    this.root.setAttribute("data-kf-player", "");
    this.root.setAttribute("data-kf-scenario", this.scenario.id);
    this.root.classList.add("kf-rp-root");
    this.root.textContent = "";
    this.live = h("div", { class: "kf-rp-live", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.alert = h("div", { class: "kf-rp-alert", role: "alert" });
    this.controls = h("div", { class: "kf-rp-controls", role: "group", "aria-label": t("controls.label") });
    this.screen = h("div", { class: "kf-rp-screen" });
    this.frame = h(
      "section",
      { class: "kf-rp", "aria-label": t("player.label", { title: this.scenario.title }), lang: this.host.messages?.language || null },
      this.controls,
      this.alert,
      this.screen,
      this.live,
    );
    this.root.appendChild(this.frame);
  }

  restore(restored) {
    if (!restored || !restored.mode) {
      this.render();
      return;
    }
    try {
      this.state = { mode: restored.mode, moves: (restored.moves || []).map((m) => [m[0], m[1]]), run: restored.run ?? null, follows: restored.follows || null };
      this.session = this.replay(this.state);
      this.stage = this.state.moves.length ? "play" : "brief";
      this.recent = trailingRuled(this.session.trace);
    } catch (error) {
      this.state = { mode: null, moves: [], run: null, follows: null };
      this.session = null;
      this.stage = "start";
      this.warn(this.t("player.failed", { reason: error.message }));
    }
    this.render();
  }

  replay(state) {
    const session = new Session(this.scenario, state.mode);
    session.replay(state.moves);
    return session;
  }

  // -- asking the host to accept the next state ------------------------------------------------
  // The next state is shown at once (the engine here plays exactly as the host's does, as the
  // vectors check), then the host is asked to accept it: a refusal puts back the state shown
  // before, with the reason. Nothing the host refuses reaches the journal either way.
  async propose(next, then) {
    if (this.busy) return;
    this.busy = true;
    this.interacted = true;
    this.root.setAttribute("aria-busy", "true");
    const before = this.snapshot();
    const shown = this.accept(next, then);
    let result;
    try {
      result = await this.host.commit(next);
    } catch (error) {
      result = { ok: false, reason: error && error.message ? error.message : String(error) };
    }
    this.busy = false;
    this.root.removeAttribute("aria-busy");
    if (!result || !result.ok) {
      this.putBack(before);
      this.warn(this.t("player.refused", { reason: (result && result.reason) || "?" }));
      this.render();
      return;
    }
    this.warn(result.warning || "");
    const same = shown && sameState(result.state, next);
    if (same) {
      this.state = { ...this.state, run: result.state.run ?? null };
    } else {
      this.putBack(before);
      this.accept(result.state, then);
    }
  }

  snapshot() {
    const { state, session, stage, briefRole, shown, recent, paused } = this;
    return { state, session, stage, briefRole, shown, recent, paused };
  }

  putBack(saved) {
    Object.assign(this, {
      state: saved.state,
      session: saved.session,
      stage: saved.stage,
      briefRole: saved.briefRole,
      shown: saved.shown,
      recent: saved.recent,
      paused: saved.paused,
    });
  }

  accept(state, then) {
    const before = this.session ? this.session.trace.length : 0;
    const grows = this.session && state.mode === this.state.mode && sameMoves(this.state.moves, state.moves);
    const next = { mode: state.mode || null, moves: (state.moves || []).map((m) => [m[0], m[1]]), run: state.run ?? null, follows: state.follows || null };
    let session = null;
    try {
      session = next.mode ? this.replay(next) : null;
    } catch (error) {
      // A state this engine cannot replay: keep showing the last one.
      this.warn(this.t("player.refused", { reason: error.message }));
      this.render();
      return false;
    }
    this.state = next;
    this.session = session;
    this.recent = grows ? this.session.trace.slice(before) : this.session ? trailingRuled(this.session.trace) : [];
    if (then) then();
    if (grows && this.recent.length) this.announceChanges();
    this.render();
    return true;
  }

  // -- moves ----------------------------------------------------------------------------------
  chooseSide(mode, follows = null) {
    this.propose({ mode, moves: [], run: null, follows }, () => {
      this.stage = "brief";
      this.briefRole = null;
      this.shown = null;
    });
  }

  choose(role, choice) {
    this.propose({ ...this.state, moves: [...this.state.moves, [role, choice]] }, () => {
      this.stage = "play";
    });
  }

  undo() {
    if (!this.state.moves.length) return;
    this.propose({ ...this.state, moves: this.state.moves.slice(0, -1) }, () => {
      this.shown = null;
      this.say(this.t("announce.undo"));
    });
  }

  // A new run linked to this one: the other side ("swap"; a pair swaps chairs) or the same again.
  playAgain(relation) {
    const mode = relation === "swap" && this.state.mode !== "pair" ? otherRole(this.state.mode) : this.state.mode;
    this.chooseSide(mode, this.state.run ? { run: this.state.run, relation } : null);
  }

  restart() {
    this.propose({ mode: null, moves: [], run: null, follows: null }, () => {
      this.stage = "start";
      this.shown = null;
      this.paused = false;
    });
  }

  // -- announcements --------------------------------------------------------------------------
  say(text) {
    // Cleared first, so that the same words are announced again when they recur.
    this.live.textContent = "";
    window.setTimeout(() => {
      this.live.textContent = text;
    }, 60);
  }

  warn(text) {
    this.alert.textContent = "";
    if (text) this.alert.appendChild(h("p", { text }));
  }

  announceChanges() {
    if (this.options.feedback === "end" && !this.session.ended) return;
    const deltas = netChanges(this.recent);
    const items = describeChanges(this.scenario, this.session.measures, deltas, this.t);
    this.say(items.length ? this.t("announce.changes", { changes: items.join("; ") }) : this.t("announce.noChange"));
  }

  // -- rendering ------------------------------------------------------------------------------
  render() {
    this.renderControls();
    this.screen.textContent = "";
    this.pending = [];
    const body = this.paused ? this.pauseScreen() : this.currentScreen();
    this.screen.appendChild(body);
    for (const mount of this.pending.splice(0)) {
      try {
        mount();
      } catch (error) {
        this.warn(this.t("player.failed", { reason: error.message }));
      }
    }
    if (this.interacted) {
      const target = this.screen.querySelector("[data-kf-focus]") || this.screen.querySelector(".kf-rp-heading");
      if (target) this.focusOn(target);
    }
  }

  // Focus moves to the new screen's heading just before that screen is first drawn (in the
  // next animation frame), not at once: focusing needs the page laid out, and asked for now it
  // would lay the page out twice (now, and again for the frame). focus() brings the heading into
  // view as before. Nothing can be pressed on the new screen before that frame; if focus went
  // elsewhere outside the player meanwhile, it is left there.
  focusOn(target) {
    if (this.focusFrame) window.cancelAnimationFrame(this.focusFrame);
    this.focusFrame = window.requestAnimationFrame(() => {
      this.focusFrame = null;
      if (!target.isConnected) return;
      const active = target.getRootNode().activeElement;
      if (active && active !== document.body && !this.root.contains(active)) return;
      target.focus();
    });
  }

  currentScreen() {
    if (!this.state.mode || this.stage === "start") return this.startScreen();
    if (this.stage === "brief") return this.briefScreen();
    if (this.session.ended) return this.endingScreen();
    const role = this.session.awaiting()[0];
    if (this.state.mode === "pair" && role && this.shown !== role) {
      return this.passScreen(role, () => {
        this.shown = role;
      });
    }
    return this.decisionScreen(role);
  }

  renderControls() {
    const { t } = this;
    this.controls.textContent = "";
    if (!this.state.mode) {
      this.controls.hidden = true;
      return;
    }
    this.controls.hidden = this.paused; // the pause screen has its own Resume button
    if (this.paused) return;
    this.controls.append(
      this.button(t("controls.pause"), () => this.pause(), { data: { kfPause: true } }),
      this.button(t("controls.undo"), () => this.undo(), { data: { kfUndo: true }, disabled: !this.state.moves.length || this.stage !== "play" }),
      this.button(t("controls.restart"), () => this.restart(), { data: { kfRestart: true } }),
    );
  }

  button(text, onClick, attrs) {
    return h("button", {
      type: "button",
      class: "kf-rp-button",
      ...(attrs || {}),
      text,
      on: {
        click: (event) => {
          event.preventDefault();
          if (this.busy) return;
          this.interacted = true;
          onClick();
        },
      },
    });
  }

  pause() {
    this.paused = true;
    this.render();
    this.say(this.t("announce.pause"));
  }

  resume() {
    this.paused = false;
    this.render();
  }

  pauseScreen() {
    const { t } = this;
    return h(
      "div",
      { class: "kf-rp-pause", data: { kfPaused: true } },
      heading(this.level, t("pause.heading")),
      paragraphs(t("pause.text")),
      this.scenario.content_note
        ? h("div", { class: "kf-rp-note" }, h("p", { class: "kf-rp-label", text: t("start.contentNote") }), paragraphs(this.scenario.content_note))
        : null,
      paragraphs(t("pause.support")),
      this.button(t("controls.resume"), () => this.resume(), { data: { kfResume: true }, class: "kf-rp-button kf-rp-primary" }),
    );
  }

  // -- choosing a side ------------------------------------------------------------------------
  startScreen() {
    const { t } = this;
    const roles = this.scenario.roles;
    const sides = this.options.sides.filter((s) => ["doctor", "patient", "pair"].includes(s));
    const other = this.host.otherScenarios;
    return h(
      "div",
      { class: "kf-rp-start" },
      heading(this.level, t("start.heading")),
      h("p", { class: "kf-rp-title", text: this.scenario.title }),
      h(
        "div",
        { class: "kf-rp-note" },
        h("p", { class: "kf-rp-label", text: t("start.contentNote") }),
        paragraphs(this.scenario.content_note || ""),
        h("p", {}, t("start.optional"), other ? " " : null, other ? h("a", { href: other, text: t("start.otherScenarios") }) : null),
      ),
      this.scenario.summary ? h("div", { class: "kf-rp-summary" }, heading(this.level + 1, t("start.summary")), paragraphs(this.scenario.summary)) : null,
      heading(this.level + 1, t("start.chooseHeading")),
      h("p", { class: "kf-rp-hint", text: t("start.chooseHint") }),
      h(
        "ul",
        { class: "kf-rp-sides" },
        sides.map((side) =>
          h(
            "li",
            {},
            this.button(side === "pair" ? t("side.pair") : t(`side.${side}`, { name: roles[side].name }), () => this.chooseSide(side), {
              data: { kfSide: side },
              class: "kf-rp-button kf-rp-side",
            }),
          ),
        ),
      ),
    );
  }

  // -- briefing -------------------------------------------------------------------------------
  briefScreen() {
    const { t } = this;
    const mode = this.state.mode;
    if (mode === "pair" && this.briefRole && this.shown !== this.briefRole) {
      const role = this.briefRole;
      return this.passScreen(role, () => {
        this.shown = role;
      });
    }
    const wrap = h("div", { class: "kf-rp-brief" }, heading(this.level, t("brief.heading")));
    if (mode === "pair" && this.briefRole) {
      const role = this.briefRole;
      wrap.append(this.roleCard(role, { own: true, private: true }));
      if (role === "doctor") {
        wrap.appendChild(this.button(t("brief.next"), () => { this.briefRole = "patient"; this.render(); }, { data: { kfNext: true }, class: "kf-rp-button kf-rp-primary" }));
      } else {
        wrap.appendChild(this.startButton());
      }
      return wrap;
    }
    if (this.state.follows && this.state.follows.relation === "swap") {
      wrap.appendChild(h("p", { class: "kf-rp-note-text", data: { kfSwapped: "" }, text: mode === "pair" ? t("brief.swappedPair") : t("brief.swapped") }));
    }
    wrap.append(
      heading(this.level + 1, t("brief.setting")),
      ...paragraphs(this.scenario.setting),
      heading(this.level + 1, t("brief.problem")),
      ...paragraphs(this.scenario.problem),
    );
    if (mode === "pair") {
      wrap.append(
        ...ROLES.map((r) => this.roleCard(r, { own: false, private: false, full: true })),
        h("p", { text: t("brief.pairIntro") }),
        this.button(t("brief.next"), () => { this.briefRole = "doctor"; this.render(); }, { data: { kfNext: true }, class: "kf-rp-button kf-rp-primary" }),
      );
    } else {
      wrap.append(this.roleCard(mode, { own: true, private: true }), this.roleCard(otherRole(mode), { own: false, private: false }), this.startButton());
    }
    return wrap;
  }

  startButton() {
    return this.button(this.t("brief.start"), () => { this.stage = "play"; this.render(); }, { data: { kfStart: true }, class: "kf-rp-button kf-rp-primary" });
  }

  roleCard(role, { own, private: showPrivate, full }) {
    const { t } = this;
    const r = this.scenario.roles[role];
    const title = own ? t("brief.you", { name: r.name }) : full ? t("brief.role", { name: r.name }) : t("brief.partner", { name: r.name });
    const card = h(
      "div",
      { class: "kf-rp-role", data: { kfRole: role } },
      heading(this.level + 1, title),
      h("p", { class: "kf-rp-role-title", text: r.title }),
      paragraphs(r.brief),
    );
    if (own || full) {
      if ((r.goals || []).length) card.append(h("p", { class: "kf-rp-label", text: t("brief.goals") }), textList(r.goals));
      if ((r.pressures || []).length) card.append(h("p", { class: "kf-rp-label", text: t("brief.pressures") }), textList(r.pressures));
    }
    if (showPrivate && (r.private || []).length) {
      card.append(
        h("div", { class: "kf-rp-private", data: { kfPrivate: role } }, h("p", { class: "kf-rp-label", text: t("brief.private", { name: r.name }) }), textList(r.private)),
      );
    }
    return card;
  }

  // -- pass the screen ------------------------------------------------------------------------
  passScreen(role, onPass) {
    const { t } = this;
    const r = this.scenario.roles[role];
    const other = this.scenario.roles[otherRole(role)];
    return h(
      "div",
      { class: "kf-rp-pass" },
      this.recentBlock(),
      heading(this.level, t("pass.heading", { name: r.name }), { "data-kf-focus": this.recent.length ? null : "" }),
      h("p", { text: t("pass.text", { name: r.name, title: r.title, other: other.name }) }),
      this.button(
        t("pass.button", { name: r.name }),
        () => {
          onPass();
          this.recent = [];
          this.render();
        },
        { data: { kfPass: role }, class: "kf-rp-button kf-rp-primary" },
      ),
    );
  }

  // -- a decision point -----------------------------------------------------------------------
  decisionScreen(role) {
    const { t } = this;
    const point = this.session.point;
    const r = this.scenario.roles[role];
    const joint = point.actor === "joint";
    let turn;
    if (!joint) turn = t("decision.turn", { name: r.name });
    else if (this.state.mode === "pair") turn = t("decision.jointTurn", { name: r.name });
    else turn = t("decision.jointSolo", { partner: this.scenario.roles[otherRole(role)].name });
    const prompt = (point.prompt && point.prompt[role]) || "";
    return h(
      "div",
      { class: "kf-rp-decision", data: { kfPoint: this.session.node, kfActor: role } },
      this.recentBlock(false),
      this.metersBlock(),
      heading(this.level, point.title || this.session.node, { "data-kf-focus": "" }),
      h("p", { class: "kf-rp-turn", text: turn }),
      paragraphs(prompt, { class: "kf-rp-prompt" }),
      h("p", { class: "kf-rp-label", id: `${this.root.id || "kf-rp"}-choices`, text: t("decision.choices") }),
      h(
        "ol",
        { class: "kf-rp-choices" },
        this.session.options().map((choice) =>
          h("li", {}, this.button(choice.text, () => this.choose(role, choice.id), { data: { kfChoice: choice.id }, class: "kf-rp-button kf-rp-choice" })),
        ),
      ),
      this.reminder(role),
    );
  }

  reminder(role) {
    const r = this.scenario.roles[role];
    const details = h("details", { class: "kf-rp-reminder" }, h("summary", { text: this.t("brief.you", { name: r.name }) }));
    details.appendChild(this.roleCard(role, { own: true, private: true }));
    return details;
  }

  metersBlock(label = true) {
    const { t } = this;
    if (this.options.feedback === "end" && !this.session.ended) {
      return h("p", { class: "kf-rp-hint kf-rp-held", text: t("meters.held") });
    }
    const trace = this.session.trace;
    const deltas = this.recent.length ? netChanges(this.recent) : trace.length ? trace[trace.length - 1].changes || {} : null;
    return h(
      "div",
      { class: "kf-rp-meters" },
      label ? h("p", { class: "kf-rp-label", text: t("meters.heading") }) : null,
      h("div", { class: "kf-rp-meter-list" }, meterGroup(this.scenario, this.session.measures, deltas, t)),
      h("p", { class: "kf-rp-hint", text: t("meters.hint") }),
    );
  }

  // What happened since the learner last looked: their own move, the partner's, impasses.
  recentBlock(focus = true) {
    if (!this.recent.length) return null;
    const { t } = this;
    const held = this.options.feedback === "end" && !this.session.ended;
    const items = this.recent.map((step) => h("li", { class: "kf-rp-step", data: { kfStep: step.n } }, stepLines(step, this.context(held))));
    return h(
      "div",
      { class: "kf-rp-recent" },
      heading(this.level, t("recent.heading"), { "data-kf-focus": focus ? "" : null }),
      h("ul", { class: "kf-rp-steps" }, items),
      held ? h("p", { class: "kf-rp-hint", text: t("recent.held") }) : null,
    );
  }

  context(held) {
    return { scenario: this.scenario, mode: this.state.mode, t: this.t, held };
  }

  // This run as an entry (the fields a comparison reads), from the session on the screen.
  currentRun() {
    const s = this.session;
    const start = {};
    for (const [key, m] of Object.entries(this.scenario.measures)) start[key] = m.start;
    return { id: this.state.run, kind: "roleplay", scenario_id: this.scenario.id, scenario_hash: this.scenario.hash ?? null, side: s.mode, trace: s.trace, measures_start: start, ending: s.ended ? s.node : null, updated: new Date().toISOString() };
  }

  // -- the ending and its debrief --------------------------------------------------------------
  endingScreen() {
    const { t } = this;
    const ending = this.session.endingSummary();
    const link = this.host.journalLink;
    const mode = this.state.mode;
    const roles = this.scenario.roles;
    const ctx = {
      ...this.context(false),
      session: this.session,
      run: this.state.run,
      follows: this.state.follows,
      level: this.level,
      host: this.host,
      citations: this.host.citations || {},
      citationLinks: !!this.host.citationLinks,
      mountReflection,
      pending: this.pending,
    };
    const swapText = mode === "pair" ? t("ending.swapPair") : t("ending.swap", { name: roles[otherRole(mode)].name });
    const replayText = mode === "pair" ? t("ending.replayPair") : t("ending.replay", { name: roles[mode].name });
    return h(
      "div",
      { class: "kf-rp-ending", data: { kfEnding: ending.id } },
      heading(this.level, t("ending.heading", { title: ending.title }), { "data-kf-focus": "" }),
      paragraphs(ending.text),
      heading(this.level + 1, t("ending.meters")),
      this.metersBlock(false),
      debriefSection(ctx),
      heading(this.level + 1, t("ending.next")),
      h(
        "ul",
        { class: "kf-rp-sides" },
        h("li", {}, this.button(swapText, () => this.playAgain("swap"), { data: { kfSwap: true }, class: "kf-rp-button kf-rp-primary" })),
        h("li", {}, this.button(replayText, () => this.playAgain("replay"), { data: { kfReplay: true }, class: "kf-rp-button" })),
        h("li", {}, this.button(t("ending.again"), () => this.restart(), { data: { kfAgain: true }, class: "kf-rp-button" })),
      ),
      this.host.listRuns && this.state.run ? compareSection({ ...ctx, scenario: this.scenario, current: this.currentRun() }) : null,
      h(
        "p",
        { class: "kf-rp-kept" },
        t("ending.kept"),
        link ? " " : null,
        link ? h("a", { href: link, text: t("ending.journal") }) : null,
      ),
    );
  }

  destroy() {
    if (this.focusFrame) window.cancelAnimationFrame(this.focusFrame);
    this.root.textContent = "";
  }
}

/** Mount the player in `root`; see README.md for `host`. Returns {destroy()}. */
export function mountPlayer(root, host) {
  const player = new Player(root, host);
  return { destroy: () => player.destroy(), player };
}
