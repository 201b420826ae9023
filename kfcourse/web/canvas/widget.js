// The Jupyter/Voilà host of the "Programme redesign canvas" (anywidget): Python checks each change
// and writes the journal entry (kfcourse.widgets.redesign_canvas, on ../host/exercise-widget.js).
// The memo's download is made in the browser here too.
import { exerciseWidget } from "../host/exercise-widget.js";
import { summary } from "./summary.js";
import { mountCanvas } from "./view.js";

export default exerciseWidget(mountCanvas, {}, summary);
