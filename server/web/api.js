// Fetch wrapper for the Assay HTTP API: bearer token from localStorage (with its expiry, so that a new tab
// keeps the session until it expires), JSON bodies, problem+json as ApiError. Every call sends
// Accept-Language with the user's language, so the server writes its messages (problem details, field
// problems, rule reasons) in that language from its catalogue, each with a stable `code`.

import { getLang } from './i18n.js';

let TOKEN_KEY = 'assay.token';
let EXPIRES_KEY = 'assay.token.expires';

// The SME portal (portal.html) keeps a session of its own ('portal'), so that a lab's staff and an
// SME can be signed in side by side on an instance that is lab and platform at once.
export function useSession(name) {
  TOKEN_KEY = `assay.${name}.token`;
  EXPIRES_KEY = `assay.${name}.token.expires`;
}

// Hands the current session over to another one (an SME signed in on the staff login goes to the portal).
export function moveSessionTo(name) {
  const token = localStorage.getItem(TOKEN_KEY);
  const expires = localStorage.getItem(EXPIRES_KEY);
  clearToken();
  if (!token) return;
  localStorage.setItem(`assay.${name}.token`, token);
  if (expires) localStorage.setItem(`assay.${name}.token.expires`, expires);
}

export function getToken() {
  const token = localStorage.getItem(TOKEN_KEY);
  const expires = Date.parse(localStorage.getItem(EXPIRES_KEY) ?? '');
  if (token && !Number.isNaN(expires) && expires <= Date.now()) {
    clearToken();
    return null;
  }
  return token;
}

// expiresAt: the login's `expires_at` (RFC 3339); the token is dropped once it has passed.
export function setToken(token, expiresAt = null) {
  localStorage.setItem(TOKEN_KEY, token);
  if (expiresAt) localStorage.setItem(EXPIRES_KEY, expiresAt);
  else localStorage.removeItem(EXPIRES_KEY);
}

export function clearToken() {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(EXPIRES_KEY);
}

let unauthorizedHandler = null;

// Called (after the token is dropped) when an authenticated request answers 401: the session is over.
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

// A failed request. `status` is 0 when the server could not be reached; `problem` is the problem+json body
// ({type, title, status, code, detail, instance, request_id, errors: [{field, problem, code}], rules: [{id, reason, code}]}),
// its texts already in the user's language.
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
// Options: method, body (sent as JSON), query (empty values left out), auth (default true), signal,
// headers (extra request headers, e.g. If-Match), withEtag (resolve to {data, etag} instead of data),
// raw (a File, Blob or ArrayBuffer sent unchanged as application/octet-stream instead of a JSON body).
export async function api(path, { method = 'GET', body, query, auth = true, signal, headers: extra = {}, withEtag = false, raw } = {}) {
  const headers = { Accept: 'application/json, application/problem+json', 'Accept-Language': getLang(), ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (raw !== undefined) headers['Content-Type'] = 'application/octet-stream';
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
      body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
    });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, { status: 0, title: err.message });
  }

  const data = await readBody(res);
  if (res.ok) return withEtag ? { data, etag: res.headers.get('ETag') } : data;

  const problem = data && typeof data === 'object' ? data : { status: res.status, title: res.statusText };
  const error = new ApiError(res.status, problem, res.headers.get('Retry-After'));
  if (res.status === 401 && auth) {
    clearToken();
    unauthorizedHandler?.(error);
  }
  throw error;
}

// Every item of a keyset-paged list: follows next_cursor until the last page.
export async function apiAll(path, query = {}) {
  const items = [];
  let cursor = null;
  do {
    const page = await api(path, { query: { ...query, limit: 500, cursor } });
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

// Downloads a file (an Excel export): saves it under the server's file name (RFC 5987
// filename*), else under `name` (else the last path segment), with the same auth and error handling as api().
// onResponse(headers), when given, sees the response's headers first (e.g. an export saying it was cut).
// rename(name), when given, turns the chosen name into the one saved (e.g. one name per label layout).
export async function apiDownload(path, { query, name: fallbackName, onResponse, rename } = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value != null && value !== '') params.set(key, value);
  const url = params.toString() ? `${path}?${params}` : path;
  const token = getToken();
  let res;
  try {
    const headers = { 'Accept-Language': getLang() };
    if (token) headers.Authorization = `Bearer ${token}`;
    res = await fetch(url, { headers, credentials: 'same-origin' });
  } catch (err) {
    throw new ApiError(0, { status: 0, title: err.message });
  }
  if (!res.ok) {
    const problem = await readBody(res);
    const error = new ApiError(res.status, problem && typeof problem === 'object' ? problem : { status: res.status });
    if (res.status === 401) {
      clearToken();
      unauthorizedHandler?.(error);
    }
    throw error;
  }
  onResponse?.(res.headers);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const chosen = m ? decodeURIComponent(m[1]) : fallbackName ?? path.split('/').pop();
  const name = rename ? rename(chosen) : chosen;
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
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
