// The report site's script: progressive enhancement only. Every page is complete without it;
// it adds a search box and sortable, filterable tables. The renderer wraps this file in a
// function that defines SITE (language, labels, the fleet's groups and operating systems) and
// writes it as assets/report.js; the CSP allows it as `script-src 'self'`, and nothing here
// evaluates strings or writes HTML: untrusted text only ever becomes text nodes.
// SITE: a global for ESLint (eslint.config.js), a constant of the wrapping function at run time.

const L = SITE.labels;
// The site's root, from this script's own address (assets/report.js): works on file:// too.
const ROOT = new URL('../', document.currentScript.src);
const numberFormat = new Intl.NumberFormat(SITE.lang);
const collator = new Intl.Collator(SITE.lang, { numeric: true, sensitivity: 'base' });
const LEVEL_NAMES = ['none', 'low', 'medium', 'high'];
const SEARCH_LIMIT = 8;
const FLEET_STEP = 200;

function fill(template, params) {
  return template.replace(/\{(\w+)\}/g, (whole, name) =>
    name in params ? String(params[name]) : whole,
  );
}

/** An element with attributes and children (strings become text nodes, never markup). */
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}

// ---------------------------------------------------------------------------------------------
// The search index: search-index.js, loaded on first use as a script (no fetch: the CSP has no
// connect-src and file:// pages cannot fetch).

let indexPromise = null;

function loadIndex() {
  if (!indexPromise) {
    indexPromise = new Promise((resolve, reject) => {
      const done = () => {
        const data = window[SITE.global];
        if (data && data.v === 1) resolve(prepare(data));
        else reject(new Error('search index missing'));
      };
      if (window[SITE.global]) return done();
      const s = document.createElement('script');
      s.src = new URL(SITE.index, ROOT).href;
      s.addEventListener('load', done);
      s.addEventListener('error', () => reject(new Error('search index not loaded')));
      document.head.append(s);
    });
    indexPromise.catch(() => {
      indexPromise = null;
    });
  }
  return indexPromise;
}

