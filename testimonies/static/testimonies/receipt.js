// The receipt pages: a button that copies the withdrawal code, and a Print button.
// Without JS both stay hidden: the code is in a large box that can be selected, and the page
// says to use the browser's Print command. Messages come translated in data-* attributes.
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function announce(text) {
    var status = document.getElementById("copy-status");
    if (!status) { return; }
    status.textContent = "";
    // A fresh text node after a tick, so that screen readers announce a repeated message.
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function setUpCopy(button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = target.textContent.trim();
      var failed = function () {
        selectText(target);
        announce(button.getAttribute("data-copy-failed"));
      };
      if (!navigator.clipboard || !navigator.clipboard.writeText) {
        failed();
        return;
      }
      navigator.clipboard.writeText(text).then(function () {
        announce(button.getAttribute("data-copied"));
      }, failed);
    });
  }

  function setUp() {
    document.querySelectorAll("[data-copy-target]").forEach(setUpCopy);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
}());
