// Negotiation: the bargaining model's round-by-round positions per issue, with the forecast's sensitivity band,
// issue names and what the ends and anchors of each position scale mean.
import { api, scenarioCatalog } from '../api.js';
import { chart } from '../charts.js';
import { dataTable, errorBox, h, num } from '../format.js';
import { setState } from '../main.js';

const ACTOR_COLOURS = { US: '#2166ac', MX: '#3f8f6b', CN: '#b2182b', CA: '#8c6d31' };
const colourFor = (actor) => ACTOR_COLOURS[actor.split('_')[0].slice(0, 2)] ?? '#7b8794';

function issueCard(issue, meta, run, model) {
  const path = run.tables.path.filter((r) => r.issue === issue);
  const rounds = run.tables.rounds.filter((r) => r.issue === issue);
  const band = (run.tables.sensitivity || []).find((r) => r.issue === issue && r.model === model);
  const forecast = run.tables.forecast.find((r) => r.issue === issue);
  const actors = [...new Set(rounds.map((r) => r.actor))];
  const lower = meta?.lower ?? Math.min(...rounds.map((r) => r.position));
  const upper = meta?.upper ?? Math.max(...rounds.map((r) => r.position));
  const el = h('div.issue-chart');
  const card = h('div.card.issue', { 'data-issue': issue },
    h('div.card-head', {}, h('h2', {}, meta?.name ? `${issue} · ${meta.name}` : `Issue ${issue}`),
      h('span.forecast', {}, 'Forecast ', h('b', {}, num(forecast?.median, null, 1)), band ? h('span.muted', {}, ` (90% band ${num(band.median_p05, null, 1)}–${num(band.median_p95, null, 1)})`) : null)),
    el);
  if (meta?.anchors?.length) {
    card.append(h('details.scale', { open: true }, h('summary', {}, `Scale ${lower}–${upper}: what the positions mean`),
      h('dl', {}, meta.anchors.flatMap((a) => [h('dt', {}, a.at), h('dd', {}, a.meaning.replace(/[*`]/g, ''))]))));
  }
  requestAnimationFrame(() => {
    const c = chart(el);
    const roundsAxis = [...new Set(path.map((r) => r.round))];
    c.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v) => num(v, null, 1) },
      grid: { left: 44, right: 12, top: 16, bottom: 34 },
      xAxis: { type: 'category', data: roundsAxis, name: 'round', nameLocation: 'middle', nameGap: 22 },
      yAxis: { type: 'value', min: lower, max: upper, interval: (upper - lower) / 4 },
      series: [
        ...actors.map((a) => ({
          type: 'line', name: a, symbol: 'none', lineStyle: { width: 1, opacity: 0.45, color: colourFor(a) }, itemStyle: { color: colourFor(a) },
          data: roundsAxis.map((k) => rounds.find((r) => r.actor === a && r.round === k)?.position ?? null), z: 1,
        })),
        {
          type: 'line', name: 'median', symbolSize: 5, lineStyle: { width: 3, color: '#111827' }, itemStyle: { color: '#111827' }, z: 3,
          data: path.map((r) => r.median),
          markArea: band ? { silent: true, itemStyle: { color: 'rgba(242,177,52,0.22)' }, label: { show: true, position: 'insideTopRight', color: '#8a6100', fontSize: 10, formatter: 'forecast 90% band' }, data: [[{ xAxis: roundsAxis[Math.max(0, roundsAxis.length - 3)], yAxis: band.median_p05 }, { xAxis: roundsAxis[roundsAxis.length - 1], yAxis: band.median_p95 }]] } : undefined,
        },
        { type: 'line', name: 'mean', symbol: 'none', lineStyle: { width: 1.5, type: 'dashed', color: '#6b7280' }, data: path.map((r) => r.mean), z: 2 },
      ],
    });
  });
  return card;
}

export default {
  title: 'Negotiation',
  async render(root, params, alive) {
    const scenarios = (await scenarioCatalog()).filter((s) => s.model === 'bargaining');
    // A stored run (from the Runs page) reopens as it was; otherwise the scenario is run with the chosen model.
    const stored = params.get('run') ? await api.stored(params.get('run')).catch(() => null) : null;
    const storedModel = stored?.manifest.overrides.find((o) => o.startsWith('bargaining.model='))?.split('=')[1]?.replace(/"/g, '');
    const name = stored?.manifest.scenario ?? (params.get('scenario') || 'usmx-bargaining');
    const model = storedModel ?? (params.get('model') || 'bdm');
    const select = h('select', { id: 'neg-scenario', 'aria-label': 'Bargaining scenario' }, scenarios.map((s) => h('option', { value: s.name, selected: s.name === name }, s.name)));
    const modelSelect = h('select', { id: 'neg-model', 'aria-label': 'Model' },
      [['bdm', 'Expected utility (Bueno de Mesquita)'], ['exchange', 'Exchange (Stokman–van Oosten)']].map(([v, l]) => h('option', { value: v, selected: v === model }, l)));
    const go = () => {
      const p = new URLSearchParams({ scenario: select.value, model: modelSelect.value });
      location.hash = `#/negotiation?${p}`;
    };
    select.addEventListener('change', go);
    modelSelect.addEventListener('change', go);
    const status = h('div.status.busy', { 'aria-live': 'polite' }, 'Running the model…');
    const body = h('div.issues');
    const side = h('div');
    root.append(h('div.page-head', {}, h('h1', {}, 'Negotiation'), h('p.lede', {}, 'Round-by-round positions of every stakeholder on each issue, the forecast (capability × salience weighted median) and its sensitivity band.')),
      h('div.toolbar', {}, h('label.inline', { for: 'neg-scenario' }, 'Scenario ', select), h('label.inline', { for: 'neg-model' }, 'Model ', modelSelect), status),
      body, side);
    if (!stored) setState(new URLSearchParams({ scenario: name, model }));
    try {
      const [detail, run] = await Promise.all([api.scenario(name), stored ?? api.run(name, { 'bargaining.model': model })]);
      if (!alive()) return;
      status.textContent = `${run.cached ? 'From the store' : `Solved in ${Math.round(run.manifest.elapsedMs)} ms`} · run ${run.id}${run.manifest.overrides.length ? ` · ${run.manifest.overrides.join('; ')}` : ''}`;
      status.className = 'status ok';
      const issues = new Map((detail.body.issues || []).map((i) => [i.id, i]));
      const ids = [...new Set(run.tables.forecast.map((r) => r.issue))];
      body.append(h('p.muted.small', {}, h('span.key.us', {}, 'US'), ' ', h('span.key.mx', {}, 'Mexico'), ' ', h('span.key.cn', {}, 'China'), ' ', h('span.key.ca', {}, 'Canada'), ' thin lines: stakeholders; thick: median; dashed: mean.'));
      for (const id of ids) body.append(issueCard(id, issues.get(id), run, model));
      const extra = ['sensitivity', 'top-drivers'].filter((t) => run.tables[t]);
      for (const t of extra) {
        const info = run.manifest.tables.find((x) => x.name === t);
        side.append(h('div.card', {}, h('h2', {}, info.title), dataTable(info.columns, run.tables[t])));
      }
      side.append(h('p.muted.small', {}, h('a', { href: `#/explore?run=${run.id}` }, 'All tables of this run'), ' · ', h('a', { href: api.csvUrl(run.id, 'rounds'), download: 'rounds.csv' }, 'rounds.csv')));
    } catch (e) {
      status.replaceChildren(errorBox(e));
      status.className = 'status';
    }
  },
};
