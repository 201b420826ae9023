// The "Three-talk triad" in words for the journal list and the exports (an entry's `summary`):
// each round's totals, gap and tally (and, once its result is shown, the prediction and the
// rating of each question) and the group's notes, in the catalogue's words (never an item's or a
// behaviour's id). Used by both hosts (page.js, widget.js). No DOM.
import * as rules from "./rules.js";

function gapWords(t, gap) {
  if (gap === 0) return t("gap.same");
  return gap > 0 ? t("gap.higher", { n: gap, signed: `+${gap}` }) : t("gap.lower", { n: -gap, signed: String(gap) });
}

/** The answer in words ([{label, text}]) for `state` ({rotations, notes}). */
export function summary(state, t) {
  const a = rules.answer(state.rotations, state.notes || "");
  const lines = [];
  a.rotations.forEach((r, i) => {
    const n = i + 1;
    const counted = { team: r.talks.team, option: r.talks.option, decision: r.talks.decision };
    if (r.stage !== "result") {
      lines.push({ label: t("rounds.n", { n }), text: t("summary.pending", counted) });
      return;
    }
    const total = (value) => t("total.value", { n: value, max: rules.TOTAL_MAX });
    lines.push({ label: t("rounds.n", { n }), text: t("summary.result", { predicted: total(r.predicted_total), rated: total(r.rated_total), gap: gapWords(t, r.gap_total), ...counted }) });
    const questions = rules.ITEMS.map((item, k) =>
      t("summary.question", { item: t("item.short", { n: k + 1, name: t(`item.${item}.short`) }), predicted: r.predicted[item], rated: r.rated[item], gap: gapWords(t, r.gaps[item]) }),
    );
    lines.push({ label: t("summary.questions", { n }), text: questions.join(" ") });
  });
  if (a.notes.trim()) lines.push({ label: t("notes.heading"), text: a.notes });
  return lines;
}
