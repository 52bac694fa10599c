// 仪器共享 (issue 16). One module for every side of the shared instruments:
//   catalogueView(el): the public catalogue (GET /api/instruments), an instrument's week calendar
//     (GET /api/instruments/{lab}/{key}?week=), booking a free range: the fee first (POST .../quote), then
//     the booking with its contract reference (POST .../bookings); used by the SME portal (#/instruments)
//     and by a partner lab's staff session here.
//   myBookingsView(el): my bookings (GET /api/instrument-bookings) with cancel and its reason.
//   render(main, ctx): the staff area — partner: catalogue + my bookings; manager/technician: the lab's
//     shared instruments (share with terms, withdraw), the bookings queue (approve, decline, start, service
//     record, lift a suspension), the quarterly report (XLSX); platform operator: the platform's report.
import { h, replace } from './dom.js';
import { t, formatDateTime } from './i18n.js';
import { api, apiDownload, ApiError } from './api.js';
import { empty, errorText, table, tabbed, form } from './widgets.js';

const DAY_MS = 86400000;
const STATUS_CLASS = { requested: 'status status-warn', confirmed: 'status status-ok', in_use: 'status status-ok', completed: 'status status-na',
  declined: 'status status-bad', cancelled: 'status status-na', no_show: 'status status-bad' };

// Today in lab time (UTC+08:00) as YYYY-MM-DD.
function labToday() {
  return new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
}

function addDays(date, n) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function monday(date) {
  const wd = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -wd);
}

function quarterOf(date) {
  return `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

// A server problem in the user's words: the instrument's own codes, else the detail the server gave.
export function instrumentError(err) {
  if (err instanceof ApiError) {
    const code = err.problem?.code ?? err.problem?.type ?? '';
    if (String(code).includes('slot_taken') || err.status === 409) return t('sharing.err.slotTaken');
    if (String(code).includes('suspended')) return t('sharing.err.suspended');
    if (err.status === 422 && err.problem?.detail) return err.problem.detail;
  }
  return errorText(err);
}

function statusBadge(status) {
  return h('span', { class: STATUS_CLASS[status] ?? 'status', 'data-testid': 'sharing-status' }, t(`sharing.status.${status}`));
}

function feeText(fees) {
  const parts = [];
  for (const unit of ['per_hour', 'per_sample']) {
    const f = fees?.[unit];
    if (!f) continue;
    if (f.member != null) parts.push(t(`sharing.fee.${unit}.member`, { fee: f.member }));
    if (f.non_member != null) parts.push(t(`sharing.fee.${unit}.nonMember`, { fee: f.non_member }));
  }
  return parts.length ? parts.join(t('sharing.sep')) : t('common.empty');
}

function weekdayName(n) {
  return t(`sharing.weekday.${n}`);
}

// Weekly windows, the same hours on consecutive days said once: 周一至周五 09:00–17:00，周六 09:00–12:00.
function windowsText(weekly) {
  const groups = new Map();
  for (const w of weekly ?? []) {
    const k = `${w.from}–${w.to}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(w.weekday);
  }
  const parts = [];
  for (const [hours, days] of groups) {
    days.sort((a, b) => a - b);
    const runs = [];
    for (const d of days) {
      const last = runs[runs.length - 1];
      if (last && d === last[1] + 1) last[1] = d;
      else runs.push([d, d]);
    }
    const dayText = runs.map(([a, b]) => (a === b ? weekdayName(a) : b === a + 1 ? `${weekdayName(a)}、${weekdayName(b)}`
      : t('sharing.weekdayRange', { from: weekdayName(a), to: weekdayName(b) }))).join('、');
    parts.push(`${dayText} ${hours}`);
  }
  return parts.join(t('sharing.sep')) || t('common.empty');
}

// ---- the public catalogue ----

