// Small enhancements only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // A print button where a page offers one.
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  // Warn before leaving an edit form with unsaved changes.
  const form = document.querySelector("form.edit");
  if (form) {
    let dirty = false;
    form.addEventListener("input", () => { dirty = true; });
    form.addEventListener("submit", () => { dirty = false; });
    window.addEventListener("beforeunload", (event) => { if (dirty) event.preventDefault(); });
  }
});
