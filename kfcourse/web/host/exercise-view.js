// What every chapter exercise's screen (view.js) does the same way, written once: the root and its
// alert and live region, resuming a state the rules accept, showing each change at once and
// asking the host to keep it (a refusal puts the last accepted state back with the reason), the
// pause before typed text is kept, and stopping. The contract with the hosts is in README.md.
// The only word shown here is the catalogue's `refused`, asked of the exercise's own section
// through this.t; the status line's words are the exercise's (statusLine).
import { h, translator } from "../roleplay/dom.js";

export const SAVE_DELAY_MS = 600; // typing pauses this long before the text is kept

/**
 * The base of an exercise's screen. A view `extends ExerciseView` (a constructor of its own, if
 * any, calls `super(root, host)` and sets what its hooks need), and its `mountX(root, host)` is
 * `new X(root, host).mount(exerciseId)`. Its hooks:
 *
 * - `copy(state)`: a full working state (a deep copy) from any, partial, one, `{}` included;
 * - `check(state)`: the rules' answer for a state, or throws the rules' refusal (its message is
 *   shown in the alert); `restore(raw)` by default checks the resumed state, then copies it;
 * - `build()`: the exercise's own part of the screen, built once (with its status line, if it
 *   has one, from `statusLine`); `sync()`: shows `this.state` in it;
 * - `fresh()`: the state to begin with when there is nothing to resume (by default `copy({})`).
 */
export class ExerciseView {
  constructor(root, host) {
    this.root = root;
    this.host = host;
    this.t = translator(host.messages);
    this.level = (host.options && host.options.headingLevel) || 3;
    this.alive = true;
    this.timers = new Map(); // text box -> its pending save
    this.queue = Promise.resolve(); // the commits, one after another
  }

  /**
   * Resumes or begins the state, marks the root `data-kf-exercise=<exercise>` and builds the
   * screen; returns what `mountX(root, host)` returns: {view, alert, state (the one shown),
   * destroy()}.
   */
  mount(exercise) {
    this.accepted = this.resumed() || this.fresh();
    this.state = this.copy(this.accepted);
    this.root.setAttribute("data-kf-exercise", exercise);
    this.root.classList.add("kf-ex");
    this.alert = h("p", { class: "kf-ex-alert", role: "alert", "data-kf-alert": "" });
    this.live = h("p", { class: "kf-ex-live", "aria-live": "polite", "data-kf-live": "" });
    this.root.replaceChildren(this.build(), this.alert, this.live);
    this.sync();
    const view = this;
    return { view, alert: view.alert, get state() { return view.state; }, destroy: () => view.destroy() };
  }

  /** The host's state to resume, or null when there is none or the rules cannot replay it. */
  resumed() {
    if (!this.host.restored) return null;
    try {
      return this.restore(this.host.restored);
    } catch (error) {
      return null; // a saved answer these rules refuse starts afresh
    }
  }

  restore(raw) {
    this.check(raw);
    return this.copy(raw);
  }

  fresh() {
    return this.copy({});
  }

  answer() {
    return this.check(this.state);
  }

  /**
   * The `[data-kf-status]` line, for build() to place: `kept` at first, then, each time the host
   * keeps a state, `savedWords(answer)` (the exercise's words for a draft or a finished answer).
   */
  statusLine(kept, savedWords) {
    this.savedWords = savedWords;
    this.status = h("p", { class: "kf-ex-status", "data-kf-status": "", text: kept });
    return this.status;
  }

  // -- asking the host --------------------------------------------------------------------
  /**
   * One change: `mutate` a copy of the state; if the rules accept it, show it at once (and say
   * `announce`, if given) and queue its commit. Returns whether the rules accepted it.
   */
  change(mutate, announce) {
    const next = this.copy(this.state);
    mutate(next);
    try {
      this.check(next);
    } catch (error) {
      this.alert.textContent = error.message;
      return false;
    }
    this.state = next;
    this.alert.textContent = "";
    this.sync();
    if (announce) this.say(announce);
    this.sendLater();
    return true;
  }

  /** Queues a commit of the state as it will be then. */
  sendLater() {
    this.queue = this.queue.then(() => this.send());
  }

  /** Commits the state (with the last accepted `run`); keeps the host's answer or takes it back. */
  async send() {
    const sent = this.copy(this.state);
    sent.run = this.accepted.run;
    const reply = await this.ask(sent);
    if (!this.alive) return;
    if (reply && reply.ok) {
      this.accepted = this.copy(reply.state);
      this.state.run = this.accepted.run;
      if (reply.warning) this.alert.textContent = reply.warning;
      this.saved();
    } else this.refused(reply);
  }

  /** The host's reply to `host.commit(state)`; a commit that throws is a refusal. */
  async ask(state) {
    try {
      return await this.host.commit(state);
    } catch (error) {
      return { ok: false, reason: error && error.message ? error.message : String(error) };
    }
  }

  /** The host kept the state: the status line says so. */
  saved() {
    if (this.status) this.status.textContent = this.savedWords(this.answer());
  }

  /** The host refused: the last accepted state is shown again, with the reason. */
  refused(reply) {
    this.state = this.copy(this.accepted);
    this.sync();
    this.alert.textContent = this.t("refused", { reason: (reply && reply.reason) || "?" });
  }

  /** Says `text` in the polite live region (emptied first, so the same words are said again). */
  say(text) {
    this.live.textContent = "";
    window.setTimeout(() => {
      if (this.alive) this.live.textContent = text;
    }, 30);
  }

  // -- text ---------------------------------------------------------------------------------
  /** Runs `save` after the typing pause (one pending save per `key`), or at once when `now`. */
  later(key, now, save) {
    window.clearTimeout(this.timers.get(key));
    if (now) save();
    else this.timers.set(key, window.setTimeout(save, SAVE_DELAY_MS));
  }

  /**
   * The `on` handlers of a text box whose words are one field of the state (`get`, `put`): kept
   * after the pause while typing, at once when the box is left.
   */
  typing(key, get, put) {
    const typed = (box, now) => {
      const value = box.value;
      this.later(key, now, () => {
        if (value !== get(this.state)) this.change((s) => put(s, value));
      });
    };
    return { input: (e) => typed(e.currentTarget, false), change: (e) => typed(e.currentTarget, true) };
  }

  /** Drops every pending text save. */
  stopTyping() {
    for (const timer of this.timers.values()) window.clearTimeout(timer);
    this.timers.clear();
  }

  // -- stopping -----------------------------------------------------------------------------
  destroy() {
    this.alive = false;
    this.stopTyping();
    this.root.replaceChildren();
  }
}
