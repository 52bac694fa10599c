// Instruments area: the instruments with their live listeners and watched folders (registered here,
// linked to their equipment records, with a hand upload of an export), the capture runs with their
// raw data, and the queue of staged and unmatched readings to accept, match again or reject.
import { h, replace } from './dom.js';
import { t, getLang, problemText } from './i18n.js';
import { api, apiAll, apiDownload, ApiError } from './api.js';
import { errorText, table, form, tabbed } from './widgets.js';

function showError(box, err) {
  const rules = err instanceof ApiError && Array.isArray(err.problem.rules) ? err.problem.rules.map((r) => `${r.id}: ${r.reason}`) : [];
  const fields = err instanceof ApiError ? err.fieldErrors.map((f) => problemText(f.problem)) : [];
  replace(box, h('p', {}, errorText(err)), rules.length || fields.length ? h('ul', {}, [...rules, ...fields].map((x) => h('li', {}, x))) : null);
  box.hidden = false;
}

// The register's parameters by id, named in the UI's language ({} when the register cannot be read).
async function parameterNames() {
  try {
    const items = await apiAll('/api/register/parameters');
    const en = getLang() === 'en';
    return new Map(items.map((p) => [p.id, (en && p.name_en) || p.name_zh]));
  } catch {
    return new Map();
  }
}

// An instrument's analyte code shown as the parameter it stands for (镉), with the code small beside it (Cd).
function analyteLabel(code, name) {
  return h('span', { class: 'analyte', 'data-testid': 'analyte' },
    name ? h('span', { 'data-testid': 'analyte-name' }, name) : h('span', { class: 'muted' }, t('capture.analyte.unmapped')),
    ' ', h('small', { class: 'analyte-code', 'data-testid': 'analyte-code' }, code));
}

