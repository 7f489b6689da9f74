// invoke livereload (portal/serve.py): served only by the local livereload
// server, never part of the site. Polls the build status; reloads the page
// after a good build, shows the build error over the page after a failed one.
(function () {
  "use strict";
  var ID = "portal-livereload-error";
  var seen = null;

  function overlay(message) {
    var box = document.getElementById(ID);
    if (!box) {
      box = document.createElement("div");
      box.id = ID;
      box.setAttribute("role", "alert");
      var s = box.style; // CSSOM, which the page's style-src 'self' allows
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.top = "0"; s.zIndex = "2147483647";
      s.maxHeight = "100vh"; s.overflow = "auto"; s.boxSizing = "border-box"; s.padding = "16px 20px";
      s.background = "#fff4f4"; s.color = "#5c0000"; s.borderBottom = "4px solid #b00020";
      s.font = "15px/1.5 system-ui, sans-serif"; s.boxShadow = "0 4px 16px rgba(0,0,0,.25)";
      var title = document.createElement("strong");
      title.textContent = "Build gagal: halaman ini masih versi terakhir yang berhasil. " +
        "Perbaiki masalah di bawah lalu simpan berkasnya; halaman dimuat ulang sendiri.";
      title.style.display = "block";
      var text = document.createElement("pre");
      text.style.whiteSpace = "pre-wrap"; text.style.margin = "8px 0 0"; text.style.font = "14px/1.45 monospace";
      box.appendChild(title);
      box.appendChild(text);
      (document.body || document.documentElement).appendChild(box);
    }
    box.lastChild.textContent = message; // text, never markup
  }

  function check() {
    fetch("/__portal/status", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (state) {
      if (seen !== null && state.version !== seen && !state.error) {
        location.reload();
        return;
      }
      seen = state.version;
      if (state.error) {
        overlay(state.error);
      } else {
        var box = document.getElementById(ID);
        if (box) box.remove();
      }
    }).catch(function () { /* the server restarts or stopped: try again */ }).then(function () {
      setTimeout(check, 700);
    });
  }
  check();
})();
