// /cari/: ?q= (?urut=, a parameter per filter) on the static Pagefind index,
// ten matches at a time ("Muat lebih banyak"). Shards (shards.json, one bundle
// per year part): the first's pagefind.js loads, the others merge (mergeIndex),
// each tagged with the filter SHARD: newest-first searches one shard at a time
// (Pagefind sorts within a bundle only). Filter menus come from the index.
// Every text shown is set as text: titles are untrusted.
const form = document.getElementById("cari");
const status = document.getElementById("cari-status");
const list = document.getElementById("cari-hasil");
const more = document.getElementById("cari-lagi");
const count = document.getElementById("cari-jumlah");
const choices = document.getElementById("cari-saring");
const PAGE = 10; // results shown at a time
const SHARD = "bagian"; // the synthetic filter naming a result's shard
const params = new URLSearchParams(window.location.search);
const labels = JSON.parse(form.dataset.labels || "{}");

let query = (params.get("q") || "").trim();
let loading = null; // the Pagefind module with every shard merged, once loaded
let found = []; // the current search's results, in order (data() loads each one)
let shown = 0;
let generation = 0; // a newer search makes the older one's late answers void

form.elements.q.value = query;
form.elements.urut.value = params.get("urut") === "terbaru" ? "terbaru" : "";
form.addEventListener("change", (event) => {
  if (event.target.name !== "q" && query) {
    search();
  }
});
more.addEventListener("click", () => showMore(true).catch(failed));
if (query) {
  search();
} else {
  form.elements.q.addEventListener("focus", () => index().catch(failed), { once: true });
}

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

function failed(error) {
  status.textContent = form.dataset.failed;
  console.error(error);
}

function index() {
  loading = loading || loadShards();
  return loading;
}

async function loadShards() {
  const manifest = new URL(form.dataset.bundle, window.location.href);
  const response = await fetch(manifest);
  if (!response.ok) {
    throw new Error(`${manifest}: ${response.status}`);
  }
  const { shards } = await response.json();
  if (!shards.length) {
    return { shards, search: async () => ({ results: [] }), filters: async () => ({}) };
  }
  const folder = (name) => new URL(`${encodeURIComponent(name)}/`, manifest).pathname;
  const pagefind = await import(`${folder(shards[0])}pagefind.js`);
  const base = form.dataset.base;
  // 40 words: a record opens with the title, and the Sorotan and caption after it still fit.
  await pagefind.options({ baseUrl: base, excerptLength: 40, mergeFilter: { [SHARD]: shards[0] } });
  // Merged shards share the first one's WebAssembly; all start at once.
  await Promise.all(shards.slice(1).map((name) =>
    pagefind.mergeIndex(folder(name), { baseUrl: base, mergeFilter: { [SHARD]: name } })));
  await buildFilterMenus(pagefind);
  return { shards, search: pagefind.search, filters: pagefind.filters };
}

const labelled = new Set();
async function buildFilterMenus(pagefind) {
  const filters = await pagefind.filters();
  // a filter with one value (only Berita, say) is neither a menu nor a card label
  const names = Object.keys(filters).filter((name) => name !== SHARD && Object.keys(filters[name]).length > 1).sort();
  names.forEach((name) => labelled.add(name));
  const menus = names.map((name) => {
    const label = labels[name] || name.charAt(0).toUpperCase() + name.slice(1);
    const select = document.createElement("select");
    select.name = name;
    select.id = `saring-${name.replace(/[^a-z0-9-]/gi, "-")}`;
    const all = new Option(say(form.dataset.all, { label: label.toLowerCase() }), "");
    const values = Object.keys(filters[name]).sort((a, b) => a.localeCompare(b, "id"));
    select.append(all, ...values.map((value) => new Option(value, value)));
    const wanted = params.get(name) || "";
    select.value = values.includes(wanted) ? wanted : "";
    const text = document.createElement("label");
    text.htmlFor = select.id;
    text.textContent = label;
    const field = document.createElement("p");
    field.append(text, select);
    return field;
  });
  choices.replaceChildren(...menus);
}

function chosenFilters() {
  const filters = {};
  for (const select of choices.querySelectorAll("select")) {
    if (select.value) {
      filters[select.name] = select.value;
    }
  }
  return filters;
}

function remember(filters, newest) {
  const next = new URLSearchParams({ q: query });
  if (newest) {
    next.set("urut", "terbaru");
  }
  for (const [name, value] of Object.entries(filters)) {
    next.set(name, value);
  }
  window.history.replaceState(null, "", `?${next}`);
}

