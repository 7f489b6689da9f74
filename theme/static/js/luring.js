/* Offline reading and Hemat data on the page (issue 18): registers sw.js,
   wires the Hemat data toggle (the head script, HEMAT_SCRIPT in
   plugins/newsroom/csp.py, has already held back the pictures), the
   "Simpan untuk dibaca nanti" button, and the list on the offline page. */
(function () {
  var d = document, root = d.documentElement, me = d.currentScript, base = me.getAttribute("data-base"),
    sw = navigator.serviceWorker, on = root.getAttribute("data-hemat") === "1", bar = d.querySelector(".hemat-bar");
  if (sw && me.hasAttribute("data-sw")) {
    sw.register(base + "sw.js", { scope: base }).catch(function () {});
    // the first page read (often from a WhatsApp link) came before the worker: keep it, and its pictures, too
    if (!sw.controller) sw.ready.then(function (reg) {
      reg.active.postMessage({ simpan: [location.pathname], pin: false, gambar: [].map.call(d.images, function (i) {
        return i.currentSrc;
      }).filter(Boolean) });
    });
  } else if (sw) sw.getRegistration(base).then(function (reg) {  // offline reading switched off: no worker stays behind
    if (reg && reg.scope === location.origin + base) reg.unregister();
  });

  // [[width, bytes], ...] of a picture's renditions, smallest first (data-bytes, written by the build)
  function sizes(img) {
    return (img.getAttribute("data-bytes") || "").split(" ").filter(Boolean).map(function (x) {
      x = x.split(":");
      return [+x[0], +x[1]];
    });
  }
  // the bytes of the rendition the browser would choose for the picture's box
  function chosen(img, list) {
    var need = img.getBoundingClientRect().width * (window.devicePixelRatio || 1);
    for (var i = 0; i < list.length; i++) if (list[i][0] >= need) return list[i][1];
    return list.length ? list[list.length - 1][1] : 0;
  }
  function waiting() { return d.querySelectorAll("img[data-tunda]"); }
  function show(img) {
    var p = img.parentNode;
    [].forEach.call(p.nodeName === "PICTURE" ? p.children : [img], function (e) {
      ["srcset", "src"].forEach(function (a) {
        var v = e.getAttribute("data-" + a);
        if (v !== null) { e.setAttribute(a, v); e.removeAttribute("data-" + a); }
      });
    });
    img.removeAttribute("data-tunda");
    p.removeAttribute("data-label");
  }
  if (bar) {
    var toggle = bar.querySelector(".hemat-toggle"), info = bar.querySelector(".hemat-info"),
      all = bar.querySelector(".hemat-semua");
    toggle.setAttribute("aria-pressed", String(on));
    toggle.addEventListener("click", function () {
      try { localStorage.setItem("hemat-data", on ? "0" : "1"); } catch (e) { /* private mode */ }
      location.reload();
    });
    var report = function () {
      var saved = 0;
      d.querySelectorAll("img[data-bytes]").forEach(function (img) {
        var list = sizes(img);
        if (img.hasAttribute("data-tunda")) saved += chosen(img, list);
        else if (img.getAttribute("sizes") === "1px" && list.length) saved += chosen(img, list) - list[0][1];
      });
      info.textContent = bar.getAttribute("data-info").replace("{kb}", Math.round(saved / 1024));
      all.hidden = !waiting().length;
    };
    if (on) {
      waiting().forEach(function (img) {
        img.parentNode.setAttribute("data-label", bar.getAttribute("data-ketuk") + " (" +
          Math.ceil(chosen(img, sizes(img)) / 1024) + " KB)");
      });
      d.addEventListener("click", function (ev) {
        var hit = ev.target.closest && ev.target.closest("picture, img"), img = hit && hit.nodeName === "PICTURE" ?
          hit.querySelector("img[data-tunda]") : hit;
        if (!img || !img.hasAttribute("data-tunda")) return;
        ev.preventDefault();  // a tap loads the picture; the next one follows its link
        show(img);
        report();
      });
      all.addEventListener("click", function () {
        waiting().forEach(show);
        report();
        info.textContent = bar.getAttribute("data-semua-dimuat");
      });
      report();
    }
  }

  d.querySelectorAll(".simpan").forEach(function (button) {
    button.addEventListener("click", function () {
      var status = d.querySelector(".simpan-status");
      var say = function (key) { if (status) status.textContent = button.getAttribute(key); };
      var pages = button.getAttribute("data-pages").split(" ").filter(Boolean).map(function (u) {
        return new URL(u, location.href).pathname;
      });
      if (!sw) return say("data-failed");
      say("data-saving");
      sw.ready.then(function (reg) {
        return new Promise(function (done) {
          var channel = new MessageChannel();
          channel.port1.onmessage = function (m) { done(m.data && m.data.ok); };
          reg.active.postMessage({ simpan: pages }, [channel.port2]);
        });
      }).then(function (ok) { say(ok ? "data-done" : "data-failed"); }, function () { say("data-failed"); });
    });
  });

  var list = d.querySelector(".daftar-luring");
  if (list) {  // without the Cache API (caches undefined) the list says nothing is saved
    Promise.resolve().then(function () { return caches.open("luring-halaman"); })
      .then(function (c) { return c.match(base + "__daftar__.json"); })
      .then(function (r) { return r ? r.json() : []; }).catch(function () { return []; }).then(function (entries) {
        entries = entries.filter(function (x) { return x.a; });
        entries.forEach(function (x) {
          var li = d.createElement("li"), a = d.createElement("a");
          a.href = x.u;  // the title was HTML-escaped in the page it came from: read back as text only
          a.textContent = new DOMParser().parseFromString("<p>" + (x.t || x.u), "text/html").body.textContent;
          li.appendChild(a);
          if (x.s) li.appendChild(d.createTextNode(" · " + list.getAttribute("data-saved")));
          list.appendChild(li);
        });
        if (!entries.length) {
          var none = d.createElement("li");
          none.textContent = list.getAttribute("data-none");
          list.appendChild(none);
        }
      });
  }
})();
