// The explorer: a hash router over pages. Each page is a module exporting { title, render(root, params) };
// its whole state lives in the URL (#/page?key=value), so every view is a permalink.
import explore from './pages/explore.js';
import compare from './pages/compare.js';
import negotiation from './pages/negotiation.js';
import estimate from './pages/estimate.js';
import runs from './pages/runs.js';
import timeline from './pages/timeline.js';
import tightrope from './pages/tightrope.js';
import { h } from './format.js';

// Add a page here and it appears in the navigation.
const PAGES = { explore, compare, timeline, tightrope, negotiation, estimate, runs };

/** The current route: page name and its parameters. */
export function route() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { page: PAGES[path] ? path : 'explore', params: new URLSearchParams(query) };
}

/** Replaces the URL state of the current page without re-rendering (the page already shows it). */
export function setState(params) {
  const { page } = route();
  const q = params.toString();
  history.replaceState(null, '', `#/${page}${q ? '?' + q : ''}`);
}

let rendering = 0;
async function render() {
  const { page, params } = route();
  const nav = document.getElementById('nav');
  nav.replaceChildren(...Object.entries(PAGES).map(([key, p]) =>
    h('a', { href: `#/${key}`, class: key === page ? 'active' : '', 'aria-current': key === page ? 'page' : undefined }, p.title)));
  const root = document.getElementById('page');
  const token = ++rendering;
  root.replaceChildren();
  document.title = `${PAGES[page].title} · Tightrope`;
  await PAGES[page].render(root, params, () => token === rendering);
}

window.addEventListener('hashchange', render);
render();
