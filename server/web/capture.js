// Instruments area: the instruments with their live listeners and watched folders, the capture
// runs with their raw data, and the queue of staged and unmatched readings to accept or reject.
import { h, replace } from './dom.js';
import { t, problemText } from './i18n.js';
import { api, apiAll, apiDownload, ApiError } from './api.js';
import { errorText, table, form, tabbed } from './widgets.js';

function showError(box, err) {
  const rules = err instanceof ApiError && Array.isArray(err.problem.rules) ? err.problem.rules.map((r) => `${r.id}: ${r.reason}`) : [];
  const fields = err instanceof ApiError ? err.fieldErrors.map((f) => `${f.field}: ${f.problem}`) : [];
  replace(box, h('p', {}, errorText(err)), rules.length || fields.length ? h('ul', {}, [...rules, ...fields].map((x) => h('li', {}, x))) : null);
  box.hidden = false;
}

async function instruments(panel, ctx) {
  const [list, listeners, folders, drivers] = await Promise.all([api('/api/capture/instruments'), api('/api/capture/listeners'),
    api('/api/capture/folders'), api('/api/capture/drivers')]);
  const byId = (items) => new Map(items.map((x) => [x.instrument_id, x]));
  // What each driver can do (built-in or a plugin's): read files, weigh.
  const driver = new Map(drivers.items.map((d) => [d.id, d]));
  const tcp = byId(listeners.items);
  const dirs = byId(folders.items);
  const box = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const note = h('p', { role: 'status', 'data-testid': 'weigh-result', hidden: true });
  const rows = list.items.map((i) => {
    const l = tcp.get(i.id);
    const d = dirs.get(i.id);
    const live = [
      l ? h('div', { 'data-testid': 'listener-status' }, t(l.mode === 'client' ? 'capture.connected' : 'capture.listening', { port: l.port, messages: l.messages, refused: l.refused_frames, answers: l.answers })) : null,
      d ? h('div', { 'data-testid': 'folder-status' }, t('capture.watching', { path: d.path, imported: d.imported, parked: d.parked })) : null,
    ];
    let action = null;
    const can = driver.get(i.driver) ?? {};
    const fileDriver = can.files === true && !can.listener;
    if (ctx.permissions.includes('capture:write') && can.balance === true) {
      // A balance answers when asked: weigh now for a sample (the exchange is stored as a run).
      action = form(`weigh-${i.id}`, [{ name: 'sample_code', label: t('capture.sampleCode') }], t('capture.weigh'), async (v) => {
        const run = await api(`/api/capture/instruments/${i.id}/weigh`, { method: 'POST', body: { sample_code: v.sample_code } });
        note.hidden = false;
        note.textContent = run.stable
          ? t('capture.weighed', { value: run.staged[0].value, unit: run.staged[0].unit ?? '', serial: run.device_serial ?? '?' })
          : t('capture.notStable', { why: run.diagnostics ?? '' });
      });
    }
    if (ctx.permissions.includes('capture:manage') && !d && fileDriver) {
      action = form(`watch-${i.id}`, [{ name: 'folder', label: t('capture.folder'), value: i.name.replace(/[^A-Za-z0-9_-]/g, '') || 'inbox' }],
        t('capture.watch'), async (v) => {
          await api(`/api/capture/instruments/${i.id}/folder`, { method: 'POST', body: { folder: v.folder } });
          await instruments(panel, ctx);
        });
    }
    return h('tr', { 'data-testid': 'instrument-row' }, h('td', {}, i.name), h('td', {}, i.driver), h('td', { 'data-testid': 'instrument-analytes' }, Object.entries(i.analytes).map(([code, pid], k) => [k ? '、' : '', paramName(pid, code)])),
      h('td', {}, live.some(Boolean) ? live : h('span', { class: 'muted' }, t('capture.idle'))), h('td', {}, action));
  });
  replace(panel, box, note, rows.length
    ? table('instruments-table', [t('capture.col.instrument'), t('capture.col.driver'), t('capture.col.analytes'), t('capture.col.live'), ''], rows,
      t('capture.tab.instruments'))
    : h('p', { class: 'muted' }, t('capture.instruments.none')));
}

