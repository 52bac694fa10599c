// Reports area (reviewers, signatories, managers): the report register (newest first, keyset
// pages) with its Excel export and batch issue of the ticked drafts (a progress bar fed by the job); a new draft over samples of an accepted order; the report builder for a draft — the
// signatory chooser and the live rule checks (each rule pass / fail / warn / not applicable,
// blocking or not, and why; the marks the report may carry; whether it may be issued); signing
// with the signatory's password again (and making their signing key when they have none); an
// issued report's PDF, hash and public verification link; amendments (reason and cause → a new
// draft showing what changed and the technical manager's approval when one is needed) and
// withdrawal, with the customer notifications they logged. A signatory's 待签发 tab lists the drafts
// waiting for their signature (filtered by the server, GET /api/reports?waiting_for=me) with the
// state of each one's checks; a draft's 预览草稿 PDF downloads the watermarked, unsigned preview.
import { h, replace } from './dom.js';
import { t, has, problemText, getLang } from './i18n.js';
import { api, apiAll, apiDownload, getToken, ApiError } from './api.js';
import { empty, errorText, table, tabbed } from './widgets.js';

const CAUSES = ['error', 'omission', 'customer_request', 'other'];
let pdfUrl = null; // the object URL of the PDF on show, revoked when another page is drawn

function label(prefix, value) {
  return has(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : String(value ?? '');
}

// A draft has no number yet: it is named by its order and samples (GDQTWT202600001 · GDQT2026000001 等 3 个样品).
function draftName(r) {
  if (!r?.order_code) return t('reports.draftN', { id: r?.id ?? '' });
  const codes = r.sample_codes ?? [];
  const samples = codes.length > 2 ? t('reports.samplesMore', { first: codes.slice(0, 2).join(' '), n: codes.length }) : codes.join(' ');
  return t('reports.draftOf', { order: r.order_code, samples });
}

function statusBadge(status, testid = 'report-status') {
  const cls = status === 'issued' ? 'status status-ok' : status === 'draft' ? 'status' : status === 'superseded' ? 'status status-warn'
    : 'status status-bad';
  return h('span', { class: cls, 'data-testid': testid, 'data-status': status }, label('reports.status', status));
}

function field(id, text, control, help) {
  return h('div', { class: 'field' }, h('label', { for: id }, text), control, help ?? null);
}

// The rule failures of a problem (422 `rules: [{id, reason}]`, or `errors` naming a `rule`), each in a list item.
function ruleFailures(err) {
  if (!(err instanceof ApiError)) return [];
  const rules = Array.isArray(err.problem.rules) ? err.problem.rules.map((r) => ({ id: r.id ?? r.rule, reason: r.reason ?? r.problem })) : [];
  for (const e of err.fieldErrors) if (e.rule) rules.push({ id: e.rule, reason: e.reason ?? e.problem });
  return rules;
}

// An error box with the message, every field problem and every failing rule.
function showError(box, err, { skipFields = [] } = {}) {
  const fields = err instanceof ApiError ? err.fieldErrors.filter((f) => !f.rule && !skipFields.includes(f.field)) : [];
  const rules = ruleFailures(err);
  replace(box,
    h('p', { class: 'form-error-summary' }, err instanceof ApiError && err.status === 422 && rules.length ? t('reports.error.rules') : errorText(err)),
    fields.length || rules.length ? h('ul', {},
      fields.map((f) => h('li', {}, problemText(f.problem))), // in words, not the API's field path
      rules.map((r) => h('li', { 'data-testid': 'rule-failure', 'data-rule': r.id }, h('strong', {}, r.id), ` ${r.reason ?? ''}`))) : null);
  box.hidden = false;
}

function errorBox(testid) {
  return h('div', { class: 'form-error', role: 'alert', 'data-testid': testid, hidden: true });
}

function revokePdf() {
  if (pdfUrl) URL.revokeObjectURL(pdfUrl);
  pdfUrl = null;
}

// ---- the register ------------------------------------------------------------------------------

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });
const BATCH_POLL_MS = 500;

// The rule ids at the start of each part of a batch item's problem ("R10: no signatory chosen; R32: …"), in bold.
function problemView(problem) {
  const parts = String(problem ?? '').split(/;\s*/).filter(Boolean);
  return parts.map((part, i) => {
    const m = /^(R\d+):\s*(.*)$/s.exec(part);
    return [i ? h('br') : null, m ? [h('strong', { 'data-testid': 'batch-item-rule', 'data-rule': m[1] }, m[1]), `: ${m[2]}`] : part];
  });
}

// A batch issue job on show: a progress bar fed by GET /api/report-batches/{id} every ~500 ms until it
// is finished, then each report with its number or the problem that kept it a draft.
async function followBatch(box, job, drafts, { open, done }) {
  const progress = h('progress', { max: 100, value: job.percent ?? 0, 'data-testid': 'batch-progress', 'aria-labelledby': 'batch-progress-title',
    'aria-describedby': 'batch-progress-text' });
  const text = h('span', { id: 'batch-progress-text', 'data-testid': 'batch-progress-text' });
  const list = h('div', { 'data-testid': 'batch-results' });
  const err = errorBox('batch-poll-error');
  const section = h('section', { class: 'report-section batch-panel', 'data-testid': 'batch-panel', 'data-job': job.id, 'data-status': job.status },
    h('h3', { id: 'batch-progress-title' }, t('reports.batch.progressTitle', { n: job.total ?? drafts.size })),
    h('div', { class: 'batch-bar', 'aria-live': 'polite' }, progress, text), err, list);
  replace(box, section);
  const show = (j) => {
    progress.value = j.percent ?? 0;
    progress.setAttribute('aria-valuetext', `${j.percent ?? 0}%`);
    text.textContent = t('reports.batch.progress', { done: j.done ?? 0, total: j.total ?? 0, failed: j.failed ?? 0 });
    section.dataset.status = j.status;
  };
  let failures = 0;
  show(job);
  while (job.status !== 'finished') {
    await sleep(BATCH_POLL_MS);
    if (!section.isConnected) return; // the user went elsewhere: the register shows the outcome when it is opened again
    try {
      job = await api(`/api/report-batches/${encodeURIComponent(job.id)}`);
      failures = 0;
      err.hidden = true;
      show(job);
    } catch (ex) {
      showError(err, ex);
      // The job lives in the server's memory: gone after a restart (404). A network blip is retried a while.
      if (ex instanceof ApiError && ex.status !== 0 && ex.status !== 503) return;
      if (++failures > 20) return;
    }
  }
  const items = job.items ?? [];
  const issued = items.filter((i) => i.status === 'issued').length;
  const rows = items.map((i) => {
    const draft = drafts.get(String(i.report_id));
    return h('tr', { 'data-testid': 'batch-item', 'data-report-id': i.report_id, 'data-status': i.status },
      h('td', { class: 'nowrap' }, h('button', { type: 'button', class: 'btn-link', 'data-testid': 'batch-item-open', onclick: () => open(String(i.report_id)) },
        draft ? draftName(draft) : t('reports.draftN', { id: i.report_id }))),
      h('td', { class: 'nowrap' }, h('span', { class: i.status === 'issued' ? 'status status-ok' : i.status === 'failed' ? 'status status-bad' : 'status',
        'data-testid': 'batch-item-status' }, label('reports.batch.itemStatus', i.status))),
      h('td', { 'data-testid': i.status === 'issued' ? 'batch-item-number' : 'batch-item-problem' },
        i.status === 'issued' ? h('strong', {}, i.number ?? '') : i.status === 'failed' ? problemView(i.problem) : t('common.empty')));
  });
  replace(list,
    h('p', { 'data-testid': 'batch-summary', class: job.failed ? 'status status-warn' : 'status status-ok' },
      t('reports.batch.summary', { issued, failed: job.failed ?? 0 })),
    job.failed ? h('p', { class: 'muted' }, t('reports.batch.failedNote')) : null,
    table('batch-table', [t('reports.col.report'), t('reports.col.outcome'), t('reports.batch.col.result')], rows, t('reports.batch.resultsTitle')));
  await done();
}

