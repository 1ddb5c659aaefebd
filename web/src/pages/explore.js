// Explore: pick a scenario, edit its inputs, re-solve, and see every economy on a world map and the four focus economies in a table.
import { api, scenarioCatalog } from '../api.js';
import { chart, colourScale, worldMap } from '../charts.js';
import { FOCUS, FOCUS_NAMES, columnLabel, columnUnit, countryTable, dataTable, errorBox, h, num } from '../format.js';
import { setState } from '../main.js';

const DEFAULT_SCENARIO = 'usmx-fentanyl-25';

/** Overrides in the URL are o.PATH=JSON; a stored run is run=ID. */
function overridesFrom(params) {
  const o = {};
  for (const [k, v] of params) {
    if (!k.startsWith('o.')) continue;
    try { o[k.slice(2)] = JSON.parse(v); } catch { o[k.slice(2)] = v; }
  }
  return o;
}

function overridesFromManifest(manifest) {
  const o = {};
  for (const a of manifest.overrides) {
    const eq = a.indexOf('=');
    try { o[a.slice(0, eq)] = JSON.parse(a.slice(eq + 1)); } catch { o[a.slice(0, eq)] = a.slice(eq + 1); }
  }
  return o;
}

function isRate(field) {
  return (field.unit || '').startsWith('rate');
}

function control(field, value, onChange) {
  const id = `f-${field.path.replace(/[^A-Za-z0-9]/g, '-')}`;
  let input;
  if (field.kind === 'choice') {
    input = h('select', { id, 'data-path': field.path, onchange: () => onChange(input.value) },
      field.choices.map((c) => h('option', { value: c, selected: c === value }, c)));
  } else if (isRate(field)) {
    const pct = Math.round(value * 1000) / 10;
    const range = h('input', { type: 'range', min: 0, max: 100, step: 1, value: pct, 'aria-label': `${field.label} slider` });
    input = h('input', { id, type: 'number', min: 0, max: 200, step: 0.5, value: pct, 'data-path': field.path, class: 'pct' });
    range.addEventListener('input', () => { input.value = range.value; });
    range.addEventListener('change', () => { input.value = range.value; onChange(Number(range.value) / 100); });
    input.addEventListener('change', () => { range.value = input.value; onChange(Number(input.value) / 100); });
    return h('div.field', {}, h('label', { for: id }, field.label), h('div.rate', {}, range, h('span.pct-box', {}, input, h('span.suffix', {}, '%'))));
  } else {
    input = h('input', { id, type: 'number', step: field.step ?? 'any', min: field.min ?? undefined, max: field.max ?? undefined, value, 'data-path': field.path });
    input.addEventListener('change', () => onChange(Number(input.value)));
  }
  return h('div.field', {}, h('label', { for: id }, field.label), input);
}

function headline(run, table, rows) {
  const welfare = table.columns.find((c) => c.name === 'welfare_pct');
  if (!welfare) return null;
  const parts = FOCUS.map((iso) => rows.find((r) => r.iso3 === iso)).filter(Boolean).map((r) => {
    const v = r.welfare_pct;
    const name = FOCUS_NAMES[r.iso3] ?? r.name;
    const verb = v < 0 ? 'loses' : 'gains';
    return h('span', {}, h('b', {}, name), ` ${verb} ${num(Math.abs(v), null, 2)}%`);
  });
  const list = [];
  parts.forEach((p, i) => { if (i) list.push(i === parts.length - 1 ? ' and ' : ', '); list.push(p); });
  return h('p.headline', { 'data-testid': 'headline' }, ...list, ' in real income (welfare) against the 2023 baseline.');
}

