// The Jupyter/Voilà host of the "Three-talk triad" (anywidget): Python checks each change and
// writes the journal entry (kfcourse.widgets.three_talk, on ../host/exercise-widget.js).
import { exerciseWidget } from "../host/exercise-widget.js";
import { summary } from "./summary.js";
import { mountTriad } from "./view.js";

// The answer in words goes with each state; a state the rules refuse goes without (Python says why).
const words = (state, t) => {
  try {
    return summary(state, t);
  } catch (error) {
    return null;
  }
};

export default exerciseWidget(mountTriad, {}, words);
