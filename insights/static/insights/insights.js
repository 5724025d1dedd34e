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
  // After the first paint: a request before it would hold up the page's
  // largest paint on a slow phone (Lighthouse's LCP counts it).
  requestAnimationFrame(function () { setTimeout(function () { send("view"); }, 0); });
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
