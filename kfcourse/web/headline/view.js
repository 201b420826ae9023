// The screen of "Rewrite the hero headline", written once for both hosts (the book page and
// anywidget). The rules come from rules.js, the words (the story too) from the catalogue's
// `headline` section; where the answer and the journal live is the host's business
// (../host/README.md). Learner text is only ever set as text.
import { ExerciseView } from "../host/exercise-view.js";
import { h, heading, uid } from "../roleplay/dom.js";
import * as rules from "./rules.js";

const TEXTS = ["headline", "paragraph"];

class HeroHeadline extends ExerciseView {
  copy(s) {
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

  check(s) {
    return rules.answer(s.marked, s.reveal_shown, s.ratings, s.headline, s.paragraph);
  }

  /** A resumed state is filled in (copied) before the rules see it. */
  restore(raw) {
    const s = this.copy(raw);
    this.check(s);
    return s;
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
      const attrs = { id, "data-kf-text": name, on: this.typing(name, (s) => s[name], (s, value) => { s[name] = value; }) };
      this.boxes[name] = name === "headline"
        ? h("input", { ...attrs, type: "text", maxlength: String(rules.HEADLINE_MAX) })
        : h("textarea", { ...attrs, rows: "5", maxlength: String(rules.PARAGRAPH_MAX) });
      return h("div", { class: "kf-ex-control kf-ex-wide" }, h("label", { for: id, text: t(`rewrite.${name}`) }), this.boxes[name]);
    });
    this.statusLine(t("status.kept"), (a) => t(a.finished ? "status.finished" : "status.saved"));
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

  // -- showing the state ----------------------------------------------------------------------
  sync() {
    const t = this.t;
    const a = this.answer();
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
}

/** Mounts the exercise in `root`; `host` is described in ../host/README.md. */
export function mountHeroHeadline(root, host) {
  return new HeroHeadline(root, host).mount(rules.EXERCISE);
}
