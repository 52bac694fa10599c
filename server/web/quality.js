// Quality records area (质量管理, managers): the lab's CMA certificates and CNAS accreditations with their
// renewals and suspensions, proficiency testing rounds with their results and scores, and nonconformities
// taken from open through the corrective action and its verification to closure. Forms: recordform.js.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { api, apiAll } from './api.js';
import { today, empty, table, tabbed } from './widgets.js';
import { formKit, bodyOf } from './recordform.js';

const TABS = ['qualifications', 'pt', 'nonconformities'];

const badge = (cls, text) => h('span', { class: `status ${cls}` }, text);
const muted = (key) => h('p', { class: 'muted' }, t(key));

// The event kinds a qualification's recorded status allows (as the server does).
const EVENTS = { valid: ['renew', 'suspend', 'revoke'], suspended: ['reinstate', 'revoke'] };

// "CMA 202619000123", "CNAS L1234" (a CNAS number carries its scheme).
const qualName = (q) => (q.number.startsWith(q.scheme) ? q.number : `${q.scheme} ${q.number}`);

function standingBadge(q) {
  const s = q.standing_today;
  return badge(s.valid ? 'status-ok' : 'status-bad', t(`qual.status.${s.status}`));
}

async function qualifications(panel) {
  const list = h('div', {});
  const detail = h('div', { 'data-testid': 'qual-detail' });
  async function load() {
    const res = await api('/api/qualifications');
    const rows = res.items.map((q) => {
      const open = h('button', { type: 'button', class: 'btn-link', 'data-testid': 'qual-open', onclick: () => show(q.id) }, qualName(q));
      return h('tr', { 'data-testid': 'qual-row' }, h('td', {}, open), h('td', {}, q.authority),
        h('td', { class: 'nowrap' }, `${q.valid_from} ~ ${q.valid_to}`), h('td', {}, standingBadge(q)),
        h('td', {}, q.ilac_mra_permitted ? t('qual.yes') : t('qual.no')));
    });
    replace(list, rows.length ? table('qual-table', [t('qual.col.number'), t('qual.col.authority'), t('qual.col.period'), t('qual.col.today'),
      t('qual.col.ilac')], rows, t('qual.tab.qualifications')) : muted('qual.none'));
  }
  async function show(id, message) {
    const { data: q, etag } = await api(`/api/qualifications/${id}`, { withEtag: true });
    const allowed = EVENTS[q.status] ?? [];
    let eventForm = null;
    if (allowed.length) {
      const kit = formKit('qual-event');
      const renewOnly = h('div', { class: 'field-wide grid-form', 'data-testid': 'qual-renew-fields' },
        kit.field({ name: 'valid_from', label: t('qual.f.newFrom'), type: 'date' }),
        kit.field({ name: 'valid_to', label: t('qual.f.newTo'), type: 'date', hint: t('qual.f.toHint') }),
        kit.field({ name: 'number', label: t('qual.f.newNumber'), hint: t('qual.f.numberHint') }));
      const kind = kit.field({ name: 'kind', label: t('qual.f.event'), required: true, options: allowed.map((k) => [k, t(`qual.event.${k}`)]) });
      const kindInput = kind.querySelector('select');
      const toggle = () => { renewOnly.hidden = kindInput.value !== 'renew'; };
      kindInput.addEventListener('change', toggle);
      eventForm = kit.form([
        kind,
        kit.field({ name: 'effective_date', label: t('qual.f.effective'), required: true, type: 'date', value: today() }),
        kit.field({ name: 'reason', label: t('qual.f.reason'), required: true, type: 'textarea', hint: t('qual.f.reasonHint') }),
        renewOnly,
      ], t('qual.f.record'), async (v) => {
        const body = bodyOf(v, v.kind === 'renew' ? ['kind', 'effective_date', 'reason', 'valid_from', 'valid_to', 'number']
          : ['kind', 'effective_date', 'reason']);
        await api(`/api/qualifications/${id}/events`, { method: 'POST', body, headers: { 'If-Match': etag } });
        await load();
        await show(id, t('qual.eventRecorded', { event: t(`qual.event.${v.kind}`) }));
        return null;
      });
      toggle();
    }
    replace(detail, h('h2', { 'data-testid': 'qual-title' }, qualName(q)),
      message ? h('p', { class: 'notice', role: 'status', 'data-testid': 'qual-event-done' }, message) : null,
      h('dl', { class: 'facts' }, h('dt', {}, t('qual.col.authority')), h('dd', {}, q.authority),
        h('dt', {}, t('qual.col.period')), h('dd', { 'data-testid': 'qual-period' }, `${q.valid_from} ~ ${q.valid_to}`),
        h('dt', {}, t('qual.col.today')), h('dd', { 'data-testid': 'qual-standing' }, standingBadge(q))),
      h('h3', {}, t('qual.history')),
      table('qual-history', [t('qual.col.event'), t('qual.f.effective'), t('qual.col.period'), t('qual.f.reason')],
        q.history.map((e) => h('tr', { 'data-testid': 'qual-event-row' }, h('td', {}, t(`qual.histKind.${e.kind}`)), h('td', { class: 'nowrap' }, e.effective_date),
          h('td', { class: 'nowrap' }, e.valid_from ? `${e.valid_from} ~ ${e.valid_to}` : t('common.empty')), h('td', {}, empty(e.reason)))), t('qual.history')),
      eventForm ? h('h3', {}, t('qual.f.record')) : h('p', { class: 'muted' }, t('qual.noEvents')), eventForm);
  }
  const kit = formKit('qual-new');
  const add = kit.form([
    kit.field({ name: 'scheme', label: t('qual.f.scheme'), required: true, options: [['CMA', 'CMA'], ['CNAS', 'CNAS']] }),
    kit.field({ name: 'number', label: t('qual.f.number'), required: true, hint: t('qual.f.numberFormat') }),
    kit.field({ name: 'authority', label: t('qual.col.authority'), required: true, wide: true }),
    kit.field({ name: 'valid_from', label: t('qual.f.from'), required: true, type: 'date' }),
    kit.field({ name: 'valid_to', label: t('qual.f.to'), type: 'date', hint: t('qual.f.toHint') }),
    kit.field({ name: 'ilac_mra_permitted', label: t('qual.col.ilac'), type: 'checkbox' }),
  ], t('qual.add'), async (v) => {
    const q = await api('/api/qualifications', { method: 'POST', body: bodyOf({ ...v, ilac_mra_permitted: v.ilac_mra_permitted || undefined }) });
    kit.reset();
    await load();
    return t('qual.added', { what: qualName(q) });
  });
  replace(panel, list, detail, h('h2', {}, t('qual.new')), add);
  await load();
}

