// The public catalogue of the testing-resource platform at /catalogue.html (issue 14), no login: a search
// over the enrolled labs' currently valid scope (GET /api/catalogue: words, region, scheme, price,
// turnaround; "more" follows next_cursor), a lab's page at #/lab/<id> (or ?lab=<id>) with its CMA and
// CNAS standing and its valid rows (GET /api/catalogue/labs/{id}), and a box that verifies a report on the
// platform by number or verification code (GET /api/platform/verify) or by its PDF (POST .../verify/pdf).
import { h, replace } from './dom.js';
import { initI18n, t, getLang, setLang, LANGS, problemText } from './i18n.js';
import { api, ApiError } from './api.js';
import { empty, errorText, table, filterBar } from './widgets.js';

const root = document.getElementById('catalogue');
const PROVINCES = ['110000', '310000', '320000', '330000', '440000'];
const PAGE_SIZE = 20;
const SCHEME_STATUS_CLASS = { valid: 'status status-ok', in_force: 'status status-ok', suspended: 'status status-bad', withdrawn: 'status status-bad', expired: 'status status-warn' };
const REPORT_STATUS_CLASS = { valid: 'status status-ok', superseded: 'status status-warn', withdrawn: 'status status-bad' };

// The last search: its filters, the rows so far and the cursor of the next page (kept across the lab page and a language switch).
const search = { values: { q: '', region: '', scheme: '', max_price: '', max_days: '' }, items: null, next: null, error: null, runOnOpen: false };
let verifyOutcome = null; // {record} | {notFound} | {error} | {checking}
const verifyAsked = { kind: 'number', value: '' }; // what was typed, kept across a language switch and the lab page
let pdfOutcome = null; // {match, record?, pdf_sha256} | {error} | {checking}

function labIdFromAddress() {
  const m = /^#\/lab\/([^/]+)$/.exec(location.hash);
  if (m) return decodeURIComponent(m[1]);
  return new URLSearchParams(location.search).get('lab');
}

// The search page: the hash dropped, or the address without ?lab= (a full load then).
function homeHref() {
  return new URLSearchParams(location.search).has('lab') ? location.pathname : '#';
}

// The region's name (the server's, else the province's when it is one of the list), then its code.
export function regionText(row) {
  if (!row.region) return t('common.empty');
  const province = `${String(row.region).slice(0, 2)}0000`;
  const name = row.region_name || (PROVINCES.includes(province) ? t(`catalogue.province.${province}`) : null);
  return name ? `${name} ${row.region}` : row.region;
}

export function priceText(price) {
  return price == null || price === '' ? t('catalogue.priceOnRequest') : `¥${price}`;
}

export function daysText(days) {
  return days == null ? t('common.empty') : t('catalogue.days', { n: days });
}

export function schemeBadges(schemes = []) {
  return h('span', { class: 'scheme-badges' }, schemes.map((s) => h('span', { class: `scheme-badge scheme-${s.toLowerCase()}`, 'data-testid': 'scheme-badge' }, s)));
}

function langSwitch() {
  const select = h('select', { id: 'catalogue-lang', 'data-testid': 'lang-switch', onchange: async (e) => { await setLang(e.target.value); show(); } },
    LANGS.map((lang) => h('option', { value: lang, selected: lang === getLang() }, t(`lang.${lang}`))));
  return h('div', { class: 'lang-switch' }, h('label', { for: 'catalogue-lang', class: 'visually-hidden' }, t('lang.label')), select);
}

// ---- search ----

function markInvalid(input, invalid) {
  if (!input) return;
  if (invalid) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

function fieldBox(id, label, control, error, hint = null) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint, error);
}

