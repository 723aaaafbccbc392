// The practice timer: time since the question was shown, against the target length.
// Display only; the server times the answer itself. No inline script: the CSP forbids it.
(function () {
  "use strict";
  var timer = document.getElementById("timer");
  if (!timer) { return; }
  var target = parseInt(timer.getAttribute("data-target"), 10) || 120;
  var left = timer.hasAttribute("data-left") ? parseInt(timer.getAttribute("data-left"), 10) : null;
  var started = Date.now();
  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  function tick() {
    var elapsed = (Date.now() - started) / 1000;
    var text = clock(elapsed) + " / " + clock(target);
    if (left !== null) { text += " · session: " + clock(left - elapsed) + " left"; }
    timer.textContent = text;
    timer.classList.toggle("over", elapsed > target);
  }
  tick();
  window.setInterval(tick, 1000);
}());
