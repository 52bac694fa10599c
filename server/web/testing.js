// Testing area: a technician's worklist with an entry grid that shows the rounded value and the
// conformity as the value is typed; the review queue with each result's versions as a diff; QC
// batches (a failing QC sample holds the batch until a manager's disposition, R24); and the
// control chart of a reference material with the Westgard rules, drawn as SVG.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { api, apiAll, ApiError } from './api.js';
import { empty, errorText, table, form, tabbed } from './widgets.js';
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
  const fields = err instanceof ApiError ? err.fieldErrors.map((f) => `${f.field}: ${f.problem}`) : [];
  const rules = err instanceof ApiError && Array.isArray(err.problem.rules) ? err.problem.rules.map((r) => `${r.id}: ${r.reason}`) : [];
  replace(box, h('p', {}, errorText(err)), fields.length || rules.length ? h('ul', {}, [...fields, ...rules].map((x) => h('li', {}, x))) : null);
  box.hidden = false;
}

// ---- worklist and entry grid --------------------------------------------------------------------

async function worklist(panel) {
  const [page, n] = await Promise.all([api('/api/testing/items', { query: { mine: 1, limit: 200 } }), names()]);
  const selected = new Set();
  const rows = await Promise.all(page.items.map(async (item) => {
    const view = await api(`/api/testing/items/${item.id}`);
    const current = view.results.at(-1);
    const input = h('input', { type: 'text', size: 10, 'data-testid': 'entry-value', 'aria-label': t('testing.entry.value') });
    const preview = h('span', { 'data-testid': 'entry-preview', 'aria-live': 'polite' });
    const status = h('span', { 'data-testid': 'entry-status' }, current ? t(`testing.status.${current.status}`) : '');
    const error = h('span', { class: 'field-error', hidden: true });
    let timer = null;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        error.hidden = true;
        if (!input.value.trim()) { replace(preview); return; }
        try {
          const p = await api(`/api/testing/items/${item.id}/preview`, { method: 'POST', body: { value: input.value.trim() } });
          replace(preview, h('strong', { 'data-testid': 'entry-reported' }, `${p.reported} ${p.unit}`), ' ', p.limit ? `(${p.limit}) ` : '',
            conformityBadge(p.conformity), p.uncertainty ? ` U=${p.uncertainty}` : '',
            p.mu_straddles ? h('span', { class: 'status status-warn', 'data-testid': 'mu-straddles' }, t('testing.muStraddles')) : '');
        } catch (err) {
          replace(preview);
          error.textContent = err instanceof ApiError ? (err.fieldErrors[0]?.problem ?? errorText(err)) : String(err);
          error.hidden = false;
        }
      }, 200);
    });
    const save = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'entry-save' }, t('testing.entry.save'));
    save.addEventListener('click', async () => {
      error.hidden = true;
      try {
        const r = await api(`/api/testing/items/${item.id}/results`, { method: 'POST', body: { value: input.value.trim() } });
        status.textContent = t(`testing.status.${r.status}`);
        input.disabled = true;
        save.disabled = true;
      } catch (err) {
        error.textContent = errorText(err);
        error.hidden = false;
      }
    });
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
      h('td', { class: 'nowrap' }, empty(item.test_date)), h('td', {}, input, ' ', save, error), h('td', {}, preview), h('td', {}, status));
  }));
  const batchName = h('input', { type: 'text', 'data-testid': 'batch-name', value: `${new Date().toISOString().slice(0, 10)} 批次`,
    'aria-label': t('testing.batch.name') });
  const batchError = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const makeBatch = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'batch-create' }, t('testing.batch.create'));
  makeBatch.addEventListener('click', async () => {
    batchError.hidden = true;
    try {
      const b = await api('/api/testing/batches', { method: 'POST', body: { name: batchName.value.trim(), item_ids: [...selected] } });
      await batchPage(panel, b.id);
    } catch (err) {
      showError(batchError, err);
    }
  });
  replace(panel, rows.length
    ? [table('work-table', ['', t('testing.col.sample'), t('testing.col.product'), t('testing.col.parameter'), t('testing.col.method'),
      t('testing.col.date'), t('testing.entry.value'), t('testing.col.reported'), t('testing.col.status')], rows, t('testing.tab.worklist')),
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

async function review(panel, ctx) {
  const [toCheck, toApprove] = await Promise.all([api('/api/testing/results', { query: { status: 'entered' } }),
    api('/api/testing/results', { query: { status: 'checked' } })]);
  const box = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'review-error' });
  const row = (r, action) => {
    const btn = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': `review-${action}` }, t(`testing.review.${action}`));
    btn.addEventListener('click', async () => {
      box.hidden = true;
      try {
        await api(`/api/testing/results/${r.id}/${action}`, { method: 'POST', headers: { 'If-Match': r.etag } });
        await review(panel, ctx);
      } catch (err) {
        showError(box, err);
      }
    });
    const allowed = ctx.permissions.includes(action === 'check' ? 'results:check' : 'results:approve');
    return h('tr', { 'data-testid': 'review-row' },
      h('td', { class: 'nowrap' }, r.item.sample_code), h('td', {}, `${r.reported} ${r.unit}`, ' ', tamperBadge(r)),
      h('td', {}, conformityBadge(r.conformity)), h('td', {}, r.performer), h('td', {}, diff(r.history)), h('td', {}, allowed ? btn : ''));
  };
  const cols = [t('testing.col.sample'), t('testing.col.reported'), t('testing.col.conformity'), t('testing.col.performer'),
    t('testing.col.changes'), ''];
  replace(panel, box,
    h('h2', {}, t('testing.review.toCheck')),
    toCheck.items.length ? table('check-table', cols, toCheck.items.map((r) => row(r, 'check')), t('testing.review.toCheck'))
      : h('p', { class: 'muted' }, t('testing.review.none')),
    h('h2', {}, t('testing.review.toApprove')),
    toApprove.items.length ? table('approve-table', cols, toApprove.items.map((r) => row(r, 'approve')), t('testing.review.toApprove'))
      : h('p', { class: 'muted' }, t('testing.review.none')));
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
    h('h2', { 'data-testid': 'batch-title' }, b.name),
    h('p', {}, h('span', { class: b.status === 'held' || b.status === 'rejected' || b.status === 'retest' ? 'status status-bad' : 'status status-ok',
      'data-testid': 'batch-status' }, t(`testing.batchStatus.${b.status}`)), ' ',
    b.status === 'held' ? h('span', { 'data-testid': 'batch-hold' }, t('testing.batch.held')) : '',
    b.disposition_reason ? ` ${b.disposed_by}: ${b.disposition_reason}` : ''),
    qcRows.length ? table('qc-table', [t('testing.qc.kind'), t('testing.qcField.material'), t('testing.qcField.value'), t('testing.qc.criteria'),
      t('testing.qc.detail'), t('testing.qc.outcome')], qcRows, t('testing.qc.title')) : null,
    h('h3', {}, t('testing.qc.add')), h('div', { class: 'field' }, h('label', { for: 'qc-kind' }, t('testing.qc.kind')), kind), fieldsBox,
    h('div', { class: 'actions' }, add), box,
    dispose ? [h('h3', {}, t('testing.disposition.title')), dispose] : null);
}