function regionControls(value) {
  const known = value === '' || PROVINCES.includes(value);
  const select = h('select', { id: 'cat-region', 'data-testid': 'cat-region' },
    h('option', { value: '' }, t('catalogue.region.all')),
    PROVINCES.map((code) => h('option', { value: code, selected: code === value }, t(`catalogue.province.${code}`))),
    h('option', { value: 'other', selected: !known }, t('catalogue.region.other')));
  const code = h('input', { id: 'cat-region-code', type: 'text', inputmode: 'numeric', maxlength: 6, 'data-testid': 'cat-region-code',
    value: known ? null : value, 'aria-label': t('catalogue.region.code'), placeholder: t('catalogue.region.codePlaceholder'), hidden: known });
  select.addEventListener('change', () => {
    code.hidden = select.value !== 'other';
    if (!code.hidden) code.focus();
  });
  return { select, code, value: () => (select.value === 'other' ? code.value.trim() : select.value) };
}

// The filters' problems, by field name, before anything is sent.
function checkFilters(v) {
  const errors = {};
  if (v.region && !/^\d{6}$/.test(v.region)) errors.region = t('catalogue.error.region');
  if (v.max_price && !/^\d+(\.\d{1,2})?$/.test(v.max_price)) errors.max_price = t('catalogue.error.price');
  if (v.max_days && !/^[1-9]\d{0,2}$/.test(v.max_days)) errors.max_days = t('catalogue.error.days');
  return errors;
}

// The filters, in a bar that folds away on a phone unless one of them is set.
function filterFields(v, err) {
  const region = regionControls(v.region);
  const scheme = h('select', { id: 'cat-scheme', 'data-testid': 'cat-scheme' },
    [['', t('catalogue.scheme.all')], ['CMA', 'CMA'], ['CNAS', 'CNAS']].map(([value, label]) => h('option', { value, selected: value === v.scheme }, label)));
  const price = h('input', { id: 'cat-max_price', type: 'text', inputmode: 'decimal', 'data-testid': 'cat-max_price', value: v.max_price, size: 8,
    'aria-describedby': 'cat-max_price-error' });
  const days = h('input', { id: 'cat-max_days', type: 'text', inputmode: 'numeric', 'data-testid': 'cat-max_days', value: v.max_days, size: 5,
    'aria-describedby': 'cat-max_days-error' });
  const bar = filterBar('cat-filters', t('common.filters'), h('div', { class: 'catalogue-filters' },
    fieldBox('cat-region', t('catalogue.region.label'), h('div', { class: 'cat-region' }, region.select, region.code), err.region),
    fieldBox('cat-scheme', t('catalogue.scheme.label'), scheme, err.scheme),
    fieldBox('cat-max_price', t('catalogue.maxPrice'), price, err.max_price),
    fieldBox('cat-max_days', t('catalogue.maxDays'), days, err.max_days)));
  if (v.region || v.scheme || v.max_price || v.max_days) bar.open = true;
  return {
    bar,
    values: () => ({ region: region.value(), scheme: scheme.value, max_price: price.value.trim(), max_days: days.value.trim() }),
    input: (name) => ({ region: region.select.value === 'other' ? region.code : region.select, scheme, max_price: price, max_days: days })[name],
  };
}

function showProblems(problems, err, inputOf) {
  for (const [name, p] of Object.entries(err)) {
    p.hidden = !problems[name];
    p.textContent = problems[name] ?? '';
    markInvalid(inputOf(name), Boolean(problems[name]));
  }
}

