// The Jupyter/Voilà host of "Distribute the discharge" (anywidget): Python checks each change and
// writes the journal entry (kfcourse.widgets.distribute_discharge, on ../host/exercise-widget.js).
import { exerciseWidget } from "../host/exercise-widget.js";
import { summary } from "./summary.js";
import { mountDistributeDischarge } from "./view.js";

export default exerciseWidget(mountDistributeDischarge, {}, summary);
