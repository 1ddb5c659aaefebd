// Runs: the history of the run store, newest first; each run shows its manifest and reopens where it belongs.
import { api } from '../api.js';
import { dataTable, errorBox, h } from '../format.js';
import { setState } from '../main.js';

const PAGE_OF_MODEL = { bargaining: 'negotiation', 'tariff-timeline': 'timeline', 'tightrope-linkage': 'tightrope' };
const pageFor = (m) => `#/${PAGE_OF_MODEL[m.model] ?? 'explore'}?run=${m.id}`;

export default {
  title: 'Runs',
  async render(root, params, alive) {
    const filter = h('input', { type: 'search', id: 'runs-filter', placeholder: 'Filter by scenario, origin or override', value: params.get('q') || '' });
    const compareBtn = h('button', { type: 'button', disabled: true }, 'Compare selected');
    const box = h('div');
    const detail = h('div', { id: 'run-detail' });
    root.append(h('div.page-head', {}, h('h1', {}, 'Runs'), h('p.lede', {}, 'Every run from the command line or this explorer, with its manifest: scenario, overrides, input hash, timing, tables.')),
      h('div.toolbar', {}, filter, compareBtn), box, detail);
    let runs;
    try {
      runs = await api.runs(500);
    } catch (e) {
      box.append(errorBox(e));
      return;
    }
    if (!alive()) return;
    const selected = new Set();
    const showDetail = async (id) => {
      const p = new URLSearchParams(params);
      p.set('id', id);
      setState(p);
      try {
        const run = await api.stored(id);
        const m = run.manifest;
        detail.replaceChildren(h('div.card', { 'data-testid': 'manifest' },
          h('div.card-head', {}, h('h2', {}, `${m.scenario} · ${m.id}`), h('a.button.primary', { href: pageFor(m) }, 'Reopen')),
          h('dl.manifest', {},
            ['Title', m.title], ['Model', m.model], ['Origin', m.origin], ['Created', new Date(m.created).toLocaleString()],
            ['Solve time', `${m.elapsedMs.toFixed(0)} ms`], ['Overrides', m.overrides.join('; ') || 'none'], ['Input hash', m.inputHash], ['Version', m.version])
            .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
          h('h3', {}, 'Tables'),
          h('ul.links', {}, m.tables.map((t) => h('li', {}, h('a', { href: api.csvUrl(m.id, t.name), download: `${t.name}.csv` }, `${t.name}.csv`), h('span.muted', {}, ` ${t.rowCount} rows · ${t.title}`)))),
          h('details', {}, h('summary', {}, 'Effective scenario JSON'), h('pre.json', {}, JSON.stringify(JSON.parse(m.scenarioJson), null, 2)))));
        detail.scrollIntoView({ block: 'nearest' });
      } catch (e) {
        detail.replaceChildren(errorBox(e));
      }
    };
    const draw = () => {
      const q = filter.value.toLowerCase();
      const rows = runs.filter((m) => !q || [m.scenario, m.origin, ...m.overrides].some((s) => s.toLowerCase().includes(q)));
      box.replaceChildren(rows.length ? dataTable([
        { name: 'pick', kind: 'Text', header: '' },
        { name: 'created', kind: 'Text', header: 'When' },
        { name: 'scenario', kind: 'Text', header: 'Scenario' },
        { name: 'origin', kind: 'Text', header: 'From' },
        { name: 'overrides', kind: 'Text', header: 'Overrides' },
        { name: 'elapsedMs', kind: 'Text', header: 'Solve' },
        { name: 'id', kind: 'Text', header: 'Run' },
      ], rows, {
        cell: (c, v, m) => {
          if (c.name === 'pick') {
            return h('input', { type: 'checkbox', 'aria-label': `select ${m.id}`, checked: selected.has(m.id), onchange: (e) => { e.target.checked ? selected.add(m.id) : selected.delete(m.id); compareBtn.disabled = selected.size < 1; } });
          }
          if (c.name === 'created') return new Date(v).toLocaleString();
          if (c.name === 'overrides') return v.join('; ') || '—';
          if (c.name === 'elapsedMs') return `${v.toFixed(0)} ms`;
          if (c.name === 'id') return h('a', { href: '#', onclick: (e) => { e.preventDefault(); showDetail(v); } }, v);
          return null;
        },
      }) : h('p.muted', {}, 'No runs stored yet. Run a scenario on the Explore page or with "tightrope run".'));
    };
    filter.addEventListener('input', () => { const p = new URLSearchParams(); if (filter.value) p.set('q', filter.value); setState(p); draw(); });
    compareBtn.addEventListener('click', () => { location.hash = `#/compare?s=${[...selected].map((id) => `run:${id}`).join(',')}`; });
    draw();
    if (params.get('id')) await showDetail(params.get('id'));
  },
};