function searchForm(onSearch) {
  const v = search.values;
  const err = Object.fromEntries(['q', 'region', 'scheme', 'max_price', 'max_days'].map((n) =>
    [n, h('p', { class: 'field-error', id: `cat-${n}-error`, 'data-testid': `cat-${n}-error`, hidden: true })]));
  const q = h('input', { id: 'cat-q', type: 'search', 'data-testid': 'cat-q', value: v.q, placeholder: t('catalogue.q.placeholder'),
    autocomplete: 'off', 'aria-describedby': 'cat-q-error' });
  const filters = filterFields(v, err);
  const inputOf = (name) => (name === 'q' ? q : filters.input(name));
  const el = h('form', { class: 'catalogue-search', role: 'search', 'data-testid': 'cat-search', novalidate: true },
    h('div', { class: 'field cat-q-field' }, h('label', { for: 'cat-q' }, t('catalogue.q.label')),
      h('div', { class: 'cat-q-row' }, q, h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'cat-submit' }, t('catalogue.search'))), err.q),
    filters.bar);
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    const values = { q: q.value.trim(), ...filters.values() };
    const problems = checkFilters(values);
    showProblems(problems, err, inputOf);
    const first = Object.keys(problems)[0];
    if (first) {
      filters.bar.open = true;
      inputOf(first).focus();
      return;
    }
    search.values = values;
    rememberSearch(values);
    onSearch().then((fromServer) => {
      showProblems(fromServer, err, inputOf);
      if (Object.keys(fromServer).some((name) => name !== 'q')) filters.bar.open = true;
    });
  });
  return el;
}

function resultRow(row) {
  const cell = (label, content, cls = null) => h('td', { 'data-label': label, class: cls }, h('span', {}, content));
  return h('tr', { 'data-testid': 'cat-row' },
    cell(t('catalogue.col.lab'), h('a', { href: `#/lab/${encodeURIComponent(row.lab_id)}`, 'data-testid': 'cat-lab' }, row.lab_name)),
    cell(t('catalogue.col.site'), empty(row.site)),
    cell(t('catalogue.col.region'), regionText(row)),
    cell(t('catalogue.col.product'), empty(row.product)),
    cell(t('catalogue.col.parameter'), parameterText(row), 'cat-parameter'),
    cell(t('catalogue.col.standard'), standardText(row)),
    cell(t('catalogue.col.schemes'), schemeBadges(row.schemes)),
    cell(t('catalogue.col.price'), priceText(row.price), 'nowrap'),
    cell(t('catalogue.col.days'), daysText(row.turnaround_days), 'nowrap'));
}

export function parameterText(row) {
  return getLang() === 'en' && row.parameter_en ? row.parameter_en : empty(row.parameter);
}

export function standardText(row) {
  return [row.standard, row.standard_title ? h('div', { class: 'muted cat-note' }, row.standard_title) : null,
    row.limitation ? h('div', { class: 'muted cat-note' }, t('catalogue.limitation', { text: row.limitation })) : null];
}

// The platform answers a row per scheme (CMA, CNAS): the same test of a lab shows once, with both marks.
export function mergeSchemes(items) {
  const byKey = new Map();
  for (const r of items) {
    const key = [r.lab_id, r.site, r.product, r.parameter, r.standard, r.limitation, r.price, r.turnaround_days].map((x) => x ?? '').join('\u0001');
    const seen = byKey.get(key);
    const rowKey = r.row_key ?? r.row_id;
    if (seen) {
      seen.schemes = [...new Set([...seen.schemes, ...(r.schemes ?? [])])].sort();
      seen.row_keys.push(rowKey);
    } else {
      byKey.set(key, { ...r, schemes: [...(r.schemes ?? [])], row_keys: [rowKey] });
    }
  }
  return [...byKey.values()];
}

function resultsTable(items, withLab = true) {
  const heads = ['lab', 'site', 'region', 'product', 'parameter', 'standard', 'schemes', 'price', 'days'].filter((c) => withLab || c !== 'lab');
  const rows = mergeSchemes(items).map((row) => {
    const tr = resultRow(row);
    if (!withLab) tr.firstChild.remove();
    return tr;
  });
  return table('cat-table', heads.map((c) => t(`catalogue.col.${c}`)), rows, t('catalogue.results'));
}

async function fetchPage(cursor) {
  const v = search.values;
  return api('/api/catalogue', { auth: false, query: { q: v.q, region: v.region, scheme: v.scheme, max_price: v.max_price, max_days: v.max_days,
    limit: PAGE_SIZE, cursor } });
}

