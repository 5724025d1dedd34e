// The editor's image picker (templates/admin/publishing/image/picker.html) hands
// the chosen image back to the window that opened it, the way
// django-prose-editor's Figure extension expects (a CKEditor-style callback).
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest(".image-picker__choose");
  if (!button) return;
  const picker = document.querySelector(".image-picker");
  const opener = window.opener;
  if (!opener || !opener.CKEDITOR || !picker.dataset.funcNum) {
    button.insertAdjacentText("afterend", " Open this list from the editor's image button.");
    return;
  }
  opener.CKEDITOR.tools.callFunction(picker.dataset.funcNum, button.dataset.url, {
    alternative_text: button.dataset.alt,
    id: button.dataset.id,
  });
  window.close();
});
