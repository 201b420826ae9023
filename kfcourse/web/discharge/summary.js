// "Distribute the discharge" in words for the journal list and the exports (an entry's
// `summary`): who holds each leadership function, how much the consultant holds, the
// decision-rights gaps once shown and the answer written, in the catalogue's words (never a
// function's or a role's id). Used by both hosts (page.js, widget.js). No DOM.
import * as rules from "./rules.js";

/** The answer in words ([{label, text}]) for `state` ({allocation, gaps_shown, response}). */
export function summary(state, t) {
  const a = rules.answer(state.allocation, !!state.gaps_shown, state.response || "");
  const lines = rules.FUNCTIONS.map((fn) => ({
    label: t(`function.${fn}`),
    text: a.allocation[fn].length ? a.allocation[fn].map((r) => t(`role.${r}`)).join(t("list.separator")) : t("summary.unheld"),
  }));
  const c = a.concentration;
  lines.push({ label: t("meter.name"), text: t("meter.valuetext", { held: c.held, of: c.of, percent: c.percent, band: t(`band.${c.band}`) }) });
  if (a.gaps) {
    const found = a.gaps.map((g) => t("gap.item", { function: t(`function.${g.function}`), role: t(`role.${g.role}`).toLowerCase() }));
    lines.push({ label: t("gaps.yours"), text: found.length ? found.join(" ") : t("gaps.none") });
  }
  lines.push({ label: t("prompt.heading"), text: rules.written(a.response) ? a.response : t("summary.unwritten") });
  return lines;
}