// Issuing the ticked drafts at once: the password once; the drafts whose chosen signatory is someone
// else (R11) or nobody (R10) are named before, and come back failed with the rule. Without a signing
// key of their own, the signatory makes one here first.
function batchDialog(ctx, drafts, onStarted) {
  const me = String(ctx.user.id);
  const list = [...drafts.values()];
  const others = list.filter((r) => String(r.signatory_user_id ?? '') !== me);
  const warn = others.length ? h('div', { class: 'notice', 'data-testid': 'batch-not-yours' },
    h('p', {}, t('reports.batch.notYours', { n: others.length, total: list.length })),
    h('ul', {}, others.map((r) => h('li', {}, `${draftName(r)}: `,
      h('strong', {}, r.signatory_user_id == null ? 'R10' : 'R11'), ' ',
      r.signatory_user_id == null ? t('reports.batch.noSignatory') : t('reports.batch.otherSignatory'))))) : null;
  const keyNote = h('div', { class: 'notice', 'data-testid': 'batch-no-key', hidden: true }, t('reports.batch.noKey'));
  const makeKey = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'batch-create-key', hidden: true }, t('reports.sign.createKey'));
  const keyMade = h('p', { class: 'status status-ok', 'data-testid': 'batch-key-created', hidden: true }, t('reports.sign.keyCreated'));
  let ui = null;
  let hasKey = null; // unknown until the first submit
  async function submit(password) {
    if (hasKey === null) {
      try {
        const keys = await api('/api/signing/keys');
        hasKey = (keys.items ?? []).some((k) => String(k.user_id) === me && k.status === 'active');
      } catch (err) {
        console.warn('signing keys:', err);
        hasKey = true; // unknown: the job says so per report if it is missing
      }
    }
    if (!hasKey) {
      keyNote.hidden = false;
      makeKey.hidden = false;
      return;
    }
    try {
      const job = await api('/api/report-batches', { method: 'POST', body: { report_ids: list.map((r) => String(r.id)), password } });
      ui.close();
      onStarted(job);
    } catch (err) {
      ui.fail(err);
    }
  }
  makeKey.addEventListener('click', async () => {
    ui.box.hidden = true;
    makeKey.disabled = true;
    try {
      await api('/api/signing/keys', { method: 'POST', body: { password: ui.password.value } });
      hasKey = true;
      keyNote.hidden = true;
      makeKey.hidden = true;
      keyMade.hidden = false;
      await submit(ui.password.value); // the key was what was missing: start the batch now
    } catch (err) {
      ui.fail(err);
    } finally {
      makeKey.disabled = false;
    }
  });
  ui = passwordDialog({
    testid: 'batch', title: t('reports.batch.title', { n: list.length }), intro: t('reports.batch.intro'), confirmLabel: t('reports.batch.confirm'),
    extra: [warn, keyNote, makeKey, keyMade], onConfirm: (password) => submit(password),
  });
}

async function register(panel, ctx) {
  revokePdf();
  const results = h('div', { 'data-testid': 'reports-results' });
  const box = errorBox('reports-error');
  const batchBox = h('div', { 'data-testid': 'batch-box' });
  const canBatch = ctx.permissions.includes('reports:sign');
  const selected = new Map(); // report id → the draft as listed, for the drafts ticked
  let cursor = null;
  const more = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'reports-more', hidden: true, onclick: () => load(true) },
    t('reports.more'));
  const batchButton = h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'batch-issue', disabled: true,
    onclick: () => {
      const drafts = new Map(selected);
      batchDialog(ctx, drafts, (job) => followBatch(batchBox, job, drafts, { open: (id) => reportPage(panel, ctx, id), done: () => load(false) })
        .catch((err) => console.warn('batch:', err)));
    } }, t('reports.batch.button', { n: 0 }));
  const selectAll = h('input', { type: 'checkbox', 'data-testid': 'report-select-all', 'aria-label': t('reports.batch.selectAll') });
  const boxes = () => [...results.querySelectorAll('input[data-testid=report-select]')];
  const sync = () => {
    batchButton.disabled = selected.size === 0;
    batchButton.textContent = t('reports.batch.button', { n: selected.size });
    const all = boxes();
    selectAll.checked = all.length > 0 && all.every((b) => b.checked);
    selectAll.indeterminate = !selectAll.checked && all.some((b) => b.checked);
  };
  selectAll.addEventListener('change', () => {
    for (const b of boxes()) if (b.checked !== selectAll.checked) { b.checked = selectAll.checked; b.dispatchEvent(new Event('change')); }
    sync();
  });
  function selector(r) {
    if (r.status !== 'draft') return '';
    const input = h('input', { type: 'checkbox', 'data-testid': 'report-select', 'data-id': r.id, checked: selected.has(String(r.id)),
      'aria-label': t('reports.batch.selectDraft', { name: draftName(r) }) });
    input.addEventListener('change', () => {
      if (input.checked) selected.set(String(r.id), r);
      else selected.delete(String(r.id));
      sync();
    });
    return input;
  }
  const statusFilter = h('select', { id: 'report-status-filter', 'data-testid': 'report-status-filter', onchange: () => load(false) },
    h('option', { value: '' }, t('reports.filter.all')),
    ['draft', 'issued', 'superseded', 'withdrawn', 'discarded'].map((s) => h('option', { value: s }, label('reports.status', s))));
  async function load(append) {
    box.hidden = true;
    try {
      const page = await api('/api/reports', { query: { limit: 50, cursor: append ? cursor : null, status: statusFilter.value || null } });
      cursor = page.next_cursor;
      if (!append) selected.clear();
      const rows = page.items.map((r) => h('tr', { 'data-testid': 'report-row', 'data-id': r.id },
        canBatch ? h('td', { class: 'select-col' }, selector(r)) : null,
        h('td', { class: 'nowrap' }, h('a', { class: 'btn-link', href: `#/reports/${r.id}`, 'data-testid': 'report-open', title: r.number ? null : draftName(r) },
          r.number ?? (r.order_code ? t('reports.draftShort', { order: r.order_code }) : draftName(r))),
        r.amends ? h('div', { class: 'muted' }, t('reports.amendsShort', { number: r.amends.number ?? r.amends.id })) : null),
        h('td', { class: 'nowrap' }, r.order_code),
        h('td', {}, (r.sample_codes ?? []).join(' ')),
        h('td', {}, statusBadge(r.status, 'report-row-status')),
        h('td', { class: 'nowrap' }, empty(r.issue_date)),
        h('td', { class: 'nowrap' }, ctx.formatDateTime(r.created_at))));
      const tbody = results.querySelector('tbody');
      if (append && tbody) tbody.append(...rows);
      else replace(results, rows.length ? table('reports-table', [canBatch ? selectAll : null, t('reports.col.number'), t('reports.col.order'),
        t('reports.col.samples'), t('reports.col.status'), t('reports.col.issueDate'), t('reports.col.created')].filter((c) => c !== null), rows,
      t('reports.tab.register'))
        : h('p', { class: 'muted', 'data-testid': 'reports-none' }, t('reports.none')));
      more.hidden = !cursor;
      sync();
    } catch (err) {
      showError(box, err);
    }
  }
  const exportButton = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'reports-export' }, t('reports.export'));
  exportButton.addEventListener('click', async () => {
    box.hidden = true;
    exportButton.disabled = true;
    try {
      await apiDownload(statusFilter.value ? `/api/reports/export.xlsx?status=${statusFilter.value}` : '/api/reports/export.xlsx',
        { name: '报告登记.xlsx' });
    } catch (err) {
      showError(box, err);
    } finally {
      exportButton.disabled = false;
    }
  });
  replace(panel,
    h('div', { class: 'actions' }, h('label', { for: statusFilter.id }, t('reports.filter.status')), statusFilter,
      canBatch ? batchButton : null, exportButton,
      canBatch ? h('span', { class: 'muted batch-hint' }, t('reports.batch.hint')) : null),
    box, batchBox, results, more);
  await load(false);
}

