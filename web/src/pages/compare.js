// Compare: several scenarios or stored runs side by side, one outcome, as grouped bars for the focus economies.
import { api, scenarioCatalog } from '../api.js';
import { chart } from '../charts.js';
import { FOCUS, FOCUS_NAMES, columnLabel, columnUnit, countryTable, dataTable, errorBox, h, num } from '../format.js';
import { setState } from '../main.js';

const DEFAULTS = ['usmx-fentanyl-25', 'usmx-mexico-retaliates', 'imls-case1'];
const PALETTE = ['#123c5a', '#f2b134', '#3f8f6b', '#b2182b', '#6b5ca5', '#2a9fd6', '#8c6d31', '#d6604d'];

export default {
  title: 'Compare',
  async render(root, params, alive) {
    const scenarios = (await scenarioCatalog()).filter((s) => s.model === 'tariffs-one-sector' || s.model === 'caliendo-parro');
    let picked = (params.get('s') || DEFAULTS.join(',')).split(',').filter(Boolean);
    let col = params.get('col') || 'welfare_pct';
    const economies = (params.get('rows') || FOCUS.join(',')).split(',').filter(Boolean);

    // The picked scenarios first, so they are in view however long the library is.
    scenarios.sort((a, b) => Number(picked.includes(b.name)) - Number(picked.includes(a.name)));
    const list = h('div.checks', { id: 'compare-list' }, scenarios.map((s) =>
      h('label.check', { title: s.title }, h('input', { type: 'checkbox', value: s.name, checked: picked.includes(s.name) }), ` ${s.name}`)));
    const outcome = h('select', { id: 'compare-outcome', 'aria-label': 'Outcome' });
    const status = h('div.status', { 'aria-live': 'polite' });
    const chartEl = h('div.bars', { id: 'bars' });
    const tableBox = h('div');
    root.append(h('div.page-head', {}, h('h1', {}, 'Compare scenarios'), h('p.lede', {}, 'One outcome, several scenarios or stored runs, side by side.')),
      h('div.explore', {}, h('aside.panel', {}, h('div.section', {}, 'Scenarios'), list, h('label.section', { for: 'compare-outcome' }, 'Outcome'), outcome, status),
        h('section.results', {}, h('div.card', {}, h('h2', { id: 'compare-title' }, 'Outcome by economy'), chartEl), h('div.card', {}, tableBox))));

    const bars = chart(chartEl);
    const sync = () => {
      const p = new URLSearchParams();
      p.set('s', picked.join(','));
      p.set('col', col);
      if (params.get('rows')) p.set('rows', economies.join(','));
      setState(p);
    };

    const update = async () => {
      status.textContent = 'Solving…';
      status.className = 'status busy';
      try {
        const runs = await Promise.all(picked.map((s) => (s.startsWith('run:') ? api.stored(s.slice(4)) : api.run(s))));
        if (!alive()) return;
        const tables = runs.map((r) => ({ run: r, info: countryTable(r) })).filter((x) => x.info);
        const numeric = new Map();
        for (const t of tables) for (const c of t.info.columns) if (c.kind === 'Number' && !numeric.has(c.name)) numeric.set(c.name, c);
        if (!numeric.has(col)) col = numeric.keys().next().value ?? col;
        outcome.replaceChildren(...[...numeric.values()].map((c) => h('option', { value: c.name, selected: c.name === col }, columnLabel(c))));
        const column = numeric.get(col);
        const label = (r) => (r.manifest.overrides.length ? `${r.manifest.scenario}*` : r.manifest.scenario);
        const value = (t, iso) => t.run.tables[t.info.name].find((row) => row.iso3 === iso)?.[col] ?? null;
        document.getElementById('compare-title').textContent = `${columnLabel(column)} (${columnUnit(column) || 'level'})`;
        bars.setOption({
          color: PALETTE,
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => num(v, column) },
          legend: { top: 0, type: 'scroll' },
          grid: { left: 56, right: 16, top: 40, bottom: 32 },
          xAxis: { type: 'category', data: economies.map((e) => FOCUS_NAMES[e] ?? e), axisLabel: { interval: 0, width: 72, overflow: 'break' } },
          yAxis: { type: 'value', name: columnUnit(column).startsWith('%') ? '%' : '', axisLabel: { formatter: (v) => num(v, null, Math.abs(v) < 1 && v !== 0 ? 2 : 0) } },
          series: tables.map((t) => ({ type: 'bar', name: label(t.run), data: economies.map((e) => value(t, e)), barMaxWidth: 28 })),
        }, { notMerge: true });
        const rows = tables.map((t) => Object.fromEntries([['scenario', label(t.run)], ['id', t.run.id], ...economies.map((e) => [e, value(t, e)])]));
        tableBox.replaceChildren(h('h2', {}, 'Values'), dataTable([{ name: 'scenario', kind: 'Text', header: 'Scenario' },
          ...economies.map((e) => ({ ...column, name: e, kind: "Number", header: FOCUS_NAMES[e] ?? e }))], rows,
        { cell: (c, v, r) => (c.name === 'scenario' ? h('a', { href: `#/explore?run=${r.id}` }, v) : c.kind === 'Number' ? num(v, column) : null) }),
        h('p.muted.small', {}, '* with overrides. Each bar is a run in the store; follow the link to open it.'));
        status.textContent = `${runs.length} runs`;
        status.className = 'status ok';
      } catch (e) {
        status.replaceChildren(errorBox(e));
        status.className = 'status';
      }
    };

    list.addEventListener('change', () => {
      const checked = [...list.querySelectorAll('input:checked')].map((i) => i.value);
      picked = [...picked.filter((p) => p.startsWith('run:')), ...checked];
      sync();
      update();
    });
    outcome.addEventListener('change', () => { col = outcome.value; sync(); update(); });
    await update();
  },
};
