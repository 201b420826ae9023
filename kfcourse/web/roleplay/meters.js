// The meters: a number, a band in words, and the last change in words and a symbol (never
// colour alone). Each is an ARIA meter whose aria-valuetext carries the band and the change.
import { h, uid } from "./dom.js";

/** Plain words for a value: Python's Measure.words, which the compiled scenario carries for
 * every value (`words`, from min up); the same rule is applied to an older compiled file. */
export function bandWords(measure, value, t) {
  const given = Array.isArray(measure.words) ? measure.words[value - measure.min] : undefined;
  if (typeof given === "string") return given;
  let label = "";
  for (const band of measure.bands || []) {
    if (value >= band.from) label = band.label;
  }
  if (label) return label;
  const third = (measure.max - measure.min) / 3;
  if (value <= measure.min + third) return measure.low;
  if (value >= measure.max - third) return measure.high;
  return t("meter.between", { low: measure.low, high: measure.high });
}

/** "up 2", "down 1", "no change" (null when there is no change to report). */
export function changeWords(delta, t) {
  if (delta === null || delta === undefined) return null;
  if (delta > 0) return t("meter.up", { n: delta });
  if (delta < 0) return t("meter.down", { n: -delta });
  return t("meter.same");
}

function symbol(delta) {
  if (delta === null || delta === undefined) return "";
  if (delta > 0) return "\u25B2"; // ▲
  if (delta < 0) return "\u25BC"; // ▼
  return "\u25CF"; // ●
}

/** The net change of each measure over these trace steps ({} when there are none). */
export function netChanges(steps) {
  const total = {};
  for (const step of steps) {
    for (const [key, delta] of Object.entries(step.changes || {})) {
      total[key] = (total[key] || 0) + delta;
    }
  }
  return total;
}

/** One meter. `delta` is null when nothing has changed yet (the starting value). */
export function meter(key, measure, value, delta, t) {
  const band = bandWords(measure, value, t);
  const change = changeWords(delta, t);
  const labelId = uid("kf-rp-meter");
  const percent = measure.max === measure.min ? 100 : ((value - measure.min) / (measure.max - measure.min)) * 100;
  const valuetext = t("meter.valuetext", {
    value,
    band,
    change: change ? t("meter.changeSuffix", { change }) : "",
  });
  const direction = delta > 0 ? "up" : delta < 0 ? "down" : delta === 0 ? "same" : "start";
  return h(
    "div",
    { class: "kf-rp-meter", data: { kfMeterDirection: direction } },
    h("span", { class: "kf-rp-meter-name", id: labelId, text: measure.name }),
    h(
      "div",
      {
        role: "meter",
        "aria-labelledby": labelId,
        "aria-valuenow": value,
        "aria-valuemin": measure.min,
        "aria-valuemax": measure.max,
        "aria-valuetext": valuetext,
        class: "kf-rp-meter-track",
        data: { kfMeasure: key },
      },
      h("span", { class: "kf-rp-meter-fill", style: `width: ${percent.toFixed(1)}%` }),
    ),
    h(
      "p",
      { class: "kf-rp-meter-reading", "aria-hidden": "true" },
      h("span", { class: "kf-rp-meter-value", text: String(value) }),
      " ",
      h("span", { class: "kf-rp-meter-band", text: band }),
      change ? h("span", { class: "kf-rp-meter-change", text: ` ${symbol(delta)} ${change}` }) : null,
    ),
    h("p", { class: "kf-rp-meter-ends", "aria-hidden": "true", text: `${measure.min} ${measure.low} \u2013 ${measure.max} ${measure.high}` }),
  );
}

/** Every measure's meter, in the scenario's order. */
export function meterGroup(scenario, measures, deltas, t) {
  return Object.entries(scenario.measures).map(([key, measure]) =>
    meter(key, measure, measures[key], deltas ? (deltas[key] ?? 0) : null, t),
  );
}

/** "Trust up 1: now 1, mixed; ..." for the changes that are not zero. */
export function describeChanges(scenario, measures, deltas, t) {
  return Object.entries(scenario.measures)
    .filter(([key]) => deltas[key])
    .map(([key, measure]) =>
      t("change.item", {
        name: measure.name,
        change: changeWords(deltas[key], t),
        value: measures[key],
        band: bandWords(measure, measures[key], t),
      }),
    );
}
