// The Jupyter/Voilà host of "Power map card sort" (anywidget): Python checks each change and
// writes the journal entry (kfcourse.widgets.power_map, on ../host/exercise-widget.js).
import { exerciseWidget } from "../host/exercise-widget.js";
import { summary } from "./summary.js";
import { mountPowerMap } from "./view.js";

// The answer in words goes with each state; a state the rules refuse goes without (Python says why).
const words = (state, t) => {
  try {
    return summary(state, t);
  } catch (error) {
    return null;
  }
};

export default exerciseWidget(mountPowerMap, {}, words);