// ---- the drafts waiting for my signature (待签发) ------------------------------------------------

function waitingState(w) {
  if (!w) return t('common.empty');
  if (w.problem) return h('span', { class: 'status status-bad', 'data-testid': 'queue-problem' }, t('reports.queue.unavailable', { problem: w.problem }));
  const open = w.open_checks ?? [];
  const blocking = open.filter((c) => c.blocking && c.status === 'fail');
  const others = open.filter((c) => !(c.blocking && c.status === 'fail'));
  return [
    h('span', { class: w.issuable ? 'status status-ok' : 'status status-bad', 'data-testid': 'queue-issuable', 'data-issuable': String(!!w.issuable) },
      w.issuable ? t('reports.queue.ready') : t('reports.checks.notIssuable', { n: blocking.length })),
    others.length ? h('span', { class: 'muted' }, ` ${t('reports.queue.warnings', { n: others.length })}`) : null,
    open.length ? h('ul', { class: 'compact', 'data-testid': 'queue-checks' }, open.map((c) =>
      h('li', { 'data-testid': 'queue-check', 'data-rule': c.rule, 'data-status': c.status },
        h('strong', {}, c.rule), ' ', checkStatus(c), ` ${c.reason ?? ''}`))) : null,
  ];
}

async function queue(panel, ctx) {
  revokePdf();
  const results = h('div', { 'data-testid': 'queue-results' });
  const box = errorBox('queue-error');
  let cursor = null;
  const more = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'queue-more', hidden: true, onclick: () => load(true) },
    t('reports.more'));
  async function load(append) {
    box.hidden = true;
    try {
      const page = await api('/api/reports', { query: { waiting_for: 'me', limit: 50, cursor: append ? cursor : null } });
      cursor = page.next_cursor;
      const rows = page.items.map((r) => h('tr', { 'data-testid': 'queue-row', 'data-id': r.id },
        h('td', { class: 'nowrap' }, h('a', { class: 'btn-link', href: `#/reports/${r.id}`, 'data-testid': 'queue-open' }, draftName(r)),
          r.amends ? h('div', { class: 'muted' }, t('reports.amendsShort', { number: r.amends.number ?? r.amends.id })) : null),
        h('td', { class: 'nowrap' }, ctx.formatDateTime(r.created_at)),
        h('td', {}, waitingState(r.waiting))));
      const tbody = results.querySelector('tbody');
      if (append && tbody) tbody.append(...rows);
      else replace(results, rows.length ? table('queue-table', [t('reports.col.report'), t('reports.col.created'), t('reports.queue.col.checks')], rows,
        t('reports.queue.title'))
        : h('p', { class: 'muted', 'data-testid': 'queue-none' }, t('reports.queue.none')));
      more.hidden = !cursor;
    } catch (err) {
      showError(box, err);
    }
  }
  replace(panel, h('h2', {}, t('reports.queue.title')), h('p', { class: 'muted' }, t('reports.queue.intro')), box, results, more);
  await load(false);
}

// ---- a new draft -------------------------------------------------------------------------------