const CLASS = { S: 'status-ok', Q: 'status-warn', U: 'status-bad' };

async function pt(panel) {
  const parameters = await apiAll('/api/register/parameters');
  const list = h('div', {});
  const detail = h('div', { 'data-testid': 'pt-detail' });
  const gaps = h('div', {});
  async function load() {
    const [items, coverage] = await Promise.all([apiAll('/api/pt/rounds'), api('/api/pt/coverage')]);
    const rows = items.map((r) => {
      const open = h('button', { type: 'button', class: 'btn-link', 'data-testid': 'pt-open', onclick: () => show(r.id) }, `${r.provider} ${r.round_code}`);
      return h('tr', { 'data-testid': 'pt-row' }, h('td', {}, open), h('td', {}, r.scheme_name), h('td', {}, r.parameter), h('td', {}, r.sub_field),
        h('td', { class: 'nowrap' }, r.mandated ? t('qual.pt.mandatedBy', { date: r.deadline }) : empty(r.deadline)),
        h('td', {}, r.score != null ? `${r.score_kind} = ${r.score}` : t('qual.pt.pending')),
        h('td', {}, r.classification ? badge(CLASS[r.classification], t(`qual.pt.class.${r.classification}`)) : t('common.empty')));
    });
    replace(list, rows.length ? table('pt-table', [t('qual.pt.round'), t('qual.pt.scheme'), t('qual.pt.parameter'), t('qual.pt.subField'),
      t('qual.pt.deadline'), t('qual.pt.score'), t('qual.pt.verdict')], rows, t('qual.tab.pt')) : muted('qual.pt.none'));
    replace(gaps, h('h2', {}, t('qual.pt.coverage', { date: coverage.date })), coverage.items.length
      ? h('ul', { 'data-testid': 'pt-gaps' }, coverage.items.map((g) => h('li', { 'data-testid': 'pt-gap' },
        g.kind === 'no_satisfactory_pt' ? t('qual.pt.gap.none', { field: g.sub_field, last: g.last_satisfactory ?? t('qual.pt.never') })
          : t('qual.pt.gap.missed', { field: g.sub_field }))))
      : muted('qual.pt.covered'));
  }
  async function show(id, outcome) {
    const { data: r, etag } = await api(`/api/pt/rounds/${id}`, { withEtag: true });
    let resultForm = null;
    if (!r.reported_on) {
      const kit = formKit('pt-result');
      resultForm = kit.form([
        kit.field({ name: 'lab_result', label: t('qual.pt.labResult'), inputmode: 'decimal', hint: r.unit ? t('qual.pt.unit', { unit: r.unit }) : null }),
        kit.field({ name: 'score_kind', label: t('qual.pt.scoreKind'), required: true, options: [['z', t('qual.pt.z')], ['En', t('qual.pt.en')]] }),
        kit.field({ name: 'score', label: t('qual.pt.scoreValue'), required: true, inputmode: 'decimal' }),
        kit.field({ name: 'reported_on', label: t('qual.pt.reportedOn'), required: true, type: 'date', value: today() }),
      ], t('qual.pt.record'), async (v) => {
        const res = await api(`/api/pt/rounds/${id}/result`, { method: 'POST', body: bodyOf(v), headers: { 'If-Match': etag } });
        await load();
        await show(id, res);
        return null;
      });
    }
    const verdict = outcome ? h('section', { class: 'notice', role: 'status', 'data-testid': 'pt-outcome' },
      h('p', {}, t('qual.pt.recorded', { verdict: t(`qual.pt.class.${outcome.classification}`) })),
      outcome.nonconformity_no != null ? h('p', {}, t('qual.pt.ncOpened', { no: outcome.nonconformity_no, n: outcome.suspended_scope_rows.length })) : null) : null;
    replace(detail, h('h2', { 'data-testid': 'pt-title' }, `${r.provider} ${r.round_code}`), verdict,
      h('dl', { class: 'facts' },
        h('dt', {}, t('qual.pt.scheme')), h('dd', {}, r.scheme_name),
        h('dt', {}, t('qual.pt.parameter')), h('dd', {}, `${r.parameter}${r.product ? ` (${r.product})` : ''}`),
        h('dt', {}, t('qual.pt.assigned')), h('dd', {}, r.assigned_value != null ? `${r.assigned_value} ${r.unit ?? ''}` : t('common.empty')),
        h('dt', {}, t('qual.pt.labResult')), h('dd', {}, r.lab_result != null ? `${r.lab_result} ${r.unit ?? ''}` : t('common.empty')),
        h('dt', {}, t('qual.pt.score')), h('dd', {}, r.score != null ? `${r.score_kind} = ${r.score}` : t('qual.pt.pending')),
        h('dt', {}, t('qual.pt.verdict')), h('dd', { 'data-testid': 'pt-verdict' },
          r.classification ? badge(CLASS[r.classification], t(`qual.pt.class.${r.classification}`)) : t('common.empty'))),
      resultForm ? h('h3', {}, t('qual.pt.record')) : null, resultForm);
  }
  const kit = formKit('pt-new');
  const add = kit.form([
    kit.field({ name: 'provider', label: t('qual.pt.provider'), required: true }),
    kit.field({ name: 'scheme_name', label: t('qual.pt.scheme'), required: true }),
    kit.field({ name: 'round_code', label: t('qual.pt.roundCode'), required: true }),
    kit.field({ name: 'parameter_id', label: t('qual.pt.parameter'), required: true,
      options: [['', t('reg.choose')], ...parameters.map((p) => [p.id, `${p.name_zh} (${p.unit})`])] }),
    kit.field({ name: 'product', label: t('qual.pt.product') }),
    kit.field({ name: 'sub_field', label: t('qual.pt.subField'), required: true, hint: t('qual.pt.subFieldHint') }),
    kit.field({ name: 'unit', label: t('qual.pt.unitLabel') }),
    kit.field({ name: 'assigned_value', label: t('qual.pt.assigned'), inputmode: 'decimal' }),
    kit.field({ name: 'deadline', label: t('qual.pt.deadline'), type: 'date' }),
    kit.field({ name: 'mandated', label: t('qual.pt.mandated'), type: 'checkbox' }),
  ], t('qual.add'), async (v) => {
    const r = await api('/api/pt/rounds', { method: 'POST', body: bodyOf({ ...v, mandated: v.mandated || undefined }) });
    kit.reset();
    await load();
    return t('qual.pt.added', { what: `${r.provider} ${r.round_code}` });
  });
  replace(panel, list, detail, gaps, h('h2', {}, t('qual.pt.new')), add);
  await load();
}