function newestFirst(shards) {
  // "2026-2" before "2026-1" before "2025-3": a year's parts hold its articles in URL (date) order.
  const key = (name) => name.split("-").map(Number);
  return [...shards].sort((a, b) => {
    const [ya, pa] = key(a);
    const [yb, pb] = key(b);
    return yb - ya || pb - pa;
  });
}

async function search() {
  const mine = ++generation;
  query = form.elements.q.value.trim();
  status.textContent = form.dataset.searching;
  try {
    const pagefind = await index();
    const filters = chosenFilters();
    const newest = form.elements.urut.value === "terbaru";
    let results;
    if (newest && pagefind.shards.length) {
      const sort = { date: "desc" };
      const parts = await Promise.all(newestFirst(pagefind.shards).map((name) =>
        pagefind.search(query, { filters: { ...filters, [SHARD]: name }, sort })));
      results = parts.flatMap((part) => part.results);
    } else {
      results = (await pagefind.search(query, { filters })).results;
    }
    if (mine !== generation) {
      return;
    }
    remember(filters, newest);
    found = results;
    shown = 0;
    list.replaceChildren();
    await showMore(false);
    if (mine !== generation) {
      return;
    }
    // said once the first results are shown
    status.textContent = found.length
      ? say(form.dataset.found, { n: found.length, q: query })
      : say(form.dataset.none, { q: query });
  } catch (error) {
    failed(error);
  }
}

function matches(data) {
  // Pagefind answers an unknown word with its longest indexed prefix ("xyzzyqq"
  // finds "x"): a match counts with 3+ letters or as a search word itself.
  const terms = query.toLowerCase().split(/\s+/);
  const words = data.content.split(/\s+/);
  return (data.locations || []).some((at) => {
    const word = (words[at] || "").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
    return word.length >= 3 || terms.includes(word);
  });
}

async function showMore(moveFocus) {
  const mine = generation;
  const next = found.slice(shown, shown + PAGE);
  more.disabled = true;
  try {
    const data = await Promise.all(next.map((result) => result.data()));
    if (mine !== generation) {
      return;
    }
    if (shown === 0 && !data.some(matches)) {
      found = []; // only Pagefind's fallback matched: see matches()
      data.length = 0;
    }
    const items = data.map(render);
    list.append(...items);
    shown += items.length;
    if (moveFocus && items.length) {
      items[0].querySelector(".card-title a").focus();
    }
  } finally {
    more.disabled = false;
    more.hidden = shown >= found.length;
    count.textContent = found.length > PAGE ? say(form.dataset.shown, { shown, n: found.length }) : "";
  }
}

function element(name, className, text) {
  const made = document.createElement(name);
  if (className) {
    made.className = className;
  }
  if (text !== undefined) {
    made.textContent = text;
  }
  return made;
}

function shortDate(iso) {
  // as the lists write it (tanggal_pendek)
  const [year, month, day] = iso.split("-");
  return `${day}/${month}/${year}`;
}

function snippet(excerpt) {
  // Only Pagefind's <mark>s become elements; the rest is text, entities decoded.
  const paragraph = element("p", "card-snippet");
  let mark = null;
  for (const part of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") {
      mark = element("mark");
      paragraph.append(mark);
    } else if (part === "</mark>") {
      mark = null;
    } else if (part) {
      const text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
        .replace(/&#0?39;/g, "'").replace(/&amp;/g, "&");
      (mark || paragraph).append(text);
    }
  }
  return paragraph;
}

function render(result) {
  // the theme's card markup (article_card.html)
  const item = element("li", "card");
  const text = element("div", "card-text");
  const labelsShown = Object.entries(result.filters || {})
    .filter(([name]) => labelled.has(name) || name === "rubrik")
    .flatMap(([, values]) => values);
  if (labelsShown.length) {
    text.append(element("p", "card-rubrik", labelsShown.join(" · ")));
  }
  const link = element("a", "", result.meta.title);
  link.href = result.url;
  const heading = element("h2", "card-title");
  heading.append(link);
  text.append(heading);
  if (result.meta.date) {
    const meta = element("p", "card-meta");
    const time = element("time", "", shortDate(result.meta.date));
    time.dateTime = result.meta.date;
    meta.append(time);
    text.append(meta);
  }
  text.append(snippet(result.excerpt || ""));
  if (result.meta.image) {
    item.classList.add("has-thumb");
    const thumb = element("a", "card-thumb");
    thumb.href = result.url;
    thumb.tabIndex = -1;
    thumb.setAttribute("aria-hidden", "true");
    const image = element("img");
    image.src = form.dataset.base + result.meta.image;
    image.alt = "";
    image.width = 160;
    image.height = 120;
    image.loading = "lazy";
    image.decoding = "async";
    thumb.append(image);
    item.append(thumb);
  }
  item.append(text);
  return item;
}
