// "Rewrite the hero headline" in words for the journal list and the exports (an entry's
// `summary`): the phrases marked (the story's own words), how they compare with the reference
// once it is shown, both ratings and the rewrite, in the catalogue's words (never a phrase's id).
// Used by both hosts (page.js, widget.js). No DOM.
import * as rules from "./rules.js";

/** The answer in words ([{label, text}]) for `state` ({marked, reveal_shown, ratings, headline, paragraph}). */
export function summary(state, t) {
  const a = rules.answer(state.marked, !!state.reveal_shown, state.ratings, state.headline || "", state.paragraph || "");
  const lines = [{ label: t("summary.marked"), text: a.marked.length ? a.marked.map((p) => t(`phrase.${p}`)).join(" / ") : t("summary.unmarked") }];
  if (a.comparison) {
    const c = a.comparison;
    lines.push({ label: t("reference.heading"), text: t("reference.summary", { matched: c.matched.length, missed: c.missed.length, extra: c.extra.length }) });
  }
  for (const name of rules.RATINGS) {
    const value = a.ratings[name];
    lines.push({ label: t(`rate.${name}`), text: value === null ? t("summary.unrated") : t(`rate.value.${value}`) });
  }
  lines.push({ label: t("rewrite.headline"), text: a.headline.trim() ? a.headline : t("summary.unwritten") });
  lines.push({ label: t("rewrite.paragraph"), text: a.paragraph.trim() ? a.paragraph : t("summary.unwritten") });
  return lines;
}
