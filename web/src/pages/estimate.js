// Estimate: upload a CSV or Stata .dta panel, give a gravity formula, get the regression table (PPML or OLS with
// absorbed fixed effects). The file goes to the server for this request only and is deleted afterwards.
import { api } from '../api.js';
import { dataTable, errorBox, h } from '../format.js';
import { setState } from '../main.js';

const fmt = (v) => (Number.isFinite(v) ? v.toPrecision(6).replace(/^-/, '−') : '—');
const stars = (p) => (p < 0.01 ? '***' : p < 0.05 ? '**' : p < 0.1 ? '*' : '');

export default {
  title: 'Estimate',
  async render(root, params) {
    const file = h('input', { type: 'file', id: 'est-file', name: 'file', accept: '.csv,.dta', required: true });
    const formula = h('input', { type: 'text', id: 'est-formula', name: 'formula', value: params.get('formula') || 'trade ~ RTA | exporter^year + importer^year + pair_id', spellcheck: 'false', required: true });
    const model = h('select', { id: 'est-model', name: 'model' }, ['ppml', 'ols'].map((m) => h('option', { value: m, selected: m === (params.get('model') || 'ppml') }, m.toUpperCase())));
    const vcov = h('input', { type: 'text', id: 'est-vcov', name: 'vcov', value: params.get('vcov') || 'hetero', spellcheck: 'false' });
    const subset = h('input', { type: 'text', id: 'est-subset', name: 'subset', value: params.get('subset') || '', placeholder: 'e.g. year in (1986,1990,1994)', spellcheck: 'false' });
    const out = h('div.est-out', { 'aria-live': 'polite' });
    const button = h('button.primary', { type: 'submit' }, 'Estimate');
    const form = h('form.panel.est-form', {},
      h('div.field', {}, h('label', { for: 'est-file' }, 'Data file (CSV with a header line, or Stata .dta)'), file),
      h('div.field.wide', {}, h('label', { for: 'est-formula' }, 'Formula: outcome ~ regressors | fixed effects'), formula),
      h('div.row3', {},
        h('div.field', {}, h('label', { for: 'est-model' }, 'Estimator'), model),
        h('div.field', {}, h('label', { for: 'est-vcov' }, 'Standard errors (iid, hetero, cluster:VAR)'), vcov),
        h('div.field', {}, h('label', { for: 'est-subset' }, 'Subset (optional)'), subset)),
      h('div.actions', {}, button));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      setState(new URLSearchParams({ formula: formula.value, model: model.value, vcov: vcov.value, ...(subset.value ? { subset: subset.value } : {}) }));
      button.disabled = true;
      out.replaceChildren(h('div.status.busy', {}, 'Estimating…'));
      try {
        const r = await api.estimate(new FormData(form));
        const coef = r.coefficients.map((c) => ({ ...c, stars: stars(c.pValue) }));
        const csv = URL.createObjectURL(new Blob([r.csv], { type: 'text/csv' }));
        out.replaceChildren(
          h('div.card', {}, h('h2', {}, `Regression table · ${r.file}`),
            dataTable([
              { name: 'term', kind: 'Text', header: 'Term' },
              { name: 'estimate', kind: 'Text', header: 'Estimate' },
              { name: 'stdError', kind: 'Text', header: 'Std. error' },
              { name: 'statistic', kind: 'Text', header: 'z / t' },
              { name: 'pValue', kind: 'Text', header: 'p-value' },
            ], coef, { cell: (c, v, row) => (c.name === 'term' ? v : c.name === 'estimate' ? `${fmt(v)}${row.stars}` : fmt(v)) }),
            h('p.muted.small', {}, '*** p < 0.01, ** p < 0.05, * p < 0.1. ', h('a', { href: csv, download: 'estimate.csv' }, 'Download CSV'))),
          h('div.card', {}, h('h2', {}, 'Fit'), dataTable([{ name: 'key', kind: 'Text', header: 'Statistic' }, { name: 'value', kind: 'Text', header: 'Value' }], r.statistics)),
          ...(r.messages.length ? [h('div.card', {}, h('h2', {}, 'Notes'), h('ul', {}, r.messages.map((m) => h('li', {}, m))))] : []));
      } catch (err) {
        out.replaceChildren(errorBox(err));
      } finally {
        button.disabled = false;
      }
    });
    root.append(h('div.page-head', {}, h('h1', {}, 'Estimate a gravity equation'), h('p.lede', {}, 'PPML or OLS with high-dimensional fixed effects, separation checks and clustered standard errors. Files up to 64 MB; the upload is deleted after the estimate.')), form, out);
  },
};
