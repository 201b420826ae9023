// One trace step in words: who chose what (or the impasse), the rule note when the scripted
// partner chose, and (unless feedback is held) why and how the meters moved.
import { el } from "./dom.js";
import { changeWords } from "./meters.js";

function choiceText(scenario, pointId, choiceId) {
  const point = scenario.points[pointId];
  const choice = point && point.choices.find((c) => c.id === choiceId);
  return choice ? choice.text : choiceId;
}

function who(ctx, role, ruled) {
  const name = ctx.scenario.roles[role].name;
  if (ctx.mode === "pair") return ctx.t("recent.player", { name });
  if (ruled) return ctx.t("recent.partner", { name });
  return ctx.t("recent.you", { name });
}

function changesText(ctx, step) {
  const parts = Object.entries(ctx.scenario.measures)
    .filter(([key]) => Object.prototype.hasOwnProperty.call(step.changes || {}, key))
    .map(([key, m]) => `${m.name} ${changeWords(step.changes[key], ctx.t)}`);
  return parts.length ? ctx.t("transcript.changes", { changes: parts.join(", ") }) : ctx.t("recent.noChange");
}

function notes(ctx, step, out) {
  for (const note of Object.values(step.notes || {})) {
    if (note) out.push(el("p", "kf-rp-note-rule", ctx.t("recent.ruleNote", { note })));
  }
}

// "<who> <what>": who decided (bold) and the choice's words.
function decided(label, text) {
  return el("p", null, null, el("span", "kf-rp-who", label), " ", el("span", null, text));
}

/** The lines (DOM nodes) describing one trace step. */
export function stepLines(step, ctx) {
  const { t, scenario } = ctx;
  const point = scenario.points[step.point];
  const out = [el("p", "kf-rp-step-point", t("transcript.step", { n: step.n, point: (point && point.title) || step.point }))];
  const ruled = step.ruled || [];
  if (step.kind === "impasse") {
    out.push(el("p", "kf-rp-impasse", t("recent.impasse")));
    for (const role of ["doctor", "patient"]) {
      if (!step.picks || !step.picks[role]) continue;
      out.push(decided(who(ctx, role, ruled.includes(role)), choiceText(scenario, step.point, step.picks[role])));
    }
    notes(ctx, step, out);
    if (step.prompt) out.push(el("p", "kf-rp-impasse-prompt", step.prompt));
  } else if (step.actor === "joint") {
    out.push(decided(t("recent.joint"), step.text || choiceText(scenario, step.point, step.choice)));
    notes(ctx, step, out);
  } else {
    const role = step.actor;
    out.push(decided(who(ctx, role, ruled.includes(role)), step.text || choiceText(scenario, step.point, step.choice)));
    notes(ctx, step, out);
  }
  if (!ctx.held) {
    if (step.why) out.push(el("p", "kf-rp-why", t("recent.why", { why: step.why })));
    out.push(el("p", "kf-rp-changes", changesText(ctx, step)));
  }
  return out;
}

/** One line of words for a step's decision: who decided and what (or the impasse). */
export function decisionText(step, ctx) {
  const { t, scenario } = ctx;
  const ruled = step.ruled || [];
  if (step.kind === "impasse") {
    const picks = ["doctor", "patient"]
      .filter((role) => step.picks && step.picks[role])
      .map((role) => `${who(ctx, role, ruled.includes(role))} ${choiceText(scenario, step.point, step.picks[role])}`);
    return [t("recent.impasse"), ...picks].join(" ");
  }
  const text = step.text || choiceText(scenario, step.point, step.choice);
  if (step.actor === "joint") return `${t("recent.joint")} ${text}`;
  return `${who(ctx, step.actor, ruled.includes(step.actor))} ${text}`;
}

/** The title of a decision point (its id when the scenario does not have it). */
export function pointTitle(scenario, pointId) {
  const point = scenario.points[pointId];
  return (point && point.title) || pointId;
}