function stagedRows(items, ctx, refresh, box) {
  return items.map((s) => {
    const buttons = [];
    if (ctx.permissions.includes('capture:write') && s.status === 'staged') {
      buttons.push(h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'staged-accept', onclick: async () => {
        box.hidden = true;
        try {
          await api(`/api/capture/staged/${s.id}/accept`, { method: 'POST', headers: { 'If-Match': s.etag } });
          await refresh();
        } catch (err) {
          showError(box, err);
        }
      } }, t('capture.accept')));
    }
    const reasonBox = h('div', { 'data-testid': 'reject-box' });
    if (ctx.permissions.includes('capture:write') && (s.status === 'staged' || s.status === 'unmatched')) {
      buttons.push(' ', h('button', { type: 'button', class: 'btn-link', 'data-testid': 'staged-reject',
        onclick: () => rejectForm(reasonBox, s, refresh) }, t('capture.reject')));
    }
    return h('tr', { 'data-testid': 'staged-row' }, h('td', { class: 'nowrap' }, s.sample_code),
      h('td', { 'data-testid': 'staged-parameter' }, paramName(s.parameter_id, s.analyte)),
      h('td', {}, `${s.value} ${s.unit ?? ''}`), h('td', { 'data-testid': 'staged-status' }, t(`capture.status.${s.status}`)),
      h('td', {}, s.equipment_problem ? h('span', { class: 'status status-warn' }, s.equipment_problem) : ''), h('td', {}, buttons, reasonBox));
  });
}

// The register's parameter names, loaded once per page: an instrument's analyte code (Cd) is shown as the
// parameter it maps to (镉), with the code beside it.
let PARAMS = new Map();
async function loadParams() {
  try {
    PARAMS = new Map((await apiAll('/api/register/parameters')).map((p) => [String(p.id), p.name_zh]));
  } catch (err) {
    console.warn('parameters:', err); // the codes are shown instead
  }
}
function paramName(id, code) {
  const name = id != null ? PARAMS.get(String(id)) : null;
  return name ? [name, ' ', h('span', { class: 'muted' }, `(${code})`)] : h('span', {}, code, ' ', h('span', { class: 'muted' }, t('capture.unmapped')));
}

// Rejecting a reading asks its reason in the row, the problem shown beside the field.
function rejectForm(box, s, refresh) {
  const id = `reject-${s.id}`;
  const input = h('input', { id, type: 'text', 'data-testid': 'reject-reason', 'aria-describedby': `${id}-error` });
  const err = h('p', { class: 'field-error', id: `${id}-error`, 'data-testid': 'reject-reason-error', hidden: true });
  const fail = (text) => { err.textContent = text; err.hidden = false; input.setAttribute('aria-invalid', 'true'); };
  const el = h('form', { class: 'inline-reason', 'data-testid': 'reject-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: id }, t('capture.rejectReason')), input, err),
    h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'reject-submit' }, t('capture.reject')),
    h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'reject-cancel', onclick: () => replace(box) }, t('form.cancel')));
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    err.hidden = true;
    input.removeAttribute('aria-invalid');
    const reason = input.value.trim();
    if (!reason) { fail(problemText('required')); return; }
    try {
      await api(`/api/capture/staged/${s.id}/reject`, { method: 'POST', body: { reason }, headers: { 'If-Match': s.etag } });
      await refresh();
    } catch (ex) {
      const f = ex instanceof ApiError ? ex.fieldErrors.find((x) => x.field === 'reason') : null;
      fail(f ? problemText(f.problem) : errorText(ex));
    }
  });
  replace(box, el);
  input.focus();
}

const STAGED_COLS = () => [t('capture.col.sample'), t('capture.col.analyte'), t('capture.col.value'), t('capture.col.status'),
  t('capture.col.equipment'), ''];