/** The readable part of a page name, exactly as the renderer's slugify builds it. */
function readable(id) {
  return id
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

function slug(id, hash64) {
  const bytes = atob(hash64.replace(/-/g, '+').replace(/_/g, '/') + '=');
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += bytes.charCodeAt(i).toString(16).padStart(2, '0');
  const r = readable(id);
  return r ? `${r}-${hex}` : hex;
}

function prepare(data) {
  const devices = data.d.map((row, i) => {
    const [name, id0, hash, display, level, open, group, os, value] = row;
    const id = id0 === 0 ? name : id0;
    return {
      i,
      name,
      id,
      showId: id0 !== 0,
      display,
      level,
      open,
      group: data.groups[group],
      os: data.os[os],
      value,
      href: () => new URL(`devices/${slug(id, hash)}.html`, ROOT).href,
      keys: id0 === 0 ? [name.toLowerCase()] : [name.toLowerCase(), id.toLowerCase()],
    };
  });
  const recs = data.r.map(([title, id, hash]) => ({
    title,
    id,
    href: new URL(`recommendations/${slug(id, hash)}.html`, ROOT).href,
    keys: [title.toLowerCase(), id.toLowerCase()],
  }));
  const weaknesses = data.w.map(([id, rec, pos]) => ({
    id,
    rec: recs[rec],
    href: `${recs[rec].href}#w-${pos}`,
    keys: [id.toLowerCase()],
  }));
  const groups = data.g.map(([name, file]) => ({
    name,
    href: new URL(`groups/${file}`, ROOT).href,
    keys: [name.toLowerCase()],
  }));
  return { devices, recs, weaknesses, groups };
}

/** The best matches: exact first, then prefix, then anywhere; ties keep the index order. */
function best(items, q) {
  const hits = [];
  for (let i = 0; i < items.length; i++) {
    let rank = 3;
    for (const k of items[i].keys) {
      if (k === q) rank = 0;
      else if (rank > 1 && k.startsWith(q)) rank = 1;
      else if (rank > 2 && k.includes(q)) rank = 2;
    }
    if (rank < 3) hits.push([rank, i]);
  }
  hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { total: hits.length, items: hits.slice(0, SEARCH_LIMIT).map(([, i]) => items[i]) };
}

// ---------------------------------------------------------------------------------------------
// The search box, in the top bar of every page.

function setupSearch() {
  const bar = document.querySelector('.topbar-inner');
  if (!bar) return;
  const input = h('input', {
    type: 'search',
    id: 'site-search',
    class: 'search-input',
    placeholder: L.searchPlaceholder,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-controls': 'site-search-results',
    'aria-expanded': 'false',
  });
  const results = h('div', { id: 'site-search-results', class: 'search-results', hidden: true });
  const status = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const box = h(
    'div',
    { class: 'search', role: 'search' },
    h('label', { for: 'site-search', class: 'visually-hidden' }, L.searchLabel),
    input,
    results,
    status,
  );
  bar.append(box);

  const show = (open) => {
    results.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
  };
  const message = (text) => {
    results.replaceChildren(h('p', { class: 'search-note' }, text));
    delete results.dataset.q;
    status.textContent = text;
    show(true);
  };

  let seq = 0;
  const run = async () => {
    const q = input.value.trim().toLowerCase();
    const mine = ++seq;
    if (!q) return show(false);
    let ix;
    try {
      if (!indexPromise) message(L.searchLoading);
      ix = await loadIndex();
    } catch {
      return message(L.searchFailed);
    }
    if (mine !== seq) return;
    const sections = [
      [L.searchDevices, best(ix.devices, q), (d) => [d.name, d.showId ? d.id : null, d.href()]],
      [L.searchRecommendations, best(ix.recs, q), (r) => [r.title, null, r.href]],
      [L.searchWeaknesses, best(ix.weaknesses, q), (w) => [w.id, w.rec.title, w.href]],
      [L.searchGroups, best(ix.groups, q), (g) => [g.name, null, g.href]],
    ].filter(([, found]) => found.total > 0);
    if (sections.length === 0) {
      message(fill(L.searchNone, { q: input.value.trim() }));
      results.dataset.q = q;
      return;
    }
    const parts = [];
    let count = 0;
    for (const [title, found, view] of sections) {
      count += found.total;
      parts.push(h('h2', { class: 'search-heading' }, title));
      const list = h('ul', { class: 'search-list' });
      for (const item of found.items) {
        const [text, sub, href] = view(item);
        list.append(
          h('li', null, h('a', { href }, text, sub ? h('span', { class: 'sub' }, sub) : null)),
        );
      }
      parts.push(list);
      if (found.total > found.items.length)
        parts.push(
          h(
            'p',
            { class: 'search-note' },
            fill(L.searchMore, { n: numberFormat.format(found.total - found.items.length) }),
          ),
        );
    }
    results.replaceChildren(...parts);
    // Which query the results answer (typing may be ahead of them): for tests and styling.
    results.dataset.q = q;
    status.textContent = numberFormat.format(count);
    show(true);
  };

  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 60);
  });
  input.addEventListener('focus', () => {
    loadIndex().catch(() => {});
    if (input.value.trim()) show(true);
  });
  input.addEventListener('keydown', (e) => {
    const links = [...results.querySelectorAll('a')];
    if (e.key === 'Escape') show(false);
    else if (e.key === 'ArrowDown' && links.length) {
      e.preventDefault();
      links[0].focus();
    } else if (e.key === 'Enter' && links.length) {
      e.preventDefault();
      links[0].click();
    }
  });
  results.addEventListener('keydown', (e) => {
    const links = [...results.querySelectorAll('a')];
    const at = links.indexOf(document.activeElement);
    if (e.key === 'Escape') {
      show(false);
      input.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = at + (e.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)].focus();
    }
  });
  document.addEventListener('click', (e) => {
    if (!box.contains(e.target)) show(false);
  });
}

// ---------------------------------------------------------------------------------------------
// Tables: <table data-table> with sortable headers (data-sort="num|text"), column filters
// (data-filter: by the cell's text) and row filters (data-row-filters="kind threats": by the
// row's data-kind / data-threats tokens). A paged device list (data-fleet) filters and sorts the
// whole fleet from the search index instead of the rows of its own page.

function cellValue(cell, type) {
  if (!cell) return type === 'num' ? -Infinity : '';
  if (type === 'num') {
    const v = cell.dataset.v ?? cell.textContent.replace(/[^\d.-]/g, '');
    const n = Number(v);
    return Number.isFinite(n) ? n : -Infinity;
  }
  // A name cell sorts by its link's text, not by the id printed under it.
  const link =
    cell.firstElementChild && cell.firstElementChild.tagName === 'A'
      ? cell.firstElementChild
      : cell;
  return link.textContent.trim();
}

