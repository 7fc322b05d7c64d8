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

export async function api(endpoint, parameters = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const response = await fetch(`/api/${endpoint}?${query}`, {
    headers: { Authorization: `Bearer ${token}` },
    cache: 'no-store',
  });
  const body = await response.json();
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export function hasToken() {
  return token !== '';
}