function drawResults(box) {
  if (search.error) return replace(box, h('p', { class: 'form-error', role: 'alert', 'data-testid': 'cat-error' }, search.error));
  if (!search.items) return replace(box, h('p', { class: 'muted' }, t('catalogue.hint')));
  if (!search.items.length) {
    return replace(box, h('div', { class: 'notice', 'data-testid': 'cat-empty' },
      h('p', {}, h('strong', {}, t('catalogue.empty.title'))), h('p', {}, t('catalogue.empty.help'))));
  }
  const shown = mergeSchemes(search.items).length;
  const more = search.next ? h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'cat-more',
    onclick: () => loadMore(box, more) }, t('catalogue.more')) : null;
  return replace(box,
    h('p', { class: 'muted', role: 'status', 'data-testid': 'cat-count' },
      search.next ? t('catalogue.countMore', { n: shown }) : t('catalogue.count', { n: shown })),
    resultsTable(search.items), more);
}

// The first page of the search; resolves to the server's field problems ({name: text}) when it refused a filter.
async function runSearch(box) {
  replace(box, h('p', { class: 'muted' }, t('common.loading')));
  let problems = {};
  try {
    const page = await fetchPage(null);
    Object.assign(search, { items: page.items, next: page.next_cursor ?? null, error: null });
  } catch (err) {
    problems = err instanceof ApiError ? Object.fromEntries(err.fieldErrors.map((e) => [e.field, problemText(e.problem)])) : {};
    Object.assign(search, { items: null, next: null, error: errorText(err) });
  }
  drawResults(box);
  return problems;
}

async function loadMore(box, button) {
  button.disabled = true;
  try {
    const page = await fetchPage(search.next);
    search.items = [...search.items, ...page.items];
    search.next = page.next_cursor ?? null;
    drawResults(box);
  } catch (err) {
    button.disabled = false;
    box.append(h('p', { class: 'form-error', role: 'alert', 'data-testid': 'cat-error' }, errorText(err)));
  }
}

// The search in the address (?q=铅+大米&scheme=CNAS), so that it can be bookmarked or sent; the hash stays.
const FILTER_NAMES = ['q', 'region', 'scheme', 'max_price', 'max_days'];

function rememberSearch(values) {
  const params = new URLSearchParams(location.search);
  for (const name of FILTER_NAMES) {
    if (values[name]) params.set(name, values[name]);
    else params.delete(name);
  }
  const qs = params.toString();
  history.replaceState(null, '', `${location.pathname}${qs ? `?${qs}` : ''}${location.hash}`);
}

// A search given in the address when the page opens: its filters, and the search run once.
function searchFromAddress() {
  const params = new URLSearchParams(location.search);
  if (!FILTER_NAMES.some((name) => params.get(name))) return false;
  for (const name of FILTER_NAMES) search.values[name] = params.get(name)?.trim() ?? '';
  return Object.keys(checkFilters(search.values)).length === 0;
}

function searchView() {
  const box = h('div', { 'data-testid': 'cat-results', 'aria-live': 'polite' });
  drawResults(box);
  if (search.runOnOpen) {
    search.runOnOpen = false;
    runSearch(box);
  }
  return [
    h('h1', { 'data-testid': 'cat-title' }, t('catalogue.title')),
    h('p', { class: 'muted' }, t('catalogue.intro')),
    h('section', { class: 'card catalogue-card' }, searchForm(() => runSearch(box))),
    box,
    verifyCard(),
  ];
}

// ---- a lab's page ----

function schemeFact(scheme, no, status, validTo) {
  const key = scheme.toLowerCase();
  const value = no ? [h('span', { 'data-testid': `lab-${key}-no` }, no), ' ',
    status ? h('span', { class: SCHEME_STATUS_CLASS[status] ?? 'status', 'data-testid': `lab-${key}-status` }, t(`catalogue.schemeStatus.${status}`)) : null,
    validTo ? [' ', h('span', { class: 'muted cat-valid-to' }, t('catalogue.validTo', { date: validTo }))] : null] : t('catalogue.noScheme');
  return [h('dt', {}, scheme), h('dd', { 'data-testid': `lab-${key}` }, value)];
}

