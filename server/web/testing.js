// Testing area: a technician's worklist with an entry grid that shows the rounded value and the
// conformity as the value is typed; the review queue with each result's versions as a diff; QC
// batches (a failing QC sample holds the batch until a manager's disposition, R24); and the
// control chart of a reference material with the Westgard rules, drawn as SVG.
import { h, replace } from './dom.js';
import { t, problemText, formatDateTime } from './i18n.js';
import { api, apiAll, apiDownload, ApiError } from './api.js';
import { today, empty, errorText, table, form, tabbed } from './widgets.js';
import { assignPanel } from './assign.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) if (c != null) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

async function names() {
  const [params, methods] = await Promise.all([apiAll('/api/register/parameters'), apiAll('/api/register/methods')]);
  return {
    parameter: new Map(params.map((p) => [p.id, p.name_zh])),
    method: new Map(methods.map((m) => [m.id, m.citation ?? m.name])),
  };
}

// A sample code as a link to the sample's page (its custody, its order).
function sampleLink(code) {
  return h('a', { href: `#/intake/samples/${encodeURIComponent(code)}`, 'data-testid': 'sample-link' }, code);
}

function conformityBadge(c) {
  if (!c) return '';
  const cls = c === 'pass' ? 'status status-ok' : c === 'fail' ? 'status status-bad' : 'status status-warn';
  return h('span', { class: cls, 'data-testid': 'conformity' }, t(`testing.conformity.${c}`));
}

// R20: a result whose row (or entry record) no longer matches what the audit trail recorded for it.
function tamperBadge(r) {
  if (!r?.tampered) return '';
  return h('span', { class: 'status status-bad', 'data-testid': 'result-tampered', title: r.tamper_reason ?? '' }, t('testing.tampered'));
}

function showError(box, err) {
  const fields = err instanceof ApiError ? err.fieldErrors.map((f) => problemText(f.problem)) : []; // in words, not the API's field path
  const rules = err instanceof ApiError && Array.isArray(err.problem.rules) ? err.problem.rules.map((r) => `${r.id}: ${r.reason}`) : [];
  replace(box, h('p', {}, errorText(err)), fields.length || rules.length ? h('ul', {}, [...fields, ...rules].map((x) => h('li', {}, x))) : null);
  box.hidden = false;
}

// ---- worklist and entry grid --------------------------------------------------------------------

// Full-width characters typed with a Chinese input method (０-９, ．, －, ＮＤ, ＜) as their ASCII forms.
export function normalizeValue(text) {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0)).replace(/[\u2212\u2013\u3000]/g,
    (c) => (c === '\u3000' ? ' ' : '-')).replace(/。/g, '.');
}

// The entry grid works like a spreadsheet: Enter saves the row and moves down, the arrow keys move up and
// down, and a column pasted from Excel fills this cell and the ones below (each previewed, none saved).
function gridKeys(tbody) {
  const cells = () => [...tbody.querySelectorAll('input[data-testid=entry-value]')];
  const move = (from, step) => {
    const all = cells();
    let i = all.indexOf(from) + step;
    while (all[i] && all[i].disabled) i += step;
    if (all[i]) { all[i].focus(); all[i].select(); }
    return all[i] ?? null;
  };
  tbody.addEventListener('keydown', async (e) => {
    const input = e.target;
    if (input.dataset?.testid !== 'entry-value') return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      move(input, e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (input.value.trim() && !(await input.save())) return;
      move(input, 1);
    }
  });
  tbody.addEventListener('paste', (e) => {
    const input = e.target;
    if (input.dataset?.testid !== 'entry-value') return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    const values = text.replace(/\r/g, '').split('\n').map((line) => line.split('\t')[0].trim());
    while (values.length && values.at(-1) === '') values.pop();
    if (values.length <= 1) return;
    e.preventDefault();
    const all = cells().filter((c) => !c.disabled);
    const start = all.indexOf(input);
    values.forEach((v, k) => {
      const cell = all[start + k];
      if (!cell) return;
      cell.value = normalizeValue(v);
      cell.dispatchEvent(new Event('input', { bubbles: true }));
    });
    all[Math.min(all.length - 1, start + values.length - 1)]?.focus();
  });
  tbody.addEventListener('focusin', (e) => {
    for (const tr of tbody.querySelectorAll('tr.entry-current')) tr.classList.remove('entry-current');
    e.target.closest?.('tr')?.classList.add('entry-current');
  });
}