export default {
  title: 'Explore',
  async render(root, params, alive) {
    const state = { params: new URLSearchParams(params) };
    const scenarios = (await scenarioCatalog()).filter((s) => s.model !== 'bargaining');
    const aside = h('aside.panel.controls');
    const results = h('section.results');
    root.append(h('div.page-head', {}, h('h1', {}, 'Explore a scenario'), h('p.lede', {}, 'Move a tariff and the world re-solves: 194 economies in general equilibrium, each change recorded in the run store.')),
      h('div.explore', {}, aside, results));

    let overrides;
    let name;
    let stored = null;
    if (params.get('run')) {
      try {
        stored = await api.stored(params.get('run'));
        name = stored.manifest.scenario;
        overrides = overridesFromManifest(stored.manifest);
      } catch (e) {
        results.append(errorBox(e));
        return;
      }
    } else {
      name = params.get('scenario') || DEFAULT_SCENARIO;
      overrides = overridesFrom(params);
    }

    let detail = null;
    try {
      detail = await api.scenario(name);
    } catch (e) {
      aside.append(errorBox(e));
    }
    if (!alive()) return;

    const select = h('select', { id: 'scenario', 'aria-label': 'Scenario' },
      scenarios.map((s) => h('option', { value: s.name, selected: s.name === name }, s.name)));
    select.addEventListener('change', () => { location.hash = `#/explore?scenario=${encodeURIComponent(select.value)}`; });
    aside.append(h('label.section', { for: 'scenario' }, 'Scenario'), select);
    if (detail) aside.append(h('p.scenario-title', {}, detail.title), h('p.muted.small', {}, detail.description));

    const status = h('div.status', { 'aria-live': 'polite', 'data-testid': 'status' });
    const syncUrl = () => {
      const p = new URLSearchParams();
      p.set('scenario', name);
      for (const [k, v] of Object.entries(overrides)) p.set(`o.${k}`, JSON.stringify(v));
      if (state.col) p.set('col', state.col);
      setState(p);
    };

    let pending = 0;
    const solve = async () => {
      const mine = ++pending;
      status.textContent = 'Solving…';
      status.className = 'status busy';
      const t0 = performance.now();
      try {
        const run = await api.run(name, overrides);
        if (mine !== pending || !alive()) return;
        const ms = Math.round(performance.now() - t0);
        status.textContent = run.cached ? `From the store (run ${run.id}) · ${ms} ms` : `Solved in ${Math.round(run.manifest.elapsedMs)} ms · run ${run.id}`;
        status.className = 'status ok';
        status.dataset.runId = run.id;
        await show(run);
      } catch (e) {
        if (mine !== pending) return;
        status.textContent = '';
        status.className = 'status';
        status.append(errorBox(e));
      }
    };

    if (detail) {
      const groups = new Map();
      for (const f of detail.fields) {
        if (!groups.has(f.group)) groups.set(f.group, []);
        groups.get(f.group).push(f);
      }
      const form = h('form.fields', { onsubmit: (e) => { e.preventDefault(); solve(); } });
      for (const [group, fields] of groups) {
        form.append(h('fieldset', {}, h('legend', {}, group), fields.map((f) => control(f, overrides[f.path] ?? f.value, (v) => {
          overrides[f.path] = v;
          syncUrl();
          solve();
        }))));
      }
      form.append(h('div.actions', {}, h('button.primary', { type: 'submit' }, 'Re-solve'),
        h('button', { type: 'button', onclick: () => { location.hash = `#/explore?scenario=${encodeURIComponent(name)}`; } }, 'Reset')));
      aside.append(form);
    }
    aside.append(status);

    // Result area: headline, map with legend, focus table, downloads, other tables.
    const head = h('div.headline-box');
    const outcome = h('select', { id: 'outcome', 'aria-label': 'Outcome shown on the map' });
    const mapEl = h('div.map', { id: 'map', role: 'img', 'aria-label': 'World map of the selected outcome' });
    const legend = h('div.legend', { id: 'legend', 'data-testid': 'legend' });
    const focus = h('div.focus');
    const downloads = h('div.downloads');
    const more = h('div.more');
    results.append(head,
      h('div.card.map-card', {}, h('div.card-head', {}, h('h2', {}, 'Every economy'), h('label.inline', { for: 'outcome' }, 'Outcome ', outcome)), mapEl, legend),
      h('div.card', {}, h('h2', {}, 'Mexico, the US, Canada and China'), focus),
      h('div.card', {}, h('h2', {}, 'Download'), downloads),
      more);

    const names = await worldMap();
    if (!alive()) return;
    const map = chart(mapEl);
    window.__tightropeMap = map;

    let current = null;
    const draw = () => {
      const run = current;
      const table = countryTable(run);
      if (!table) {
        mapEl.replaceChildren(h('p.muted', {}, 'This scenario has no per-country table to map.'));
        return;
      }
      const rows = run.tables[table.name];
      const numeric = table.columns.filter((c) => c.kind === 'Number');
      state.col = numeric.some((c) => c.name === state.col) ? state.col : (numeric.find((c) => c.name === 'welfare_pct') ?? numeric[0]).name;
      const col = numeric.find((c) => c.name === state.col);
      outcome.replaceChildren(...numeric.map((c) => h('option', { value: c.name, selected: c.name === col.name }, columnLabel(c))));
      const scale = colourScale(rows.map((r) => r[col.name]));
      const byIso = new Map(rows.map((r) => [r.iso3, r]));
      map.setOption({
        tooltip: {
          trigger: 'item',
          formatter: (p) => {
            const r = byIso.get(p.name);
            const label = names.get(p.name) ?? p.name.replace(/^_/, '');
            return r ? `${label}<br/>${columnLabel(col)}: ${num(r[col.name], col)}` : `${label}<br/>not in the model`;
          },
        },
        series: [{
          type: 'map', map: 'world', roam: true, zoom: 1.15, center: [10, 18], selectedMode: false,
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#f2b134' } },
          itemStyle: { borderColor: '#8a94a3', borderWidth: 0.3, areaColor: '#d9dde3' },
          data: [...names.keys()].map((iso) => {
            const r = byIso.get(iso);
            return { name: iso, value: r ? r[col.name] : null, itemStyle: { areaColor: scale.colour(r ? r[col.name] : NaN) } };
          }),
        }],
      }, { replaceMerge: ['series'] });
      const unit = columnUnit(col);
      legend.replaceChildren(
        h('div.legend-title', {}, columnLabel(col), unit ? h('span.unit', { 'data-testid': 'legend-unit' }, ` (${unit})`) : null),
        h('div.legend-bar', { style: `background: linear-gradient(to right, ${scale.stops.join(', ')})` }),
        h('div.legend-ticks', {}, h('span', {}, `≤ ${num(scale.min, col)}`), scale.diverging ? h('span', {}, '0') : null, h('span', {}, `≥ ${num(scale.max, col)}`)),
        h('div.legend-nodata', {}, h('i'), 'not in the model'));

      const focusRows = FOCUS.map((iso) => byIso.get(iso)).filter(Boolean);
      const cols = [{ name: 'name', kind: 'Text', header: 'Economy' }, ...numeric.filter((c) => c.name !== 'revenue_share' || focusRows.some((r) => r[c.name])).map((c) => ({ ...c, header: c.label }))];
      focus.replaceChildren(dataTable(cols, focusRows, {
        rowClass: (r) => `iso-${r.iso3}`,
        cell: (c, v, r) => (c.name === 'name'
          ? h('span.econ', {}, h('i.swatch', { style: `background:${scale.colour(r[col.name])}`, 'data-testid': `swatch-${r.iso3}` }), v)
          : c.name === col.name ? h('b', { 'data-testid': `value-${r.iso3}` }, num(v, c)) : null),
      }), h('p.muted.small', {}, cols.slice(1).map((c) => `${columnLabel(c)}: ${columnUnit(c) || 'level'}`).join(' · ')));
      head.replaceChildren(h('h2.run-title', {}, run.manifest.title), headline(run, table, rows) ?? h('p.headline', {}, run.manifest.reportTitle));
    };
    outcome.addEventListener('change', () => { state.col = outcome.value; syncUrl(); draw(); });

    const show = async (run) => {
      current = run;
      state.col = state.col ?? params.get('col');
      draw();
      downloads.replaceChildren(
        h('ul.links', {}, run.manifest.tables.map((t) => h('li', {}, h('a', { href: api.csvUrl(run.id, t.name), download: `${t.name}.csv`, 'data-testid': `csv-${t.name}` }, `${t.name}.csv`), h('span.muted', {}, ` ${t.rowCount} rows · ${t.title}`))),
          h('li', {}, h('a', { href: api.jsonUrl(run.id), download: `${run.id}.json`, 'data-testid': 'json' }, 'run.json'), h('span.muted', {}, ' manifest and every table'))),
        h('p.muted.small', {}, 'Permalink to this run: ', h('a', { href: `#/explore?run=${run.id}` }, run.id)));
      const others = run.manifest.tables.filter((t) => t.name !== countryTable(run)?.name && t.rowCount <= 60);
      more.replaceChildren(...others.map((t) => h('div.card', {}, h('h2', {}, t.title), dataTable(t.columns, run.tables[t.name]), t.note ? h('p.muted.small', {}, t.note) : null)));
    };

    if (stored) {
      status.textContent = `Stored run ${stored.id} · ${new Date(stored.manifest.created).toLocaleString()}`;
      status.className = 'status ok';
      status.dataset.runId = stored.id;
      await show(stored);
    } else {
      await solve();
    }
  },
};