function labFacts(lab) {
  return h('dl', { class: 'facts', 'data-testid': 'lab-facts' },
    h('dt', {}, t('catalogue.lab.uscc')), h('dd', { class: 'nowrap', 'data-testid': 'lab-uscc' }, empty(lab.uscc)),
    h('dt', {}, t('catalogue.col.region')), h('dd', { 'data-testid': 'lab-region' }, regionText(lab)),
    schemeFact('CMA', lab.cma_no, lab.cma_status, lab.cma_valid_to),
    schemeFact('CNAS', lab.cnas_no, lab.cnas_status, lab.cnas_valid_to),
    h('dt', {}, t('catalogue.lab.turnaround')), h('dd', {}, daysText(lab.turnaround_days)));
}

function labView(id) {
  const body = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('common.loading')));
  const back = h('a', { href: homeHref(), class: 'back-link', 'data-testid': 'lab-back' }, t('catalogue.back'));
  api(`/api/catalogue/labs/${encodeURIComponent(id)}`, { auth: false }).then(({ lab, rows }) => {
    const name = lab.name ?? lab.lab_name;
    document.title = `${name} · ${t('catalogue.title')}`;
    replace(body,
      h('h1', { 'data-testid': 'lab-name' }, name),
      h('section', { class: 'card catalogue-card' }, labFacts(lab)),
      h('h2', {}, t('catalogue.lab.scope', { n: mergeSchemes(rows).length })),
      rows.length ? resultsTable(rows, false) : h('p', { class: 'notice', 'data-testid': 'lab-no-rows' }, t('catalogue.lab.noRows')));
  }).catch((err) => {
    const text = err instanceof ApiError && err.status === 404 ? t('catalogue.lab.notFound') : errorText(err);
    replace(body, h('h1', {}, t('catalogue.title')), h('p', { class: 'form-error', role: 'alert', 'data-testid': 'lab-error' }, text));
  });
  return [back, body];
}

// ---- verifying a report on the platform ----

// A lab's feed may say "issued" for a report in force: shown as valid.
function normalised(record) {
  return record.status === 'issued' ? { ...record, status: 'valid' } : record;
}

// The record's facts; prefix names their test ids (pv for the number or code, pv-pdf for the PDF).
function recordFacts(record, prefix) {
  const r = normalised(record);
  const fact = (label, value, testid) => [h('dt', {}, label), h('dd', { 'data-testid': testid }, value ?? t('common.empty'))];
  return h('dl', { class: 'facts', 'data-testid': `${prefix}-facts` },
    fact(t('catalogue.verify.lab'), r.lab_id ? h('a', { href: `#/lab/${encodeURIComponent(r.lab_id)}` }, r.lab_name) : r.lab_name, `${prefix}-lab`),
    fact(t('catalogue.verify.number'), r.number, `${prefix}-number`),
    r.customer ? fact(t('catalogue.verify.customer'), r.customer, `${prefix}-customer`) : null, // shown only with the customer's consent (R38)
    fact(t('catalogue.verify.issueDate'), r.issue_date, `${prefix}-issue-date`),
    fact(t('catalogue.verify.status'), h('span', { class: REPORT_STATUS_CLASS[r.status] ?? 'status', 'data-testid': `${prefix}-status` },
      t(`catalogue.verify.status.${r.status}`)), `${prefix}-status-cell`),
    r.superseded_by ? fact(t('catalogue.verify.supersededBy'), r.superseded_by, `${prefix}-superseded-by`) : null,
    r.pdf_sha256 ? fact(t('catalogue.verify.sha256'), h('code', { class: 'hash' }, r.pdf_sha256), `${prefix}-sha256`) : null);
}

