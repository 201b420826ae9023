// The Jupyter/Voilà host of "Power map card sort" (anywidget): Python checks each change and
// writes the journal entry (kfcourse.widgets.power_map, on ../host/exercise-widget.js).
import { exerciseWidget } from "../host/exercise-widget.js";
import { summary } from "./summary.js";
import { mountPowerMap } from "./view.js";

export default exerciseWidget(mountPowerMap, {}, summary);
