/* Search page (tim-kiem/): Pagefind's JS API from the site's own /pagefind/ bundle, no CDN.
   Pagefind's ready-made UIs were not used: their strings, result markup and excerpts would
   have to be overridden piece by piece, and the excerpt is where Vietnamese needs care.
   This script adds what Pagefind lacks for Vietnamese (see plugins/search_index/core.py):
   - the query's tone marks are moved as the index's were ("Tỉnh uỷ" → "Tỉnh ủy");
   - excerpts are cut and highlighted here by comparing folded words, so "dang uy khoi"
     marks "Đảng ủy Khối" (Pagefind cannot mark words it matched through metadata);
   - a word that matches nothing is named to the reader (Pagefind silently drops it and
     answers for the other words, which would look like a wrong result).
   The index comes in Pagefind bundles of whole years (plugins/search_index/shards.py): the
   newest at pagefind/, the others merged with Pagefind's own mergeIndex, as listed in
   pagefind/shards.json. Merged results are ranked by relevance across bundles as one index
   would be; "newest first" asks year by year, because Pagefind's sorted scores are
   positions within one bundle and cannot be compared across bundles.
   Every text shown comes from data-msg-* attributes, i.e. from the theme's t() strings. */

const PAGE_SIZE = 10;
const EXCERPT_WORDS = 30;
const TYPING_PAUSE_MS = 250;

/* Same rule as plugins/vi_text/core.py canonical_tone_placement; a browser test compares them. */
const MARK_ON_LAST_VOWEL = /(?<![qQ])([oO][aAeE]|[uU][yY])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}\p{M}\p{N}_])/gu;

export function canonicalTonePlacement(text) {
  return text
    .normalize("NFD")
    .replace(MARK_ON_LAST_VOWEL, (_, pair, mark) => pair[0] + mark + pair[1])
    .normalize("NFC");
}

/* Same as plugins/vi_text/core.py fold: lower case, no diacritics, đ → d. */
export function fold(text) {
  return text
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .normalize("NFC")
    .toLowerCase();
}

function bareWord(word) {
  return fold(word.replace(/[\p{P}\p{S}]/gu, ""));
}

export function queryTerms(query) {
  return query.split(/\s+/).map(bareWord).filter(Boolean);
}

/* The EXCERPT_WORDS-word window of `content` with the most query hits, as
   [{text, hit}] runs. Pagefind matches each query word as a prefix, so this does too. */
