"use strict";
// Runs before the page's own scripts: tells the demo workbench (www/) that the extension is
// present, so it does not embed its own copy of the panel. Nothing else is shared with pages.
document.documentElement.dataset.kefuExtension = "1";
