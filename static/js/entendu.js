// Entendu's shared browser helpers, loaded (deferred) on every page by templates/base.html.
// NOTE: no inline script anywhere: pages load scripts by src only, for a strict CSP.
//
// When to use it:
// - Error summary: nothing to do. A page that includes templates/includes/form_errors.html
//   gets the focus moved to the summary on load (GOV.UK pattern), and a click on an error's
//   link focuses its field.
// - Polling a JSON status URL (job progress, export progress): call
//     Entendu.poll(url, {isDone, onProgress, onDone, onError, interval, firstDelay, message})
//   from the page's own script (interval: ms between polls, 2000 by default; firstDelay: ms
//   before the first, the interval by default). isDone(data) says when to stop; onProgress(data) runs on every
//   answer, onDone(data) once at the end. On failure it backs off (doubling the delay up to
//   30 s) and, after 3 failures in a row, shows ``message`` (an element rendered hidden by
//   templates/includes/poll_error.html, translated on the server); a 4xx answer stops polling
//   at once (the job is gone or the session ended) and shows the message too. onError(error)
//   is told of each failure ({status, permanent}).
// - Colours and widths: write data-colour="#rrggbb" (and data-colour2) or data-width="42"
//   (percent), never style="...": they are applied on load; call Entendu.applyStyles(element)
//   after inserting new HTML.
// - Header menu: nothing to do. templates/base.html renders the menu button hidden and the menu
//   open; this shows the button and folds the menu (CSS folds it on narrow screens only), so
//   without script the menu stays usable. The button is a disclosure (aria-expanded). The
//   administrators' menu groups (<details>) close on Escape and on a click elsewhere.
// - "Go back" on the error pages: an element with data-history-back, rendered hidden, is shown
//   when there is a page to go back to, and goes back on click.
// - Copy buttons: <button data-copy="id-of-an-input" hidden> copies that input's value; the
//   element named by its data-copy-done (an empty role="status", so that screen readers announce
//   it) then gets the text of its data-done attribute, translated on the server.
(function () {
  "use strict";

  var MAX_DELAY = 30000;
  var FAILURES_BEFORE_MESSAGE = 3;

  function poll(url, options) {
    var interval = options.interval || 2000;
    var delay = interval;
    var failures = 0;
    var stopped = false;

    function showMessage(visible) {
      if (options.message) { options.message.hidden = !visible; }
    }

    function fail(status, permanent) {
      failures += 1;
      if (options.onError) { options.onError({ status: status, permanent: permanent }); }
      if (permanent || failures >= FAILURES_BEFORE_MESSAGE) { showMessage(true); }
      if (permanent) {
        stopped = true;
        return;
      }
      delay = Math.min(delay * 2, MAX_DELAY);
      window.setTimeout(tick, delay);
    }

    function tick() {
      if (stopped) { return; }
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (response.status >= 400 && response.status < 500) {
            fail(response.status, true);
            return null;
          }
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json().then(function (data) {
            failures = 0;
            delay = interval;
            showMessage(false);
            if (options.onProgress) { options.onProgress(data); }
            if (options.isDone(data)) {
              stopped = true;
              if (options.onDone) { options.onDone(data); }
            } else {
              window.setTimeout(tick, delay);
            }
            return data;
          });
        })
        .catch(function (error) {
          fail(Number(error && error.message) || 0, false);
        });
    }

    window.setTimeout(tick, options.firstDelay !== undefined ? options.firstDelay : interval);
    return { stop: function () { stopped = true; } };
  }

  function focusErrorSummary() {
    var summary = document.getElementById("error-summary");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.focus();
        field.scrollIntoView({ block: "center" });
      }
    });
  }

  // Colours and widths the server computes: templates write them as data attributes, never as
  // style="..." (the CSP allows no inline style); this sets them through the CSSOM, which the
  // CSP allows. data-colour / data-colour2: a code's colour as --c / --c2 (#rrggbb only);
  // data-width: a percentage (0 to 100) as the element's width.
  var HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
  function applyStyles(root) {
    (root || document).querySelectorAll("[data-colour], [data-width]").forEach(function (el) {
      [["colour", "--c"], ["colour2", "--c2"]].forEach(function (pair) {
        var value = el.dataset[pair[0]];
        if (value && HEX_COLOUR.test(value)) { el.style.setProperty(pair[1], value); }
      });
      var width = Number(el.dataset.width);
      if (el.dataset.width !== undefined && width >= 0 && width <= 100) {
        el.style.width = width + "%";
      }
    });
  }

  function headerMenu() {
    var header = document.querySelector("[data-site-header]");
    var button = header && header.querySelector(".menu-toggle");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu || !menu.querySelector("a, button, select")) { return; }
    header.classList.add("js-menu");
    button.hidden = false;
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    var groups = header.querySelectorAll(".nav-group details");
    function closeGroups(except) {
      groups.forEach(function (group) { if (group !== except) { group.open = false; } });
    }
    document.addEventListener("click", function (event) {
      var inside = event.target.closest && event.target.closest(".nav-group details");
      closeGroups(inside);
    });
    header.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var group = event.target.closest && event.target.closest(".nav-group details");
      if (group && group.open) {
        group.open = false;
        group.querySelector("summary").focus();
      } else if (button.getAttribute("aria-expanded") === "true" && getComputedStyle(button).display !== "none") {
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  }

  function historyBack() {
    document.querySelectorAll("[data-history-back]").forEach(function (el) {
      if (window.history.length < 2) { return; }
      el.hidden = false;
      el.addEventListener("click", function (event) {
        event.preventDefault();
        window.history.back();
      });
    });
  }

  function copyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.dataset.copy);
      var done = document.getElementById(button.dataset.copyDone || "");
      if (!field || !navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(function () {
          if (done) { done.textContent = done.dataset.done || ""; }
        }, function () {
          field.focus();
          field.select();
        });
      });
    });
  }

  function onLoad() {
    applyStyles(document);
    focusErrorSummary();
    headerMenu();
    historyBack();
    copyButtons();
  }

  window.Entendu = { poll: poll, applyStyles: applyStyles };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onLoad);
  } else {
    onLoad();
  }
})();
