// UI strings by key (zh-CN by default, en), the language choice remembered in localStorage, and date formatting.

export const LANGS = ['zh-CN', 'en'];
export const DEFAULT_LANG = 'zh-CN';
const STORAGE_KEY = 'assay.lang';

const dictionaries = new Map(); // lang -> {key: string}
let current = DEFAULT_LANG;

async function load(lang) {
  if (!dictionaries.has(lang)) {
    const res = await fetch(new URL(`./i18n/${lang}.json`, import.meta.url));
    if (!res.ok) throw new Error(`cannot load strings for ${lang}: HTTP ${res.status}`);
    dictionaries.set(lang, await res.json());
  }
  return dictionaries.get(lang);
}

function stored() {
  try { return localStorage.getItem(STORAGE_KEY); } catch { return null; }
}

// Loads the default strings (the fallback for a missing key) and the remembered language.
export async function initI18n() {
  await load(DEFAULT_LANG);
  const saved = stored();
  await setLang(LANGS.includes(saved) ? saved : DEFAULT_LANG, { remember: false });
}

export function getLang() {
  return current;
}

export async function setLang(lang, { remember = true } = {}) {
  if (!LANGS.includes(lang)) throw new Error(`unsupported language ${lang}`);
  await load(lang);
  current = lang;
  document.documentElement.lang = lang;
  if (remember) {
    try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* private mode: the choice lasts this page */ }
  }
}

export function has(key) {
  return key in (dictionaries.get(current) ?? {}) || key in (dictionaries.get(DEFAULT_LANG) ?? {});
}

// The string for `key` in the current language, with `{name}` placeholders filled from `params`.
// A missing key falls back to zh-CN, then to the key itself (and a console warning).
export function t(key, params) {
  let text = dictionaries.get(current)?.[key] ?? dictionaries.get(DEFAULT_LANG)?.[key];
  if (text === undefined) {
    console.warn(`i18n: missing key ${key}`);
    return key;
  }
  if (params) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  return text;
}

// Joins a list with the language's separator (、 in Chinese, ", " in English).
export function list(items) {
  return items.join(t('list.separator'));
}

// A problem code from problem+json `errors[].problem` ("required"...) in words, or the code itself if unknown.
export function problemText(problem) {
  return has(`problem.${problem}`) ? t(`problem.${problem}`) : String(problem ?? '');
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

// Formats a timestamp as `2026-11-25 09:30`. An RFC 3339 string is shown in the wall-clock time it was
// written in (the server writes the lab's offset), so every viewer sees the lab's time whatever the
// browser's time zone. A Date or any other value goes through Date in the browser's zone.
export function formatDateTime(value) {
  if (value == null || value === '') return '';
  if (typeof value === 'string') {
    const m = RFC3339.exec(value.trim());
    if (m) return `${m[1]} ${m[2]}`;
  }
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
