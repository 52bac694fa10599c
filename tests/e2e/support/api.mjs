// Test setup through the HTTP API: the lab's date and a JSON call that fails the test on a non-2xx.
import assert from 'node:assert/strict';

// The lab's date (UTC+08:00) offsetDays from today, as YYYY-MM-DD.
export function labDate(offsetDays) {
  return new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400 * 1000).toISOString().slice(0, 10);
}

// One API call with a bearer token; resolves to {data, etag}.
export async function call(baseUrl, token, method, path, body, headers = {}) {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  assert.ok(res.ok, `${method} ${path}: HTTP ${res.status} ${JSON.stringify(data)}`);
  return { data, etag: res.headers.get('ETag') };
}
