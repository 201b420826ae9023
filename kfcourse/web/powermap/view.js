// Every screen of "Power map card sort", written once for both hosts (the book page and
// anywidget). The rules come from rules.js, the words from the catalogue's `powermap` section;
// where the answer and the journal live is the host's business (../host/README.md). Every text,
// the learner's choices included, is set as text.
import { ExerciseView } from "../host/exercise-view.js";
import { h, heading, uid } from "../roleplay/dom.js";
import * as rules from "./rules.js";

// Arnstein's groups of rungs, bottom to top: two of non-participation, three of tokenism, three of citizen power.
const GROUPS = ["non-participation", "non-participation", "tokenism", "tokenism", "tokenism", "citizen-power", "citizen-power", "citizen-power"];

class PowerMap extends ExerciseView {
  copy(s) {
    const copyMap = (m) => Object.fromEntries(rules.CARDS.map((c) => [c, (m && m[c]) || null]));
    const tags = Object.fromEntries(rules.LINES.map((l) => [l, (s.tags && s.tags[l]) || null]));
    return { before: copyMap(s.before), after: copyMap(s.after), rung: s.rung || null, tags, key_shown: !!s.key_shown, run: s.run || null };
  }

  check(s) {
    return rules.answer(s.before, s.after, s.rung === undefined ? null : s.rung, s.tags, !!s.key_shown);
  }

  /** The key is hidden again by any change that leaves the sort unfinished. */
  change(mutate, announce) {
    return super.change((next) => {
      mutate(next);
      if (next.key_shown && !rules.answer(next.before, next.after, next.rung, next.tags).finished) next.key_shown = false;
    }, announce);
  }

  // -- building (once) ----------------------------------------------------------------------
  build() {
    const t = this.t;
    this.selects = { before: {}, after: {} };
    const cards = rules.CARDS.map((card) => {
      const controls = rules.MAPS.map((map) => {
        const id = uid("kf-pm-card");
        const select = h(
          "select",
          { id, "data-kf-card": card, "data-kf-map": map, on: { change: (e) => this.change((s) => { s[map][card] = e.target.value || null; }) } },
          h("option", { value: "", text: t("holder.none") }),
          rules.HOLDERS.map((holder) => h("option", { value: holder, text: t(`holder.${holder}`) })),
        );
        this.selects[map][card] = select;
        return h("div", { class: "kf-ex-control" }, h("label", { for: id, text: t(`map.${map}`) }), select);
      });
      return h(
        "fieldset",
        { class: "kf-pm-card", "data-kf-card-box": card },
        h("legend", { text: t(`card.${card}`) }),
        h("p", { class: "kf-ex-note", text: t(`about.${card}`) }),
        controls,
      );
    });
    this.progress = h("p", { class: "kf-ex-progress", "data-kf-progress": "" });
    this.maps = h("div", { class: "kf-pm-maps" });
    this.moved = h("div", { class: "kf-pm-moves", "data-kf-moves": "" });
    this.tagSelects = {};
    const lines = rules.LINES.map((line, i) => {
      const id = uid("kf-pm-tag");
      const select = h(
        "select",
        { id, "data-kf-tag": line, on: { change: (e) => this.change((s) => { s.tags[line] = e.target.value || null; }) } },
        h("option", { value: "", text: t("tag.none") }),
        rules.DIMENSIONS.map((d) => h("option", { value: d, text: t(`tag.${d}`) })),
      );
      this.tagSelects[line] = select;
      return h(
        "li",
        { class: "kf-pm-line", "data-kf-line": line },
        h("p", {}, h("span", { class: "kf-pm-speaker", text: `${t(`speaker.${line}`)}: ` }), h("span", { text: t(`text.${line}`) })),
        h("div", { class: "kf-ex-control" }, h("label", { for: id, text: t("tag.label", { n: i + 1 }) }), select),
      );
    });
    const name = uid("kf-pm-rung");
    this.rungInputs = {};
    const rungs = [...rules.RUNGS].reverse().map((rung) => {
      const index = rules.RUNGS.indexOf(rung);
      const id = uid("kf-pm-rung-option");
      const input = h("input", { type: "radio", id, name, value: rung, "data-kf-rung": "", on: { change: () => this.change((s) => { s.rung = rung; }) } });
      this.rungInputs[rung] = input;
      const label = t("rung.label", { number: index + 1, rung: t(`rung.${rung}`), group: t(`group.${GROUPS[index]}`) });
      return h("div", { class: "kf-ex-option" }, input, h("label", { for: id, text: label }));
    });
    this.todo = h("p", { class: "kf-pm-todo", "data-kf-todo": "" });
    this.revealButton = h("button", { type: "button", class: "kf-ex-button kf-ex-primary", "data-kf-reveal": "", on: { click: () => this.reveal() }, text: t("reveal") });
    this.key = h("section", { class: "kf-ex-reference", "data-kf-key": "", "aria-label": t("key.heading"), hidden: true });
    this.statusLine(t("status.kept"), (a) => t(a.finished ? "status.finished" : "status.saved"));
    return h(
      "div",
      { class: "kf-ex-body" },
      h("p", { text: t("intro") }),
      heading(this.level, t("briefs.heading")),
      h("p", { text: t("briefs.intro") }),
      h("ul", { class: "kf-pm-briefs" }, h("li", { text: t("brief.clinician") }), h("li", { text: t("brief.patient") })),
      heading(this.level, t("cards.heading")),
      h("p", { text: t("cards.intro") }),
      h("div", { class: "kf-pm-cards" }, cards),
      this.progress,
      heading(this.level, t("maps.heading")),
      this.maps,
      heading(this.level + 1, t("moved.heading")),
      this.moved,
      heading(this.level, t("transcript.heading")),
      h("p", { text: t("transcript.intro") }),
      h("ol", { class: "kf-pm-transcript", "aria-label": t("transcript.caption") }, lines),
      heading(this.level, t("ladder.heading")),
      h(
        "fieldset",
        { class: "kf-pm-ladder", "data-kf-ladder": "" },
        h("legend", { text: t("ladder.legend") }),
        h("p", { class: "kf-ex-note", text: t("ladder.intro") }),
        rungs,
      ),
      this.todo,
      this.revealButton,
      this.key,
      this.status,
      this.host.journalLink ? h("p", {}, h("a", { href: this.host.journalLink, text: t("journal") })) : null,
    );
  }

