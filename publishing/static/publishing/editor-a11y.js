// Give the widgets that scripts build in the editor's admin an accessible
// name: the rich-text editor (tiptap) and the related-articles search box
// (select2) take the text of their field's <label>, and every toolbar
// button says in plain words what it does, as its tooltip and its name.
"use strict";
(() => {
  const TOOLBAR_WORDS = {
    bold: "Bold",
    italic: "Italic",
    "unordered list": "Bulleted list",
    "ordered list": "Numbered list",
    blockquote: "Quote",
    "horizontal rule": "Dividing line",
    figure: "Insert image",
    "insert link": "Insert link",
    "remove link": "Remove link",
    paragraph: "Paragraph",
    "heading 2": "Heading 2 (a section)",
    "heading 3": "Heading 3 (a sub-section)",
    "Insert table": "Insert table",
    "Merge cells": "Merge cells",
    "Split cell": "Split cell",
    undo: "Undo",
    redo: "Redo",
  };

  const explainToolbar = () => {
    document
      .querySelectorAll(".prose-menubar__button[title]:not([data-explained])")
      .forEach((button) => {
        const words = TOOLBAR_WORDS[button.getAttribute("title")];
        if (words) {
          button.title = words;
          button.setAttribute("aria-label", words);
        }
        button.dataset.explained = "";
      });
  };

  const labelText = (element) => {
    const row = element.closest(".form-row");
    const label = row && row.querySelector("label");
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  };

  const name = () => {
    explainToolbar();
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