// The step each status takes next, with the date and text fields it records.
const NEXT_STEP = { open: 'action', action_taken: 'verify', verified: 'close' };

function ncTimeline(n) {
  const steps = [['open', n.opened_on, n.description], ['action', n.action_on, n.corrective_action], ['verify', n.verified_on, n.verification],
    ['close', n.closed_on, null]];
  return h('ol', { class: 'nc-steps', 'data-testid': 'nc-steps' }, steps.map(([step, date, text]) => h('li', { class: date ? 'done' : 'todo' },
    h('strong', {}, t(`qual.nc.step.${step}`)), ' ', date ? h('span', { class: 'nowrap' }, date) : h('span', { class: 'muted' }, t('qual.nc.notYet')),
    date && text ? h('p', {}, text) : null)));
}

// The order of a step's date, as the server checks it once the text is given: not ahead of today, an action
// not before the opening, a verification after the opening day and not before the action, a closure not
// before the verification.
function stepDateProblems(n, step, date) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return [];
  if (date > today()) return [{ field: 'date', problem: 'is in the future' }];
  if (step === 'action' && date < n.opened_on) return [{ field: 'date', problem: 'is before the NC was opened' }];
  if (step === 'verify' && (date <= n.opened_on || date < (n.action_on ?? ''))) return [{ field: 'date', problem: 'a verification comes after the day' }];
  if (step === 'close' && date < (n.verified_on ?? '')) return [{ field: 'date', problem: 'is before the verification' }];
  return [];
}

