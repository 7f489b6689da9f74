/* Offline reading (issue 18). The build writes this file at the site's root
   as sw.js, after `self.LURING = {v, base, shell, offline, max, timeout,
   article, depth}` (plugins/distribusi/offline.py).
   - shell (CSS, JS, logo, icons, manifest, offline page): cached at install,
     in a cache named by the build's version; other versions' are cleared;
   - pages: network first, the saved copy after `timeout` ms or when offline,
     else the offline page; every page read is kept (the last `max` articles,
     with all their pages; "Simpan" pins an article's pages);
   - versioned assets (?v=) and renditions (images/r/, named by a hash):
     cache first; other images, CSS and JS: network, then the cache. */
// The shell's name ends with the base: portals on one host (/ and /uji/) clear only their own old shells.
var L = self.LURING, SHELL = "luring-shell-" + L.v + " " + L.base, PAGES = "luring-halaman", ASSETS = "luring-aset",
  LIST = L.base + "__daftar__.json", OTHER_PAGES = 12, ASSET_LIMIT = 300, queue = Promise.resolve();

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(SHELL).then(function (c) {
    return c.addAll(L.shell.map(function (u) { return new Request(u, { cache: "reload" }); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      // (a name without a space is an older worker's, from before shells were named by site path)
      return k.indexOf("luring-shell-") === 0 && k !== SHELL &&
        (k.indexOf(" ") < 0 || k.slice(-L.base.length - 1) === " " + L.base);
    })
      .map(function (k) { return keepStyles(k).then(function () { return caches.delete(k); }); }));
  }).then(function () { return self.clients.claim(); }));
});

// A page saved under an older version still asks for that version's CSS and JS.
function keepStyles(name) {
  return Promise.all([caches.open(name), caches.open(ASSETS)]).then(function (c) {
    return c[0].keys().then(function (requests) {
      return Promise.all(requests.filter(function (r) { return /\.(css|js)\?v=/.test(r.url); }).map(function (r) {
        return c[0].match(r).then(function (res) { return res && c[1].put(r, res); });
      }));
    });
  });
}

self.addEventListener("fetch", function (e) {
  var q = e.request, u = new URL(q.url);
  if (q.method !== "GET" || u.origin !== location.origin || u.pathname.indexOf(L.base) !== 0) return;
  if (q.mode === "navigate") return e.respondWith(page(e));
  var kind = q.destination;
  if (/[?&]v=/.test(u.search) || u.pathname.indexOf(L.base + "images/r/") === 0) return e.respondWith(cacheFirst(q));
  if (kind === "image" || kind === "style" || kind === "script" || kind === "manifest") e.respondWith(networkFirst(q));
});

function keep(q, res) {
  if (!res || !res.ok || res.type !== "basic") return res;
  var copy = res.clone();
  caches.open(ASSETS).then(function (c) {
    return c.put(q, copy).then(function () { return c.keys(); }).then(function (keys) {
      return Promise.all(keys.slice(0, Math.max(0, keys.length - ASSET_LIMIT)).map(function (k) { return c.delete(k); }));
    });
  }).catch(function () {});
  return res;
}

function cacheFirst(q) {
  return caches.match(q).then(function (hit) {
    return hit || fetch(q).then(function (res) { return keep(q, res); });
  });
}

function networkFirst(q) {
  return fetch(q).then(function (res) { return keep(q, res); }, function (error) {
    return caches.match(q).then(function (hit) { if (hit) return hit; throw error; });
  });
}

// Only pages are kept as pages: a picture or file opened by itself would be read as text (broken bytes).
function html(res) { return /^text\/html/i.test(res.headers.get("Content-Type") || ""); }

function clean(url) { var u = new URL(url); u.search = ""; u.hash = ""; return u.href; }

function saved(url) { return caches.open(PAGES).then(function (c) { return c.match(clean(url)); }); }

