// Site copy admin: move a navigation link up or down instead of typing
// numbers. Each row gets two buttons; the hidden position fields follow the
// rows' order on the page when the form is sent.
"use strict";
(() => {
  // Rows with a link in them: a blank extra row stays blank, so Django
  // leaves it out instead of asking for its label.
  const rows = (table) =>
    [...table.querySelectorAll("tbody tr.form-row")].filter(
      (row) =>
        !row.classList.contains("empty-form") &&
        row.querySelector('input[name$="-label"]')?.value,
    );

  // The inline's inputs have column headings, not labels of their own.
  const label = (table) => {
    table.querySelectorAll("tbody tr.form-row").forEach((row) => {
      for (const [suffix, words] of [
        ["-label", "Link label"],
        ["-url", "Link address"],
        ["-DELETE", "Delete this link"],
      ]) {
        const input = row.querySelector(`input[name$="${suffix}"]`);
        if (input && !input.hasAttribute("aria-label")) input.setAttribute("aria-label", words);
      }
    });
  };

  const renumber = (table) => {
    rows(table).forEach((row, n) => {
      const position = row.querySelector('input[name$="-position"]');
      if (position) position.value = n;
    });
  };

  const addButtons = (table) => {
    rows(table).forEach((row) => {
      if (row.querySelector(".reorder")) return;
      const cell = row.querySelector("td.field-label") || row.cells[1];
      const group = document.createElement("span");
      group.className = "reorder";
      for (const [direction, label, glyph] of [
        ["up", "Move up", "↑"],
        ["down", "Move down", "↓"],
      ]) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = `reorder__${direction}`;
        button.title = label;
        button.setAttribute("aria-label", `${label}: ${row.querySelector('input[name$="-label"]')?.value || "this link"}`);
        button.textContent = glyph;
        button.addEventListener("click", () => {
          const sibling =
            direction === "up" ? row.previousElementSibling : row.nextElementSibling;
          if (!sibling || !sibling.classList.contains("form-row") || sibling.classList.contains("empty-form")) return;
          if (direction === "up") sibling.before(row);
          else sibling.after(row);
          renumber(table);
          button.focus();
        });
        group.append(button);
      }
      cell.append(group);
    });
  };

  const start = () => {
    document.querySelectorAll(".tabular table").forEach((table) => {
      if (!table.querySelector('input[name$="-position"]')) return;
      label(table);
      addButtons(table);
      renumber(table);
      table.closest("form").addEventListener("submit", () => renumber(table));
      new MutationObserver(() => {
        label(table);
        addButtons(table);
        renumber(table);
      }).observe(table.querySelector("tbody"), { childList: true });
    });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
