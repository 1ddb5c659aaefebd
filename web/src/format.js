// Names, units and number formats of result columns, and small DOM helpers.
const LABELS = {
  welfare_pct: 'Welfare',
  deficit_pct: 'Trade deficit',
  exports_gdp_pct: 'Exports / GDP',
  imports_gdp_pct: 'Imports / GDP',
  employment_pct: 'Employment',
  prices_pct: 'Consumer prices',
  revenue_share: 'Tariff revenue',
  tot_pct: 'Terms of trade',
  vot_pct: 'Volume of trade',
  real_wage_pct: 'Real wage',
  real_income_pct: 'Real income',
};

export const FOCUS = ['MEX', 'USA', 'CAN', 'CHN'];
export const FOCUS_NAMES = { MEX: 'Mexico', USA: 'United States', CAN: 'Canada', CHN: 'China' };

/** Screen name of a column. */
export function columnLabel(col) {
  if (LABELS[col.name]) return LABELS[col.name];
  const base = col.name.replace(/_pct$/, '').replace(/_/g, ' ');
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/** Unit of a column, for legends and headers. */
export function columnUnit(col) {
  if (col.name.endsWith('_pct')) return '% change from baseline';
  if (col.name === 'revenue_share') return 'fraction of baseline expenditure';
  if (col.name.endsWith('_share')) return 'fraction';
  return '';
}

/** Short unit suffix for numbers: "%" for percentage changes. */
export const unitSuffix = (col) => (col.name.endsWith('_pct') ? '%' : '');

/** Formats a number with a sign and sensible precision. */
export function num(v, col, digits) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  // A "value" column holds one quantity per row (counts, shares, residuals), so each number keeps its own form.
  if (digits === undefined && col?.name === 'value') {
    if (Number.isInteger(v)) return v.toLocaleString('en-US').replace(/^-/, '−');
    if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(1).replace(/^-/, '−');
  }
  const d = digits ?? (col?.name === 'revenue_share' ? 4 : Number.isInteger(col?.decimals) && col.decimals < 2 ? col.decimals : Math.abs(v) >= 100 ? 1 : 2);
  const s = Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const sign = v < 0 ? '−' : col?.name?.endsWith('_pct') && v > 0 ? '+' : '';
  return sign + s + (col ? unitSuffix(col) : '');
}

/** Creates an element: h('div.card', {attrs}, children…). */
export function h(tag, attrs = {}, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else if (k === 'html') throw new Error('no raw HTML');
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A problem message box. */
export function errorBox(e) {
  return h('div.error', { role: 'alert' }, h('strong', {}, e.title || 'Error'), ' ', e.message || String(e));
}

/** Renders a table of objects with the given columns (tables scroll inside their box on small screens). */
export function dataTable(columns, rows, { rowClass, cell } = {}) {
  const head = h('tr', {}, columns.map((c) => h('th', { class: c.kind === 'Number' ? 'n' : '', title: c.kind === 'Number' ? `${columnLabel(c)}${columnUnit(c) ? `, ${columnUnit(c)}` : ''}` : undefined }, c.header ?? columnLabel(c))));
  const body = rows.map((r, i) =>
    h('tr', { class: rowClass?.(r, i) }, columns.map((c) => {
      const v = r[c.name];
      const content = cell?.(c, v, r) ?? (c.kind === 'Number' ? num(v, c) : v ?? '');
      return h('td', { class: c.kind === 'Number' ? 'n' : '' }, content);
    })),
  );
  return h('div.table-wrap', {}, h('table', {}, h('thead', {}, head), h('tbody', {}, body)));
}

/** The table of a run that holds one row per economy (has an iso3 column), preferring "countries". */
export function countryTable(run) {
  const infos = run.manifest.tables.filter((t) => t.columns.some((c) => c.name === 'iso3'));
  return infos.find((t) => t.name === 'countries') ?? infos[0];
}