// Field errors from an ApiError shown beside the fields of `slots` ({name: <p class="field-error">}); a field
// path is matched by its first segment ("profile.delimiter" beside profile, "analytes.Pb" beside analytes).
// Returns the problems no slot took.
function showFieldErrors(err, slots, inputs = {}) {
  const other = [];
  for (const { field: f, problem } of err instanceof ApiError ? err.fieldErrors : []) {
    const name = String(f).split(/[.[]/)[0];
    const slot = slots[name];
    if (!slot) {
      other.push(problemText(problem)); // in words, not the API's field path
      continue;
    }
    const rest = String(f).slice(name.length).replace(/^\./, '');
    slot.append(h('span', { class: 'field-problem' }, rest ? `${rest}: ${problemText(problem)}` : problemText(problem)));
    slot.hidden = false;
    inputs[name]?.setAttribute('aria-invalid', 'true');
  }
  return other;
}

// ---- registering an instrument ----------------------------------------------------------------

// The form for a new instrument: its name, its equipment record (R15), its driver, the driver's
// profile (JSON, for drivers that read a configurable table) and the map of its analyte codes to
// the register's parameters. Every server problem appears beside its field.
function registerForm(ctx, { drivers, equipment, params, done, cancel }) {
  const id = (n) => `instrument-${n}`;
  const name = h('input', { id: id('name'), type: 'text', 'data-testid': id('name'), autocomplete: 'off' });
  const equip = h('select', { id: id('equipment'), 'data-testid': id('equipment') },
    h('option', { value: '' }, t('capture.reg.chooseEquipment')),
    equipment.map((e) => h('option', { value: e.id }, `${e.asset_no} ${e.name}${e.usable_today?.usable === false ? ` (${t('capture.reg.notUsable')})` : ''}`)));
  const driver = h('select', { id: id('driver'), 'data-testid': id('driver') },
    h('option', { value: '' }, t('capture.reg.chooseDriver')),
    drivers.map((d) => h('option', { value: d.id }, `${d.id} — ${d.title}`)));
  const profile = h('textarea', { id: id('profile'), 'data-testid': id('profile'), rows: 3, placeholder: '{"delimiter": ";", "sample_column": "样品编号"}' });
  const paramOptions = [['', t('capture.reg.chooseParameter')], ...[...params.entries()].map(([pid, n]) => [pid, n])];
  const rowsBox = h('div', { class: 'analyte-rows', 'data-testid': id('analytes') });
  const mapRows = [];
  function addRow() {
    const n = mapRows.length;
    const code = h('input', { id: id(`code-${n}`), type: 'text', 'data-testid': id(`code-${n}`), size: 12, 'aria-label': t('capture.reg.code') });
    const parameter = h('select', { id: id(`parameter-${n}`), 'data-testid': id(`parameter-${n}`), 'aria-label': t('capture.reg.parameter') },
      paramOptions.map(([v, label]) => h('option', { value: v }, label)));
    mapRows.push({ code, parameter });
    rowsBox.append(h('div', { class: 'analyte-row' }, code, h('span', { 'aria-hidden': 'true' }, '→'), parameter));
  }
  addRow();
  const slots = Object.fromEntries(['name', 'equipment_id', 'driver', 'profile', 'analytes'].map((k) => [k,
    h('p', { class: 'field-error', id: id(`${k}-error`), 'data-testid': id(`${k}-error`), hidden: true })]));
  const inputs = { name, equipment_id: equip, driver, profile };
  const box = h('div', { class: 'form-error', role: 'alert', 'data-testid': id('error'), hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': id('submit') }, t('capture.reg.submit'));
  const withError = (field, control) => { control.setAttribute('aria-describedby', slots[field].id); return control; };
  const el = h('form', { class: 'grid-form register-instrument', 'data-testid': 'instrument-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: name.id }, t('capture.reg.name')), withError('name', name), slots.name),
    h('div', { class: 'field' }, h('label', { for: equip.id }, t('capture.reg.equipment')), withError('equipment_id', equip), slots.equipment_id),
    h('div', { class: 'field' }, h('label', { for: driver.id }, t('capture.reg.driver')), withError('driver', driver), slots.driver),
    h('div', { class: 'field field-wide' }, h('label', { for: profile.id }, t('capture.reg.profile')), withError('profile', profile),
      h('small', { class: 'muted' }, t('capture.reg.profileHint')), slots.profile),
    h('fieldset', { class: 'field field-wide' }, h('legend', {}, t('capture.reg.analytes')),
      h('small', { class: 'muted' }, t('capture.reg.analytesHint')), rowsBox,
      h('button', { type: 'button', class: 'btn-link add-analyte', 'data-testid': id('add-analyte'), onclick: addRow }, t('capture.reg.addAnalyte')),
      slots.analytes),
    h('div', { class: 'form-actions' }, submit,
      h('button', { type: 'button', class: 'btn-secondary', 'data-testid': id('cancel'), onclick: cancel }, t('capture.reg.cancel'))),
    box);
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    box.hidden = true;
    for (const [k, slot] of Object.entries(slots)) {
      slot.hidden = true;
      slot.replaceChildren();
      inputs[k]?.removeAttribute('aria-invalid');
    }
    let prof;
    const text = profile.value.trim();
    if (text) {
      try {
        prof = JSON.parse(text);
      } catch {
        prof = null;
      }
      if (!prof || typeof prof !== 'object' || Array.isArray(prof)) {
        slots.profile.append(t('capture.reg.profileJson'));
        slots.profile.hidden = false;
        profile.setAttribute('aria-invalid', 'true');
        return;
      }
    }
    const analytes = {};
    for (const r of mapRows) {
      const code = r.code.value.trim();
      if (code || r.parameter.value) analytes[code] = r.parameter.value;
    }
    const body = { name: name.value.trim(), equipment_id: equip.value || null, driver: driver.value, analytes };
    if (prof) body.profile = prof;
    submit.disabled = true;
    try {
      await api('/api/capture/instruments', { method: 'POST', body });
      await done();
    } catch (err) {
      const other = showFieldErrors(err, slots, inputs);
      replace(box, h('p', {}, errorText(err)), other.length ? h('ul', {}, other.map((x) => h('li', {}, x))) : null);
      box.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  return el;
}

// ---- uploading an export by hand -----------------------------------------------------------------

// A file chosen on the instrument's row is sent as it is (POST .../import, the raw bytes as the body,
// its name as ?name=): the server stores the bytes first (R20) and stages the readings; the run
// then opens with what was read and matched.
function uploadControl(i, { box, openRun }) {
  const fileId = `upload-${i.id}`;
  const file = h('input', { id: fileId, type: 'file', 'data-testid': 'upload-file', class: 'upload-file' });
  const send = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'upload-submit', onclick: async () => {
    box.hidden = true;
    const chosen = file.files?.[0];
    if (!chosen) {
      replace(box, h('p', {}, t('capture.upload.choose')));
      box.hidden = false;
      return;
    }
    send.disabled = true;
    try {
      const run = await api(`/api/capture/instruments/${i.id}/import`, { method: 'POST', raw: chosen, query: { name: chosen.name } });
      await openRun(run.id, run.duplicate ? t('capture.upload.duplicate', { name: chosen.name })
        : t('capture.upload.done', { name: chosen.name, n: run.staged.length,
          matched: run.staged.filter((s) => s.status === 'staged').length }));
    } catch (err) {
      showError(box, err);
    } finally {
      send.disabled = false;
    }
  } }, t('capture.upload.submit'));
  return h('div', { class: 'upload', 'data-testid': 'instrument-upload' },
    h('label', { for: fileId }, t('capture.upload.label')), file, send);
}

// ---- instruments -------------------------------------------------------------------------------

async function instruments(panel, ctx, notice = null) {
  const manage = ctx.permissions.includes('capture:manage');
  const write = ctx.permissions.includes('capture:write');
  const [list, listeners, folders, drivers, params, equipment] = await Promise.all([api('/api/capture/instruments'), api('/api/capture/listeners'),
    api('/api/capture/folders'), api('/api/capture/drivers'), parameterNames(), apiAll('/api/equipment').catch(() => [])]);
  const refresh = (msg) => instruments(panel, ctx, msg);
  const byId = (items) => new Map(items.map((x) => [x.instrument_id, x]));
  // What each driver can do (built-in or a plugin's): read files, listen, weigh.
  const driver = new Map(drivers.items.map((d) => [d.id, d]));
  const equipmentById = new Map(equipment.map((e) => [e.id, e]));
  const tcp = byId(listeners.items);
  const dirs = byId(folders.items);
  const box = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'instruments-error', hidden: true });
  const note = h('p', { role: 'status', 'data-testid': 'weigh-result', hidden: true });
  const formBox = h('div', { 'data-testid': 'instrument-form-box' });
  const openRun = (id, msg) => runPage(panel, ctx, id, msg);
  // A button that calls the API and redraws the list, or shows the server's answer in the page's box.
  const act = (testid, label, path, method, body) => h('button', { type: 'button', class: 'btn-secondary', 'data-testid': testid, onclick: async (e) => {
    const button = e.currentTarget;
    box.hidden = true;
    button.disabled = true;
    try {
      await api(path, { method, body });
      await refresh();
    } catch (err) {
      showError(box, err);
      button.disabled = false;
    }
  } }, label);
  const rows = list.items.map((i) => {
    const l = tcp.get(i.id);
    const d = dirs.get(i.id);
    const live = [
      l ? h('div', { 'data-testid': 'listener-status' }, t(l.mode === 'client' ? 'capture.connected' : 'capture.listening', { port: l.port, messages: l.messages, refused: l.refused_frames, answers: l.answers })) : null,
      d ? h('div', { 'data-testid': 'folder-status' }, t('capture.watching', { path: d.path, imported: d.imported, parked: d.parked })) : null,
    ];
    const actions = [];
    const can = driver.get(i.driver) ?? {};
    if (write && can.balance === true) {
      // A balance answers when asked: weigh now for a sample (the exchange is stored as a run).
      actions.push(form(`weigh-${i.id}`, [{ name: 'sample_code', label: t('capture.sampleCode') }], t('capture.weigh'), async (v) => {
        const run = await api(`/api/capture/instruments/${i.id}/weigh`, { method: 'POST', body: { sample_code: v.sample_code } });
        note.hidden = false;
        note.textContent = run.stable
          ? t('capture.weighed', { value: run.staged[0].value, unit: run.staged[0].unit ?? '', serial: run.device_serial ?? '?' })
          : t('capture.notStable', { why: run.diagnostics ?? '' });
      }));
    }
    if (write && can.files === true) actions.push(uploadControl(i, { box, openRun }));
    if (manage && can.files === true && !can.listener) {
      actions.push(d ? act('folder-stop', t('capture.unwatch'), `/api/capture/instruments/${i.id}/folder`, 'DELETE')
        : form(`watch-${i.id}`, [{ name: 'folder', label: t('capture.folder'), value: i.name.replace(/[^A-Za-z0-9_-]/g, '') || 'inbox' }],
          t('capture.watch'), async (v) => {
            await api(`/api/capture/instruments/${i.id}/folder`, { method: 'POST', body: { folder: v.folder } });
            await refresh();
          }));
    }
    if (manage && can.listener) {
      actions.push(l ? act('listener-stop', t('capture.listener.stop'), `/api/capture/instruments/${i.id}/listener`, 'DELETE')
        : form(`listen-${i.id}`, [{ name: 'port', label: t('capture.listener.port'), value: i.listen_port ? String(i.listen_port) : '' }],
          t('capture.listener.start'), async (v) => {
            const started = await api(`/api/capture/instruments/${i.id}/listener`, { method: 'POST', body: v.port ? { port: Number(v.port) } : {} });
            await refresh(t('capture.listener.started', { port: started.port }));
          }));
    }
    const eq = equipmentById.get(i.equipment_id);
    return h('tr', { 'data-testid': 'instrument-row' },
      h('td', { class: 'instrument-name-cell' }, h('div', { 'data-testid': 'instrument-name' }, i.name),
        h('div', { class: 'muted', 'data-testid': 'instrument-equipment' }, eq ? t('capture.equipmentOf', { asset: eq.asset_no, name: eq.name })
          : t('capture.equipmentId', { id: i.equipment_id }))),
      h('td', {}, i.driver, can.title ? h('div', { class: 'muted' }, can.title) : h('div', { class: 'status status-warn' }, t('capture.driverMissing'))),
      h('td', { class: 'instrument-analytes', 'data-testid': 'instrument-analytes' }, Object.entries(i.analytes).map(([code, pid]) => h('div', {}, analyteLabel(code, params.get(pid))))),
      h('td', { class: 'instrument-live' }, live.some(Boolean) ? live : h('span', { class: 'muted' }, t('capture.idle'))),
      h('td', { class: 'instrument-actions' }, actions));
  });
  const addButton = manage ? h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'instrument-add', onclick: () => {
    replace(formBox, h('h2', {}, t('capture.reg.title')), registerForm(ctx, { drivers: drivers.items, equipment, params,
      done: () => refresh(t('capture.reg.done')), cancel: () => replace(formBox) }));
    formBox.querySelector('input')?.focus();
  } }, t('capture.reg.open')) : null;
  replace(panel, notice ? h('p', { role: 'status', class: 'notice', 'data-testid': 'instruments-notice' }, notice) : null,
    addButton ? h('div', { class: 'actions' }, addButton) : null, formBox, box, note, rows.length
      ? table('instruments-table', [t('capture.col.instrument'), t('capture.col.driver'), t('capture.col.analytes'), t('capture.col.live'), ''], rows,
        t('capture.tab.instruments'))
      : h('p', { class: 'muted' }, t('capture.instruments.none')));
}