async function nonconformities(panel) {
  const filter = h('select', { id: 'nc-filter', 'data-testid': 'nc-filter' },
    ['', 'open', 'action_taken', 'verified', 'closed'].map((s) => h('option', { value: s }, s ? t(`acc.ncStatus.${s}`) : t('reg.all'))));
  const list = h('div', {});
  const detail = h('div', { 'data-testid': 'nc-detail' });
  async function load() {
    const items = await apiAll('/api/nonconformities', { status: filter.value });
    const rows = items.map((n) => {
      const open = h('button', { type: 'button', class: 'btn-link', 'data-testid': 'nc-open', onclick: () => show(n.id) }, t('acc.nc.no', { no: n.nc_no }));
      return h('tr', { 'data-testid': 'nc-list-row' }, h('td', { class: 'nowrap' }, open), h('td', {}, t(`qual.nc.source.${n.source}`)),
        h('td', {}, badge(n.status === 'closed' ? 'status-ok' : n.status === 'open' ? 'status-bad' : 'status-warn', t(`acc.ncStatus.${n.status}`))),
        h('td', { class: 'nowrap' }, n.opened_on), h('td', { class: 'text' }, n.description));
    });
    replace(list, h('div', { class: 'inline-form' }, h('div', { class: 'field' }, h('label', { for: 'nc-filter' }, t('reg.col.status')), filter)),
      rows.length ? table('nc-table', [t('acc.col.nc'), t('qual.nc.sourceLabel'), t('reg.col.status'), t('acc.col.opened'), t('acc.col.description')],
        rows, t('qual.tab.nonconformities')) : muted('qual.nc.none'));
  }
  filter.addEventListener('change', () => load());
  async function show(id, message) {
    const { data: n, etag } = await api(`/api/nonconformities/${id}`, { withEtag: true });
    const step = NEXT_STEP[n.status];
    let stepForm = null;
    if (step) {
      const kit = formKit('nc-step');
      stepForm = kit.form([
        kit.field({ name: 'date', label: t(`qual.nc.date.${step}`), required: true, type: 'date', value: today() }),
        kit.field({ name: 'text', label: t(`qual.nc.text.${step}`), required: true, type: 'textarea' }),
      ], t(`qual.nc.do.${step}`), async (v) => {
        await api(`/api/nonconformities/${id}/steps`, { method: 'POST', body: { step, ...bodyOf(v) }, headers: { 'If-Match': etag } });
        await load();
        await show(id, t('qual.nc.stepDone', { step: t(`qual.nc.step.${step}`) }));
        return null;
      }, { check: (v) => stepDateProblems(n, step, v.date) });
    }
    replace(detail, h('h2', { 'data-testid': 'nc-title' }, `${t('acc.nc.no', { no: n.nc_no })} ${t(`acc.ncStatus.${n.status}`)}`),
      message ? h('p', { class: 'notice', role: 'status', 'data-testid': 'nc-step-done' }, message) : null,
      h('dl', { class: 'facts' }, h('dt', {}, t('qual.nc.sourceLabel')), h('dd', {}, `${t(`qual.nc.source.${n.source}`)} ${n.source_ref}`),
        h('dt', {}, t('acc.col.impact')), h('dd', {}, n.impact)),
      ncTimeline(n),
      n.impact_list.length ? table('nc-impacts', [t('acc.col.kind'), t('acc.col.item'), t('acc.col.due')], n.impact_list.map((i) =>
        h('tr', {}, h('td', {}, t(`acc.impactKind.${i.kind}`)), h('td', {}, i.label), h('td', {}, i.date))), t('acc.eq.impactList')) : null,
      step ? h('h3', {}, t(`qual.nc.do.${step}`)) : h('p', { class: 'status status-ok', 'data-testid': 'nc-closed' }, t('qual.nc.closedOn', { date: n.closed_on })),
      stepForm);
  }
  const kit = formKit('nc-new');
  const add = kit.form([
    kit.field({ name: 'source', label: t('qual.nc.sourceLabel'), required: true,
      options: ['audit', 'complaint', 'result', 'qc', 'equipment', 'pt', 'other'].map((s) => [s, t(`qual.nc.source.${s}`)]) }),
    kit.field({ name: 'source_ref', label: t('qual.nc.sourceRef') }),
    kit.field({ name: 'opened_on', label: t('acc.col.opened'), required: true, type: 'date', value: today() }),
    kit.field({ name: 'description', label: t('acc.col.description'), required: true, type: 'textarea' }),
    kit.field({ name: 'impact', label: t('acc.col.impact'), type: 'textarea' }),
  ], t('qual.nc.open'), async (v) => {
    const n = await api('/api/nonconformities', { method: 'POST', body: bodyOf(v) });
    kit.reset();
    await load();
    await show(n.id);
    return t('qual.nc.opened', { no: n.nc_no });
  });
  replace(panel, list, detail, h('h2', {}, t('qual.nc.new')), add);
  await load();
}

const RENDER = { qualifications, pt, nonconformities };

export function render(main) {
  return tabbed(main, {
    prefix: 'qual', title: t('nav.quality'), titleTestId: 'quality',
    tabs: TABS.map((id) => ({ id, label: t(`qual.tab.${id}`) })), render: (id, panel) => RENDER[id](panel),
  });
}