  // -- learner actions ----------------------------------------------------------------------
  reveal() {
    const a = this.answer();
    if (!a.finished) {
      this.alert.textContent = this.t("reveal.first", { items: this.left(a).join("; ") });
      return;
    }
    this.change((s) => { s.key_shown = true; }, this.t("reveal.announce"));
    const title = this.key.querySelector("[data-kf-focus]");
    if (title) title.focus();
  }

  left(a) {
    const t = this.t;
    const out = [];
    const unplaced = rules.CARDS.filter((c) => a.before[c] === null).length;
    if (unplaced) out.push(t("todo.cards", { n: unplaced }));
    if (a.rung === null) out.push(t("todo.rung"));
    const tags = Object.values(a.tags);
    if (!tags.includes("second")) out.push(t("todo.second"));
    if (!tags.includes("third")) out.push(t("todo.third"));
    return out;
  }

  // -- showing the state ----------------------------------------------------------------------
  sync() {
    const t = this.t;
    const a = this.answer();
    for (const map of rules.MAPS) for (const card of rules.CARDS) this.selects[map][card].value = a[map][card] || "";
    for (const line of rules.LINES) this.tagSelects[line].value = a.tags[line] || "";
    for (const rung of rules.RUNGS) this.rungInputs[rung].checked = a.rung === rung;
    const count = (map) => rules.CARDS.filter((c) => a[map][c] !== null).length;
    this.progress.textContent = t("progress", { before: count("before"), after: count("after"), total: rules.CARDS.length });
    this.progress.dataset.kfProgress = String(count("before"));
    this.maps.replaceChildren(...rules.MAPS.map((map) => this.table(a[map], map)));
    const cardName = (c) => t(`card.${c}`);
    const holderName = (x) => t(`person.${x}`);
    this.moved.replaceChildren(
      count("after") === 0
        ? h("p", { text: t("moved.waiting") })
        : a.moves.length === 0
          ? h("p", { text: t("moved.none") })
          : h("ul", {}, a.moves.map((m) => h("li", { "data-kf-moved": m.card, text: t("moved.card", { card: cardName(m.card), before: holderName(m.before), after: holderName(m.after) }) }))),
    );
    const left = this.left(a);
    this.todo.textContent = left.length ? t("todo.left", { items: left.join("; ") }) : t("todo.done");
    this.todo.dataset.kfTodo = String(left.length);
    this.revealButton.hidden = a.key_shown;
    this.key.hidden = !a.key_shown;
    if (a.key_shown) this.key.replaceChildren(...this.keyParts(a));
    else this.key.replaceChildren();
  }

