/* Enhancements only: the page works without them. Text size is remembered
   across pages (localStorage); the copy-link button appears where the
   clipboard API exists. */
(function () {
  var doc = document, root = doc.documentElement, KEY = "ukuran-teks";
  function apply(size) {
    root.setAttribute("data-size", size);
    try { localStorage.setItem(KEY, size); } catch (e) { /* private mode */ }
    doc.querySelectorAll("[data-size-btn]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-size-btn") === size));
    });
  }
  doc.querySelectorAll(".textsize").forEach(function (group) {
    group.hidden = false;
    group.addEventListener("click", function (ev) {
      var btn = ev.target.closest("[data-size-btn]");
      if (btn) apply(btn.getAttribute("data-size-btn"));
    });
  });
  apply(root.getAttribute("data-size") || "m");
  if (navigator.clipboard) {
    doc.querySelectorAll(".copy-link").forEach(function (btn) {
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var status = doc.querySelector(".copy-status");
        navigator.clipboard.writeText(btn.getAttribute("data-url")).then(function () {
          if (status) status.textContent = status.getAttribute("data-done");
        });
      });
    });
  }
})();
