// Give the widgets that scripts build in the article admin an accessible
// name: the rich-text editor (tiptap) and the related-articles search box
// (select2) take the text of their field's <label>.
"use strict";
(() => {
  const labelText = (element) => {
    const row = element.closest(".form-row");
    const label = row && row.querySelector("label");
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  };

  const name = () => {
    document
      .querySelectorAll(".ProseMirror[contenteditable]:not([aria-label])")
      .forEach((editor) => {
        editor.setAttribute("aria-label", labelText(editor) || "Article body");
        editor.setAttribute("aria-multiline", "true");
      });
    document
      .querySelectorAll(".select2-search__field:not([aria-label])")
      .forEach((field) => {
        field.setAttribute("aria-label", `Search ${labelText(field) || "articles"}`);
      });
  };

  const start = () => {
    name();
    new MutationObserver(name).observe(document.body, {
      childList: true,
      subtree: true,
    });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
