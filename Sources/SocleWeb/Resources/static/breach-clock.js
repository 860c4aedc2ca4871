// Socle: the breach register's 72-hour clock keeps ticking. Progressive enhancement only: the server writes
// the same words when the page is rendered; this updates them every 30 s and switches to « en retard » when
// the deadline passes. The words come from the page (data-running, data-overdue), not from this file.
(function () {
  "use strict";
  var clocks = document.querySelectorAll(".breach-clock[data-deadline]");
  if (!clocks.length) return;
  var day = (document.documentElement.lang || "fr") === "fr" ? "j" : "d";
  function duration(seconds) {
    var minutes = Math.max(0, Math.floor(seconds / 60));
    var h = Math.floor(minutes / 60), m = minutes % 60;
    if (h >= 72) return Math.floor(h / 24) + " " + day + " " + (h % 24) + " h";
    if (h === 0) return m + " min";
    return m === 0 ? h + " h" : h + " h " + (m < 10 ? "0" : "") + m + " min";
  }
  function tick() {
    var now = Date.now();
    Array.prototype.forEach.call(clocks, function (el) {
      var was = el.getAttribute("data-state");
      if (was !== "running" && was !== "overdue") return;
      var left = (Date.parse(el.getAttribute("data-deadline")) - now) / 1000;
      var state = left >= 0 ? "running" : "overdue";
      var template = el.getAttribute("data-" + state);
      var text = el.querySelector(".breach-clock-text");
      if (text && template) text.textContent = template.replace("{time}", duration(Math.abs(left)));
      if (state !== was) {
        el.setAttribute("data-state", state);
        el.classList.remove("breach-clock-" + was);
        el.classList.add("breach-clock-" + state);
        var mark = el.querySelector(".breach-clock-mark");
        if (mark) mark.textContent = state === "overdue" ? "⚠" : "◔";
      }
    });
  }
  tick();
  setInterval(tick, 30000);
})();
