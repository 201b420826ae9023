// "Power map card sort" in words for the journal list and the exports (an entry's `summary`):
// who holds each card placed, before the role-play and after it, the meeting's rung on the ladder,
// the transcript lines tagged and, once the key is shown, how the answers compare with it, in the
// catalogue's words (never a card's, a holder's, a rung's or a line's id). Used by both hosts
// (page.js, widget.js). No DOM.
import * as rules from "./rules.js";

const holder = (t, h) => (h === null ? t("holder.none") : t(`holder.${h}`));

/** The answer in words ([{label, text}]) for `state` ({before, after, rung, tags, key_shown}). */
export function summary(state, t) {
  const a = rules.answer(state.before, state.after, state.rung === undefined ? null : state.rung, state.tags, !!state.key_shown);
  const lines = [];
  for (const card of rules.CARDS) {
    const before = a.before[card];
    const after = a.after[card];
    if (before === null && after === null) continue;
    const text = after === null ? t("summary.card", { before: holder(t, before) }) : t("summary.card.after", { before: holder(t, before), after: holder(t, after) });
    lines.push({ label: t(`card.${card}`), text });
  }
  lines.push({ label: t("ladder.heading"), text: a.rung === null ? t("summary.unplaced") : t(`rung.${a.rung}`) });
  rules.LINES.forEach((line, i) => {
    if (a.tags[line] !== null) lines.push({ label: t("tag.label", { n: i + 1 }), text: t(`tag.${a.tags[line]}`) });
  });
  if (a.comparison) {
    const c = a.comparison;
    const verdicts = [...c.cards.map((x) => x.verdict), c.rung.verdict, ...c.lines.map((x) => x.verdict)];
    const count = (v) => verdicts.filter((x) => x === v).length;
    lines.push({ label: t("key.heading"), text: t("summary.key", { same: count("same"), different: count("different"), discuss: count("discuss") }) });
  }
  return lines;
}
