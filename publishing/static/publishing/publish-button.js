// The publish button says "Schedule" while the publication date typed in
// the form is still ahead, and "Publish" (or "Publish changes") otherwise.
"use strict";
(() => {
  const start = () => {
    const button = document.querySelector(".publish-button");
    const date = document.getElementById("id_published_at_0");
    const time = document.getElementById("id_published_at_1");
    if (!button || !date || !time || button.dataset.publishLabel === "Publish changes") return;
    const update = () => {
      const moment = new Date(`${date.value}T${time.value || "00:00"}`);
      const ahead = !Number.isNaN(moment.getTime()) && moment > new Date();
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