// What a reading was matched to: the test item of its sample and parameter, or why not (no parameter
// mapped to its code, no such item yet).
function matchText(s) {
  if (s.test_item_id) return h('span', { class: 'status status-ok', 'data-testid': 'staged-match', title: `#${s.test_item_id}` }, t('capture.match.item'));
  if (!s.parameter_id) return h('span', { class: 'status status-warn', 'data-testid': 'staged-match' }, t('capture.match.noParameter'));
  return h('span', { class: 'status status-warn', 'data-testid': 'staged-match' }, t('capture.match.noItem'));
}

function stagedRows(items, ctx, refresh, box, params = new Map()) {
  const write = ctx.permissions.includes('capture:write');
  return items.map((s) => {
    const cell = h('td', { class: 'staged-actions' });
    const rowNote = h('div', { class: 'muted', role: 'status', 'data-testid': 'staged-note', hidden: true });
    const buttons = [];
    const call = async (path, opts) => {
      box.hidden = true;
      try {
        return await api(path, { method: 'POST', ...opts });
      } catch (err) {
        showError(box, err);
        return null;
      }
    };
    if (write && s.status === 'staged') {
      buttons.push(h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'staged-accept', onclick: async () => {
        if (await call(`/api/capture/staged/${s.id}/accept`, { headers: { 'If-Match': s.etag } })) await refresh();
      } }, t('capture.accept')));
    }
    if (write && s.status === 'unmatched' && s.parameter_id) {
      // The test item may exist now (the order accepted, its items created): look again.
      buttons.push(h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'staged-rematch', onclick: async () => {
        const next = await call(`/api/capture/staged/${s.id}/rematch`, {});
        if (!next) return;
        if (next.status === 'unmatched') {
          rowNote.textContent = t('capture.rematch.none', { sample: s.sample_code });
          rowNote.hidden = false;
        } else {
          await refresh(t('capture.rematch.done', { sample: s.sample_code }));
        }
      } }, t('capture.rematch')));
    }
    if (write && (s.status === 'staged' || s.status === 'unmatched')) {
      buttons.push(h('button', { type: 'button', class: 'btn-link', 'data-testid': 'staged-reject', onclick: () => {
        // The reason asked inline, beside the reading (never a browser prompt).
        replace(cell, form(`reject-${s.id}`, [{ name: 'reason', label: t('capture.rejectReason') }], t('capture.reject'), async (v) => {
          if (!v.reason) throw new ApiError(400, { detail: t('capture.rejectReasonNeeded'), errors: [{ field: 'reason', problem: 'required' }] });
          await api(`/api/capture/staged/${s.id}/reject`, { method: 'POST', body: { reason: v.reason }, headers: { 'If-Match': s.etag } });
          await refresh();
        }), h('button', { type: 'button', class: 'btn-link', 'data-testid': 'reject-cancel', onclick: () => replace(cell, buttons, rowNote) },
          t('capture.reg.cancel')));
        cell.querySelector('input')?.focus();
      } }, t('capture.reject')));
    }
    replace(cell, buttons, rowNote);
    return h('tr', { 'data-testid': 'staged-row', 'data-status': s.status }, h('td', { class: 'nowrap' }, s.sample_code),
      h('td', {}, analyteLabel(s.analyte, s.parameter_id ? params.get(s.parameter_id) ?? null : null)),
      h('td', { class: 'nowrap' }, `${s.value} ${s.unit ?? ''}`), h('td', {}, matchText(s)),
      h('td', { 'data-testid': 'staged-status' }, t(`capture.status.${s.status}`), s.reason ? h('div', { class: 'muted' }, s.reason) : null),
      h('td', {}, s.equipment_problem ? h('span', { class: 'status status-warn' }, s.equipment_problem) : ''), cell);
  });
}