export function catalogueView(el, { canBook = true } = {}) {
  const state = { q: '' };
  const list = h('div', { 'data-testid': 'sharing-list' });
  const q = h('input', { type: 'search', id: 'sharing-q', 'data-testid': 'sharing-q', value: state.q, placeholder: t('sharing.search.placeholder') });
  const search = async () => {
    replace(list, h('p', { class: 'muted' }, t('common.loading')));
    try {
      const data = await api('/api/instruments', { query: { q: q.value.trim() } });
      replace(list, data.items.length ? data.items.map((i) => instrumentCard(i, () => openInstrument(el, i, canBook)))
        : h('p', { class: 'notice', 'data-testid': 'sharing-empty' }, t('sharing.search.none')));
    } catch (err) {
      replace(list, h('p', { class: 'form-error', 'data-testid': 'sharing-error' }, errorText(err)));
    }
  };
  const bar = h('form', { class: 'sharing-search', 'data-testid': 'sharing-search', onsubmit: (e) => { e.preventDefault(); search(); } },
    h('label', { for: 'sharing-q' }, t('sharing.search.label')), q,
    h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'sharing-search-submit' }, t('sharing.search.submit')));
  replace(el, h('h2', { 'data-testid': 'sharing-title' }, t('sharing.title')), h('p', { class: 'muted' }, t('sharing.help')), bar, list);
  return search();
}

function instrumentCard(i, open) {
  return h('article', { class: 'card sharing-card', 'data-testid': 'sharing-instrument' },
    h('h3', {}, h('a', { href: 'javascript:void 0', 'data-testid': 'sharing-open', onclick: (e) => { e.preventDefault(); open(); } }, i.name)),
    h('p', { class: 'muted', 'data-testid': 'sharing-lab' }, i.lab_name),
    h('dl', { class: 'facts' },
      h('dt', {}, t('sharing.model')), h('dd', {}, empty([i.manufacturer, i.model].filter(Boolean).join(' '))),
      h('dt', {}, t('sharing.techniques')), h('dd', {}, empty((i.terms?.techniques ?? []).join('、'))),
      h('dt', {}, t('sharing.fees')), h('dd', {}, feeText(i.terms?.fees)),
      h('dt', {}, t('sharing.calibration')), h('dd', { 'data-testid': 'sharing-usable' },
        i.usable_today ? h('span', { class: 'status status-ok' }, t('sharing.usableThrough', { date: i.usable_through ?? i.calibration_due ?? '—' }))
          : h('span', { class: 'status status-bad' }, empty(i.unusable_reason) ))));
}

async function openInstrument(el, inst, canBook, week = monday(labToday())) {
  replace(el, h('p', { class: 'muted' }, t('common.loading')));
  let data;
  try {
    data = await api(`/api/instruments/${encodeURIComponent(inst.lab_id)}/${encodeURIComponent(inst.key)}`, { query: { week } });
  } catch (err) {
    replace(el, h('p', { class: 'form-error' }, errorText(err)));
    return;
  }
  const back = h('button', { type: 'button', class: 'btn-secondary sharing-back', 'data-testid': 'sharing-back', onclick: () => catalogueView(el, { canBook }) }, t('sharing.back'));
  const nav = h('div', { class: 'actions sharing-week-nav' },
    h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'sharing-prev', onclick: () => openInstrument(el, inst, canBook, addDays(week, -7)) }, t('sharing.prevWeek')),
    h('strong', { 'data-testid': 'sharing-week' }, `${week} – ${addDays(week, 6)}`),
    h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'sharing-next', onclick: () => openInstrument(el, inst, canBook, addDays(week, 7)) }, t('sharing.nextWeek')));
  const terms = data.terms ?? {};
  replace(el, back,
    h('h2', { 'data-testid': 'sharing-instrument-name' }, data.name),
    h('p', { class: 'muted' }, `${data.lab_name} · ${data.asset_no ?? ''} · ${empty(data.location)}`),
    h('p', {}, terms.description ?? ''),
    h('dl', { class: 'facts' },
      h('dt', {}, t('sharing.fees')), h('dd', {}, feeText(terms.fees)),
      h('dt', {}, t('sharing.windows')), h('dd', {}, windowsText(terms.weekly)),
      (terms.exceptions ?? []).length ? [h('dt', {}, t('sharing.terms.exceptions')), h('dd', { 'data-testid': 'sharing-exceptions' }, terms.exceptions
        .map((x) => (x.closed ? t('sharing.exception.closed', { date: x.date }) : `${x.date} ${x.from}–${x.to}`)).join(t('sharing.sep')))] : null,
      h('dt', {}, t('sharing.calibration')), h('dd', {}, data.usable_today ? t('sharing.usableThrough', { date: data.usable_through ?? data.calibration_due ?? '—' })
        : h('span', { class: 'status status-bad' }, empty(data.unusable_reason))),
      terms.typical_parameters ? [h('dt', {}, t('sharing.terms.parameters')), h('dd', {}, terms.typical_parameters)] : null,
      terms.training ? [h('dt', {}, t('sharing.terms.training')), h('dd', {}, terms.training)] : null,
      h('dt', {}, t('sharing.operatedBy')), h('dd', {}, t(`sharing.operated.${terms.operated_by ?? 'staff'}`)),
      h('dt', {}, t('sharing.approval')), h('dd', {}, t(terms.approval_required ? 'sharing.approval.yes' : 'sharing.approval.no'))),
    nav, calendar(data), canBook ? bookingForm(data, inst, () => openInstrument(el, inst, canBook, week))
      : h('p', { class: 'notice', 'data-testid': 'sharing-login-hint' }, h('a', { href: '#/login' }, t('sharing.loginToBook'))));
}

