// The Jupyter/Voilà host of the "Programme redesign canvas" (anywidget): Python checks each change
// and writes the journal entry (kfcourse.widgets.redesign_canvas, on ../host/exercise-widget.js).
// The memo's download is made in the browser here too.
import { exerciseWidget } from "../host/exercise-widget.js";
import { summary } from "./summary.js";
import { mountCanvas } from "./view.js";

// The answer in words goes with each state; a state the rules refuse goes without (Python says why).
const words = (state, t) => {
  try {
    return summary(state, t);
  } catch (error) {
    return null;
  }
};

export default exerciseWidget(mountCanvas, {}, words);
