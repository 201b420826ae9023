// The Jupyter/Voilà host of "Who leads? Who follows?" (anywidget): Python checks each change and
// writes the journal entry (kfcourse.widgets.who_leads, on ../host/exercise-widget.js).
import { exerciseWidget } from "../host/exercise-widget.js";
import { mountWhoLeads } from "./view.js";

export default exerciseWidget(mountWhoLeads);