async function newReport(panel, ctx) {
  revokePdf();
  const order = h('input', { id: 'report-order', type: 'text', 'data-testid': 'report-order', list: 'report-order-list', autocomplete: 'off',
    'aria-describedby': 'report-order-error' });
  const samples = h('input', { id: 'report-samples', type: 'text', 'data-testid': 'report-samples', 'aria-describedby': 'report-samples-error report-samples-help' });
  const orderError = h('p', { class: 'field-error', id: 'report-order-error', 'data-testid': 'report-order-error', hidden: true });
  const samplesError = h('p', { class: 'field-error', id: 'report-samples-error', 'data-testid': 'report-samples-error', hidden: true });
  const datalist = h('datalist', { id: 'report-order-list' });
  const box = errorBox('report-new-error');
  const submit = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'report-create' }, t('reports.new.create'));
  const el = h('form', { class: 'grid-form', 'data-testid': 'report-new-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: order.id }, t('reports.new.order')), order, datalist, orderError),
    h('div', { class: 'field' }, h('label', { for: samples.id }, t('reports.new.samples')), samples,
      h('p', { class: 'muted', id: 'report-samples-help' }, t('reports.new.samplesHelp')), samplesError),
    h('div', {}, submit), box);
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    box.hidden = true;
    for (const [err, input] of [[orderError, order], [samplesError, samples]]) {
      err.hidden = true;
      input.removeAttribute('aria-invalid');
    }
    const codes = samples.value.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean);
    const body = { order_code: order.value.trim() };
    if (codes.length) body.sample_codes = codes;
    submit.disabled = true;
    try {
      const created = await api('/api/reports', { method: 'POST', body });
      ctx.go(String(created.id));
    } catch (err) {
      const placed = [];
      for (const f of err instanceof ApiError ? err.fieldErrors : []) {
        const m = /^sample_codes(?:\[(\d+)\])?$/.exec(f.field);
        if (f.field === 'order_code') {
          orderError.textContent = problemText(f.problem);
          orderError.hidden = false;
          order.setAttribute('aria-invalid', 'true');
          placed.push(f.field);
        } else if (m) {
          const which = m[1] != null ? `${codes[Number(m[1])] ?? `#${Number(m[1]) + 1}`}: ` : '';
          samplesError.textContent = (samplesError.hidden ? '' : `${samplesError.textContent}; `) + which + problemText(f.problem);
          samplesError.hidden = false;
          samples.setAttribute('aria-invalid', 'true');
          placed.push(f.field);
        }
      }
      showError(box, err, { skipFields: placed });
    } finally {
      submit.disabled = false;
    }
  });
  replace(panel, h('h2', {}, t('reports.new.title')), el);
  if (ctx.permissions.includes('orders:read')) {
    api('/api/orders', { query: { status: 'accepted', limit: 100 } })
      .then((page) => replace(datalist, page.items.map((o) => h('option', { value: o.code }, o.customer ?? ''))))
      .catch(() => { /* suggestions only */ });
  }
}

// ---- the builder: signatory, live checks, signing -----------------------------------------------

// The people who may be chosen: the lab's signatories and managers (when this user may list users;
// otherwise the users of the lab's active signing keys, by name), this user when they may sign, and
// whoever is chosen now.
async function signatoryCandidates(ctx, report) {
  const out = new Map();
  let listed = false;
  if (ctx.permissions.includes('users:read')) {
    try {
      for (const u of await apiAll('/api/users')) {
        if (u.active !== false && (u.roles ?? []).some((r) => r === 'signatory' || r === 'manager'))
          out.set(String(u.id), `${u.display_name} (${u.username})`);
      }
      listed = true;
    } catch (err) {
      console.warn('users:', err);
    }
  }
  const names = new Map(); // every key's user (retired too), to name whoever is chosen now
  if (!listed) {
    try {
      const keys = (await api('/api/signing/keys'))?.items ?? [];
      for (const k of keys) {
        if (k.user_id == null) continue;
        const id = String(k.user_id);
        const name = k.user_name || t('reports.signatory.userN', { id });
        names.set(id, name);
        if (k.status === 'active' && !out.has(id)) out.set(id, name);
      }
    } catch (err) {
      console.warn('signing keys:', err);
    }
  }
  const me = String(ctx.user.id);
  if (ctx.permissions.includes('reports:sign') && !out.has(me)) out.set(me, `${ctx.user.display_name || ctx.user.username} (${ctx.user.username})`);
  const chosen = report.signatory_user_id != null ? String(report.signatory_user_id) : null;
  if (chosen && !out.has(chosen)) out.set(chosen, names.get(chosen) ?? t('reports.signatory.userN', { id: chosen }));
  return out;
}

function marksLine(marks) {
  return h('ul', { class: 'marks', 'data-testid': 'checks-marks' }, [['cma', 'CMA'], ['cnas', 'CNAS'], ['ilac_mra', 'ILAC-MRA']].map(([key, name]) =>
    h('li', { 'data-testid': `mark-${key}`, 'data-allowed': String(!!marks?.[key]) },
      h('span', { class: marks?.[key] ? 'status status-ok' : 'status status-bad' },
        `${name} ${marks?.[key] ? t('reports.marks.allowed') : t('reports.marks.dropped')}`))));
}

function checkStatus(c) {
  const cls = c.status === 'pass' ? 'status status-ok' : c.status === 'fail' ? (c.blocking ? 'status status-bad' : 'status status-warn')
    : c.status === 'warn' ? 'status status-warn' : 'status status-na';
  return h('span', { class: cls, 'data-testid': 'check-status' }, label('reports.check', c.status));
}

function checksView(c, values, verdicts) {
  const blockingFailures = c.checks.filter((x) => x.blocking && x.status === 'fail');
  const rows = c.checks.map((x) => h('tr', { 'data-testid': 'check-row', 'data-rule': x.rule, 'data-status': x.status,
    class: x.blocking && x.status === 'fail' ? 'check-blocking' : null },
  h('td', { class: 'nowrap' }, h('strong', {}, x.rule)), h('td', { class: 'nowrap' }, checkStatus(x)),
  h('td', {}, x.blocking ? t('reports.check.blocking') : t('reports.check.notBlocking')), h('td', { 'data-testid': 'check-reason' }, x.reason)));
  const lines = (c.lines ?? []).map((l) => {
    const r = values?.get(String(l.test_item_id))?.results?.filter((x) => x.status !== 'invalidated').at(-1);
    const conf = r?.conformity;
    return h('tr', { 'data-testid': 'line-row' },
    h('td', { class: 'nowrap' }, h('a', { href: `#/intake/samples/${encodeURIComponent(l.sample_code)}` }, l.sample_code)), h('td', {}, l.parameter),
    h('td', { class: 'nowrap', 'data-testid': 'line-value' }, r ? `${r.reported} ${r.unit}` : t('common.empty')),
    h('td', { class: 'nowrap', 'data-testid': 'line-limit' }, empty(r?.limit)),
    h('td', { class: 'nowrap', 'data-testid': 'line-conclusion' }, conf ? h('span', { class: conf === 'pass' ? 'status status-ok' : conf === 'fail' ? 'status status-bad' : 'status status-warn' },
      t(`testing.conformity.${conf}`)) : t('common.empty')),
    h('td', {}, l.method),
    h('td', {}, l.result_status ? label('testing.status', l.result_status) : t('reports.line.noResult')),
    h('td', {}, l.cma_in_scope ? t('intake.yes') : t('intake.no'), l.cma_starred ? ' *' : ''),
    h('td', {}, l.cnas_in_scope ? t('intake.yes') : t('intake.no'), l.cnas_starred ? ' *' : ''),
    h('td', {}, l.equipment_flag ?? ''));
  });
  return [
    h('p', { 'data-testid': 'checks-issuable', 'data-issuable': String(!!c.issuable) },
      h('span', { class: c.issuable ? 'status status-ok' : 'status status-bad' },
        c.issuable ? t('reports.checks.issuable') : t('reports.checks.notIssuable', { n: blockingFailures.length })),
      ' ', h('span', { class: 'muted' }, t('reports.checks.onDate', { date: c.date }))),
    marksLine(c.marks),
    table('checks-table', [t('reports.col.rule'), t('reports.col.outcome'), t('reports.col.blocking'), t('reports.col.reason')], rows,
      t('reports.checks.title')),
    lines.length ? [h('h4', {}, t('reports.lines.title')), table('lines-table', [t('reports.col.sample'), t('reports.col.parameter'),
      t('reports.col.value'), t('reports.col.limit'), t('reports.col.conclusion'), t('reports.col.method'), t('reports.col.result'), 'CMA', 'CNAS',
      t('reports.col.flag')], lines, t('reports.lines.title'))] : null,
    verdicts?.length ? [h('h4', {}, t('reports.verdicts.title')), h('ul', { class: 'compact', 'data-testid': 'sample-verdicts' }, verdicts.map((v) =>
      h('li', { 'data-testid': 'sample-verdict', 'data-verdict': v.verdict }, `${v.sample_code}: `,
        h('span', { class: v.verdict === 'pass' ? 'status status-ok' : v.verdict === 'fail' ? 'status status-bad' : 'status status-warn' },
          t(`reports.verdict.${v.verdict}`)))))] : null,
    c.exclusions?.length ? [h('h4', {}, t('reports.exclusions')), h('ul', { 'data-testid': 'exclusions' }, c.exclusions.map((x) => h('li', {}, x)))]
      : null,
  ];
}

