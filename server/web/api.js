// Fetch wrapper for the Assay HTTP API: bearer token from sessionStorage, JSON bodies, problem+json as ApiError.

const TOKEN_KEY = 'assay.token';

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

let unauthorizedHandler = null;

// Called (after the token is dropped) when an authenticated request answers 401: the session is over.
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

// A failed request. `status` is 0 when the server could not be reached; `problem` is the problem+json body
// ({type, title, status, detail, instance, request_id, errors: [{field, problem}]}).
export class ApiError extends Error {
  constructor(status, problem, retryAfter = null) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
    this.retryAfter = retryAfter;
  }

  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

// api('/api/audit', {query: {entity: 'user', id}}) -> parsed JSON (null for 204).
// Options: method, body (sent as JSON), query (empty values left out), auth (default true), signal.
export async function api(path, { method = 'GET', body, query, auth = true, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = getToken();
  if (auth && token) headers.Authorization = `Bearer ${token}`;

  let url = path;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value != null && value !== '') params.set(key, value);
    }
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }

  let res;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
    });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, { status: 0, title: err.message });
  }

  const data = await readBody(res);
  if (res.ok) return data;

  const problem = data && typeof data === 'object' ? data : { status: res.status, title: res.statusText };
  const error = new ApiError(res.status, problem, res.headers.get('Retry-After'));
  if (res.status === 401 && auth) {
    clearToken();
    unauthorizedHandler?.(error);
  }
  throw error;
}

async function readBody(res) {
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') ?? '';
  if (/json/i.test(type)) {
    try { return await res.json(); } catch { return null; }
  }
  const text = await res.text();
  return text || null;
}
