// The Jupyter/Voilà host of the trust-building loop simulator (anywidget): Python replays each
// state of the game and writes the journal entry (kfcourse.widgets.trust_loop, on
// ../host/exercise-widget.js). Python draws the seed of a new game, so the view asks for none.
import { exerciseWidget } from "../host/exercise-widget.js";
import { summary } from "./summary.js";
import { mountTrustLoop } from "./view.js";

export default exerciseWidget(mountTrustLoop, { newSeed: null }, summary);
