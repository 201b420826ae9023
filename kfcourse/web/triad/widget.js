// The Jupyter/Voilà host of the "Three-talk triad" (anywidget): Python checks each change and
// writes the journal entry (kfcourse.widgets.three_talk, on ../host/exercise-widget.js).
import { exerciseWidget } from "../host/exercise-widget.js";
import { summary } from "./summary.js";
import { mountTriad } from "./view.js";

export default exerciseWidget(mountTriad, {}, summary);
