// The recording beside the story being coded: "Play the selected passage" finds the passage's
// first word among the transcript's timed words (by its position among the text's words) and
// plays from there.
(function () {
  "use strict";
  var audio = document.getElementById("voice-player-audio");
  var button = document.getElementById("voice-play-passage");
  var data = document.getElementById("voice-words");
  var text = document.getElementById("story-text");
  if (!audio || !button || !data || !text) { return; }
  var words = JSON.parse(data.textContent);
  button.addEventListener("click", function () {
    var selection = window.getSelection();
    var start = 0;
    if (selection && selection.rangeCount && text.contains(selection.anchorNode)) {
      var range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(selection.getRangeAt(0).startContainer, selection.getRangeAt(0).startOffset);
      var before = range.toString().trim();
      var count = before ? before.split(/\s+/).length : 0;
      var total = text.textContent.trim().split(/\s+/).length || 1;
      var index = Math.min(words.length - 1, Math.round(count * words.length / total));
      start = index >= 0 && words[index] ? words[index][0] : 0;
    }
    audio.currentTime = start;
    audio.play();
  });
})();