function statusNote(r) {
  if (r.status === 'superseded') {
    return h('p', { class: 'notice', 'data-testid': 'pv-note' },
      r.superseded_by ? t('catalogue.verify.note.supersededBy', { number: r.superseded_by }) : t('catalogue.verify.note.superseded'));
  }
  if (r.status === 'withdrawn') return h('p', { class: 'notice', 'data-testid': 'pv-note' }, t('catalogue.verify.note.withdrawn'));
  return null;
}

function outcomeView(o, testid) {
  if (!o) return null;
  if (o.checking) return h('p', { class: 'muted', 'data-testid': `${testid}-checking` }, t('catalogue.verify.checking'));
  if (o.error) return h('p', { class: 'form-error', role: 'alert', 'data-testid': `${testid}-error` }, o.error);
  if (o.notFound) return h('p', { class: 'form-error', role: 'alert', 'data-testid': `${testid}-not-found` }, t('catalogue.verify.notFound'));
  if (o.match === false) {
    return h('div', { 'data-testid': testid },
      h('p', {}, h('span', { class: 'status status-bad', 'data-testid': `${testid}-verdict` }, t('catalogue.verify.pdfNoMatch'))),
      h('p', { class: 'muted' }, t('catalogue.verify.pdfNoMatchHelp')),
      h('dl', { class: 'facts' }, h('dt', {}, t('catalogue.verify.sha256')), h('dd', { 'data-testid': `${testid}-sha256` }, h('code', { class: 'hash' }, o.pdf_sha256))));
  }
  const record = o.record;
  return h('div', { 'data-testid': testid },
    o.match ? h('p', {}, h('span', { class: 'status status-ok', 'data-testid': `${testid}-verdict` }, t('catalogue.verify.pdfMatch'))) : null,
    recordFacts(record, testid === 'pv-pdf' ? 'pv-pdf' : 'pv'), statusNote(normalised(record)));
}

async function verifyBy(kind, value, box) {
  verifyOutcome = { checking: true };
  replace(box, outcomeView(verifyOutcome, 'pv-result'));
  try {
    verifyOutcome = { record: await api('/api/platform/verify', { auth: false, query: { [kind]: value } }) };
  } catch (err) {
    verifyOutcome = err instanceof ApiError && err.status === 404 ? { notFound: true } : { error: errorText(err) };
  }
  replace(box, outcomeView(verifyOutcome, 'pv-result'));
}

async function verifyPdf(file, box) {
  pdfOutcome = { checking: true };
  replace(box, outcomeView(pdfOutcome, 'pv-pdf'));
  try {
    const res = await fetch('/api/platform/verify/pdf', { method: 'POST', body: await file.arrayBuffer(),
      headers: { 'Content-Type': 'application/pdf', Accept: 'application/json, application/problem+json', 'Accept-Language': getLang() } });
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, data);
    pdfOutcome = data;
  } catch (err) {
    pdfOutcome = { error: err instanceof ApiError && err.status === 413 ? t('catalogue.verify.tooLarge') : errorText(err) };
  }
  replace(box, outcomeView(pdfOutcome, 'pv-pdf'));
}