// What an amendment changes against the report it amends, and the technical manager's approval (R36).
function amendmentView(c, ctx, report, reload) {
  if (!report.amends && !c.changes && !c.approval) return null;
  const value = (field, v) => (field === 'conformity' && v ? label('testing.conformity', v) : empty(v));
  const changes = (c.changes ?? []).map((x) => h('tr', { 'data-testid': 'change-row', 'data-field': x.field },
    h('td', { class: 'nowrap' }, x.sample_code ?? ''), h('td', {}, x.parameter ?? ''), h('td', {}, label('reports.changeField', x.field)),
    h('td', {}, h('del', {}, value(x.field, x.before))), h('td', {}, h('ins', {}, value(x.field, x.after)))));
  const a = c.approval ?? { required: false };
  const approved = !!(a.approved ?? a.approved_by) && !a.stale;
  const why = [a.removes_results && t('reports.approval.removesResults'), a.changes_conclusion && t('reports.approval.changesConclusion')].filter(Boolean);
  const state = !a.required ? h('span', { class: 'status status-ok' }, t('reports.approval.notRequired'))
    : approved ? h('span', { class: 'status status-ok' }, t('reports.approval.approved', { who: a.approved_by ?? '', at: ctx.formatDateTime(a.approved_at) }))
      : h('span', { class: 'status status-bad' }, a.stale ? t('reports.approval.stale') : t('reports.approval.pending'));
  const canApprove = a.required && !approved && ctx.permissions.includes('reports:approve');
  return h('section', { class: 'report-section', 'data-testid': 'amendment-panel' },
    h('h3', {}, t('reports.amendment.changes')),
    changes.length ? table('changes-table', [t('reports.col.sample'), t('reports.col.parameter'), t('reports.col.field'), t('reports.col.before'),
      t('reports.col.after')], changes, t('reports.amendment.changes')) : h('p', { class: 'muted', 'data-testid': 'changes-none' }, t('reports.amendment.noChanges')),
    h('p', { 'data-testid': 'approval-state', 'data-required': String(!!a.required), 'data-approved': String(approved) },
      h('strong', {}, t('reports.approval.title')), ' ', state, why.length ? h('span', { class: 'muted' }, ` (${why.join(t('list.separator'))})`) : null),
    canApprove ? h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'amendment-approve',
      onclick: () => approvalDialog(report, a.changes_sha256, reload) }, t('reports.approval.approve')) : null,
    a.required && !approved && !canApprove ? h('p', { class: 'muted' }, t('reports.approval.managerOnly')) : null);
}

