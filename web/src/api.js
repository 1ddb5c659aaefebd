// JSON API client: every error arrives as problem+json and is thrown as ApiError with the server's message.
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title);
    this.status = status;
    this.title = title;
  }
}

async function parse(res) {
  const type = res.headers.get('content-type') || '';
  if (!res.ok) {
    if (type.includes('json')) {
      const p = await res.json();
      throw new ApiError(res.status, p.title || res.statusText, p.detail || '');
    }
    throw new ApiError(res.status, res.statusText, await res.text());
  }
  return type.includes('json') ? res.json() : res.text();
}

export const api = {
  scenarios: () => fetch('/api/scenarios').then(parse),
  scenario: (name) => fetch(`/api/scenarios/${encodeURIComponent(name)}`).then(parse),
  run: (scenario, overrides = {}) =>
    fetch('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario, overrides }),
    }).then(parse),
  runs: (limit = 200) => fetch(`/api/runs?limit=${limit}`).then(parse),
  stored: (id) => fetch(`/api/runs/${encodeURIComponent(id)}`).then(parse),
  csvUrl: (id, table) => `/api/runs/${encodeURIComponent(id)}/${encodeURIComponent(table)}.csv`,
  jsonUrl: (id) => `/api/runs/${encodeURIComponent(id)}`,
  estimate: (form) => fetch('/api/estimate', { method: 'POST', body: form }).then(parse),
};

let scenarioList;
/** The scenario list, fetched once per page load. */
export function scenarioCatalog() {
  scenarioList ??= api.scenarios();
  return scenarioList;
}