function verifyForm(box) {
  const kind = h('select', { id: 'pv-kind', 'data-testid': 'pv-kind' },
    ['number', 'code'].map((k) => h('option', { value: k, selected: k === verifyAsked.kind }, t(`catalogue.verify.by.${k}`))));
  const value = h('input', { id: 'pv-value', type: 'text', 'data-testid': 'pv-value', autocomplete: 'off', spellcheck: 'false', value: verifyAsked.value,
    'aria-describedby': 'pv-value-error' });
  const err = h('p', { class: 'field-error', id: 'pv-value-error', 'data-testid': 'pv-value-error', hidden: true });
  const el = h('form', { class: 'inline-form', 'data-testid': 'pv-form', novalidate: true },
    fieldBox('pv-kind', t('catalogue.verify.by'), kind, null),
    fieldBox('pv-value', t('catalogue.verify.value'), value, err),
    h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'pv-submit' }, t('catalogue.verify.check')));
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    const typed = value.value.trim();
    err.hidden = Boolean(typed);
    err.textContent = typed ? '' : t('catalogue.verify.required');
    markInvalid(value, !typed);
    if (!typed) return value.focus();
    Object.assign(verifyAsked, { kind: kind.value, value: typed });
    return verifyBy(kind.value, kind.value === 'code' ? typed.replace(/[\s-]/g, '') : typed, box);
  });
  return el;
}

function verifyCard() {
  const box = h('div', { 'aria-live': 'polite' }, outcomeView(verifyOutcome, 'pv-result'));
  const pdfBox = h('div', { 'aria-live': 'polite' }, outcomeView(pdfOutcome, 'pv-pdf'));
  const file = h('input', { id: 'pv-pdf-input', type: 'file', accept: 'application/pdf,.pdf', 'data-testid': 'pv-pdf-input',
    onchange: (e) => { const f = e.target.files?.[0]; if (f) verifyPdf(f, pdfBox); } });
  return h('section', { class: 'card catalogue-card', 'data-testid': 'pv-card', 'aria-labelledby': 'pv-title' },
    h('h2', { id: 'pv-title' }, t('catalogue.verify.title')),
    h('p', { class: 'muted' }, t('catalogue.verify.help')),
    verifyForm(box), box,
    h('div', { class: 'field pv-pdf-field' }, h('label', { for: file.id }, t('catalogue.verify.pdf')), file,
      h('p', { class: 'muted field-hint' }, t('catalogue.verify.pdfHelp'))),
    pdfBox);
}

// ---- the page ----

function show() {
  const labId = labIdFromAddress();
  document.title = t('catalogue.title');
  replace(root,
    h('header', { class: 'topbar' },
      h('a', { class: 'brand brand-link', href: homeHref(), 'data-testid': 'cat-home' }, t('catalogue.brand')),
      h('div', { class: 'topbar-tools' }, h('a', { class: 'topbar-link', href: '/portal.html', 'data-testid': 'cat-portal',
        // The portal opens on the same search, ready to pick rows into a booking.
        onclick: (e) => { e.currentTarget.href = search.values.q ? `/portal.html?q=${encodeURIComponent(search.values.q)}#/search` : '/portal.html'; } },
      t('catalogue.portal')), langSwitch())),
    h('main', { id: 'main', class: 'catalogue-page' }, labId ? labView(labId) : searchView(),
      h('p', { class: 'muted verify-footer' }, t('catalogue.footer'))));
}

// A report number in the address (?report=<number>, the SME portal's link): checked at once.
async function verifyFromAddress() {
  const number = new URLSearchParams(location.search).get('report')?.trim();
  if (!number || labIdFromAddress()) return;
  Object.assign(verifyAsked, { kind: 'number', value: number });
  verifyOutcome = { checking: true };
  show();
  try {
    verifyOutcome = { record: await api('/api/platform/verify', { auth: false, query: { number } }) };
  } catch (err) {
    verifyOutcome = err instanceof ApiError && err.status === 404 ? { notFound: true } : { error: errorText(err) };
  }
  show();
  document.querySelector('[data-testid=pv-card]')?.scrollIntoView({ block: 'start' });
}

async function boot() {
  await initI18n();
  search.runOnOpen = searchFromAddress();
  window.addEventListener('hashchange', () => { show(); window.scrollTo(0, 0); });
  show();
  await verifyFromAddress();
}

// Only on catalogue.html: the SME portal (portal.js) imports the row helpers above without the page.
if (root) {
  boot().catch((err) => {
    console.error(err);
    root.textContent = `Assay: ${err.message}`;
  });
}
