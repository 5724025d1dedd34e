// The publish button says "Schedule" while the publication date typed in
// the form is still ahead, and "Publish" (or "Publish changes") otherwise.
"use strict";
(() => {
  const start = () => {
    const button = document.querySelector(".publish-button");
    const date = document.getElementById("id_published_at_0");
    const time = document.getElementById("id_published_at_1");
    if (!button || !date || !time) return;
    const update = () => {
      // The form's date and time are the site's (America/Chicago), not the
      // browser's: Django's admin gives their offset from UTC on <body>.
      const offset = Number(document.body.dataset.adminUtcOffset || 0);
      const [year, month, day] = date.value.split("-").map(Number);
      const [hour = 0, minute = 0, second = 0] = time.value.split(":").map(Number);
      const moment = Date.UTC(year, month - 1, day, hour, minute, second) - offset * 1000;
      const ahead = !Number.isNaN(moment) && moment > Date.now();
      button.value = ahead ? button.dataset.scheduleLabel : button.dataset.publishLabel;
    };
    for (const field of [date, time]) {
      field.addEventListener("input", update);
      field.addEventListener("change", update);
    }
    update();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
