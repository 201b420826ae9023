// The "Programme redesign canvas" in words for the journal list and the exports (an entry's
// `summary`): who wrote it, how many cards are complete, and for each card begun its support,
// owner and sign (the learner's own words) and its dimension, in the catalogue's words (never a
// card's or a dimension's id). Used by both hosts (page.js, widget.js). No DOM.
import * as rules from "./rules.js";

/** The canvas in words ([{label, text}]) for `state` ({cards, authors}). */
export function summary(state, t) {
  const a = rules.answer(state.cards, state.authors || "");
  const lines = [];
  if (rules.filled(a.authors)) lines.push({ label: t("summary.authors"), text: a.authors });
  lines.push({ label: t("progress.label"), text: t("progress", { n: a.complete.length, total: rules.CARDS.length }) });
  const written = (value) => (rules.filled(value) ? value : t("summary.unwritten"));
  for (const id of rules.CARDS) {
    const fields = a.cards[id];
    if (!rules.FIELDS.some((f) => rules.filled(fields[f])) && fields.dimension === null) continue;
    const card = t(`card.${id}`);
    lines.push({ label: t("summary.support", { card }), text: written(fields.support) });
    lines.push({ label: t("summary.owner", { card }), text: written(fields.owner) });
    lines.push({ label: t("summary.sign", { card }), text: written(fields.sign) });
    if (fields.dimension !== null) lines.push({ label: t("summary.dimension", { card }), text: t(`dimension.${fields.dimension}`) });
  }
  return lines;
}