async function worklist(panel, ctx) {
  const [page, n] = await Promise.all([api('/api/testing/items', { query: { mine: 1, limit: 200 } }), names()]);
  const selected = new Set();
  // In sample order, as the technician's sheet (and a column pasted from it) runs.
  const mine = [...page.items].sort((a, b) => a.sample_code.localeCompare(b.sample_code, 'en', { numeric: true }) || String(a.id).localeCompare(String(b.id)));
  const rows = await Promise.all(mine.map(async (item) => {
    const view = await api(`/api/testing/items/${item.id}`);
    const current = view.results.at(-1);
    const input = h('input', { type: 'text', size: 10, inputmode: 'decimal', autocomplete: 'off', 'data-testid': 'entry-value',
      'aria-label': t('testing.entry.valueFor', { sample: item.sample_code }) });
    const preview = h('span', { 'data-testid': 'entry-preview', 'aria-live': 'polite' });
    const status = h('span', { 'data-testid': 'entry-status' }, current ? t(`testing.status.${current.status}`) : '');
    const error = h('span', { class: 'field-error', hidden: true, 'data-testid': 'entry-error' });
    let timer = null;
    input.addEventListener('input', () => {
      const normal = normalizeValue(input.value);
      if (normal !== input.value) {
        const at = input.selectionStart;
        input.value = normal;
        input.setSelectionRange(at, at);
      }
      clearTimeout(timer);
      timer = setTimeout(async () => {
        error.hidden = true;
        if (!input.value.trim()) { replace(preview); return; }
        try {
          const p = await api(`/api/testing/items/${item.id}/preview`, { method: 'POST', body: { value: input.value.trim() } });
          replace(preview, h('strong', { 'data-testid': 'entry-reported' }, `${p.reported} ${p.unit}`), ' ', p.limit ? `(${p.limit}) ` : '',
            conformityBadge(p.conformity), p.uncertainty ? ` U=${roundU(p.uncertainty, p.reported)}` : '',
            p.mu_straddles ? h('span', { class: 'status status-warn', 'data-testid': 'mu-straddles' }, t('testing.muStraddles')) : '');
        } catch (err) {
          replace(preview);
          error.textContent = err instanceof ApiError ? (err.fieldErrors[0] ? problemText(err.fieldErrors[0].problem) : errorText(err)) : String(err);
          error.hidden = false;
        }
      }, 200);
    });
    const save = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'entry-save' }, t('testing.entry.save'));
    // Saves the typed value; resolves to true once saved.
    input.save = async () => {
      error.hidden = true;
      if (input.disabled) return true;
      save.disabled = true;
      try {
        const r = await api(`/api/testing/items/${item.id}/results`, { method: 'POST', body: { value: input.value.trim() } });
        status.textContent = t(`testing.status.${r.status}`);
        input.disabled = true;
        return true;
      } catch (err) {
        save.disabled = false;
        error.textContent = err instanceof ApiError && err.fieldErrors[0] ? problemText(err.fieldErrors[0].problem) : errorText(err);
        error.hidden = false;
        return false;
      }
    };
    save.addEventListener('click', () => input.save());
    const pick = h('input', { type: 'checkbox', 'data-testid': 'entry-pick', 'aria-label': t('testing.batch.pick'),
      onchange: (e) => (e.target.checked ? selected.add(item.id) : selected.delete(item.id)) });
    if (current && current.status !== 'invalidated') {
      input.value = current.value_text;
      input.disabled = true;
      save.disabled = true;
      replace(preview, h('strong', {}, `${current.reported} ${current.unit}`), ' ', conformityBadge(current.conformity), ' ', tamperBadge(current));
    }
    return h('tr', { 'data-testid': 'work-row' },
      h('td', {}, item.batch_id ? '' : pick), h('td', { class: 'nowrap' }, item.sample_code), h('td', {}, item.product),
      h('td', {}, n.parameter.get(item.parameter_id) ?? item.parameter_id), h('td', {}, n.method.get(item.method_id) ?? item.method_id),
      h('td', { class: 'nowrap' }, empty(item.test_date)), h('td', { class: 'nowrap' }, input, ' ', save, error), h('td', {}, preview), h('td', {}, status));
  }));
  const batchName = h('input', { type: 'text', 'data-testid': 'batch-name', value: t('testing.batch.defaultName', { date: today() }), // the lab's date
    'aria-label': t('testing.batch.name') });
  const batchError = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const makeBatch = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'batch-create' }, t('testing.batch.create'));
  makeBatch.addEventListener('click', async () => {
    batchError.hidden = true;
    try {
      const b = await api('/api/testing/batches', { method: 'POST', body: { name: batchName.value.trim(), item_ids: [...selected] } });
      ctx.go('batches', b.id);
    } catch (err) {
      showError(batchError, err);
    }
  });
  const grid = rows.length ? table('work-table', ['', t('testing.col.sample'), t('testing.col.product'), t('testing.col.parameter'), t('testing.col.method'),
    t('testing.col.date'), t('testing.entry.value'), t('testing.col.reported'), t('testing.col.status')], rows, t('testing.tab.worklist')) : null;
  if (grid) {
    grid.classList.add('entry-grid');
    gridKeys(grid.querySelector('tbody'));
  }
  replace(panel, grid
    ? [h('p', { class: 'muted', 'data-testid': 'entry-help' }, t('testing.entry.help')), grid,
      h('div', { class: 'actions' }, batchName, makeBatch), batchError]
    : h('p', { class: 'muted' }, t('testing.worklist.none')));
}

