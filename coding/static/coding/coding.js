/* The coding screen: turn a selection in the story into offsets in Unicode code points.
 *
 * JavaScript strings count UTF-16 code units (an emoji is two); the server stores offsets in
 * code points (Python str indices), end exclusive. Every text segment the server renders carries
 * its start offset in code points (data-start); within a segment we count code points with
 * Array.from, which iterates by code point.
 *
 * Messages come from Django's JavaScript catalogue (gettext, interpolate: templates/base.html).
 */
(function () {
  "use strict";
  // NOTE: the screen's elements are looked up by init(), again after workbench.js has put a
  // refreshed part in place (refresh()) or the next story's screen (init()); the document's
  // listeners are added once and read these variables.
  var textEl, form, segs, segStarts, chars, total, sentences, startInput, endInput, status;
  var scopeSpan, scopeDoc, filter;
  var current = null; // [start, end] in code points
  var sentenceIndex = -1;
  var anchorIndex = -1;
  var programmatic = false;

  function refresh() {
    segs = Array.prototype.slice.call(textEl.querySelectorAll("[data-start]"));
    segStarts = segs.map(function (s) { return Number(s.dataset.start); });
    chars = Array.from(textEl.textContent);
    total = Number(textEl.dataset.length || chars.length);
  }

  function init() {
    textEl = document.getElementById("story-text");
    form = document.getElementById("apply-form");
    if (!textEl || !form) return false;
    refresh();
    sentences = JSON.parse((document.getElementById("story-sentences") || {}).textContent || "[]");
    startInput = form.querySelector("[name=start]");
    endInput = form.querySelector("[name=end]");
    status = document.getElementById("selection-status");
    scopeSpan = form.querySelector("[name=scope][value=span]");
    scopeDoc = form.querySelector("[name=scope][value=document]");
    filter = document.getElementById("code-filter");
    current = null;
    sentenceIndex = -1;
    anchorIndex = -1;
    status.dataset.empty = status.textContent;
    textEl.addEventListener("mouseup", onSelection);
    textEl.addEventListener("keyup", onSelection);
    form.addEventListener("submit", onSubmit);
    // After a reload, restore the passage the server sent back with an error.
    if (startInput.value !== "" && endInput.value !== "") {
      var s = Number(startInput.value), e = Number(endInput.value);
      if (e > s && e <= total) select(s, e, false);
    }
    return true;
  }

  function cpLen(str) { return Array.from(str).length; }

  function segmentOf(node) {
    var el = node.nodeType === 3 ? node.parentElement : node;
    return el && el.closest ? el.closest("[data-start]") : null;
  }

  // A DOM boundary point (node, UTF-16 offset) to a code-point offset in the story.
  function pointToCp(node, offset) {
    if (node === textEl) {
      if (offset >= segs.length) return total;
      return segStarts[offset];
    }
    if (!textEl.contains(node)) return null;
    var seg = segmentOf(node);
    if (!seg) return null;
    var base = Number(seg.dataset.start);
    if (node.nodeType === 3) return base + cpLen(node.data.slice(0, offset));
    return offset === 0 ? base : base + cpLen(seg.textContent);
  }

  // A code-point offset to a DOM boundary point, for selecting a passage from the keyboard.
  function cpToPoint(cp) {
    var lo = 0, hi = segs.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (segStarts[mid] <= cp) lo = mid; else hi = mid - 1;
    }
    var seg = segs[lo];
    var node = seg.firstChild;
    if (!node) return { node: seg, offset: 0 };
    var within = Array.from(node.data).slice(0, cp - segStarts[lo]).join("").length;
    return { node: node, offset: within };
  }

  function trim(start, end) {
    while (start < end && /\s/u.test(chars[start])) start++;
    while (end > start && /\s/u.test(chars[end - 1])) end--;
    return [start, end];
  }

  function show(start, end) {
    current = [start, end];
    startInput.value = start;
    endInput.value = end;
    if (scopeSpan) scopeSpan.checked = true;
    var preview = chars.slice(start, end).join("");
    if (preview.length > 120) preview = preview.slice(0, 117) + "…";
    status.textContent = interpolate(
      gettext("Selected characters %(start)s to %(end)s: “%(text)s”"),
      { start: start, end: end, text: preview }, true);
  }

  function clearSelection() {
    current = null;
    startInput.value = "";
    endInput.value = "";
    status.textContent = status.dataset.empty || "";
    var sel = window.getSelection();
    if (sel) sel.removeAllRanges();
  }

  function onSelection() {
    if (programmatic) return;
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    var range = sel.getRangeAt(0);
    if (!textEl.contains(range.commonAncestorContainer) && range.commonAncestorContainer !== textEl) {
      return;
    }
    var start = pointToCp(range.startContainer, range.startOffset);
    var end = pointToCp(range.endContainer, range.endOffset);
    if (start === null || end === null) return;
    var t = trim(Math.max(0, start), Math.min(total, end));
    if (t[1] > t[0]) show(t[0], t[1]);
  }

  function select(start, end, scroll) {
    var a = cpToPoint(start), b = cpToPoint(end);
    var range = document.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    var sel = window.getSelection();
    programmatic = true;
    sel.removeAllRanges();
    sel.addRange(range);
    window.setTimeout(function () { programmatic = false; }, 0);
    show(start, end);
    if (scroll && a.node.parentElement) {
      a.node.parentElement.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }

  function stepSentence(delta, extend) {
    if (!sentences.length) return;
    if (extend && anchorIndex >= 0) {
      sentenceIndex = Math.max(anchorIndex, Math.min(sentences.length - 1, sentenceIndex + delta));
      select(sentences[anchorIndex][0], sentences[sentenceIndex][1], true);
      return;
    }
    if (sentenceIndex < 0 && current) {
      for (var i = 0; i < sentences.length; i++) {
        if (sentences[i][1] > current[0]) { sentenceIndex = i - (delta > 0 ? 1 : 0); break; }
      }
    }
    sentenceIndex = Math.max(0, Math.min(sentences.length - 1, sentenceIndex + delta));
    anchorIndex = sentenceIndex;
    select(sentences[sentenceIndex][0], sentences[sentenceIndex][1], true);
  }

  function onSubmit(event) {
    var spanChosen = scopeSpan && scopeSpan.checked;
    if (spanChosen && (startInput.value === "" || endInput.value === "")) {
      event.preventDefault();
      status.textContent = gettext(
        "Select a passage in the story first, or apply the code to the whole story.");
      textEl.focus();
    }
  }

  if (!init()) return;
  document.addEventListener("selectionchange", onSelection);

  // Select an application's passage from the list.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-select-start]");
    if (!link) return;
    event.preventDefault();
    select(Number(link.dataset.selectStart), Number(link.dataset.selectEnd), true);
  });

  // Emphasise an application's passages while its list item has the pointer or the focus.
  function emphasise(item, on) {
    var id = item.dataset.app;
    textEl.querySelectorAll("mark[data-apps]").forEach(function (m) {
      if ((" " + m.dataset.apps + " ").indexOf(" " + id + " ") >= 0) m.classList.toggle("focus", on);
    });
  }
  ["mouseover", "focusin"].forEach(function (t) {
    document.addEventListener(t, function (event) {
      var item = event.target.closest && event.target.closest(".app-item[data-app]");
      if (item) emphasise(item, true);
    });
  });
  ["mouseout", "focusout"].forEach(function (t) {
    document.addEventListener(t, function (event) {
      var item = event.target.closest && event.target.closest(".app-item[data-app]");
      if (item) emphasise(item, false);
    });
  });

  // Keyboard shortcuts, documented on the page.
  document.addEventListener("keydown", function (event) {
    // NOTE: while an input method composes (Japanese, Chinese, Korean…), keys belong to it;
    // keyCode 229 is what some browsers send for those keys instead of isComposing.
    if (event.isComposing || event.keyCode === 229) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    var type = (event.target.type || "").toLowerCase();
    var typing = tag === "textarea" || tag === "select" || event.target.isContentEditable ||
      (tag === "input" && type !== "radio" && type !== "checkbox");
    if (typing) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    var key = event.key;
    if (key === "j" || key === "J") { event.preventDefault(); stepSentence(1, event.shiftKey); }
    else if (key === "k" || key === "K") { event.preventDefault(); stepSentence(-1, event.shiftKey); }
    else if (/^[1-9]$/.test(key)) {
      var button = form.querySelector('[data-shortcut="' + key + '"]');
      if (button) { event.preventDefault(); button.click(); }
    } else if (key === "d" || key === "D") {
      event.preventDefault();
      if (scopeDoc && scopeSpan) {
        if (scopeDoc.checked) scopeSpan.checked = true; else scopeDoc.checked = true;
        (scopeDoc.checked ? scopeDoc : scopeSpan).focus();
      }
    } else if (key === "/") {
      if (filter) { event.preventDefault(); filter.focus(); }
    } else if (key === "c" || key === "C") {
      var comment = form.querySelector("[name=comment]");
      if (comment) { event.preventDefault(); comment.focus(); }
    } else if (key === "Escape") {
      clearSelection();
    } else if (key === "a" || key === "A") {
      var accept = document.querySelector("#suggestions .suggestion-accept [type=submit]");
      if (accept) { event.preventDefault(); accept.click(); }
    } else if (key === "n" || key === "N") {
      var next = document.getElementById("next-story");
      if (next) { event.preventDefault(); next.click(); }
    }
  });

  // For workbench.js: after it puts a part in place, or the next story's screen.
  window.EntenduCoding = {
    init: init,
    // The story's marks changed: read its segments again and select the passage again.
    refresh: function () {
      refresh();
      var whole = scopeDoc && scopeDoc.checked;
      if (current) select(current[0], current[1], false);
      if (whole) scopeDoc.checked = true;
    },
    current: function () { return current; },
    clear: clearSelection,
  };
})();
