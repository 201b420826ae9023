// The Jupyter/Voilà host of "Who leads? Who follows?" (anywidget): Python checks each change and
// writes the journal entry (kfcourse.widgets.who_leads, on ../host/exercise-widget.js), with the
// answer in words (summary.js) the screen sends beside each state.
import { exerciseWidget } from "../host/exercise-widget.js";
import { summary } from "./summary.js";
import { mountWhoLeads } from "./view.js";

export default exerciseWidget(mountWhoLeads, {}, summary);