// ---- review queue with diffs --------------------------------------------------------------------

function diff(history) {
  const items = [];
  for (let i = 1; i < history.length; i++) {
    const a = history[i - 1];
    const b = history[i];
    if (a.value_text !== b.value_text)
      items.push(h('li', { 'data-testid': 'diff' }, h('del', {}, a.value_text), ' → ', h('ins', {}, b.value_text),
        ` (${b.by}, ${b.reason ?? ''})`));
  }
  return items.length ? h('ul', { class: 'compact' }, items) : '';
}

// The expanded uncertainty as the report prints it: to the decimals of the reported value (else two
// significant figures), never the 16 digits of the calculation.
export function roundU(u, reported) {
  const x = Number(u);
  if (u == null || u === '' || Number.isNaN(x)) return u ?? '';
  const m = /^[<≤]?\s*-?\d+(?:\.(\d+))?$/.exec(String(reported ?? '').trim());
  if (m) return x.toFixed(m[1]?.length ?? 0);
  return Number(x.toPrecision(2)).toString();
}

// The raw data behind a result (R21): the entry record of a manual entry (typed value, who, when, hash)
// shown in place, or the instrument file of a captured reading downloaded.
function rawLink(r) {
  if (!r.raw?.ref) return '';
  const box = h('div', { class: 'muted', 'data-testid': 'raw-detail', hidden: true });
  const open = async () => {
    if (!box.hidden) { box.hidden = true; return; }
    try {
      if (r.raw.kind === 'capture') {
        await apiDownload(`/api/capture/runs/${r.raw.ref}/raw`);
        return;
      }
      const e = await api(`/api/testing/entries/${r.raw.ref}`);
      replace(box, t('testing.raw.entry', { typed: e.typed, by: e.by, at: formatDateTime(e.at) }), h('br'), h('code', { class: 'hash', title: e.sha256 }, `SHA-256 ${e.sha256.slice(0, 12)}…`));
    } catch (err) {
      replace(box, errorText(err));
    }
    box.hidden = false;
  };
  return [h('button', { type: 'button', class: 'btn-link', 'data-testid': 'raw-link', onclick: open },
    t(r.raw.kind === 'capture' ? 'testing.raw.capture' : 'testing.raw.manual')), box];
}

