// "Working…": anything the server takes more than 300 ms over shows that it is working —
// a page link or a form (a full page load) and an htmx request alike. No dependencies.
(function () {
  "use strict";
  var DELAY = 300;
  var timer = null;
  var pending = 0;

  function banner() {
    var el = document.getElementById("working");
    if (!el) {
      el = document.createElement("div");
      el.id = "working";
      el.className = "working";
      el.setAttribute("role", "status");
      el.setAttribute("aria-live", "polite");
      el.textContent = "Working…";
      document.body.appendChild(el);
    }
    return el;
  }

  function start() {
    if (timer !== null) return;
    timer = window.setTimeout(function () {
      document.body.classList.add("is-working");
      document.body.setAttribute("aria-busy", "true");
      banner().hidden = false;
    }, DELAY);
  }

  function stop() {
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
    document.body.classList.remove("is-working");
    document.body.removeAttribute("aria-busy");
    var el = document.getElementById("working");
    if (el) el.hidden = true;
  }

  function samePage(link) {
    if (!link.href || link.target || link.hasAttribute("download")) return false;
    if (link.origin !== window.location.origin) return false;
    if (link.pathname.indexOf("/static/") === 0 || /\.(json|md|pdf|ics|apkg|svg|png)$/.test(link.pathname)) return false;
    return !(link.pathname === window.location.pathname && link.search === window.location.search && link.hash);
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    var link = event.target.closest && event.target.closest("a[href]");
    if (link && samePage(link) && !link.hasAttribute("hx-get")) start();
  });
  document.addEventListener("submit", function (event) {
    var f = event.target;
    if (!event.defaultPrevented && !f.hasAttribute("hx-post") && !f.hasAttribute("hx-get") && f.target !== "_blank") start();
  });
  document.addEventListener("htmx:beforeRequest", function () { pending += 1; start(); });
  document.addEventListener("htmx:afterRequest", function () {
    pending = Math.max(0, pending - 1);
    if (!pending) stop();
  });
  // back/forward from the page cache: nothing is loading any more
  window.addEventListener("pageshow", stop);
})();