// A modal asking for the user's password again (re-authentication), with an error box and extra content.
function passwordDialog({ testid, title, intro, confirmLabel, extra = [], onConfirm }) {
  const password = h('input', { id: `${testid}-password`, type: 'password', autocomplete: 'current-password', 'data-testid': `${testid}-password`,
    'aria-describedby': `${testid}-password-error` });
  const pwError = h('p', { class: 'field-error', id: `${testid}-password-error`, 'data-testid': `${testid}-password-error`, hidden: true });
  const box = errorBox(`${testid}-error`);
  const confirm = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': `${testid}-confirm` }, confirmLabel);
  const cancel = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': `${testid}-cancel` }, t('reports.cancel'));
  const formEl = h('form', { method: 'dialog', novalidate: true },
    h('h2', { id: `${testid}-title` }, title), intro ? h('p', {}, intro) : null,
    field(password.id, t('reports.sign.password'), password, pwError), extra,
    h('div', { class: 'actions' }, confirm, cancel), box);
  const dialog = h('dialog', { class: 'dialog', 'data-testid': testid, 'aria-labelledby': `${testid}-title` }, formEl);
  const close = () => { dialog.close(); dialog.remove(); };
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', () => dialog.remove());
  const ui = {
    dialog, password, box, close,
    fail(err) {
      pwError.hidden = true;
      password.removeAttribute('aria-invalid');
      const pw = err instanceof ApiError ? err.fieldErrors.find((f) => f.field === 'password') : null;
      if (pw) {
        pwError.textContent = problemText(pw.problem);
        pwError.hidden = false;
        password.setAttribute('aria-invalid', 'true');
      }
      showError(box, err, { skipFields: pw ? ['password'] : [] });
    },
  };
  formEl.addEventListener('submit', async (e) => {
    e.preventDefault();
    box.hidden = true;
    pwError.hidden = true;
    confirm.disabled = true;
    try {
      await onConfirm(password.value, ui);
    } finally {
      confirm.disabled = false;
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  password.focus();
  return ui;
}

function isNoKey(err) {
  return err instanceof ApiError && err.status === 409 && (err.problem.code === 'report.no_signing_key'
    || /signing key|signing\/keys/i.test(`${err.problem.detail ?? ''} ${err.problem.title ?? ''}`));
}

// Signing: the password again → POST issue (If-Match); without a key of their own, the signatory may make one here.
function signDialog(report, etag, reload) {
  const keyNote = h('div', { class: 'notice', 'data-testid': 'sign-no-key', hidden: true });
  const makeKey = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'sign-create-key', hidden: true }, t('reports.sign.createKey'));
  const keyMade = h('p', { class: 'status status-ok', 'data-testid': 'sign-key-created', hidden: true }, t('reports.sign.keyCreated'));
  let ui = null;
  async function issue(password) {
    try {
      await api(`/api/reports/${report.id}/issue`, { method: 'POST', body: { password }, headers: { 'If-Match': etag } });
      ui.close();
      await reload();
    } catch (err) {
      if (isNoKey(err)) {
        ui.box.hidden = true;
        keyNote.textContent = t('reports.sign.noKey');
        keyNote.hidden = false;
        makeKey.hidden = false;
        return;
      }
      ui.fail(err);
      if (err instanceof ApiError && err.status === 412) ui.box.append(h('p', {}, t('reports.error.stale')));
    }
  }
  makeKey.addEventListener('click', async () => {
    ui.box.hidden = true;
    makeKey.disabled = true;
    try {
      await api('/api/signing/keys', { method: 'POST', body: { password: ui.password.value } });
      keyNote.hidden = true;
      makeKey.hidden = true;
      keyMade.hidden = false;
      await issue(ui.password.value); // the key was what was missing: sign now
    } catch (err) {
      ui.fail(err);
    } finally {
      makeKey.disabled = false;
    }
  });
  ui = passwordDialog({
    testid: 'sign', title: t('reports.sign.title', { name: draftName(report) }), intro: t('reports.sign.intro'), confirmLabel: t('reports.sign.confirm'),
    extra: [keyNote, makeKey, keyMade], onConfirm: (password) => issue(password),
  });
}

// The approval names the changes the manager saw (their SHA-256): if they moved meanwhile, the
// server refuses (412) and the panel shows the new ones.
function approvalDialog(report, changesSha256, reload) {
  const note = h('input', { id: 'approval-note', type: 'text', 'data-testid': 'approval-note' });
  passwordDialog({
    testid: 'approval', title: t('reports.approval.dialogTitle'), intro: t('reports.approval.intro'), confirmLabel: t('reports.approval.approve'),
    extra: [field(note.id, t('reports.approval.note'), note)],
    onConfirm: async (password, ui) => {
      try {
        const { etag } = await api(`/api/reports/${report.id}`, { withEtag: true });
        await api(`/api/reports/${report.id}/amendment-approval`, { method: 'POST', body: { password, note: note.value.trim(), changes_sha256: changesSha256 },
          headers: etag ? { 'If-Match': etag } : {} });
        ui.close();
        await reload();
      } catch (err) {
        ui.fail(err);
      }
    },
  });
}

async function draftView(body, ctx, report, etag, reload) {
  const box = errorBox('builder-error');
  const candidates = await signatoryCandidates(ctx, report);
  const chosen = report.signatory_user_id != null ? String(report.signatory_user_id) : '';
  const writable = ctx.permissions.includes('reports:write');
  const chooser = h('select', { id: 'signatory-select', 'data-testid': 'signatory-select', disabled: !writable },
    h('option', { value: '' }, t('reports.signatory.none')),
    [...candidates].map(([id, name]) => h('option', { value: id, selected: id === chosen }, name)));
  chooser.addEventListener('change', async () => {
    box.hidden = true;
    chooser.disabled = true;
    try {
      await api(`/api/reports/${report.id}`, { method: 'PATCH', body: { signatory_user_id: chooser.value || null }, headers: { 'If-Match': etag } });
      await reload();
    } catch (err) {
      showError(box, err);
      if (err instanceof ApiError && err.status === 412) box.append(h('p', {}, t('reports.error.stale')));
      chooser.disabled = false;
    }
  });
  const checksBox = h('div', { 'data-testid': 'checks', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('common.loading')));
  const amendBox = h('div');
  const date = h('input', { id: 'checks-date', type: 'text', 'data-testid': 'checks-date', placeholder: 'YYYY-MM-DD', size: 10 });
  async function loadChecks() {
    checksBox.setAttribute('aria-busy', 'true');
    try {
      const c = await api(`/api/reports/${report.id}/checks`, { query: { date: date.value.trim() } });
      // What the signatory signs: each line's value, limit and conclusion, and each sample's verdict.
      const ids = [...new Set((c.lines ?? []).map((l) => String(l.test_item_id)).filter((x) => x && x !== 'undefined'))];
      const codes = [...new Set((c.lines ?? []).map((l) => l.sample_code))];
      const [items, verdicts] = await Promise.all([
        Promise.all(ids.map((itemId) => api(`/api/testing/items/${itemId}`).catch(() => null))),
        Promise.all(codes.map((code) => api(`/api/testing/samples/${encodeURIComponent(code)}/conformity`).catch(() => null)))]);
      const values = new Map(items.filter(Boolean).map((it) => [String(it.id), it]));
      replace(checksBox, checksView(c, values, verdicts.filter(Boolean)));
      replace(amendBox, amendmentView(c, ctx, report, reload));
    } catch (err) {
      replace(checksBox, h('p', { class: 'form-error', role: 'alert', 'data-testid': 'checks-error' }, errorText(err)));
    } finally {
      checksBox.removeAttribute('aria-busy');
    }
  }
  const refresh = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'checks-refresh', onclick: loadChecks }, t('reports.checks.refresh'));
  const me = String(ctx.user.id);
  const mayIssue = ctx.permissions.includes('reports:sign') && chosen === me;
  // What the signatory signs, as it will print: watermarked 草稿 / 未签发, unsigned, never stored.
  const previewNote = h('p', { class: 'muted', 'data-testid': 'draft-pdf-note' }, t('reports.draftPdf.help'));
  const preview = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'draft-pdf' }, t('reports.draftPdf.button'));
  preview.addEventListener('click', async () => {
    box.hidden = true;
    preview.disabled = true;
    try {
      const name = await apiDownload(`/api/reports/${report.id}/draft.pdf`, { name: `报告草稿-${report.order_code ?? report.id}.pdf` });
      previewNote.textContent = t('reports.draftPdf.downloaded', { name });
    } catch (err) {
      showError(box, err);
    } finally {
      preview.disabled = false;
    }
  });
  const sign = h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'report-sign', onclick: () => signDialog(report, etag, reload) },
    t('reports.sign.button'));
  // Discarding takes two clicks: the first one asks.
  const discard = h('button', { type: 'button', class: 'btn-secondary btn-danger-outline', 'data-testid': 'report-discard' }, t('reports.discard.button'));
  discard.addEventListener('click', async () => {
    if (discard.dataset.armed !== 'true') {
      discard.dataset.armed = 'true';
      discard.textContent = t('reports.discard.confirm');
      return;
    }
    box.hidden = true;
    try {
      await api(`/api/reports/${report.id}`, { method: 'DELETE', headers: { 'If-Match': etag } });
      await reload();
    } catch (err) {
      showError(box, err);
    }
  });
  replace(body,
    h('section', { class: 'report-section' },
      h('h3', {}, t('reports.signatory.title')),
      h('div', { class: 'inline-form' }, field(chooser.id, t('reports.signatory.label'), chooser)),
      box),
    amendBox,
    h('section', { class: 'report-section' },
      h('div', { class: 'section-head' }, h('h3', {}, t('reports.checks.title')),
        h('div', { class: 'inline-form' }, field(date.id, t('reports.checks.date'), date), refresh)),
      checksBox),
    h('section', { class: 'report-section' },
      h('h3', {}, t('reports.sign.section')),
      h('div', { class: 'actions' }, preview), previewNote,
      mayIssue ? sign : h('p', { class: 'muted', 'data-testid': 'sign-hint' },
        chosen ? t('reports.sign.onlyChosen') : t('reports.sign.chooseFirst')),
      writable ? h('div', { class: 'actions' }, discard) : null));
  date.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); loadChecks(); } });
  await loadChecks();
}