function offlinePage() {
  return caches.match(L.offline).then(function (hit) {
    return hit || new Response("Luring", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  });
}

// Network first; the saved copy when the network is slower than L.timeout or fails; else the offline page.
function page(e) {
  var q = e.request, net = fetch(q);
  e.waitUntil(net.then(function (res) {  // cloned before the page reads the body
    if (res.ok && res.type === "basic" && html(res)) return store(res.url || q.url, res.clone());
  }).catch(function () {}));
  return new Promise(function (done) {
    var timer = setTimeout(function () { saved(q.url).then(function (hit) { if (hit) done(hit); }); }, L.timeout);
    net.then(function (res) { clearTimeout(timer); done(res); }, function () {
      clearTimeout(timer);
      saved(q.url).then(function (hit) { return hit || offlinePage(); }).then(done);
    });
  });
}

// The article a page belongs to: its first L.depth path segments under L.article ("" for other pages).
function articleOf(url) {
  var path = new URL(url).pathname.slice(L.base.length), parts = path.split("/");
  if (!L.article || path.indexOf(L.article) !== 0 || parts.length <= L.depth) return "";
  return new URL(L.base + parts.slice(0, L.depth).join("/") + "/", url).href;
}

function titleOf(html) {
  var m = /<meta property="og:title" content="([^"]*)"/.exec(html);
  return m ? m[1] : "";  // still HTML-escaped: luring.js reads it as text
}

// One change of the list of saved pages at a time (a JSON file in the pages' cache).
function update(change) {
  queue = queue.then(function () {
    return caches.open(PAGES).then(function (c) {
      return c.match(LIST).then(function (r) { return r ? r.json() : []; }).then(function (list) {
        var drop = change(list) || [];
        return Promise.all(drop.map(function (u) { return c.delete(u); })).then(function () {
          return c.put(LIST, new Response(JSON.stringify(list), { headers: { "Content-Type": "application/json" } }));
        });
      });
    });
  }).catch(function () {});
  return queue;
}

// Keep a page read (or saved, PIN) and forget the oldest beyond the limits.
function store(url, res, pin) {
  var u = clean(url), root = articleOf(u);
  return res.text().then(function (html) {
    var copy = new Response(html, { headers: { "Content-Type": res.headers.get("Content-Type") || "text/html" } });
    return caches.open(PAGES).then(function (c) { return c.put(u, copy); }).then(function () {
      return update(function (list) {
        var key = root || u, entry = null, drop = [], articles = 0, others = 0;
        for (var i = 0; i < list.length; i++) if (list[i].u === key) entry = list.splice(i, 1)[0];
        entry = entry || { u: key, a: root ? 1 : 0, s: 0, p: [] };
        entry.w = Date.now();
        if (root && (u === root || !entry.t)) entry.t = titleOf(html) || entry.t;
        if (pin) entry.s = 1;
        if (entry.p.indexOf(u) < 0) entry.p.push(u);
        list.unshift(entry);
        for (i = 0; i < list.length; i++) {
          var x = list[i];
          if (x.s) continue;
          if (x.a ? ++articles > L.max : ++others > OTHER_PAGES) { drop = drop.concat(x.p); list.splice(i--, 1); }
        }
        return drop;
      });
    });
  });
}

// "Simpan untuk dibaca nanti": every page of an article, pinned; the answer goes back on the message's port.
// The first page a reader opened, before the worker existed, comes the same way, unpinned, with its pictures.
self.addEventListener("message", function (e) {
  var pages = e.data && e.data.simpan, port = e.ports && e.ports[0] || { postMessage: function () {} };
  if (!pages) return;
  (e.data.gambar || []).forEach(function (u) {
    if (new URL(u).origin === location.origin) e.waitUntil(cacheFirst(new Request(u)).catch(function () {}));
  });
  e.waitUntil(Promise.all(pages.map(function (p) {
    return Promise.resolve().then(function () {
      var url = new URL(p, location.origin + L.base).href;
      if (new URL(url).origin !== location.origin) throw new Error("origin");
      return fetch(url);
    }).then(function (res) {
      if (!res.ok || res.type !== "basic" || !html(res)) throw new Error(res.status);
      return store(res.url, res, e.data.pin !== false);
    });
  })).then(function () { port.postMessage({ ok: true }); }, function () { port.postMessage({ ok: false }); }));
});
