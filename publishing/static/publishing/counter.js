// The editor: count the meta description's characters as staff type, against
// the 50–160 guide in its help text (search results cut longer ones).
"use strict";
(() => {
  const start = () => {
    const field = document.getElementById("id_meta_description");
    if (!field) return;
    const counter = document.createElement("div");
    counter.className = "help meta-counter";
    counter.id = "id_meta_description_counter";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    field.setAttribute(
      "aria-describedby",
      `${field.getAttribute("aria-describedby") || ""} ${counter.id}`.trim(),
    );
    const update = () => {
      const length = field.value.trim().length;
      const verdict =
        length < 50 ? "too short" : length > 160 ? "too long" : "a good length";
      counter.textContent = `${length} characters: ${verdict} (50–160).`;
    };
    field.addEventListener("input", update);
    update();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