// 7 days as rows: each day's windows cut in half hours, each half hour free / booked / outside / calibration lapsing.
function calendar(data) {
  const booked = data.booked ?? [];
  const legend = h('p', { class: 'sharing-legend' }, ['free', 'booked', 'closed', 'lapsed'].map((k) => h('span', { class: `slot slot-${k}` }, t(`sharing.slot.${k}`))));
  const rows = (data.days ?? []).map((d) => {
    const slots = [];
    for (const w of d.windows ?? []) {
      for (let m = toMin(w.from); m < toMin(w.to); m += 30) {
        const from = fromMin(m);
        const taken = booked.some((b) => b.date === d.date && toMin(b.from) <= m && m < toMin(b.to) && !['cancelled', 'declined'].includes(b.status));
        const kind = d.date < labToday() ? 'closed' : !d.calibration_valid ? 'lapsed' : taken ? 'booked' : 'free';
        slots.push(h('span', { class: `slot slot-${kind}`, title: t(`sharing.slot.${kind}`), 'data-testid': `slot-${d.date}-${from}`, 'data-kind': kind }, from));
      }
    }
    return h('div', { class: 'sharing-day', 'data-testid': 'sharing-day' },
      h('div', { class: 'sharing-date' }, h('strong', {}, d.date), ' ', weekdayName(((new Date(`${d.date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1),
        d.calibration_valid ? null : h('span', { class: 'status status-bad', 'data-testid': 'sharing-lapsing' }, t('sharing.slot.lapsed'))),
      h('div', { class: 'sharing-slots' }, slots.length ? slots : h('span', { class: 'slot slot-closed' }, t('sharing.slot.closed'))));
  });
  return h('section', { class: 'card sharing-calendar', 'data-testid': 'sharing-calendar' }, legend, rows);
}

function toMin(hm) {
  const [a, b] = hm.split(':').map(Number);
  return a * 60 + b;
}

function fromMin(m) {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

// The booking: date, from, to, samples, contract reference, note; 计算费用 first (quote), then 确认预约.
function bookingForm(data, inst, reload) {
  const base = `/api/instruments/${encodeURIComponent(inst.lab_id)}/${encodeURIComponent(inst.key)}`;
  const quoteBox = h('div', { 'data-testid': 'sharing-quote' });
  const dates = (data.days ?? []).map((d) => [d.date, d.date]);
  let quoted = null;
  const f = form('sharing-book', [
    { name: 'date', label: t('sharing.book.date'), options: dates, value: dates.find(([d]) => d > labToday())?.[0] },
    { name: 'from', label: t('sharing.book.from'), value: '09:00' },
    { name: 'to', label: t('sharing.book.to'), value: '10:00' },
    { name: 'samples', label: t('sharing.book.samples'), value: '' },
    { name: 'contract_ref', label: t('sharing.book.contract'), value: '' },
    { name: 'note', label: t('sharing.book.note'), value: '' },
  ], t('sharing.book.quote'), async (v) => {
    const body = { date: v.date, from: v.from, to: v.to };
    if (v.samples) body.samples = Number(v.samples);
    const key = JSON.stringify({ ...body, c: v.contract_ref, n: v.note });
    if (quoted !== key) {
      replace(quoteBox);
      const q = await wrap(() => api(`${base}/quote`, { method: 'POST', body }));
      quoted = key;
      replace(quoteBox, h('p', { class: 'notice', 'data-testid': 'sharing-fee' }, t('sharing.book.fee', { fee: q.fee, currency: q.currency ?? 'CNY' })));
      f.querySelector('[data-testid=sharing-book-submit]').textContent = t('sharing.book.confirm');
      return;
    }
    let b;
    try {
      b = await wrap(() => api(`${base}/bookings`, { method: 'POST', body: { ...body, contract_ref: v.contract_ref, note: v.note || undefined } }));
    } catch (err) {
      // Refused: the fee shown is no longer the question; a new attempt quotes again.
      quoted = null;
      replace(quoteBox);
      f.querySelector('[data-testid=sharing-book-submit]').textContent = t('sharing.book.quote');
      throw err;
    }
    quoted = null;
    await reload();
    const done = document.querySelector('[data-testid=sharing-calendar]');
    done?.before(h('p', { class: 'notice', role: 'status', 'data-testid': 'sharing-booked' }, t('sharing.book.done', { status: t(`sharing.status.${b.status}`) })));
  });
  // A change of any field asks for a new quote.
  f.addEventListener('input', () => { quoted = null; replace(quoteBox); f.querySelector('[data-testid=sharing-book-submit]').textContent = t('sharing.book.quote'); });
  return h('section', { class: 'card', 'data-testid': 'sharing-book-card' }, h('h3', {}, t('sharing.book.title')), f, quoteBox);
}

// Instrument problems (slot taken, suspended, R40) as an error the form shows in words; field errors stay.
async function wrap(fn) {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ApiError && !err.fieldErrors.length) {
      throw new ApiError(err.status, { ...err.problem, detail: instrumentError(err) });
    }
    throw err;
  }
}

// ---- my bookings ----

function whenCell(b) {
  return h('td', {}, h('div', { class: 'nowrap' }, b.date), h('div', { class: 'nowrap' }, `${b.from}–${b.to}`));
}

export async function myBookingsView(el) {
  replace(el, h('p', { class: 'muted' }, t('common.loading')));
  let data;
  try {
    data = await api('/api/instrument-bookings');
    const known = new Map((await api('/api/instruments')).items.map((i) => [`${i.lab_id}/${i.key}`, i]));
    for (const b of data.items) {
      const i = known.get(`${b.lab_id}/${b.instrument_key}`);
      b.instrument_name ??= i?.name;
      b.lab_name ??= i?.lab_name;
    }
  } catch (err) {
    replace(el, h('p', { class: 'form-error' }, errorText(err)));
    return;
  }
  const rows = data.items.map((b) => {
    const slot = h('td', {});
    const cancellable = ['requested', 'confirmed'].includes(b.status);
    const cancel = cancellable ? h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'sharing-cancel', onclick: () => replace(slot, form('sharing-cancel', [
      { name: 'reason', label: t('sharing.cancel.reason') }], t('sharing.cancel.submit'), async (v) => {
      await api(`/api/instrument-bookings/${encodeURIComponent(b.id)}/cancel`, { method: 'POST', body: { reason: v.reason } });
      await myBookingsView(el);
    })) }, t('sharing.cancel.button')) : null;
    replace(slot, cancel);
    return h('tr', { 'data-testid': 'sharing-my-row' },
      h('td', {}, h('strong', {}, b.instrument_name ?? b.instrument_key), h('div', { class: 'muted' }, b.lab_name ?? '')),
      whenCell(b),
      h('td', {}, statusBadge(b.status), b.reason ? h('div', { class: 'muted', 'data-testid': 'sharing-reason' }, b.reason) : null,
        b.late_cancel ? h('div', { class: 'muted' }, t('sharing.lateCancel')) : null),
      h('td', { class: 'nowrap' }, b.fee ?? t('common.empty')), h('td', {}, b.contract_ref ?? ''), slot);
  });
  replace(el, h('h2', {}, t('sharing.mine.title')), rows.length ? table('sharing-mine', [t('sharing.col.instrument'), t('sharing.col.when'),
    t('sharing.col.status'), t('sharing.col.fee'), t('sharing.col.contract'), ''], rows, t('sharing.mine.title'))
    : h('p', { class: 'notice', 'data-testid': 'sharing-mine-empty' }, t('sharing.mine.none')));
}

// ---- lab side ----

async function sharedView(el, canShare) {
  replace(el, h('p', { class: 'muted' }, t('common.loading')));
  let shared; let equipment = [];
  try {
    shared = (await api('/api/platform/instruments')).items;
    if (canShare) equipment = (await api('/api/equipment')).items ?? [];
  } catch (err) {
    replace(el, h('p', { class: 'form-error' }, errorText(err)));
    return;
  }
  const panel = h('div', {});
  const rows = shared.map((i) => h('tr', { 'data-testid': 'sharing-shared-row' },
    h('td', {}, h('strong', {}, i.name), h('div', { class: 'muted' }, i.asset_no ?? '')),
    h('td', {}, feeText(i.terms?.fees)), h('td', {}, windowsText(i.terms?.weekly)),
    h('td', {}, i.usable_today ? h('span', { class: 'status status-ok' }, t('sharing.usableThrough', { date: i.usable_through ?? '—' }))
      : h('span', { class: 'status status-bad' }, empty(i.unusable_reason))),
    h('td', {}, canShare ? [
      h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'sharing-edit', onclick: () => replace(panel, termsForm(i.key, i.name, i.terms, () => sharedView(el, canShare))) }, t('sharing.share.edit')),
      ' ',
      h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'sharing-withdraw', onclick: async () => {
        try { await api(`/api/platform/instruments/${encodeURIComponent(i.key)}`, { method: 'DELETE' }); await sharedView(el, canShare); } catch (err) { replace(panel, h('p', { class: 'form-error' }, errorText(err))); }
      } }, t('sharing.share.withdraw'))] : null)));
  const sharedIds = new Set(shared.map((i) => String(i.key)));
  const candidates = equipment.filter((e) => !sharedIds.has(String(e.id)));
  const pick = canShare && candidates.length ? h('div', { class: 'actions' },
    h('label', { for: 'sharing-equipment' }, t('sharing.share.pick')),
    h('select', { id: 'sharing-equipment', 'data-testid': 'sharing-equipment' }, candidates.map((e) => h('option', { value: e.id }, `${e.name} ${e.asset_no ?? ''}`))),
    h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'sharing-share', onclick: () => {
      const id = document.getElementById('sharing-equipment').value;
      const eq = candidates.find((e) => String(e.id) === id);
      replace(panel, termsForm(id, eq?.name, null, () => sharedView(el, canShare)));
    } }, t('sharing.share.button'))) : null;
  replace(el, h('h2', {}, t('sharing.shared.title')), rows.length ? table('sharing-shared', [t('sharing.col.instrument'), t('sharing.fees'),
    t('sharing.windows'), t('sharing.calibration'), ''], rows, t('sharing.shared.title')) : h('p', { class: 'notice' }, t('sharing.shared.none')), pick, panel);
}

// The terms: description, techniques, typical parameters, four fees, weekly windows ("1 09:00-12:00" a line),
// exceptions ("2026-12-25 closed" or "2026-12-24 09:00-12:00"), operated by, training, approval required.
function termsForm(id, name, terms, done) {
  const tm = terms ?? {};
  const fee = (u, m) => tm.fees?.[u]?.[m] ?? '';
  const yes = [['true', t('sharing.approval.yes')], ['false', t('sharing.approval.no')]];
  const f = form('sharing-terms', [
    { name: 'description', label: t('sharing.terms.description'), value: tm.description ?? '' },
    { name: 'techniques', label: t('sharing.terms.techniques'), value: (tm.techniques ?? []).join('、') },
    { name: 'typical_parameters', label: t('sharing.terms.parameters'), value: tm.typical_parameters ?? '' },
    { name: 'hour_member', label: t('sharing.terms.hourMember'), value: fee('per_hour', 'member') },
    { name: 'hour_non_member', label: t('sharing.terms.hourNonMember'), value: fee('per_hour', 'non_member') },
    { name: 'sample_member', label: t('sharing.terms.sampleMember'), value: fee('per_sample', 'member') },
    { name: 'sample_non_member', label: t('sharing.terms.sampleNonMember'), value: fee('per_sample', 'non_member') },
    { name: 'weekly', label: t('sharing.terms.weekly'), value: (tm.weekly ?? [{ weekday: 1, from: '09:00', to: '17:00' }]).map((w) => `${w.weekday} ${w.from}-${w.to}`).join('; ') },
    { name: 'exceptions', label: t('sharing.terms.exceptions'), value: (tm.exceptions ?? []).map((x) => (x.closed ? `${x.date} closed` : `${x.date} ${x.from}-${x.to}`)).join('; ') },
    { name: 'operated_by', label: t('sharing.operatedBy'), options: [['staff', t('sharing.operated.staff')], ['trained_user', t('sharing.operated.trained_user')]], value: tm.operated_by ?? 'staff' },
    { name: 'training', label: t('sharing.terms.training'), value: tm.training ?? '' },
    { name: 'approval_required', label: t('sharing.approval'), options: yes, value: String(tm.approval_required ?? true) },
  ], t('sharing.terms.save'), async (v) => {
    const rate = (a, b) => (a || b ? { ...(a ? { member: a } : {}), ...(b ? { non_member: b } : {}) } : undefined);
    const fees = {};
    if (rate(v.hour_member, v.hour_non_member)) fees.per_hour = rate(v.hour_member, v.hour_non_member);
    if (rate(v.sample_member, v.sample_non_member)) fees.per_sample = rate(v.sample_member, v.sample_non_member);
    const body = {
      description: v.description, techniques: v.techniques.split(/[、,，;；]\s*/).filter(Boolean), typical_parameters: v.typical_parameters || undefined, fees,
      weekly: v.weekly.split(/[;；\n]/).map((x) => x.trim()).filter(Boolean).map((x) => {
        const m = x.match(/^(\d)\s+(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})$/);
        return m ? { weekday: Number(m[1]), from: m[2], to: m[3] } : { weekday: 0, from: x, to: x };
      }),
      exceptions: v.exceptions.split(/[;；\n]/).map((x) => x.trim()).filter(Boolean).map((x) => {
        const m = x.match(/^(\d{4}-\d{2}-\d{2})\s+(?:(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})|.*)$/);
        return m?.[2] ? { date: m[1], from: m[2], to: m[3] } : { date: m?.[1] ?? x, closed: true };
      }),
      operated_by: v.operated_by, training: v.training || undefined, approval_required: v.approval_required === 'true',
    };
    await api(`/api/platform/instruments/${encodeURIComponent(id)}`, { method: 'PUT', body });
    await done();
  });
  return h('section', { class: 'inline-panel', 'data-testid': 'sharing-terms-panel' }, h('h3', {}, t('sharing.terms.title', { name: name ?? id })),
    h('p', { class: 'muted' }, t('sharing.terms.help')), f);
}

async function queueView(el) {
  replace(el, h('p', { class: 'muted' }, t('common.loading')));
  const today = labToday();
  let items;
  try {
    items = (await api('/api/platform/instrument-bookings', { query: { from: addDays(today, -31), to: addDays(today, 62) } })).items;
    const names = new Map((await api('/api/platform/instruments')).items.map((i) => [String(i.key), i.name]));
    for (const b of items) b.instrument_name ??= names.get(String(b.instrument_key));
  } catch (err) {
    replace(el, h('p', { class: 'form-error' }, errorText(err)));
    return;
  }
  const reload = () => queueView(el);
  const rows = items.map((b) => {
    const panel = h('div', {});
    const post = (what, body = {}) => async () => {
      try { await api(`/api/platform/instrument-bookings/${encodeURIComponent(b.id)}/${what}`, { method: 'POST', body }); await reload(); } catch (err) { replace(panel, h('p', { class: 'form-error', 'data-testid': 'sharing-queue-error' }, errorText(err))); }
    };
    const btn = (id, label, onclick, primary = false) => h('button', { type: 'button', class: primary ? 'btn-primary' : 'btn-secondary', 'data-testid': `sharing-${id}`, onclick }, label);
    const actions = [];
    if (b.status === 'requested') {
      actions.push(btn('approve', t('sharing.queue.approve'), post('approve'), true),
        btn('decline', t('sharing.queue.decline'), () => replace(panel, form('sharing-decline', [{ name: 'reason', label: t('sharing.queue.reason') }],
          t('sharing.queue.decline'), async (v) => { await api(`/api/platform/instrument-bookings/${encodeURIComponent(b.id)}/decline`, { method: 'POST', body: { reason: v.reason } }); await reload(); }))));
    }
    if (b.status === 'confirmed') actions.push(btn('start', t('sharing.queue.start'), post('start'), true));
    if (['confirmed', 'in_use'].includes(b.status)) {
      actions.push(btn('record', t('sharing.queue.record'), () => replace(panel, form('sharing-record', [
        { name: 'actual_from', label: t('sharing.record.from'), value: b.from },
        { name: 'actual_to', label: t('sharing.record.to'), value: b.to },
        { name: 'samples', label: t('sharing.book.samples'), value: b.samples != null ? String(b.samples) : '' },
        { name: 'operator', label: t('sharing.record.operator'), value: '' },
        { name: 'consumables', label: t('sharing.record.consumables'), value: '' },
        { name: 'fee', label: t('sharing.col.fee'), value: b.fee ?? '' },
      ], t('sharing.record.save'), async (v) => {
        const body = { actual_from: v.actual_from, actual_to: v.actual_to, operator: v.operator };
        if (v.samples) body.samples = Number(v.samples);
        if (v.consumables) body.consumables = v.consumables;
        if (v.fee) body.fee = v.fee;
        await api(`/api/platform/instrument-bookings/${encodeURIComponent(b.id)}/service-record`, { method: 'POST', body });
        await reload();
      }))));
    }
    if (b.status === 'no_show' && b.user_id) actions.push(btn('lift', t('sharing.queue.lift'), async () => {
      try { await api(`/api/platform/instrument-suspensions/${encodeURIComponent(b.user_id)}/lift`, { method: 'POST', body: {} }); await reload(); } catch (err) { replace(panel, h('p', { class: 'form-error' }, errorText(err))); }
    }));
    // The forms open in a row of their own below, the table's full width (usable on a phone).
    const panelRow = h('tr', { class: 'sharing-panel-row', 'data-testid': 'sharing-queue-panel' }, h('td', { colspan: 4 }, panel));
    new MutationObserver(() => { panelRow.hidden = !panel.childNodes.length; }).observe(panel, { childList: true });
    panelRow.hidden = true;
    return [h('tr', { 'data-testid': 'sharing-queue-row' },
      h('td', {}, h('strong', {}, b.instrument_name ?? b.instrument_key), h('div', { class: 'muted' }, `${b.user_name ?? ''} · ${b.org_name ?? ''}`)),
      whenCell(b),
      h('td', {}, statusBadge(b.status), b.reason ? h('div', { class: 'muted' }, b.reason) : null,
        b.service_record ? h('div', { class: 'muted', 'data-testid': 'sharing-service' }, t('sharing.record.done', { hours: b.service_record.machine_hours, fee: b.service_record.fee })) : null,
        actions.length ? h('div', { class: 'actions sharing-actions' }, actions) : null),
      h('td', {}, b.contract_ref ?? '')), panelRow];
  });
  replace(el, h('h2', {}, t('sharing.queue.title')), rows.length ? table('sharing-queue', [t('sharing.col.instrument'), t('sharing.col.when'),
    t('sharing.col.status'), t('sharing.col.contract')], rows, t('sharing.queue.title')) : h('p', { class: 'notice', 'data-testid': 'sharing-queue-empty' }, t('sharing.queue.none')));
}

// The quarterly sharing report: the lab's (/api/platform/instrument-report) or the platform's (/api/platform/sharing-report).
async function reportView(el, path) {
  const quarter = h('input', { id: 'sharing-quarter', 'data-testid': 'sharing-quarter', value: quarterOf(labToday()) });
  const out = h('div', {});
  const err = h('p', { class: 'form-error', 'data-testid': 'sharing-report-error', hidden: true });
  const show = async () => {
    err.hidden = true;
    try {
      const data = await api(path, { query: { quarter: quarter.value.trim() } });
      const pct = (x) => `${Math.round((x ?? 0) * 1000) / 10}%`;
      const labs = data.items.some((r) => r.lab_name);
      replace(out, data.items.length ? table('sharing-report', [labs ? t('sharing.col.lab') : null, t('sharing.col.instrument'), t('sharing.report.bookable'), t('sharing.report.booked'),
        t('sharing.report.machine'), t('sharing.report.utilization'), t('sharing.report.bookings'), t('sharing.report.completed'), t('sharing.report.noShows'),
        t('sharing.report.open'), t('sharing.report.income')].filter((c) => c !== null), data.items.map((r) => h('tr', { 'data-testid': 'sharing-report-row' },
        labs ? h('td', {}, r.lab_name ?? '') : null, h('td', {}, r.instrument ?? r.instrument_key), h('td', {}, String(r.bookable_hours)), h('td', {}, String(r.booked_hours)),
        h('td', {}, String(r.machine_hours)), h('td', {}, pct(r.utilization)), h('td', {}, String(r.bookings)), h('td', {}, String(r.completed)),
        h('td', {}, String(r.no_shows)), h('td', {}, String(r.open_without_service_record)), h('td', { class: 'nowrap' }, `${r.income} CNY`))), t('sharing.report.title'))
        : h('p', { class: 'notice' }, t('sharing.report.none')));
    } catch (e) {
      err.textContent = errorText(e);
      err.hidden = false;
    }
  };
  const download = async () => {
    err.hidden = true;
    try { await apiDownload(path, { query: { quarter: quarter.value.trim(), format: 'xlsx' }, name: `sharing-${quarter.value.trim()}.xlsx` }); } catch (e) { err.textContent = errorText(e); err.hidden = false; }
  };
  replace(el, h('h2', {}, t('sharing.report.title')),
    h('div', { class: 'actions' }, h('label', { for: 'sharing-quarter' }, t('sharing.report.quarter')), quarter,
      h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'sharing-report-show', onclick: show }, t('sharing.report.show')),
      h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'sharing-report-xlsx', onclick: download }, t('sharing.report.xlsx'))), err, out);
  await show();
}

export function render(main, ctx) {
  const roles = new Set(ctx.user?.roles ?? []);
  const tabs = [];
  if (roles.has('partner')) tabs.push({ id: 'catalogue', label: t('sharing.tab.catalogue') }, { id: 'mine', label: t('sharing.tab.mine') });
  if (roles.has('manager') || roles.has('technician')) tabs.push({ id: 'queue', label: t('sharing.tab.queue') }, { id: 'shared', label: t('sharing.tab.shared') }, { id: 'report', label: t('sharing.tab.report') });
  if (roles.has('platform_operator')) tabs.push({ id: 'platformReport', label: t('sharing.tab.platformReport') });
  return tabbed(main, {
    prefix: 'sharing', title: t('nav.sharing'), titleTestId: 'sharing-area-title', tabs, initial: ctx.route?.[0],
    render: (id, panel) => {
      ctx.mark(id);
      if (id === 'catalogue') return catalogueView(panel);
      if (id === 'mine') return myBookingsView(panel);
      if (id === 'queue') return queueView(panel);
      if (id === 'shared') return sharedView(panel, roles.has('manager'));
      if (id === 'report') return reportView(panel, '/api/platform/instrument-report');
      return reportView(panel, '/api/platform/sharing-report');
    },
  });
}