function qcState(item, batches) {
  if (!item.batch_id) return h('span', { class: 'status status-na', 'data-testid': 'qc-state' }, t('testing.qcState.none'));
  const b = batches.get(String(item.batch_id));
  const st = b?.status ?? 'open';
  const cls = st === 'held' || st === 'rejected' || st === 'retest' ? 'status status-bad' : st === 'open' ? 'status status-warn' : 'status status-ok';
  return h('span', { class: cls, 'data-testid': 'qc-state', 'data-state': st, title: b?.name ?? '' }, t(`testing.batchStatus.${st}`));
}

// failures: result id → why a bulk action left it (shown under its row after the queue is read again).
async function review(panel, ctx, failures = new Map()) {
  const [toCheck, toApprove, n, batchList] = await Promise.all([api('/api/testing/results', { query: { status: 'entered' } }),
    api('/api/testing/results', { query: { status: 'checked' } }), names(), api('/api/testing/batches', { query: { limit: 200 } })]);
  const batches = new Map(batchList.items.map((b) => [String(b.id), b]));
  const box = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'review-error' });
  const section = (action, list) => {
    const allowed = ctx.permissions.includes(action === 'check' ? 'results:check' : 'results:approve');
    const picked = new Set();
    const bulk = h('button', { type: 'button', class: 'btn-primary', 'data-testid': `review-bulk-${action}`, disabled: true },
      t(`testing.review.bulk.${action}`, { n: 0 }));
    const picks = [];
    const sync = () => {
      bulk.disabled = picked.size === 0;
      bulk.textContent = t(`testing.review.bulk.${action}`, { n: picked.size });
      all.checked = picks.length > 0 && picks.every((x) => x.checked);
    };
    const all = h('input', { type: 'checkbox', 'data-testid': `review-all-${action}`, 'aria-label': t('testing.review.selectAll'),
      onchange: () => {
        const on = all.checked;
        for (const x of picks) if (x.checked !== on) { x.checked = on; x.dispatchEvent(new Event('change')); }
        all.checked = on;
        sync();
      } });
    const act = async (r) => {
      await api(`/api/testing/results/${r.id}/${action}`, { method: 'POST', headers: { 'If-Match': r.etag } });
    };
    const rows = list.items.map((r) => {
      const pick = h('input', { type: 'checkbox', 'data-testid': 'review-pick', 'aria-label': t('testing.review.pick', { sample: r.item.sample_code }),
        onchange: (e) => { if (e.target.checked) picked.add(r); else picked.delete(r); sync(); } });
      picks.push(pick);
      const btn = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': `review-${action}` }, t(`testing.review.${action}`));
      btn.addEventListener('click', async () => {
        box.hidden = true;
        try {
          await act(r);
          await review(panel, ctx);
        } catch (err) {
          showError(box, err);
        }
      });
      const why = failures.get(String(r.id));
      const tr = h('tr', { 'data-testid': 'review-row', 'data-id': r.id },
        allowed ? h('td', { class: 'select-col' }, pick) : null,
        h('td', { class: 'nowrap' }, sampleLink(r.item.sample_code)),
        h('td', { 'data-testid': 'review-parameter' }, n.parameter.get(r.item.parameter_id) ?? ''),
        h('td', { class: 'nowrap', 'data-testid': 'review-value' }, h('strong', {}, `${r.reported} ${r.unit}`),
          r.value_text !== r.reported ? h('div', { class: 'muted' }, t('testing.review.typed', { value: r.value_text })) : null, ' ', tamperBadge(r)),
        h('td', { class: 'nowrap', 'data-testid': 'review-limit' }, empty(r.limit)),
        h('td', {}, conformityBadge(r.conformity) || t('common.empty')),
        h('td', { class: 'nowrap', 'data-testid': 'review-uncertainty' }, r.uncertainty != null ? `±${roundU(r.uncertainty, r.reported)} ${r.unit}` : t('common.empty')),
        h('td', { 'data-testid': 'review-method' }, n.method.get(r.item.method_id) ?? ''),
        h('td', {}, rawLink(r)),
        h('td', {}, qcState(r.item, batches)),
        h('td', {}, r.performer, diff(r.history)), h('td', { class: 'nowrap' }, allowed ? btn : ''));
      if (!why) return tr;
      return [tr, h('tr', { class: 'review-row-problem' }, h('td', { colspan: 13 },
        h('p', { class: 'field-error', 'data-testid': 'review-row-error' }, why)))];
    });
    bulk.addEventListener('click', async () => {
      box.hidden = true;
      bulk.disabled = true;
      const failed = new Map();
      for (const r of list.items) {
        if (!picked.has(r)) continue;
        try {
          await act(r);
        } catch (err) {
          failed.set(String(r.id), errorText(err));
        }
      }
      await review(panel, ctx, failed);
      if (failed.size) {
        const again = panel.querySelector('[data-testid=review-error]');
        replace(again, h('p', {}, t('testing.review.bulkFailed', { n: failed.size })));
        again.hidden = false;
      }
    });
    const cols = [allowed ? all : null, t('testing.col.sample'), t('testing.col.parameter'), t('testing.col.reportedValue'),
      t('testing.col.limit'), t('testing.col.conformity'), t('testing.col.uncertainty'), t('testing.col.method'), t('testing.col.raw'), t('testing.col.qc'),
      `${t('testing.col.performer')} / ${t('testing.col.changes')}`, ''].filter((c) => c !== null);
    // Ticks the results of one QC batch at once (a batch is checked and approved together).
    const inBatches = [...new Set(list.items.map((r) => r.item.batch_id).filter(Boolean).map(String))];
    const byBatch = inBatches.length ? h('select', { 'data-testid': `review-batch-${action}`, 'aria-label': t('testing.review.byBatch'),
      onchange: (e) => {
        const id = e.target.value;
        list.items.forEach((r, k) => {
          const on = id !== '' && String(r.item.batch_id) === id;
          if (picks[k].checked !== on) { picks[k].checked = on; picks[k].dispatchEvent(new Event('change')); }
        });
      } }, h('option', { value: '' }, t('testing.review.byBatch')),
    inBatches.map((id) => h('option', { value: id }, batches.get(id)?.name ?? id))) : null;
    return [h('h2', {}, t(action === 'check' ? 'testing.review.toCheck' : 'testing.review.toApprove')),
      list.items.length ? [allowed ? h('div', { class: 'review-bulk' }, byBatch, bulk) : null,
        table(action === 'check' ? 'check-table' : 'approve-table', cols, rows, t(action === 'check' ? 'testing.review.toCheck' : 'testing.review.toApprove'))]
        : h('p', { class: 'muted' }, t('testing.review.none'))];
  };
  replace(panel, box, section('check', toCheck), section('approve', toApprove));
}