  table(map, name) {
    const t = this.t;
    const rows = [...rules.HOLDERS, null].map((holder) => {
      const here = rules.CARDS.filter((c) => map[c] === holder);
      if (holder === null && !here.length) return null;
      return h(
        "tr",
        { "data-kf-holder": holder || "none" },
        h("th", { scope: "row", text: t(`holder.${holder || "none"}`) }),
        h("td", {}, here.length ? h("ul", {}, here.map((c) => h("li", { text: t(`card.${c}`) }))) : h("span", { class: "kf-ex-empty", text: t("maps.empty") })),
      );
    });
    return h(
      "div",
      { class: "kf-ex-scroll" },
      h(
        "table",
        { class: "kf-ex-grid kf-pm-map", "data-kf-map-table": name },
        h("caption", { text: t(`maps.${name}`) }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("maps.holder") }), h("th", { scope: "col", text: t("maps.cards") }))),
        h("tbody", {}, rows),
      ),
    );
  }

  verdict(v) {
    return h("strong", { class: `kf-pm-verdict kf-pm-${v}`, text: `${this.t(`verdict.${v}`)}: ` });
  }

  keyParts(a) {
    const t = this.t;
    const c = a.comparison;
    const holder = (x) => t(`person.${x}`);
    const dim = (d) => t(`dimension.${d || "none"}`);
    const cards = c.cards.map((row) =>
      h(
        "li",
        { "data-kf-compare": row.card, "data-kf-verdict": row.verdict },
        this.verdict(row.verdict),
        h("span", { text: t(`compare.card.${row.verdict}`, { card: t(`card.${row.card}`), holder: holder(row.holder), key: holder(row.key) }) }),
        row.verdict === "same" ? null : h("span", { class: "kf-pm-reason", text: ` ${t(`reason.${row.card}`)}` }),
      ),
    );
    const rungName = (r) => t(`rung.${r}`);
    const rung = h(
      "p",
      { "data-kf-compare-rung": "", "data-kf-verdict": c.rung.verdict },
      this.verdict(c.rung.verdict),
      h("span", { text: t(c.rung.verdict === "same" ? "compare.rung.same" : "compare.rung.other", { rung: rungName(c.rung.rung), key: rungName(c.rung.key) }) }),
      h("span", { class: "kf-pm-reason", text: ` ${t("reason.rung")}` }),
    );
    const lines = c.lines.map((row) =>
      h(
        "li",
        { "data-kf-compare-line": row.line, "data-kf-verdict": row.verdict },
        this.verdict(row.verdict),
        h("span", { text: t(`compare.line.${row.verdict}`, { n: rules.LINES.indexOf(row.line) + 1, tag: dim(row.tag), key: dim(row.key) }) }),
        h("span", { class: "kf-pm-reason", text: ` ${t(`reason.${row.line}`)}` }),
      ),
    );
    const missed = rules.LINES.filter((l) => a.tags[l] === null && ["second", "third"].includes(rules.LINE_KEY[l].dimension));
    return [
      heading(this.level + 1, t("key.heading"), { "data-kf-focus": "" }),
      h("p", { text: t("key.note") }),
      heading(this.level + 2, t("key.cards")),
      h("ul", { class: "kf-pm-compare" }, cards),
      heading(this.level + 2, t("key.rung")),
      rung,
      heading(this.level + 2, t("key.lines")),
      h("ul", { class: "kf-pm-compare" }, lines),
      missed.length ? h("p", { "data-kf-missed": "", text: t("key.missed", { lines: missed.map((l) => rules.LINES.indexOf(l) + 1).join(", ") }) }) : null,
    ];
  }
}

/** Mounts the exercise in `root`; `host` is described in ../host/README.md. */
export function mountPowerMap(root, host) {
  return new PowerMap(root, host).mount(rules.EXERCISE);
}
