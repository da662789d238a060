/* The coding screen without page reloads (issue 18): every action form that carries data-api
 * (apply a code, remove it, comment on it, accept or reject a suggestion, write a memo) is sent
 * to the API with fetch instead; the parts of the screen it changes come back from
 * coding:story_parts and are put in place; the keyboard focus stays where it was (or on the
 * nearest item when its own is gone); an aria-live region announces what happened; an error is
 * shown in the form, and the API saved nothing. "Next story" swaps the screen and pushes the
 * address. Without a script every form posts as before (progressive enhancement).
 *
 * The palette: typing in the filter narrows both lists, Enter applies the first code left;
 * after an apply, the code moves to the top of "Your recent codes" and keys 1-9 follow.
 */
(function () {
  "use strict";
  var SHORTCUTS = 9;
  var live = document.getElementById("coding-live");
  if (!live || !document.getElementById("coding-screen") || !window.EntenduCoding) return;

  function screen() { return document.getElementById("coding-screen"); }
  function csrfToken() {
    var input = screen().querySelector("[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function announce(text) {
    // A change of text is what screen readers announce; clear first so a repeat is read too.
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 30);
  }
  function styles(root) { if (window.Entendu) window.Entendu.applyStyles(root); }

  // Errors in place ----------------------------------------------------------------------------
  function clearError(form) {
    var box = form.querySelector(":scope > .action-error");
    if (box) box.remove();
  }
  function showError(form, messages) {
    clearError(form);
    var box = document.createElement("div");
    box.className = "action-error error-summary";
    box.setAttribute("role", "alert");
    var ul = document.createElement("ul");
    messages.forEach(function (m) {
      var li = document.createElement("li");
      li.textContent = m;
      ul.appendChild(li);
    });
    var p = document.createElement("p");
    p.textContent = gettext("Nothing was saved.");
    box.appendChild(ul);
    box.appendChild(p);
    form.insertBefore(box, form.firstChild);
  }
  function errorMessages(status, data) {
    var out = [];
    if (data && typeof data === "object") {
      Object.keys(data).forEach(function (key) {
        var value = data[key];
        (Array.isArray(value) ? value : [value]).forEach(function (v) {
          if (typeof v === "string") out.push(v);
        });
      });
    }
    if (!out.length) {
      out.push(status === 404 ? gettext("This item is no longer there: the page was out of date.")
        : gettext("The server could not save this. Please try again."));
    }
    return out;
  }

  // The request body from a form's fields (their API names) ------------------------------------
  function apiBody(form, submitter) {
    var body = {};
    if (form.id === "apply-form") {
      body.story = Number(form.dataset.story);
      body.code = Number(submitter.value);
      var span = form.querySelector("[name=scope][value=span]");
      if (span && span.checked) {
        body.start = Number(form.querySelector("[name=start]").value);
        body.end = Number(form.querySelector("[name=end]").value);
      }
      body.comment = form.querySelector("[name=comment]").value;
      return body;
    }
    var prefix = form.dataset.apiPrefix || "";
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "next") return;
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      if (el.tagName === "BUTTON") return;
      var name = el.dataset.apiName || (el.name.indexOf(prefix) === 0 ? el.name.slice(prefix.length) : el.name);
      body[name] = name === "story" ? Number(el.value) : el.value;
    });
    return body;
  }

  // Focus: where it was, else the nearest item, else the part's heading -------------------------
  function focusPlan(form) {
    var item = form.closest("li[id], article[id]");
    var ids = [];
    if (item) {
      ids.push(item.id);
      if (item.nextElementSibling && item.nextElementSibling.id) ids.push(item.nextElementSibling.id);
      if (item.previousElementSibling && item.previousElementSibling.id) ids.push(item.previousElementSibling.id);
    }
    var section = form.closest("section[aria-labelledby]");
    if (section) ids.push(section.getAttribute("aria-labelledby"));
    return { active: document.activeElement, ids: ids };
  }
  function restoreFocus(plan) {
    if (!plan.active || plan.active === document.body) return;  // nothing had the focus
    if (plan.active && plan.active.isConnected && plan.active !== document.body) {
      if (document.activeElement !== plan.active) plan.active.focus({ preventScroll: true });
      return;
    }
    for (var i = 0; i < plan.ids.length; i++) {
      var el = document.getElementById(plan.ids[i]);
      if (!el) continue;
      var target = /^H[1-6]$/.test(el.tagName) ? el : el.querySelector("summary, button, a") || el;
      if (!target.hasAttribute("tabindex") && target === el) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
      return;
    }
    var text = document.getElementById("story-text");
    if (text) text.focus({ preventScroll: true });
  }

  // The parts an action changes ----------------------------------------------------------------
  function refreshParts() {
    return fetch(screen().dataset.partsUrl, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("parts " + response.status);
        return response.text();
      })
      .then(function (html) {
        var tpl = document.createElement("template");
        tpl.innerHTML = html;
        var frag = tpl.content;
        var text = frag.getElementById("story-text");
        if (text) document.getElementById("story-text").innerHTML = text.innerHTML;
        ["suggestions", "applied", "memo-list"].forEach(function (id) {
          var fresh = frag.getElementById(id), old = document.getElementById(id);
          if (fresh && old) old.replaceWith(fresh);
        });
        styles(screen());
        window.EntenduCoding.refresh();
      });
  }

  // The palette ------------------------------------------------------------------------------
  function paletteButtons() {
    return Array.prototype.slice.call(screen().querySelectorAll("#recent-palette .code-button, #code-palette .code-button"));
  }
  function renumber() {
    var given = {}, n = 0;
    paletteButtons().forEach(function (button) {
      var kbd = button.querySelector("kbd");
      if (n < SHORTCUTS && !given[button.value]) {
        n += 1;
        given[button.value] = true;
        button.dataset.shortcut = String(n);
        button.setAttribute("aria-keyshortcuts", String(n));
        if (kbd) { kbd.textContent = String(n); kbd.hidden = false; }
      } else {
        delete button.dataset.shortcut;
        button.removeAttribute("aria-keyshortcuts");
        if (kbd) { kbd.textContent = ""; kbd.hidden = true; }
      }
    });
  }
  function rememberRecent(codeId) {
    var recent = document.getElementById("recent-palette");
    var source = screen().querySelector('#code-palette li[data-code="' + codeId + '"]');
    if (!recent || !source) return;
    var item = recent.querySelector('li[data-code="' + codeId + '"]');
    if (!item) {
      item = source.cloneNode(true);
      item.className = "depth-0";
      item.hidden = false;
    }
    recent.insertBefore(item, recent.firstChild);
    while (recent.children.length > SHORTCUTS) recent.lastElementChild.remove();
    document.getElementById("recent-codes").hidden = false;
    renumber();
    filterCodes();
  }
  function filterCodes() {
    var filter = document.getElementById("code-filter");
    if (!filter) return;
    var q = filter.value.trim().toLowerCase();
    var shown = 0;
    screen().querySelectorAll("#recent-palette li, #code-palette li").forEach(function (li) {
      li.hidden = q !== "" && li.dataset.label.indexOf(q) < 0;
      if (!li.hidden && li.closest("#code-palette") && li.dataset.code) shown += 1;
    });
    var count = document.getElementById("code-filter-count");
    if (count) {
      count.textContent = q === "" ? "" : interpolate(
        ngettext("%(n)s code shown.", "%(n)s codes shown.", shown), { n: shown }, true);
    }
  }
  function firstShownCode() {
    return paletteButtons().filter(function (b) { return !b.closest("li").hidden; })[0];
  }
  document.addEventListener("input", function (event) {
    if (event.target.id === "code-filter") filterCodes();
  });
  document.addEventListener("keydown", function (event) {
    if (event.target.id !== "code-filter" || event.isComposing) return;
    if (event.key === "Enter") {
      event.preventDefault();
      var button = firstShownCode();
      if (button) button.click();
      else announce(gettext("No code matches."));
    } else if (event.key === "ArrowDown") {
      var first = firstShownCode();
      if (first) { event.preventDefault(); first.focus(); }
    }
  });

  // Actions ------------------------------------------------------------------------------------
  var busy = false;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.dataset || !form.dataset.api) return;
    if (!form.closest("#coding-screen")) return;
    var submitter = event.submitter;
    if (form.id === "apply-form" && !(submitter && submitter.name === "code")) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    document.documentElement.dataset.codingBusy = "true";
    var method = form.dataset.apiMethod || "POST";
    var body = method === "DELETE" ? null : apiBody(form, submitter);
    var plan = focusPlan(form);
    form.setAttribute("aria-busy", "true");
    fetch(form.dataset.api, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
      body: body === null ? undefined : JSON.stringify(body),
    })
      .then(function (response) {
        if (response.ok) return { ok: true };
        return response.json().catch(function () { return null; })
          .then(function (data) { return { ok: false, status: response.status, data: data }; });
      })
      .then(function (result) {
        if (!result.ok) {
          var messages = errorMessages(result.status, result.data);
          showError(form, messages);
          announce(messages.join(" "));
          return null;
        }
        clearError(form);
        var done = form.dataset.done;
        if (form.id === "apply-form") {
          var label = submitter.querySelector(".code-name");
          done = interpolate(gettext("Applied “%(code)s”."), { code: label ? label.textContent.trim() : "" }, true);
          form.querySelector("[name=comment]").value = "";
          rememberRecent(submitter.value);
        } else if (form.id === "memo-form") {
          form.reset();
        }
        return refreshParts().then(function () {
          restoreFocus(plan);
          announce(done || gettext("Saved."));
        });
      })
      .catch(function () {
        showError(form, [gettext("The server could not be reached.")]);
        announce(gettext("The server could not be reached. Nothing was saved."));
      })
      .then(function () {
        busy = false;
        delete document.documentElement.dataset.codingBusy;
        form.removeAttribute("aria-busy");
      });
  });

  // Next story without a page load ------------------------------------------------------------
  function openStory(url, push) {
    document.documentElement.dataset.codingBusy = "true";
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok || response.redirected) throw new Error("story " + response.status);
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("coding-screen");
        if (!fresh) throw new Error("no screen");
        screen().replaceWith(document.adoptNode(fresh));
        document.title = doc.title;
        var messages = document.querySelector("#main > .messages");
        if (messages) messages.remove();
        if (push) window.history.pushState({ codingStory: true }, "", url);
        styles(screen());
        window.EntenduCoding.init();
        var heading = screen().querySelector("h1");
        heading.setAttribute("tabindex", "-1");
        heading.focus();
        window.scrollTo(0, 0);
        announce(heading.textContent.trim());
      })
      .catch(function () { window.location.href = url; })
      .then(function () { delete document.documentElement.dataset.codingBusy; });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#next-story");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button > 0) return;
    event.preventDefault();
    openStory(link.href, true);
  });
  window.addEventListener("popstate", function () { window.location.reload(); });
})();
