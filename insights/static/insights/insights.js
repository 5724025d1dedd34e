// Counts, for Insights in the admin, which sections of a page are read and
// which calls to action are used there. No cookie, no storage, nothing but
// this page's path, the event and a heading's id; and nothing at all when
// the browser asks for Global Privacy Control or Do Not Track.
(function () {
  var n = navigator;
  if (!n.sendBeacon || n.globalPrivacyControl || n.doNotTrack === "1" || window.doNotTrack === "1") return;
  var path = location.pathname;
  var headings = document.querySelectorAll("main h2[id]");
  function send(event, section) {
    n.sendBeacon("/insights/event", JSON.stringify({ p: path, e: event, s: section || "" }));
  }
  // The section on screen: the last heading above the middle of the window.
  function current() {
    var id = "";
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top < innerHeight / 2) id = headings[i].id;
    }
    return id;
  }
  // The view is sent a second after the page has loaded (a request during
  // the first paint would hold up its largest paint on a slow phone), or as
  // the reader leaves, if sooner.
  var viewed = false;
  function view() {
    if (!viewed) { viewed = true; send("view"); }
  }
  addEventListener("load", function () { setTimeout(view, 1000); });
  addEventListener("pagehide", view);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") view();
  });
  if (window.IntersectionObserver) {
    var timers = {};
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        var h = entry.target;
        clearTimeout(timers[h.id]);
        if (entry.isIntersecting) {
          // Seen: on screen for a second, counted once.
          timers[h.id] = setTimeout(function () { observer.unobserve(h); send("seen", h.id); }, 1000);
        }
      });
    });
    headings.forEach(function (h) { observer.observe(h); });
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href]");
    if (!a) return;
    var kind = a.protocol === "tel:" ? "call" : a.protocol === "mailto:" ? "email" : a.host !== location.host ? "" :
      a.pathname.indexOf("/contact/") === 0 ? "contact" : a.pathname.indexOf("/assessment/") === 0 ? "assessment" : "";
    if (kind) send(kind, current());
  });
})();
