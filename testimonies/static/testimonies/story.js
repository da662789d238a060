// The story step's character count (testimonies/_story_text.html). NOTE: loaded by src, no inline
// script (strict CSP). The visible count follows the typing (at most every 200 ms); the polite
// live region, for screen readers, is only updated once typing pauses for a second, so that it
// does not talk over every keystroke. Counts as the server does: characters (code points), a
// line break sent as two.
(function () {
  "use strict";

  var VISIBLE_EVERY = 200;
  var SPOKEN_AFTER = 1000;

  function length(text) {
    return Array.from(text.replace(/\r?\n/g, "\r\n")).length;
  }

  function setUp(counter) {
    var field = document.getElementById(counter.dataset.countFor);
    var live = document.getElementById(counter.id + "_live");
    var max = Number(counter.dataset.max);
    var template = counter.dataset.template;
    if (!field || !template || !(max > 0)) { return; }
    var format = new Intl.NumberFormat(document.documentElement.lang || undefined);
    var visibleTimer = null;
    var spokenTimer = null;

    function message() {
      var used = length(field.value);
      counter.classList.toggle("over", used > max);
      return template.replace("{used}", format.format(used)).replace("{limit}", format.format(max));
    }

    function showCount() {
      visibleTimer = null;
      counter.textContent = message();
    }

    function speakCount() {
      spokenTimer = null;
      if (live) { live.textContent = message(); }
    }

    field.addEventListener("input", function () {
      if (visibleTimer === null) { visibleTimer = window.setTimeout(showCount, VISIBLE_EVERY); }
      if (spokenTimer !== null) { window.clearTimeout(spokenTimer); }
      spokenTimer = window.setTimeout(speakCount, SPOKEN_AFTER);
    });
    showCount();
  }

  function onLoad() {
    document.querySelectorAll("[data-count-for]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onLoad);
  } else {
    onLoad();
  }
})();
