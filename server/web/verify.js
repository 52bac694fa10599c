// The public verification page at /verify/<code> (the address in each report's QR code), no login:
// the report's number, lab, issue date, status (valid, superseded — by what —, withdrawn), the
// signatory, the marks and the hashes from GET /api/verify/{code}; and a PDF check that uploads a
// file's bytes to POST /api/verify/pdf (authentic or document modified). A record that no longer
// matches its signature or audit trail answers `damaged` (记录已损坏): shown as such, never as valid.
import { h, replace } from './dom.js';
import { initI18n, t, getLang, setLang, LANGS } from './i18n.js';
import { api, ApiError } from './api.js';

const root = document.getElementById('verify');
const code = decodeURIComponent(location.pathname.replace(/^\/verify(\.html)?\/?/, '').replace(/\/$/, ''));
let report = null; // the answer of GET /api/verify/{code}, null until loaded or when unknown
let notFound = false;
let loadError = null;
let pdfOutcome = null; // {verdict, number, status, issue_date} or {error}

const STATUS_CLASS = { valid: 'status status-ok', superseded: 'status status-warn', withdrawn: 'status status-bad', damaged: 'status status-bad' };

// The status in words, always with the English word (valid, superseded, withdrawn) that
// machines and foreign readers look for.
function statusText(status) {
  const key = `verify.status.${status}`;
  const words = t(key);
  return words.toLowerCase().includes(status) ? words : `${words} (${status})`;
}

function fact(label, value, testid, cls = null) {
  return [h('dt', {}, label), h('dd', { 'data-testid': testid, class: cls }, value ?? t('common.empty'))];
}

function marks(m) {
  const list = [m?.cma && 'CMA', m?.cnas && 'CNAS'].filter(Boolean);
  return list.length ? list.join(' · ') : t('verify.noMarks');
}

function langSwitch() {
  const select = h('select', { id: 'verify-lang', 'data-testid': 'lang-switch', onchange: async (e) => { await setLang(e.target.value); show(); } },
    LANGS.map((lang) => h('option', { value: lang, selected: lang === getLang() }, t(`lang.${lang}`))));
  return h('div', { class: 'lang-switch' }, h('label', { for: 'verify-lang', class: 'visually-hidden' }, t('lang.label')), select);
}

// Without a code (/verify.html), or with one that is not a report's, a form to type the code printed under the QR code.
function codeForm() {
  const input = h('input', { id: 'verify-code-input', type: 'text', 'data-testid': 'verify-code-input', value: code || null, maxlength: 32,
    autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'verify-code-error' });
  const err = h('p', { class: 'field-error', id: 'verify-code-error', 'data-testid': 'verify-code-error', hidden: true });
  const el = h('form', { class: 'inline-form', 'data-testid': 'verify-code-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: input.id }, t('verify.enterCode')), input, err),
    h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'verify-code-submit' }, t('verify.check')));
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    const typed = input.value.replace(/[\s-]/g, '');
    if (!/^[A-Za-z0-9]{16}$/.test(typed)) {
      err.textContent = typed ? t('verify.codeFormat') : t('verify.codeRequired');
      err.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    location.assign(`/verify/${encodeURIComponent(typed)}`);
  });
  return h('section', { class: 'card verify-card' }, h('p', { class: 'muted' }, t('verify.codeHelp')), el);
}

