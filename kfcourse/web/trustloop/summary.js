// The trust-building loop in words for the journal list and the exports (an entry's `summary`):
// each round played (the aims, the event card, met or missed, where trust went), the end of the
// game and the partner's ratings, in the catalogue's words (never an aim's or a card's id). Used
// by both hosts (page.js, widget.js). No DOM.
import * as rules from "./rules.js";

function changeWords(t, delta) {
  if (delta > 0) return t("change.up", { n: delta });
  if (delta < 0) return t("change.down", { n: -delta });
  return t("change.same");
}

function effectWords(t, n) {
  if (n > 0) return t("effect.plus", { n });
  if (n < 0) return t("effect.minus", { n: -n });
  return t("effect.zero");
}

const aim = (t, id) => t(`aim.${id}.lower`);

/** The game in words ([{label, text}]) for `state` ({seed, picks, ratings}). */
export function summary(state, t) {
  const game = rules.answer(state.seed, state.picks || [], state.ratings || null);
  const lines = [];
  if (!game.rounds.length) lines.push({ label: t("log.heading"), text: t("log.empty") });
  for (const r of game.rounds) {
    const aims = r.clinician === r.patient ? t("round.agreed", { aim: aim(t, r.aim) }) : t("round.modest", { clinician: aim(t, r.clinician), patient: aim(t, r.patient), aim: aim(t, r.aim) });
    const card = t("round.card", { card: t(`card.${r.card}`), effect: effectWords(t, rules.DECK.find((c) => c.id === r.card).effect) });
    const outcome = r.success ? t("round.met") : t("round.missed");
    const trust = t("round.trust", { change: changeWords(t, r.change), value: r.trust, band: t(`band.${rules.band(r.trust)}`) });
    const text = [aims, card, outcome, trust, r.inertia ? t("round.inertia") : ""].filter(Boolean).join(" ");
    lines.push({ label: t("round.heading", { n: r.round }), text });
  }
  if (game.completed) {
    const met = game.rounds.filter((r) => r.success).length;
    const band = t(`band.${rules.band(game.trust_end)}`);
    lines.push({ label: t("end.heading"), text: t("end.summary", { start: game.trust_start, end: game.trust_end, band, met, rounds: rules.ROUNDS }) });
    for (const name of rules.RATINGS) {
      const value = game.ratings[name];
      lines.push({ label: t(`rate.${name}`), text: value === null ? t("summary.unrated") : t(`rate.value.${value}`) });
    }
  }
  return lines;
}
