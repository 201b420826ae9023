// The screen of "Rewrite the hero headline", written once for both hosts (the book page and
// anywidget). The rules come from rules.js, the words (the story too) from the catalogue's
// `headline` section; where the answer and the journal live is the host's business
// (../host/README.md). Learner text is only ever set as text.
import { h, heading, translator, uid } from "../roleplay/dom.js";
import * as rules from "./rules.js";

const SAVE_DELAY_MS = 600; // typing pauses this long before the text is saved
const TEXTS = ["headline", "paragraph"];

function copyState(s) {
  const ratings = {};
  for (const name of rules.RATINGS) ratings[name] = (s.ratings && s.ratings[name]) || null;
  return {
    marked: Array.isArray(s.marked) ? [...s.marked] : [],
    reveal_shown: !!s.reveal_shown,
    ratings,
    headline: s.headline || "",
    paragraph: s.paragraph || "",
    run: s.run || null,
  };
}

const check = (s) => rules.answer(s.marked, s.reveal_shown, s.ratings, s.headline, s.paragraph);

class HeroHeadline {
  constructor(root, host) {
    this.root = root;
    this.host = host;
    this.t = translator(host.messages);
    this.level = (host.options && host.options.headingLevel) || 3;
    this.alive = true;
    this.timers = {};
    this.queue = Promise.resolve();
    let restored = null;
    try {
      if (host.restored) {
        check(copyState(host.restored));
        restored = copyState(host.restored);
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
      check(next);
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
      this.status.textContent = this.t(check(this.state).finished ? "status.finished" : "status.saved");
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

  // -- building (once) ----------------------------------------------------------------------
  build() {
    const t = this.t;
    this.phraseButtons = {};
    const storyId = uid("kf-hl-story");
    // The story's headline is a heading of its own, under this part's heading.
    const headlineTag = `h${Math.max(1, Math.min(6, this.level + 1))}`;
    const paragraphs = rules.STORY.map((phrases, i) =>
      h(
        i === 0 ? headlineTag : "p",
        { class: i === 0 ? "kf-hl-headline" : "kf-hl-paragraph" },
        phrases.map((phrase, j) => {
          const button = h("button", {
            type: "button",
            class: "kf-hl-phrase",
            "aria-pressed": "false",
            "data-kf-phrase": phrase,
            on: { click: () => this.toggle(phrase) },
            text: t(`phrase.${phrase}`),
          });
          this.phraseButtons[phrase] = button;
          return j ? [" ", button] : button;
        }),
      ),
    );
    this.progress = h("p", { class: "kf-ex-progress", "data-kf-progress": "" });
    this.revealButton = h("button", { type: "button", class: "kf-ex-button kf-ex-primary", "data-kf-reveal": "", on: { click: () => this.reveal() }, text: t("reveal") });
    this.revealed = h("section", { class: "kf-ex-reference", "data-kf-revealed": "", "aria-label": t("reveal.heading"), hidden: true });
    this.radios = {};
    const groups = rules.RATINGS.map((name) => {
      const group = `kf-hl-rate-${name}-${uid("g")}`;
      this.radios[name] = {};
      return h(
        "fieldset",
        { class: "kf-hl-rating", "data-kf-rating-group": name },
        h("legend", { text: t(`rate.${name}`) }),
        rules.SCALE.map((value) => {
          const id = uid("kf-hl-rate");
          const input = h("input", { type: "radio", id, name: group, value: String(value), "data-kf-rating": name, on: { change: () => this.rate(name, value) } });
          this.radios[name][value] = input;
          return h("div", { class: "kf-ex-option" }, input, h("label", { for: id, text: t(`rate.value.${value}`) }));
        }),
      );
    });
    this.boxes = {};
    const boxes = TEXTS.map((name) => {
      const id = uid(`kf-hl-${name}`);
      const attrs = { id, "data-kf-text": name, on: { input: () => this.typed(name), change: () => this.typed(name, true) } };
      this.boxes[name] = name === "headline"
        ? h("input", { ...attrs, type: "text", maxlength: String(rules.HEADLINE_MAX) })
        : h("textarea", { ...attrs, rows: "5", maxlength: String(rules.PARAGRAPH_MAX) });
      return h("div", { class: "kf-ex-control kf-ex-wide" }, h("label", { for: id, text: t(`rewrite.${name}`) }), this.boxes[name]);
    });
    this.status = h("p", { class: "kf-ex-status", "data-kf-status": "", text: t("status.kept") });
    return h(
      "div",
      { class: "kf-ex-body" },
      h("p", { text: t("intro") }),
      heading(this.level, t("mark.heading"), { id: storyId }),
      h("div", { class: "kf-hl-story", role: "group", "aria-labelledby": storyId, "data-kf-story": "" }, paragraphs, h("p", { class: "kf-ex-note", text: t("story.note") })),
      this.progress,
      this.revealButton,
      this.revealed,
      heading(this.level, t("rate.heading")),
      h("p", { class: "kf-ex-note", text: t("rate.intro") }),
      groups,
      heading(this.level, t("rewrite.heading")),
      h("p", { text: t("rewrite.intro") }),
      boxes,
      h("p", { class: "kf-hl-prompt", "data-kf-prompt": "" }, h("strong", { text: t("prompt.label") }), " ", t("prompt")),
      this.status,
      this.host.journalLink ? h("p", {}, h("a", { href: this.host.journalLink, text: t("journal") })) : null,
    );
  }

  // -- learner actions ----------------------------------------------------------------------
  toggle(phrase) {
    this.change((s) => {
      s.marked = s.marked.includes(phrase) ? s.marked.filter((p) => p !== phrase) : [...s.marked, phrase];
      if (!s.marked.length) s.reveal_shown = false;
    });
  }

  reveal() {
    if (!this.state.marked.length) {
      this.alert.textContent = this.t("reveal.first");
      return;
    }
    this.change((s) => { s.reveal_shown = true; }, this.t("reveal.announce"));
    const title = this.revealed.querySelector("[data-kf-focus]");
    if (title) title.focus();
  }

  rate(name, value) {
    this.change((s) => { s.ratings[name] = value; });
  }

  typed(name, now) {
    window.clearTimeout(this.timers[name]);
    const value = this.boxes[name].value;
    const save = () => {
      if (value !== this.state[name]) this.change((s) => { s[name] = value; });
    };
    if (now) save();
    else this.timers[name] = window.setTimeout(save, SAVE_DELAY_MS);
  }

  // -- showing the state ----------------------------------------------------------------------
  sync() {
    const t = this.t;
    const a = check(this.state);
    for (const phrase of rules.PHRASES) this.phraseButtons[phrase].setAttribute("aria-pressed", String(a.marked.includes(phrase)));
    for (const name of rules.RATINGS) {
      for (const value of rules.SCALE) this.radios[name][value].checked = a.ratings[name] === value;
    }
    for (const name of TEXTS) {
      if (this.boxes[name].value !== a[name] && document.activeElement !== this.boxes[name]) this.boxes[name].value = a[name];
    }
    this.progress.textContent = t("progress", { n: a.marked.length, total: rules.PHRASES.length });
    this.progress.dataset.kfProgress = String(a.marked.length);
    this.revealButton.hidden = a.reveal_shown;
    this.revealed.hidden = !a.reveal_shown;
    this.revealed.replaceChildren(...(a.reveal_shown ? this.revealedParts(a.comparison) : []));
  }

  revealedParts(c) {
    const t = this.t;
    const status = (phrase) => ["matched", "missed", "extra"].find((k) => c[k].includes(phrase)) || "neither";
    const items = rules.PHRASES.map((phrase) => {
      const how = status(phrase);
      return h(
        "li",
        { "data-kf-compare": phrase, "data-kf-reading": how, class: `kf-hl-${how}` },
        h("q", { text: t(`phrase.${phrase}`) }),
        " ",
        h("strong", { text: t(`compare.${how}`) }),
        " ",
        t(`why.${phrase}`),
      );
    });
    return [
      heading(this.level + 1, t("reveal.heading"), { "data-kf-focus": "" }),
      h("p", { text: t("left-out.intro") }),
      h("ul", { "data-kf-left-out": "" }, rules.LEFT_OUT.map((who) => h("li", { "data-kf-missing": who, text: t(`left-out.${who}`) }))),
      heading(this.level + 1, t("reference.heading")),
      h("p", { text: t("reference.note") }),
      h("p", { "data-kf-summary": "", text: t("reference.summary", { matched: c.matched.length, missed: c.missed.length, extra: c.extra.length }) }),
      h("ul", { class: "kf-hl-compare" }, items),
    ];
  }

  destroy() {
    this.alive = false;
    for (const timer of Object.values(this.timers)) window.clearTimeout(timer);
    this.root.replaceChildren();
  }
}

/** Mounts the exercise in `root`; `host` is described in ../host/README.md. */
export function mountHeroHeadline(root, host) {
  const view = new HeroHeadline(root, host);
  return { view, alert: view.alert, get state() { return view.state; }, destroy: () => view.destroy() };
}
