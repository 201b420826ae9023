// The Jupyter/Voilà host of the course's checks (anywidget): Python checks each change and writes
// the journal entry (kfcourse.widgets.instruments, on ../host/exercise-widget.js).
import { exerciseWidget } from "../host/exercise-widget.js";
import { mountInstrument, summaryOf } from "./view.js";

export default exerciseWidget(mountInstrument, {}, summaryOf); // the answer in words, too