function enhanceTable(table) {
  const head = table.tHead && table.tHead.rows[0];
  const body = table.tBodies[0];
  if (!head || !body) return;
  const columns = [...head.cells].map((th, c) => ({
    c,
    th,
    name: th.textContent.trim(),
    col: th.dataset.col || null,
    sort: th.dataset.sort || null,
    filter: th.hasAttribute('data-filter'),
  }));
  const fleetTotal = table.dataset.fleet ? Number(table.dataset.fleet) : 0;
  const pageRecords = [...body.rows].map((tr, i) => ({
    i,
    el: tr,
    text: (c) => (tr.cells[c] ? tr.cells[c].textContent.trim() : ''),
    key: (c, type) => cellValue(tr.cells[c], type),
    tokens: (name) => (tr.dataset[name] || '').split(' ').filter(Boolean),
  }));

  const state = { sort: null, dir: 1, filters: new Map(), limit: FLEET_STEP };
  let fleet = null;

  // Filters: a select per filterable column and per row filter, with the values found (a fleet
  // list: every group and OS of the fleet, from SITE).
  const selects = [];
  const optionSort = (a, b) => collator.compare(a[1], b[1]);
  for (const col of columns.filter((x) => x.filter)) {
    let options;
    if (fleetTotal && col.col === 'level')
      options = LEVEL_NAMES.map((_, i) => [SITE.levels[i], SITE.levels[i], i]).reverse();
    else if (fleetTotal && col.col === 'group') options = SITE.groups.map((g) => [g, g]);
    else if (fleetTotal && col.col === 'os') options = SITE.os.map((o) => [o, o]);
    else {
      const seen = new Map();
      for (const r of pageRecords) {
        const t = r.text(col.c);
        if (!seen.has(t)) seen.set(t, r.key(col.c, 'num'));
      }
      options = [...seen].map(([t, k]) => [t, t, k]);
      // A ranked column (level): highest first; other columns by name.
      if (col.sort === 'num') options.sort((a, b) => b[2] - a[2]);
      else options.sort(optionSort);
    }
    if (options.length < 2 && !fleetTotal) continue;
    selects.push({ kind: 'col', c: col.c, label: col.name, options });
  }
  for (const name of (table.dataset.rowFilters || '').split(' ').filter(Boolean)) {
    const def = SITE.filters[name];
    if (!def) continue;
    const present = new Set(pageRecords.flatMap((r) => r.tokens(name)));
    const options = def.options.filter(([token]) => present.has(token));
    if (options.length === 0) continue;
    selects.push({ kind: 'row', name, label: def.label, options });
  }
  const sortable = columns.filter((x) => x.sort);
  if (selects.length === 0 && sortable.length === 0) return;

  const tools = h('div', { class: 'table-tools', role: 'group', 'aria-label': L.filterLabel });
  const count = h('p', { class: 'table-count', 'aria-live': 'polite' });
  for (const s of selects) {
    const select = h(
      'select',
      { 'data-filter-for': s.kind === 'col' ? columns[s.c].col || String(s.c) : s.name },
      h('option', { value: '' }, L.filterAll),
      ...s.options.map(([value, text]) => h('option', { value }, text || '—')),
    );
    select.addEventListener('change', () => {
      const key = s.kind === 'col' ? `c${s.c}` : `r${s.name}`;
      if (select.value) state.filters.set(key, { ...s, value: select.value });
      else state.filters.delete(key);
      state.limit = FLEET_STEP;
      void update();
    });
    s.select = select;
    tools.append(h('label', { class: 'table-filter' }, h('span', null, s.label), select));
  }
  const reset = h('button', { type: 'button', class: 'table-reset' }, L.filterReset);
  reset.addEventListener('click', () => {
    state.filters.clear();
    state.sort = null;
    for (const s of selects) s.select.value = '';
    void update();
  });
  tools.append(reset, count);
  const wrap = table.closest('.table-wrap') || table;
  wrap.before(tools);
  const more = h('button', { type: 'button', class: 'table-more', hidden: true });
  more.addEventListener('click', () => {
    state.limit += FLEET_STEP;
    void update();
  });
  wrap.after(more);

  // Sorting: the header's text becomes a button; aria-sort says the order.
  for (const col of sortable) {
    const button = h('button', { type: 'button', class: 'sort' }, ...col.th.childNodes);
    col.th.append(button);
    col.th.setAttribute('aria-sort', 'none');
    button.addEventListener('click', () => {
      if (state.sort === col.c) {
        state.dir = -state.dir;
      } else {
        // Numbers largest first, names A to Z.
        state.sort = col.c;
        state.dir = col.sort === 'num' ? -1 : 1;
      }
      void update();
    });
  }

  const fleetRecords = (ix) =>
    ix.devices.map((d) => {
      const cells = {
        name: d.name,
        exposure: numberFormat.format(d.display),
        level: SITE.levels[d.level],
        open: numberFormat.format(d.open),
        group: d.group,
        os: d.os,
        value: SITE.values[d.value],
      };
      const keys = {
        // The index lists devices most exposed first: the position is the exact order.
        exposure: ix.devices.length - d.i,
        level: d.level,
        open: d.open,
        value: d.value,
      };
      const byCol = (c) => columns[c].col;
      return {
        i: d.i,
        d,
        text: (c) => cells[byCol(c)] ?? '',
        key: (c, type) => (type === 'num' ? (keys[byCol(c)] ?? 0) : (cells[byCol(c)] ?? '')),
        tokens: () => [],
      };
    });

  const fleetRow = (r) => {
    const d = r.d;
    const cell = {
      name: h(
        'th',
        { scope: 'row', class: 'name' },
        h('a', { href: d.href() }, d.name),
        d.showId ? h('span', { class: 'sub id' }, d.id) : null,
      ),
      exposure: h('td', { class: 'num' }, numberFormat.format(d.display)),
      level: h(
        'td',
        null,
        h('span', { class: `level level-${LEVEL_NAMES[d.level]}` }, SITE.levels[d.level]),
      ),
      open: h('td', { class: 'num' }, numberFormat.format(d.open)),
      group: h('td', null, d.group),
      os: h('td', null, d.os),
      value: h('td', null, SITE.values[d.value]),
    };
    return h('tr', null, ...columns.map((col) => cell[col.col] || h('td')));
  };

  const pagers = [...document.querySelectorAll('.pagination')];

  async function update() {
    const active = state.filters.size > 0 || state.sort !== null;
    let records = pageRecords;
    let wholeFleet = false;
    if (fleetTotal && active) {
      if (!fleet) {
        count.textContent = L.filterLoading;
        try {
          fleet = fleetRecords(await loadIndex());
        } catch {
          count.textContent = L.searchFailed;
          return;
        }
      }
      records = fleet;
      wholeFleet = true;
    }
    let list = records.filter((r) => {
      for (const f of state.filters.values()) {
        if (f.kind === 'col' ? r.text(f.c) !== f.value : !r.tokens(f.name).includes(f.value))
          return false;
      }
      return true;
    });
    if (state.sort !== null) {
      const c = state.sort;
      const type = columns[c].sort;
      const dir = state.dir;
      list = list.slice().sort((a, b) => {
        const x = a.key(c, type);
        const y = b.key(c, type);
        const d = type === 'num' ? x - y : collator.compare(x, y);
        return d * dir || a.i - b.i;
      });
    }
    for (const col of sortable) {
      col.th.setAttribute(
        'aria-sort',
        state.sort === col.c ? (state.dir > 0 ? 'ascending' : 'descending') : 'none',
      );
    }
    if (wholeFleet) {
      const shown = list.slice(0, state.limit);
      body.replaceChildren(...shown.map((r) => r.el || (r.el = fleetRow(r))));
      count.textContent = fill(L.filterFleet, {
        shown: numberFormat.format(shown.length),
        total: numberFormat.format(list.length),
      });
      const rest = list.length - shown.length;
      more.hidden = rest <= 0;
      more.textContent = fill(L.filterMore, {
        n: numberFormat.format(Math.min(rest, FLEET_STEP)),
      });
      for (const p of pagers) p.hidden = true;
    } else {
      body.replaceChildren(...list.map((r) => r.el));
      count.textContent = active
        ? fill(L.filterShown, {
            shown: numberFormat.format(list.length),
            total: numberFormat.format(records.length),
          })
        : '';
      more.hidden = true;
      for (const p of pagers) p.hidden = false;
    }
    reset.disabled = !active;
  }
  reset.disabled = true;
}

setupSearch();
for (const table of document.querySelectorAll('table[data-table]')) enhanceTable(table);