function reportFacts() {
  if (loadError) return h('p', { class: 'form-error', role: 'alert', 'data-testid': 'verify-error' }, loadError);
  if (notFound) {
    return h('p', { class: 'form-error', role: 'alert', 'data-testid': 'verify-not-found' }, t('verify.notFound', { code }));
  }
  if (!report) return h('p', { class: 'muted' }, t('common.loading'));
  const r = report;
  return h('dl', { class: 'facts', 'data-testid': 'verify-facts' },
    fact(t('verify.number'), r.number, 'verify-number', 'nowrap'), // GDQT-R2026000001 on one line, even on a phone
    fact(t('verify.lab'), r.lab, 'verify-lab'),
    fact(t('verify.issueDate'), r.issue_date, 'verify-issue-date', 'nowrap'),
    h('dt', {}, t('verify.statusLabel')),
    h('dd', {}, h('span', { class: STATUS_CLASS[r.status] ?? 'status', 'data-testid': 'verify-status' }, statusText(r.status))),
    r.superseded_by ? fact(t('verify.supersededBy'), r.superseded_by, 'verify-superseded-by') : null,
    r.withdrawn_reason ? fact(t('verify.withdrawnReason'), r.withdrawn_reason, 'verify-withdrawn-reason') : null,
    fact(t('verify.signatory'), r.signatory, 'verify-signatory'),
    fact(t('verify.marks'), r.status === 'damaged' ? null : marks(r.marks), 'verify-marks'), // a damaged record vouches for no mark
    r.pdf_sha256 ? fact(t('verify.pdfHash'), h('code', { class: 'hash' }, r.pdf_sha256), 'verify-pdf-hash') : null,
    fact(t('verify.canonicalHash'), h('code', { class: 'hash' }, r.canonical_sha256), 'verify-hash'),
    r.certificate_url ? fact(t('verify.certificate'),
      h('a', { href: r.certificate_url, 'data-testid': 'verify-certificate' }, h('code', { class: 'hash' }, r.certificate_sha256)),
      'verify-certificate-row') : null);
}

function statusNote() {
  if (!report) return null;
  if (report.status === 'damaged') {
    return h('p', { class: 'form-error', role: 'alert', 'data-testid': 'verify-note' }, t('verify.note.damaged'));
  }
  if (report.status === 'superseded') {
    return h('p', { class: 'notice', 'data-testid': 'verify-note' },
      report.superseded_by ? t('verify.note.supersededBy', { number: report.superseded_by }) : t('verify.note.superseded'));
  }
  if (report.status === 'withdrawn') return h('p', { class: 'notice', 'data-testid': 'verify-note' }, t('verify.note.withdrawn'));
  return null;
}

// The customer and the results: present only when the customer consented to show them (R38).
function disclosedResults() {
  const rows = report?.results;
  if (!report?.customer || !Array.isArray(rows)) return null;
  const conformity = (c) => (c === 'pass' || c === 'fail' || c === 'no_judgement' ? t(`verify.conformity.${c}`) : (c || '—'));
  return h('div', { 'data-testid': 'verify-results' },
    h('p', {}, h('strong', {}, t('verify.customer')), ' ', report.customer),
    h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, [t('verify.col.sample'), t('verify.col.parameter'), t('verify.col.result'), t('verify.col.limit'),
        t('verify.col.conformity')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((l) => h('tr', { 'data-testid': 'verify-result-row' },
        h('td', {}, l.sample_code), h('td', {}, l.parameter), h('td', {}, `${l.reported} ${l.unit ?? ''}`.trim()), h('td', {}, l.limit || '—'),
        h('td', {}, conformity(l.conformity)))))),
    h('p', { class: 'muted' }, t('verify.resultsConsented')));
}

// Public notices the lab published about this report (an amendment or a withdrawal that called for one).
function publicNotices() {
  const notices = report?.public_notices ?? [];
  if (!notices.length) return null;
  return h('div', { class: 'notice', 'data-testid': 'verify-public-notices' }, h('strong', {}, t('verify.publicNotices')),
    h('ul', {}, notices.map((n) => h('li', {}, typeof n === 'string' ? n : (n.message ?? JSON.stringify(n))))));
}

