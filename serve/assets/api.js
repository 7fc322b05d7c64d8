// serve/assets/api.js: the JSON API with the launch token. The token travels in the URL's
// fragment (#token=...), which the browser never sends, and from there only in a header.
const token = new URLSearchParams(window.location.hash.slice(1)).get('token') || '';

export class ApiError extends Error {
  constructor(status, body) {
    super(body.error || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

function address(endpoint, parameters) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  return `/api/${endpoint}?${query}`;
}

async function call(endpoint, parameters, init = {}) {
  const response = await fetch(address(endpoint, parameters), {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers || {}) },
    cache: 'no-store',
  });
  if (!response.ok) throw new ApiError(response.status, await response.json());
  return response;
}

export async function api(endpoint, parameters = {}) {
  return (await call(endpoint, parameters)).json();
}

// A write or an upload: POST, with the file (if any) as the body.
export async function apiPost(endpoint, parameters = {}, body = '', contentType = 'text/plain') {
  const response = await call(endpoint, parameters,
    { method: 'POST', body, headers: { 'Content-Type': contentType } });
  return response.json();
}

// /api/download: the file and the name the server gave it. Listed ids go in a POST body, since a
// large canvas would not fit in an address.
export async function apiDownload(parameters, ids = null) {
  const response = ids === null ? await call('download', parameters)
    : await call('download', parameters, { method: 'POST', body: ids.join('\n'), headers: { 'Content-Type': 'text/plain' } });
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = /filename="([A-Za-z0-9._-]+)"/.exec(disposition);
  return { blob: await response.blob(), filename: name ? name[1] : 'flgraph-download' };
}

export function hasToken() {
  return token !== '';
}
