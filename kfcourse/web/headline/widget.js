// The Jupyter/Voilà host of "Rewrite the hero headline" (anywidget): Python checks each change and
// writes the journal entry (kfcourse.widgets.hero_headline, on ../host/exercise-widget.js).
import { exerciseWidget } from "../host/exercise-widget.js";
import { summary } from "./summary.js";
import { mountHeroHeadline } from "./view.js";

export default exerciseWidget(mountHeroHeadline, {}, summary);