const STAGED_COLS = () => [t('capture.col.sample'), t('capture.col.analyte'), t('capture.col.value'), t('capture.col.match'),
  t('capture.col.status'), t('capture.col.equipment'), ''];

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

async function runPage(panel, ctx, id, notice = null) {
  const [run, params] = await Promise.all([api(`/api/capture/runs/${id}`), parameterNames()]);
  const box = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'run-error', hidden: true });
  const matched = run.staged.filter((s) => s.test_item_id).length;
  replace(panel,
    notice ? h('p', { role: 'status', class: 'notice', 'data-testid': 'run-notice' }, notice) : null,
    h('h2', { 'data-testid': 'run-title' }, `${run.origin}`),
    h('p', { class: 'muted' }, t('capture.runLine', { at: ctx.formatDateTime(run.received_at), source: run.source, size: run.size, sha: run.sha256.slice(0, 16) })),
    run.status === 'rejected' ? h('p', { 'data-testid': 'run-rejected' }, runStatus(run)) : null,
    run.diagnostics ? h('p', { class: 'status-warn' }, run.diagnostics) : null,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'run-raw',
      onclick: () => apiDownload(`/api/capture/runs/${id}/raw`).catch((err) => showError(box, err)) }, t('capture.raw'))),
    box, h('p', { 'data-testid': 'run-summary' }, t('capture.runSummary', { n: run.staged.length, matched })),
    table('run-staged', STAGED_COLS(), stagedRows(run.staged, ctx, (msg) => runPage(panel, ctx, id, msg), box, params), t('capture.staged')));
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

