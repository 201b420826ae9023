// The Jupyter/Voilà host of "Rewrite the hero headline" (anywidget): Python checks each change and
// writes the journal entry (kfcourse.widgets.hero_headline, on ../host/exercise-widget.js).
import { exerciseWidget } from "../host/exercise-widget.js";
import { summary } from "./summary.js";
import { mountHeroHeadline } from "./view.js";

// The answer in words goes with each state; a state the rules refuse goes without (Python says why).
const words = (state, t) => {
  try {
    return summary(state, t);
  } catch (error) {
    return null;
  }
};

export default exerciseWidget(mountHeroHeadline, {}, words);
