// Keyboard shortcuts of the review pages: one key per decision, no key while typing in a field.
(function () {
  "use strict";
  let busy = false;  // one decision per page: a second key press must not submit again

  function rows() { return Array.from(document.querySelectorAll("a.row-link")); }

  function moveRow(step) {
    const links = rows();
    if (!links.length) return;
    const at = links.indexOf(document.activeElement);
    const next = links[Math.min(links.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
    links.forEach(function (a) { a.closest("tr").classList.remove("sel"); });
    next.closest("tr").classList.add("sel");
    next.focus();
  }

  function listPage() {
    return document.body.classList.contains("queue-page") || document.body.classList.contains("missed-page");
  }

  // A list opens with its first row selected, so Enter opens it at once.
  if (listPage()) moveRow(0);

  function focusForm(id) {
    const form = document.getElementById(id);
    const first = form && form.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
  }

  document.addEventListener("submit", function (e) {
    if (busy) { e.preventDefault(); return; }
    busy = true;
  });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || busy) return;
    const t = e.target;
    if (t.closest && t.closest("input, textarea, select, [contenteditable]")) {
      if (e.key === "Escape") t.blur();
      return;
    }
    if (listPage() && (e.key === "j" || e.key === "k")) {
      e.preventDefault();
      moveRow(e.key === "j" ? 1 : -1);
      return;
    }
    const el = document.querySelector('[data-key="' + e.key + '"]');
    if (!el) return;
    e.preventDefault();
    if (el.dataset.focus) focusForm(el.dataset.focus);
    else if (el.tagName === "A") window.location.href = el.href;
    else el.click();
  });

  // Focusing a field lights up its evidence in the article and scrolls the article to it.
  document.addEventListener("focusin", function (e) {
    const box = e.target.closest && e.target.closest(".field[data-field]");
    document.querySelectorAll(".hot").forEach(function (m) { m.classList.remove("hot"); });
    if (!box) return;
    box.classList.add("hot");
    const marks = document.querySelectorAll('mark[data-fields~="' + box.dataset.field + '"]');
    marks.forEach(function (m) { m.classList.add("hot"); });
    if (marks.length) marks[0].scrollIntoView({block: "center", behavior: "smooth"});
  });
})();