async function batches(panel, ctx) {
  const list = await api('/api/testing/batches', { query: { limit: 100 } });
  const rows = list.items.map((b) => h('tr', { 'data-testid': 'batch-row' },
    h('td', {}, h('button', { type: 'button', class: 'btn-link', 'data-testid': 'batch-open', onclick: () => batchPage(panel, b.id, ctx) }, b.name)),
    h('td', {}, t(`testing.batchStatus.${b.status}`)), h('td', {}, ctx.formatDateTime(b.created_at))));
  replace(panel, rows.length ? table('batches-table', [t('testing.batch.name'), t('testing.col.status'), t('testing.col.date')], rows,
    t('testing.tab.qc')) : h('p', { class: 'muted' }, t('testing.batch.none')));
}

// ---- control chart -------------------------------------------------------------------------------

function chart(points) {
  const w = 640;
  const hgt = 260;
  const pad = 40;
  const zs = points.map((p) => (p.z == null ? 0 : Number(p.z))); // display only; judgement happened in exact decimals
  const x = (i) => pad + (points.length <= 1 ? 0 : (i * (w - 2 * pad)) / (points.length - 1));
  const y = (z) => hgt / 2 - (Math.max(-4, Math.min(4, z)) * (hgt / 2 - 20)) / 4;
  const lines = [-3, -2, -1, 0, 1, 2, 3].map((k) => [svg('line', { x1: pad, x2: w - pad, y1: y(k), y2: y(k),
    class: Math.abs(k) === 3 ? 'cc-limit' : Math.abs(k) === 2 ? 'cc-warn' : 'cc-grid' }),
  svg('text', { x: 4, y: y(k) + 4, class: 'cc-label' }, k === 0 ? 'x̄' : `${k > 0 ? '+' : ''}${k}s`)]);
  const path = zs.map((z, i) => `${i ? 'L' : 'M'}${x(i)},${y(z)}`).join(' ');
  const dots = points.map((p, i) => svg('circle', { cx: x(i), cy: y(zs[i]), r: 4, 'data-testid': 'cc-point',
    class: p.rules.some((r) => r !== '1-2s') ? 'cc-reject' : p.rules.length ? 'cc-warning' : 'cc-ok' },
  svg('title', {}, `${p.value} (z ${p.z ?? '—'}) ${p.rules.join(' ')}`)));
  return svg('svg', { viewBox: `0 0 ${w} ${hgt}`, width: w, height: hgt, role: 'img', 'aria-label': t('testing.chart.title'),
    'data-testid': 'control-chart', class: 'control-chart' }, ...lines.flat(), svg('path', { d: path, class: 'cc-line' }), ...dots);
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
  return tabbed(main, {
    prefix: 'testing', title: t('nav.testing'), titleTestId: 'testing',
    tabs: tabs.map((id) => ({ id, label: t(`testing.tab.${id}`) })), render: (id, panel) => RENDER[id](panel),
  });
}