// ---- QC batches -----------------------------------------------------------------------------------

const QC_FIELDS = {
  blank: ['limit_max'],
  duplicate: ['value2', 'max_rpd'],
  spike: ['base', 'added', 'recovery_low', 'recovery_high'],
  reference: ['certified', 'tolerance', 'sd', 'expires_on'],
};

async function batchPage(panel, id, ctx) {
  const { data: b, etag } = await api(`/api/testing/batches/${id}`, { withEtag: true });
  const kind = h('select', { id: 'qc-kind', 'data-testid': 'qc-kind' }, Object.keys(QC_FIELDS).map((k) => h('option', { value: k }, t(`testing.qc.${k}`))));
  const fieldsBox = h('div', { class: 'grid-form' });
  const inputs = {};
  const field = (name) => {
    inputs[name] = h('input', { id: `qc-${name}`, type: 'text', 'data-testid': `qc-${name}` });
    return h('div', { class: 'field' }, h('label', { for: `qc-${name}` }, t(`testing.qcField.${name}`)), inputs[name]);
  };
  const renderFields = () => replace(fieldsBox, field('material'), field('value'), QC_FIELDS[kind.value].map(field));
  kind.addEventListener('change', renderFields);
  renderFields();
  const box = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'qc-error' });
  const add = h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'qc-submit' }, t('testing.qc.add'));
  add.addEventListener('click', async () => {
    box.hidden = true;
    const body = { kind: kind.value };
    for (const [name, el] of Object.entries(inputs)) if (el.value.trim()) body[name] = el.value.trim();
    try {
      await api(`/api/testing/batches/${id}/qc`, { method: 'POST', body });
      await batchPage(panel, id, ctx);
    } catch (err) {
      showError(box, err);
    }
  });
  const n = await names();
  const members = await Promise.all((b.item_ids ?? []).map((itemId) => api(`/api/testing/items/${itemId}`)));
  const memberRows = members.map((it) => {
    const r = it.results.at(-1);
    return h('tr', { 'data-testid': 'batch-item-row' }, h('td', { class: 'nowrap' }, sampleLink(it.sample_code)), h('td', {}, it.product),
      h('td', {}, n.parameter.get(it.parameter_id) ?? ''), h('td', {}, n.method.get(it.method_id) ?? ''),
      h('td', { class: 'nowrap' }, r ? `${r.reported} ${r.unit}` : t('common.empty')), h('td', {}, r ? t(`testing.status.${r.status}`) : t('testing.batch.noResult')));
  });
  const qcRows = b.qc.map((q) => h('tr', { 'data-testid': 'qc-row' }, h('td', {}, t(`testing.qc.${q.kind}`)), h('td', {}, q.material),
    h('td', {}, q.value), h('td', {}, q.criteria), h('td', {}, q.detail),
    h('td', {}, h('span', { class: q.outcome === 'pass' ? 'status status-ok' : 'status status-bad' }, t(`testing.outcome.${q.outcome}`)))));
  const dispose = b.status === 'held' && ctx?.permissions.includes('results:qc')
    ? form('disposition', [
      { name: 'decision', label: t('testing.disposition.decision'), options: ['accept', 'retest', 'reject'].map((d) => [d, t(`testing.disposition.${d}`)]) },
      { name: 'reason', label: t('testing.disposition.reason') }], t('testing.disposition.record'), async (v) => {
      await api(`/api/testing/batches/${id}/disposition`, { method: 'POST', body: v, headers: { 'If-Match': etag } });
      await batchPage(panel, id, ctx);
    }) : null;
  replace(panel,
    h('div', { class: 'actions' }, h('a', { class: 'btn-link', href: '#/testing/qc', 'data-testid': 'batch-back' }, `← ${t('testing.batch.back')}`)),
    h('h2', { 'data-testid': 'batch-title' }, b.name),
    h('p', {}, h('span', { class: b.status === 'held' || b.status === 'rejected' || b.status === 'retest' ? 'status status-bad'
      : b.status === 'open' ? 'status status-warn' : 'status status-ok',
      'data-testid': 'batch-status' }, t(`testing.batchStatus.${b.status}`)), ' ',
    b.status === 'held' ? h('span', { 'data-testid': 'batch-hold' }, t('testing.batch.held')) : '',
    b.disposition_reason ? ` ${b.disposed_by}: ${b.disposition_reason}` : ''),
    h('h3', {}, t('testing.batch.items', { n: memberRows.length })),
    memberRows.length ? table('batch-items-table', [t('testing.col.sample'), t('testing.col.product'), t('testing.col.parameter'), t('testing.col.method'),
      t('testing.col.reportedValue'), t('testing.col.status')], memberRows, t('testing.batch.items', { n: memberRows.length }))
      : h('p', { class: 'muted' }, t('testing.batch.noItems')),
    qcRows.length ? table('qc-table', [t('testing.qc.kind'), t('testing.qcField.material'), t('testing.qcField.value'), t('testing.qc.criteria'),
      t('testing.qc.detail'), t('testing.qc.outcome')], qcRows, t('testing.qc.title')) : null,
    h('h3', {}, t('testing.qc.add')), h('div', { class: 'field' }, h('label', { for: 'qc-kind' }, t('testing.qc.kind')), kind), fieldsBox,
    h('div', { class: 'actions' }, add), box,
    dispose ? [h('h3', {}, t('testing.disposition.title')), dispose] : null);
}

