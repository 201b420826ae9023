// "Who leads? Who follows?" in words for the journal list and the exports (an entry's `summary`):
// where the learner placed each person, how many match the reference once it is shown, the one
// mismatch chosen and the risk written, in the catalogue's words (never an actor's id). Used by
// both hosts (page.js, widget.js). No DOM.
import * as rules from "./rules.js";

const level = (t, value) => (value ? t(`level.${value}`) : t("level.none")).toLowerCase();

/** The answer in words ([{label, text}]) for `state` ({placements, reference_shown, mismatch, risk}). */
export function summary(state, t) {
  const a = rules.answer(state.placements, !!state.reference_shown, state.mismatch || null, state.risk || "");
  const lines = [];
  for (const actor of rules.ACTORS) {
    const p = a.placements[actor];
    if (p.authority === null && p.knowledge === null) continue;
    lines.push({ label: t(`actor.${actor}`), text: t("summary.placed", { authority: level(t, p.authority), knowledge: level(t, p.knowledge) }) });
  }
  if (a.comparison) {
    const same = a.comparison.filter((c) => c.authority && c.knowledge).length;
    lines.push({ label: t("reference.heading"), text: t("summary.reference", { n: same, total: rules.ACTORS.length }) });
  }
  let chosen = t("summary.unchosen");
  if (a.mismatch) {
    const found = a.mismatches.find((m) => m.actor === a.mismatch);
    const actor = t(`actor.${a.mismatch}`);
    chosen = found ? t(found.gap > 0 ? "gap.more" : "gap.less", { actor }) : actor;
  }
  lines.push({ label: t("summary.mismatch"), text: chosen });
  lines.push({ label: t("record.risk"), text: a.risk.trim() ? a.risk : t("summary.unwritten") });
  return lines;
}