// The reasons instruments/hl7 judge() gives (as sent to the instrument in MSA-3), in the UI's
// language; any other reason is shown as the server wrote it.
const HL7_REASONS = [
  [/^empty message$/, 'capture.reason.empty'],
  [/^not an HL7 message: it does not start with an MSH segment$/, 'capture.reason.noMsh'],
  [/^MSH-1 \(the field separator\)/, 'capture.reason.fieldSeparator'],
  [/^MSH-2 \(the encoding characters\)/, 'capture.reason.encoding'],
  [/^MSH-9 \(the message type\) is empty$/, 'capture.reason.messageType'],
  [/^line (\d+) is not an HL7 segment$/, 'capture.reason.segment'],
];
function reasonText(reason) {
  for (const [pattern, key] of HL7_REASONS) {
    const m = pattern.exec(reason ?? '');
    if (m) return t(key, { line: m[1] ?? '' });
  }
  return reason ?? '';
}

// A run is received, or rejected (not a message of its driver: kept as evidence, nothing read) with the reason.
function runStatus(run) {
  if (run.status !== 'rejected') return t('capture.run.received');
  return h('span', { class: 'status status-warn', title: run.reason ?? '' }, t('capture.run.rejected', { why: reasonText(run.reason) }));
}

async function runPage(panel, ctx, id) {
  const run = await api(`/api/capture/runs/${id}`);
  const box = h('div', { class: 'form-error', role: 'alert', hidden: true });
  replace(panel,
    h('h2', { 'data-testid': 'run-title' }, `${run.origin}`),
    h('p', { class: 'muted' }, t('capture.runLine', { at: ctx.formatDateTime(run.received_at), source: run.source, size: run.size, sha: run.sha256.slice(0, 16) })),
    run.status === 'rejected' ? h('p', { 'data-testid': 'run-rejected' }, runStatus(run)) : null,
    run.diagnostics ? h('p', { class: 'status-warn' }, run.diagnostics) : null,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'run-raw',
      onclick: () => apiDownload(`/api/capture/runs/${id}/raw`).catch((err) => showError(box, err)) }, t('capture.raw'))),
    box, table('run-staged', STAGED_COLS(), stagedRows(run.staged, ctx, () => runPage(panel, ctx, id), box), t('capture.staged')));
}

async function runs(panel, ctx) {
  const list = await api('/api/capture/runs', { query: { limit: 100 } });
  const rows = list.items.map((r) => h('tr', { 'data-testid': 'run-row' },
    h('td', {}, h('button', { type: 'button', class: 'btn-link', 'data-testid': 'run-open', onclick: () => runPage(panel, ctx, r.id) }, r.origin)),
    h('td', {}, r.source), h('td', { 'data-testid': 'run-status' }, runStatus(r)), h('td', {}, String(r.readings)),
    h('td', { class: 'nowrap' }, ctx.formatDateTime(r.received_at))));
  replace(panel, rows.length ? table('runs-table', [t('capture.col.origin'), t('capture.col.source'), t('capture.col.status'),
    t('capture.col.readings'), t('capture.col.received')], rows, t('capture.tab.runs')) : h('p', { class: 'muted' }, t('capture.runs.none')));
}

async function queue(panel, ctx) {
  const [staged, unmatched] = await Promise.all([api('/api/capture/staged', { query: { status: 'staged' } }),
    api('/api/capture/staged', { query: { status: 'unmatched' } })]);
  const box = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'queue-error' });
  const refresh = () => queue(panel, ctx);
  replace(panel, box,
    h('h2', {}, t('capture.queue.staged')),
    staged.items.length ? table('staged-table', STAGED_COLS(), stagedRows(staged.items, ctx, refresh, box), t('capture.queue.staged'))
      : h('p', { class: 'muted' }, t('capture.queue.none')),
    h('h2', {}, t('capture.queue.unmatched')),
    unmatched.items.length ? table('unmatched-table', STAGED_COLS(), stagedRows(unmatched.items, ctx, refresh, box), t('capture.queue.unmatched'))
      : h('p', { class: 'muted' }, t('capture.queue.none')));
}

export async function render(main, ctx) {
  await loadParams();
  const RENDER = { instruments: (p) => instruments(p, ctx), runs: (p) => runs(p, ctx), queue: (p) => queue(p, ctx) };
  return tabbed(main, {
    prefix: 'capture', title: t('nav.instruments'), titleTestId: 'capture',
    tabs: ['queue', 'runs', 'instruments'].map((id) => ({ id, label: t(`capture.tab.${id}`) })), render: (id, panel) => RENDER[id](panel),
  });
}