async function batches(panel, ctx) {
  const list = await api('/api/testing/batches', { query: { limit: 100 } });
  const rows = list.items.map((b) => h('tr', { 'data-testid': 'batch-row' },
    h('td', {}, h('a', { class: 'btn-link', href: `#/testing/batches/${b.id}`, 'data-testid': 'batch-open' }, b.name)),
    h('td', {}, t(`testing.batchStatus.${b.status}`)), h('td', {}, ctx.formatDateTime(b.created_at))));
  replace(panel, rows.length ? table('batches-table', [t('testing.batch.name'), t('testing.col.status'), t('testing.col.date')], rows,
    t('testing.tab.qc')) : h('p', { class: 'muted' }, t('testing.batch.none')));
}

// ---- control chart -------------------------------------------------------------------------------

function chart(points) {
  const w = 680;
  const hgt = 300;
  const left = 96;
  const right = 20;
  const top = 16;
  const bottom = 64;
  const zs = points.map((p) => (p.z == null ? 0 : Number(p.z))); // display only; judgement happened in exact decimals
  const x = (i) => left + (points.length <= 1 ? 0 : (i * (w - left - right)) / (points.length - 1));
  const y = (z) => top + (hgt - top - bottom) / 2 - (Math.max(-4, Math.min(4, z)) * ((hgt - top - bottom) / 2)) / 4;
  const ref = [...points].reverse().find((p) => p.target != null && p.sd != null);
  const digits = Math.max(...points.map((p) => (String(p.value).split('.')[1] ?? '').length), 0);
  const valueAt = (k) => (ref ? (Number(ref.target) + k * Number(ref.sd)).toFixed(Math.min(6, digits + 1)) : null);
  const lines = [-3, -2, -1, 0, 1, 2, 3].map((k) => [svg('line', { x1: left, x2: w - right, y1: y(k), y2: y(k),
    class: Math.abs(k) === 3 ? 'cc-limit' : Math.abs(k) === 2 ? 'cc-warn' : 'cc-grid' }),
  svg('text', { x: left - 6, y: y(k) + 4, 'text-anchor': 'end', class: 'cc-label cc-axis', 'data-testid': 'cc-y-label' },
    `${k === 0 ? 'x̄' : `${k > 0 ? '+' : ''}${k}s`}${valueAt(k) != null ? ` ${valueAt(k)}` : ''}`)]);
  const axes = [svg('line', { x1: left, x2: left, y1: top, y2: hgt - bottom, class: 'cc-axis-line' }),
    svg('line', { x1: left, x2: w - right, y1: hgt - bottom, y2: hgt - bottom, class: 'cc-axis-line' })];
  const every = Math.max(1, Math.ceil(points.length / 10));
  const dates = points.map((p, i) => (i % every === 0 || i === points.length - 1
    ? svg('text', { x: x(i), y: hgt - bottom + 14, 'text-anchor': 'end', transform: `rotate(-40 ${x(i)} ${hgt - bottom + 14})`,
      class: 'cc-axis', 'data-testid': 'cc-x-label' }, String(p.at ?? '').slice(0, 10)) : null));
  const path = zs.map((z, i) => `${i ? 'L' : 'M'}${x(i)},${y(z)}`).join(' ');
  const dots = points.map((p, i) => svg('circle', { cx: x(i), cy: y(zs[i]), r: 4, 'data-testid': 'cc-point',
    class: p.rules.some((r) => r !== '1-2s') ? 'cc-reject' : p.rules.length ? 'cc-warning' : 'cc-ok' },
  svg('title', {}, `${String(p.at ?? '').slice(0, 10)} ${p.value} (z ${p.z ?? '—'}) ${p.rules.join(' ')}`)));
  return svg('svg', { viewBox: `0 0 ${w} ${hgt}`, width: w, height: hgt, role: 'img', 'aria-label': t('testing.chart.title'),
    'data-testid': 'control-chart', class: 'control-chart' }, ...axes, ...lines.flat(), ...dates.filter(Boolean), svg('path', { d: path, class: 'cc-line' }), ...dots);
}

