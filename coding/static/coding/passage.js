/* The coding screen opened at a passage (?at=start-end#passage, from a search hit or a quote).
 *
 * The server wraps the passage in <mark id="passage" tabindex="-1">: the URL's #passage scrolls
 * to it without any script; this also moves the keyboard focus there, so that a screen reader
 * reads it and the next Tab continues from it.
 */
(function () {
  "use strict";
  var passage = document.getElementById("passage");
  if (!passage) return;
  passage.focus({ preventScroll: true });
  passage.scrollIntoView({ block: "center" });
})();
