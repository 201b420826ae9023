// The book-page host of the reflection form (bundled by esbuild into dist/reflection.js, a classic
// script that also works from file://). Each `[data-kf-exercise=reflection]` root written by the
// {kf-reflection} directive carries <script type="application/json" class="kf-reflection-data">
// {options, messages}</script>; each is mounted with the browser journal as its host. What was
// typed in the last moments is saved when the page is hidden or closed.
import { browserReflectionHost } from "./browser-host.js";
import { mountReflection } from "./view.js";

const forms = [];

// The form's heading sits one level below the heading of the section it is in.
function headingLevel(root) {
  for (let node = root.parentElement; node; node = node.parentElement) {
    const title = node.matches("section, article") ? node.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4, :scope > h5") : null;
    if (title) return Math.min(6, Number(title.tagName.slice(1)) + 1);
  }
  return 3;
}

function start(root, data) {
  const host = browserReflectionHost({ headingLevel: headingLevel(root), ...data.options }, data.messages);
  const form = mountReflection(root, host);
  if (!host.journal) form.view.warn(form.view.t("journal.missing"));
  root.dataset.kfReady = "true";
  return { form, host };
}

function mountRoot(root) {
  if (root.dataset.kfMounted) return;
  const node = root.querySelector("script.kf-reflection-data");
  if (!node) return;
  let data;
  try {
    data = JSON.parse(node.textContent);
  } catch (error) {
    const p = root.querySelector(".kf-js-needed");
    if (p) p.textContent = `The reflection form could not start (${error.message}).`;
    return;
  }
  root.dataset.kfMounted = "true";
  const hidden = root.querySelector(".kf-js-needed");
  if (hidden) hidden.hidden = true;
  let mounted = start(root, data);
  const entry = { flush: () => mounted.form.flush(), get view() { return mounted.form.view; } };
  forms.push(entry);
  if (mounted.host.journal) {
    // The learner removed the journal from this browser (here or in another tab): start afresh.
    mounted.host.journal.store.onChange((doc, why) => {
      if (why !== "cleared") return;
      mounted.form.view.destroyed = true;
      mounted.form.view.form.remove();
      mounted = start(root, data);
      mounted.form.view.say("idle", mounted.form.view.t("status.cleared"));
    });
  }
}

function flushAll() {
  forms.forEach((f) => f.flush());
}

function mountAll() {
  document.querySelectorAll('[data-kf-exercise="reflection"]').forEach(mountRoot);
  window.KFReflection = { forms, ready: true, flushAll, mountAll };
}

window.addEventListener("pagehide", flushAll);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") flushAll();
});
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