async function qcChart(panel) {
  const n = await names();
  const param = h('select', { id: 'cc-parameter', 'data-testid': 'cc-parameter' }, [...n.parameter].map(([id, name]) => h('option', { value: id }, name)));
  const method = h('select', { id: 'cc-method', 'data-testid': 'cc-method' }, [...n.method].map(([id, name]) => h('option', { value: id }, name)));
  const material = h('input', { id: 'cc-material', type: 'text', 'data-testid': 'cc-material' });
  const out = h('div', { 'data-testid': 'cc-out' });
  const show = h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'cc-show' }, t('testing.chart.show'));
  show.addEventListener('click', async () => {
    try {
      const s = await api('/api/testing/qc/series', { query: { parameter_id: param.value, method_id: method.value, material: material.value.trim() } });
      const flagged = s.items.filter((p) => p.rules.length);
      replace(out, s.items.length ? [chart(s.items), h('ul', { class: 'compact' }, flagged.map((p) =>
        h('li', { 'data-testid': 'cc-flag' }, `${p.at.slice(0, 10)} ${p.value}: ${p.rules.join(', ')}`)))] : h('p', { class: 'muted' }, t('testing.chart.none')));
    } catch (err) {
      replace(out, h('p', { class: 'form-error', role: 'alert' }, errorText(err)));
    }
  });
  replace(panel, h('div', { class: 'grid-form' },
    h('div', { class: 'field' }, h('label', { for: 'cc-parameter' }, t('testing.col.parameter')), param),
    h('div', { class: 'field' }, h('label', { for: 'cc-method' }, t('testing.col.method')), method),
    h('div', { class: 'field' }, h('label', { for: 'cc-material' }, t('testing.qcField.material')), material),
    h('div', {}, show)), out);
}

export function render(main, ctx) {
  const tabs = [
    ctx.permissions.includes('results:write') && 'worklist',
    ctx.permissions.includes('results:assign') && 'assign',
    'review',
    'qc',
    'chart',
  ].filter(Boolean);
  const RENDER = { worklist: (p) => worklist(p, ctx), assign: assignPanel, review: (p) => review(p, ctx), qc: (p) => batches(p, ctx), chart: qcChart };
  // Deep links: #/testing/<tab>, #/testing/batches/<id>.
  const [sub, key] = ctx.route ?? [];
  let deep = sub === 'batches' && key ? key : null;
  return tabbed(main, {
    prefix: 'testing', title: t('nav.testing'), titleTestId: 'testing', initial: deep ? 'qc' : sub,
    tabs: tabs.map((id) => ({ id, label: t(`testing.tab.${id}`) })),
    render: (id, panel) => {
      if (deep) {
        const batchId = deep;
        deep = null;
        return batchPage(panel, batchId, ctx);
      }
      ctx.mark?.(id);
      return RENDER[id](panel);
    },
  });
}