// ---- an issued report: PDF, hash, verification, amendment, withdrawal ---------------------------

async function pdfPreview(box, report) {
  revokePdf();
  try {
    const res = await fetch(`/api/reports/${report.id}/pdf`, { headers: { Authorization: `Bearer ${getToken()}`, 'Accept-Language': getLang() }, credentials: 'same-origin' });
    if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({ status: res.status })));
    const blob = await res.blob();
    pdfUrl = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
    replace(box,
      h('div', { class: 'actions' },
        h('a', { href: pdfUrl, download: `${report.number}.pdf`, class: 'btn-secondary', 'data-testid': 'pdf-download', 'data-bytes': blob.size },
          t('reports.pdf.download')),
        h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'p7s-download',
          onclick: () => apiDownload(`/api/reports/${report.id}/pdf.p7s`).catch((err) => console.warn(err)) }, t('reports.pdf.signature'))),
      h('iframe', { class: 'pdf-preview', src: pdfUrl, title: t('reports.pdf.title', { number: report.number }), 'data-testid': 'pdf-preview' }));
  } catch (err) {
    replace(box, h('p', { class: 'form-error', role: 'alert', 'data-testid': 'pdf-error' }, errorText(err)));
  }
}

function amendForm(box, ctx, panel, report) {
  const reason = h('textarea', { id: 'amend-reason', rows: 3, 'data-testid': 'amend-reason', 'aria-describedby': 'amend-reason-error' });
  const reasonError = h('p', { class: 'field-error', id: 'amend-reason-error', 'data-testid': 'amend-reason-error', hidden: true });
  const cause = h('select', { id: 'amend-cause', 'data-testid': 'amend-cause' }, CAUSES.map((c) => h('option', { value: c }, t(`reports.cause.${c}`))));
  const recovered = h('input', { id: 'amend-recovered', type: 'checkbox', 'data-testid': 'amend-recovered', checked: true });
  const notice = h('input', { id: 'amend-public-notice', type: 'checkbox', 'data-testid': 'amend-public-notice' });
  const err = errorBox('amend-error');
  const submit = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'amend-submit' }, t('reports.amend.submit'));
  const el = h('form', { class: 'amend-form', 'data-testid': 'amend-form', novalidate: true },
    h('h3', {}, t('reports.amend.title', { number: report.number })),
    h('p', { class: 'muted' }, t('reports.amend.intro')),
    field(reason.id, t('reports.amend.reason'), reason, reasonError),
    field(cause.id, t('reports.amend.cause'), cause),
    h('div', { class: 'field field-check' }, recovered, h('label', { for: recovered.id }, t('reports.amend.recovered'))),
    h('div', { class: 'field field-check' }, notice, h('label', { for: notice.id }, t('reports.amend.publicNotice'))),
    h('div', { class: 'actions' }, submit,
      h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'amend-cancel', onclick: () => replace(box) }, t('reports.cancel'))),
    err);
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    err.hidden = true;
    reasonError.hidden = true;
    reason.removeAttribute('aria-invalid');
    const text = reason.value.trim();
    if (!text) {
      reasonError.textContent = problemText('required');
      reasonError.hidden = false;
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
      return;
    }
    submit.disabled = true;
    try {
      const draft = await api(`/api/reports/${report.id}/amendments`, { method: 'POST',
        body: { reason: text, cause: cause.value, original_recovered: recovered.checked, public_notice: notice.checked } });
      await reportPage(panel, ctx, draft.id);
    } catch (ex) {
      const f = ex instanceof ApiError ? ex.fieldErrors.find((x) => x.field === 'reason') : null;
      if (f) {
        reasonError.textContent = problemText(f.problem);
        reasonError.hidden = false;
        reason.setAttribute('aria-invalid', 'true');
      }
      showError(err, ex, { skipFields: f ? ['reason'] : [] });
    } finally {
      submit.disabled = false;
    }
  });
  replace(box, el);
  reason.focus();
}

function withdrawForm(box, report, etag, reload) {
  const reason = h('input', { id: 'withdraw-reason', type: 'text', 'data-testid': 'withdraw-reason' });
  const password = h('input', { id: 'withdraw-password', type: 'password', autocomplete: 'current-password', 'data-testid': 'withdraw-password' });
  const err = errorBox('withdraw-error');
  const el = h('form', { 'data-testid': 'withdraw-form', novalidate: true },
    h('h3', {}, t('reports.withdraw.title', { number: report.number })),
    h('p', { class: 'muted' }, t('reports.withdraw.intro')),
    field(reason.id, t('reports.withdraw.reason'), reason),
    field(password.id, t('reports.withdraw.password'), password),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn-primary btn-danger', 'data-testid': 'withdraw-submit' }, t('reports.withdraw.submit')),
      h('button', { type: 'button', class: 'btn-secondary', onclick: () => replace(box) }, t('reports.cancel'))),
    err);
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    err.hidden = true;
    try {
      await api(`/api/reports/${report.id}/withdraw`, { method: 'POST', body: { reason: reason.value.trim(), password: password.value },
        headers: { 'If-Match': etag } });
      await reload();
    } catch (ex) {
      showError(err, ex);
    }
  });
  replace(box, el);
  reason.focus();
}

async function notifications(box, ctx, report) {
  try {
    const list = await api(`/api/reports/${report.id}/notifications`);
    if (!list?.items?.length) return;
    replace(box, h('h3', {}, t('reports.notifications.title')),
      table('notifications-table', [t('reports.col.at'), t('reports.col.channel'), t('reports.col.recipient'), t('reports.col.message')],
        list.items.map((n) => h('tr', { 'data-testid': 'notification-row' }, h('td', { class: 'nowrap' }, ctx.formatDateTime(n.created_at)),
          h('td', {}, label('reports.channel', n.channel), n.kind ? h('div', { class: 'muted' }, label('reports.notificationKind', n.kind)) : null),
          h('td', {}, n.recipient ?? ''), h('td', {}, n.message ?? ''))),
        t('reports.notifications.title')));
  } catch (err) {
    if (!(err instanceof ApiError) || ![404, 405, 403].includes(err.status)) console.warn('notifications:', err);
  }
}