async function queue(panel, ctx, notice = null) {
  const [staged, unmatched, params] = await Promise.all([api('/api/capture/staged', { query: { status: 'staged' } }),
    api('/api/capture/staged', { query: { status: 'unmatched' } }), parameterNames()]);
  const box = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'queue-error' });
  const refresh = (msg) => queue(panel, ctx, msg);
  replace(panel, notice ? h('p', { role: 'status', class: 'notice', 'data-testid': 'queue-notice' }, notice) : null, box,
    h('h2', {}, t('capture.queue.staged')),
    staged.items.length ? table('staged-table', STAGED_COLS(), stagedRows(staged.items, ctx, refresh, box, params), t('capture.queue.staged'))
      : h('p', { class: 'muted' }, t('capture.queue.none')),
    h('h2', {}, t('capture.queue.unmatched')),
    unmatched.items.length ? table('unmatched-table', STAGED_COLS(), stagedRows(unmatched.items, ctx, refresh, box, params), t('capture.queue.unmatched'))
      : h('p', { class: 'muted' }, t('capture.queue.none')));
}

export function render(main, ctx) {
  const RENDER = { instruments: (p) => instruments(p, ctx), runs: (p) => runs(p, ctx), queue: (p) => queue(p, ctx) };
  return tabbed(main, {
    prefix: 'capture', title: t('nav.instruments'), titleTestId: 'capture',
    tabs: ['queue', 'runs', 'instruments'].map((id) => ({ id, label: t(`capture.tab.${id}`) })), render: (id, panel) => RENDER[id](panel),
  });
}