async function checkPdf(file) {
  pdfOutcome = { checking: true };
  show();
  try {
    const bytes = await file.arrayBuffer();
    const res = await fetch('/api/verify/pdf', { method: 'POST', headers: { 'Content-Type': 'application/pdf', 'Accept-Language': getLang() }, body: bytes });
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, data);
    pdfOutcome = data;
  } catch (err) {
    pdfOutcome = { error: err instanceof ApiError && err.status === 413 ? t('verify.pdf.tooLarge')
      : err instanceof ApiError && err.status !== 0 ? (err.problem?.detail || t('error.generic', { status: err.status })) : t('error.network') };
  }
  show();
}

function pdfVerdict() {
  if (!pdfOutcome) return null;
  if (pdfOutcome.checking) return h('p', { class: 'muted', 'data-testid': 'verify-pdf-checking' }, t('verify.pdf.checking'));
  if (pdfOutcome.error) return h('p', { class: 'form-error', role: 'alert', 'data-testid': 'verify-pdf-verdict' }, pdfOutcome.error);
  if (pdfOutcome.verdict === 'record damaged') {
    return h('div', { 'data-testid': 'verify-pdf-result', 'aria-live': 'polite' },
      h('p', {}, h('span', { class: 'status status-bad', 'data-testid': 'verify-pdf-verdict' }, t('verify.pdf.damaged'))));
  }
  const authentic = pdfOutcome.verdict === 'authentic';
  const other = authentic && report && pdfOutcome.number && pdfOutcome.number !== report.number;
  return h('div', { 'data-testid': 'verify-pdf-result', 'aria-live': 'polite' },
    h('p', {}, h('span', { class: authentic ? 'status status-ok' : 'status status-bad', 'data-testid': 'verify-pdf-verdict' },
      authentic ? t('verify.pdf.authentic') : t('verify.pdf.modified'))),
    authentic ? h('p', { 'data-testid': 'verify-pdf-detail' }, t('verify.pdf.authenticDetail', {
      number: pdfOutcome.number, date: pdfOutcome.issue_date ?? '', status: statusText(pdfOutcome.status) })) : h('p', {}, t('verify.pdf.modifiedDetail')),
    other ? h('p', { class: 'notice', 'data-testid': 'verify-pdf-other' }, t('verify.pdf.otherReport', { number: pdfOutcome.number })) : null);
}

function show() {
  document.title = t('verify.title');
  const input = h('input', { id: 'verify-pdf-input', type: 'file', accept: 'application/pdf,.pdf', 'data-testid': 'verify-pdf-input',
    onchange: (e) => { const f = e.target.files?.[0]; if (f) checkPdf(f); } });
  replace(root,
    h('header', { class: 'topbar' },
      h('div', { class: 'brand' }, report?.lab || t('app.product')),
      h('div', { class: 'topbar-tools' }, langSwitch())),
    h('main', { id: 'main', class: 'verify-page' },
      h('h1', { 'data-testid': 'verify-title' }, t('verify.title')),
      code ? h('p', { class: 'muted' }, t('verify.code', { code })) : null,
      code ? h('section', { class: 'card verify-card' }, reportFacts(), statusNote(), publicNotices(), disclosedResults()) : null,
      !code || notFound ? codeForm() : null,
      h('section', { class: 'card verify-card' },
        h('h2', {}, t('verify.pdf.title')),
        h('p', { class: 'muted' }, t('verify.pdf.help')),
        h('div', { class: 'field' }, h('label', { for: input.id }, t('verify.pdf.choose')), input),
        pdfVerdict()),
      h('p', { class: 'muted verify-footer' }, t('verify.footer'))));
}

async function load() {
  if (!code) return;
  if (!/^[A-Za-z0-9]{16}$/.test(code)) {
    notFound = true;
    return;
  }
  try {
    report = await api(`/api/verify/${encodeURIComponent(code)}`, { auth: false });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) notFound = true;
    else loadError = err instanceof ApiError && err.status === 0 ? t('error.network') : String(err.message);
  }
}

async function boot() {
  await initI18n();
  show();
  await load();
  show();
}

boot().catch((err) => {
  console.error(err);
  root.textContent = `Assay: ${err.message}`;
});