export function excerpt(content, terms, size = EXCERPT_WORDS) {
  const words = content.split(/\s+/).filter(Boolean);
  const hits = words.map((word) => {
    const bare = bareWord(word);
    return bare !== "" && terms.some((term) => bare.startsWith(term));
  });
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < words.length; i += 1) {
    count += hits[i] ? 1 : 0;
    if (i >= size) count -= hits[i - size] ? 1 : 0;
    const start = Math.max(0, i - size + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  const end = Math.min(words.length, best + size);
  const runs = [];
  const add = (text, hit) => {
    const last = runs[runs.length - 1];
    if (last && last.hit === hit) last.text += text;
    else runs.push({ text, hit });
  };
  if (best > 0) add("… ", false);
  for (let i = best; i < end; i += 1) {
    add(words[i], hits[i]);
    if (i < end - 1) add(" ", hits[i] && hits[i + 1]); // "Đảng ủy Khối" is one <mark>
  }
  if (end < words.length) add(" …", false);
  return runs;
}

/* The words of `query` that Pagefind dropped. Every result contains every word Pagefind
   kept (in its text, title or đ aliases, see ALIAS_META in plugins/search_index/core.py),
   so a word the best result lacks matched nothing at all. Costs no download: the best
   result's fragment is needed for the list anyway. */
export function droppedWords(query, page) {
  const words = queryTerms(`${page.content} ${page.meta.title || ""} ${page.meta.vi_alias || ""}`);
  return query.split(/\s+/).filter((word) => {
    const term = bareWord(word);
    return term !== "" && !words.some((found) => found.startsWith(term));
  });
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderResult(data, terms) {
  const item = el("li", "search-result");
  const title = el("h2", "search-result__title");
  const link = el("a", "", data.meta.title || data.url);
  link.href = data.url;
  title.append(link);
  const meta = el("p", "search-result__meta");
  if (data.meta.date) meta.append(el("span", "search-result__date", data.meta.date));
  // Articles have a category; other searchable pages (documents…) say what kind they are.
  const section = (data.filters.category || data.filters.kind || [])[0];
  if (section) meta.append(el("span", "search-result__category", section));
  const text = el("p", "search-result__excerpt");
  for (const run of excerpt(data.content, terms)) {
    text.append(run.hit ? el("mark", "", run.text) : document.createTextNode(run.text));
  }
  item.append(title, meta, text);
  return item;
}

/* Merge the other years' bundles into the newest one; null for a one-bundle index (no shards.json).
   Paths without the origin: Pagefind takes the results' URL prefix from the path before
   "pagefind/", and only strips the origin where it runs in the page, not in its worker. */
async function loadShards(pagefind, bundle) {
  const response = await fetch(new URL("shards.json", bundle));
  if (!response.ok) return null;
  const shards = await response.json();
  const merged = shards.shards.filter((shard) => shard.path);
  await Promise.all(merged.map((shard) => pagefind.mergeIndex(new URL(shard.path, bundle).pathname)));
  return shards;
}

class SearchPage {
  constructor(root) {
    this.root = root;
    this.msg = root.dataset;
    this.form = root.querySelector("form");
    this.input = this.form.elements.q;
    this.category = this.form.elements["chuyen-muc"];
    this.sort = this.form.elements["sap-xep"];
    this.status = root.querySelector("[data-search-status]");
    this.missing = root.querySelector("[data-search-missing]");
    this.list = root.querySelector("[data-search-results]");
    this.more = root.querySelector("[data-search-more]");
    this.results = [];
    this.shown = 0;
    this.terms = [];
    this.generation = 0; // a newer search makes older, slower ones drop their answers
  }

  async start() {
    const params = new URLSearchParams(location.search);
    this.input.value = params.get("q") || "";
    this.sort.value = params.get("sap-xep") === "moi-nhat" ? "moi-nhat" : "";
    this.category.value = params.get("chuyen-muc") || ""; // an unknown name leaves "all" selected
    try {
      const bundle = new URL(this.msg.bundle, document.baseURI);
      this.pagefind = await import(bundle.href);
      await this.pagefind.init();
      this.shards = await loadShards(this.pagefind, bundle);
    } catch (error) {
      this.say(this.msg.msgUnavailable);
      console.error(error);
      return;
    }
    this.root.querySelector("[data-search-filters]").hidden = false;
    let timer;
    // Enter right after typing must not leave the typing pause to run the same search again
    // (it would empty the list the reader is moving into).
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      this.search();
    });
    this.input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.search(), TYPING_PAUSE_MS);
    });
    this.category.addEventListener("change", () => this.search());
    this.sort.addEventListener("change", () => this.search());
    this.more.addEventListener("click", () => this.showMore(true));
    this.search();
  }

  say(text) {
    this.status.textContent = text;
  }

  remember(query) {
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    if (this.category.value) params.set("chuyen-muc", this.category.value);
    if (this.sort.value) params.set("sap-xep", this.sort.value);
    const search = params.toString();
    history.replaceState(null, "", search ? `?${search}` : location.pathname);
  }

  async search() {
    const generation = ++this.generation;
    const query = canonicalTonePlacement(this.input.value.trim());
    this.remember(this.input.value.trim());
    this.list.replaceChildren();
    this.missing.hidden = true;
    this.more.hidden = true;
    if (!query) {
      this.say(this.msg.msgEmpty);
      return;
    }
    this.say(this.msg.msgLoading);
    const filters = this.category.value ? { category: this.category.value } : {};
    const results =
      this.sort.value === "moi-nhat" ? await this.newestFirst(query, filters) : await this.mostRelevant(query, filters);
    if (generation !== this.generation) return;
    this.results = results;
    this.shown = 0;
    const shownQuery = this.input.value.trim();
    if (!this.results.length) {
      this.say(fill(this.msg.msgNone, { q: shownQuery }));
      return;
    }
    const missing = droppedWords(query, await this.results[0].data());
    if (generation !== this.generation) return;
    this.terms = queryTerms(query).filter((term) => !missing.map(bareWord).includes(term));
    this.say(fill(this.msg.msgCount, { n: this.results.length.toLocaleString("vi"), q: shownQuery }));
    if (missing.length) {
      this.missing.textContent = fill(this.msg.msgMissing, { terms: missing.map((w) => `“${w}”`).join(", ") });
      this.missing.hidden = false;
    }
    await this.showMore(false);
  }

  async mostRelevant(query, filters) {
    return (await this.pagefind.search(query, { filters })).results;
  }

  /* One year at a time, newest first, each sorted by date: a year lies in one bundle only. */
  async newestFirst(query, filters) {
    const sort = { date: "desc" };
    if (!this.shards) return (await this.pagefind.search(query, { filters, sort })).results;
    const years = await Promise.all(
      this.shards.years.map((year) =>
        this.pagefind.search(query, { filters: { ...filters, [this.shards.filter]: year }, sort })
      )
    );
    return years.flatMap((found) => found.results);
  }

  async showMore(moveFocus) {
    const generation = this.generation;
    const batch = this.results.slice(this.shown, this.shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (generation !== this.generation) return;
    const items = data.map((page) => renderResult(page, this.terms));
    this.list.append(...items);
    this.shown += batch.length;
    this.more.hidden = this.shown >= this.results.length;
    if (moveFocus && items.length) items[0].querySelector("a").focus();
  }
}

const root = document.querySelector("[data-search]");
if (root) new SearchPage(root).start();