async function issuedView(body, ctx, panel, report, etag, reload) {
  const verifyHref = report.verify_url ? new URL(report.verify_url, location.origin).href : null;
  const publicFacts = h('span', { 'data-testid': 'report-signatory' }, t('common.loading'));
  const facts = [
    [t('reports.fact.number'), report.number, 'report-number'],
    [t('reports.fact.issueDate'), report.issue_date, 'report-issue-date'],
    [t('reports.fact.issuedAt'), ctx.formatDateTime(report.issued_at), null],
    [t('reports.fact.signatory'), publicFacts, null],
    report.superseded_by ? [t('reports.fact.supersededBy'), report.superseded_by, 'report-superseded-by'] : null,
    report.withdrawn_reason ? [t('reports.fact.withdrawnReason'), report.withdrawn_reason, 'report-withdrawn-reason'] : null,
    report.amends ? [t('reports.fact.originalRecovered'), report.original_recovered ? t('intake.yes') : t('intake.no'), null] : null,
    report.amends ? [t('reports.fact.publicNotice'), report.public_notice ? t('intake.yes') : t('intake.no'), null] : null,
    [t('reports.fact.verify'), verifyHref ? h('a', { href: verifyHref, target: '_blank', rel: 'noopener', 'data-testid': 'verify-link' }, verifyHref) : null, null],
    [t('reports.fact.canonicalHash'), h('code', { class: 'hash' }, report.canonical_sha256), 'report-hash'],
    [t('reports.fact.pdfHash'), report.pdf_sha256 ? h('code', { class: 'hash' }, report.pdf_sha256) : null, 'report-pdf-hash'],
    [t('reports.fact.certificate'), report.certificate_sha256 ? h('a', { href: `/api/verify/certificates/${report.certificate_sha256}`,
      'data-testid': 'report-certificate' }, h('code', { class: 'hash' }, report.certificate_sha256)) : null, null],
  ].filter(Boolean);
  const actionBox = h('div', { 'data-testid': 'report-action-box' });
  const actions = [];
  if (report.status === 'issued' && ctx.permissions.includes('reports:write'))
    actions.push(h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'report-amend', onclick: () => amendForm(actionBox, ctx, panel, report) },
      t('reports.amend.button')));
  if (report.status === 'issued' && ctx.permissions.includes('reports:sign'))
    actions.push(h('button', { type: 'button', class: 'btn-secondary btn-danger-outline', 'data-testid': 'report-withdraw',
      onclick: () => withdrawForm(actionBox, report, etag, reload) }, t('reports.withdraw.button')));
  const pdfBox = h('div', { 'data-testid': 'pdf-box' }, h('p', { class: 'muted' }, t('common.loading')));
  const notesBox = h('div');
  replace(body,
    h('dl', { class: 'facts report-facts' }, facts.map(([k, v, id]) => [h('dt', {}, k), h('dd', id ? { 'data-testid': id } : {}, v ?? t('common.empty'))])),
    actions.length ? h('div', { class: 'actions' }, actions) : null, actionBox,
    notesBox,
    h('section', { class: 'report-section' }, h('h3', {}, t('reports.pdf.heading')), pdfBox));
  if (report.verify_code) {
    api(`/api/verify/${encodeURIComponent(report.verify_code)}`, { auth: false })
      .then((v) => replace(publicFacts, v.signatory ?? t('common.empty')))
      .catch(() => replace(publicFacts, t('common.empty')));
  } else {
    replace(publicFacts, t('common.empty'));
  }
  notifications(notesBox, ctx, report);
  await pdfPreview(pdfBox, report);
}

async function reportPage(panel, ctx, id) {
  revokePdf();
  const { data: report, etag } = await api(`/api/reports/${id}`, { withEtag: true });
  const reload = () => reportPage(panel, ctx, id);
  const body = h('div', { 'data-testid': 'report-body' });
  ctx.mark?.(String(id));
  const title = report.number ? t('reports.title.numbered', { number: report.number }) : t('reports.title.draftOf', { name: draftName(report) });
  const amends = report.amends ? h('p', { class: 'notice', 'data-testid': 'report-amends' },
    t('reports.amendsLine', { number: report.amends.number ?? report.amends.id, n: report.amendment_no ?? '' }), ' ',
    h('button', { type: 'button', class: 'btn-link', 'data-testid': 'report-open-original', onclick: () => reportPage(panel, ctx, report.amends.id) },
      t('reports.openOriginal')),
    report.amendment_reason ? h('span', { 'data-testid': 'report-amendment-reason' }, ` ${t('reports.amendment.reason')}: ${report.amendment_reason}`) : null,
    report.amendment_cause ? ` (${label('reports.cause', report.amendment_cause)})` : null) : null;
  replace(panel,
    h('div', { class: 'actions' }, h('a', { class: 'btn-link', href: '#/reports/register', 'data-testid': 'report-back' },
      `← ${t('reports.back')}`)),
    h('h2', { 'data-testid': 'report-title', 'data-id': report.id }, title, ' ', statusBadge(report.status)),
    h('p', { class: 'muted', 'data-testid': 'report-meta' }, t('reports.meta', { order: report.order_code, samples: (report.sample_codes ?? []).join(' '),
      created: ctx.formatDateTime(report.created_at) }), ' ',
    h('a', { href: `#/intake/orders/${encodeURIComponent(report.order_code ?? '')}`, 'data-testid': 'report-order-link' }, t('reports.openOrder'))),
    report.superseded_by && report.status !== 'issued' ? h('p', { class: 'notice', 'data-testid': 'report-superseded' },
      t('reports.supersededLine', { number: report.superseded_by })) : null,
    amends,
    body);
  if (report.status === 'draft') await draftView(body, ctx, report, etag, reload);
  else if (report.number) await issuedView(body, ctx, panel, report, etag, reload);
  else replace(body, h('p', { class: 'muted', 'data-testid': 'report-discarded' }, t('reports.discarded')));
}

// Deep links: #/reports/<tab> (register, queue, new), #/reports/<id>.
export function render(main, ctx) {
  revokePdf();
  const tabs = ['register', ctx.permissions.includes('reports:sign') && 'queue', ctx.permissions.includes('reports:write') && 'new'].filter(Boolean);
  const RENDER = { register, queue, new: newReport };
  const [sub] = ctx.route ?? [];
  let deep = /^\d+$/.test(sub ?? '') ? sub : null;
  return tabbed(main, {
    prefix: 'reports', title: t('nav.reports'), titleTestId: 'reports', initial: sub,
    tabs: tabs.map((id) => ({ id, label: t(`reports.tab.${id}`) })),
    render: (id, panel) => {
      if (deep) {
        const reportId = deep;
        deep = null;
        return reportPage(panel, ctx, reportId);
      }
      ctx.mark?.(id);
      return RENDER[id](panel, ctx);
    },
  });
}
