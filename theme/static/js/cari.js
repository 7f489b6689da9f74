// The /cari/ page: read ?q= (and ?rubrik=), query the static Pagefind index,
// list the matching articles. No framework, no network beyond this site.
// The index is sharded (one Pagefind bundle per year, in parts): data-bundle
// names shards.json, which lists the shards newest first; the first one's
// pagefind.js is loaded and the others are merged into it (mergeIndex).
const form = document.getElementById("cari");
const status = document.getElementById("cari-status");
const list = document.getElementById("cari-hasil");
const params = new URLSearchParams(window.location.search);
const query = (params.get("q") || "").trim();
const rubrik = params.get("rubrik") || "";

form.elements.q.value = query;
form.elements.rubrik.value = rubrik;
if (query) {
  search();
}

function say(template) {
  return template.replace("{q}", query);
}

async function search() {
  status.textContent = form.dataset.searching;
  try {
    const pagefind = await loadShards();
    const found = await pagefind.search(query, rubrik ? { filters: { rubrik } } : {});
    const results = await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
    list.replaceChildren(...results.map(render));
    status.textContent = results.length
      ? say(form.dataset.found).replace("{n}", String(found.results.length))
      : say(form.dataset.none);
  } catch (error) {
    status.textContent = form.dataset.failed;
    console.error(error);
  }
}

async function loadShards() {
  const manifest = new URL(form.dataset.bundle, window.location.href);
  const response = await fetch(manifest);
  if (!response.ok) {
    throw new Error(`${manifest}: ${response.status}`);
  }
  const { shards } = await response.json();
  if (!shards.length) {
    return { search: async () => ({ results: [] }) }; // a site without articles yet
  }
  const folder = (name) => new URL(`${encodeURIComponent(name)}/`, manifest).pathname;
  const pagefind = await import(`${folder(shards[0])}pagefind.js`);
  // 40 words: a record opens with the title, and the Sorotan and caption after it still fit.
  await pagefind.options({ baseUrl: form.dataset.base, excerptLength: 40 });
  // Merged shards share the first one's WebAssembly and fetch only their small
  // meta file up front; mergeIndex files each shard in call order, so all start at once.
  await Promise.all(shards.slice(1).map((name) => pagefind.mergeIndex(folder(name), { baseUrl: form.dataset.base })));
  return pagefind;
}

function render(result) {
  // The theme's own card markup (article_card.html), so results look like lists.
  const item = document.createElement("li");
  item.className = "card";
  const rubrik = (result.filters.rubrik || [])[0];
  if (rubrik) {
    const label = document.createElement("p");
    label.className = "card-rubrik";
    label.textContent = rubrik;
    item.append(label);
  }
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = result.meta.title;
  const heading = document.createElement("h2");
  heading.className = "card-title";
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.className = "card-meta";
  excerpt.innerHTML = result.excerpt; // Pagefind escapes the page text and adds only <mark>
  item.append(heading, excerpt);
  return item;
}
