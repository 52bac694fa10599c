// Accreditation area (managers): what falls due, the scope (能力附表) with its history, equipment with
// calibrations and checks (an out-of-tolerance calibration shows the R16 impact list), reference materials
// (accreditation-equipment.js), and staff with their authorizations (accreditation-staff.js).
import { h, replace } from './dom.js';
import { t, has } from './i18n.js';
import { api, apiAll, apiDownload } from './api.js';
import { today, empty, errorText, table, form, tabbed } from './widgets.js';
import { equipment, materials } from './accreditation-equipment.js';
import { staff } from './accreditation-staff.js';

const TABS = ['overview', 'scope', 'equipment', 'materials', 'staff'];

function levelText(level) {
  return t(`acc.level.${level}`);
}

async function overview(panel) {
  const res = await api('/api/accreditation/alerts', { query: { within: 180 } });
  const rows = res.items.map((a) => h('tr', { 'data-testid': 'alert-row' },
    h('td', { class: 'nowrap' }, h('span', { class: a.level === 'overdue' || a.level === 'expired' ? 'status status-bad' : 'status status-warn' },
      levelText(a.level))),
    h('td', {}, t(`acc.alert.${a.kind}`)),
    h('td', {}, a.title),
    h('td', { class: 'nowrap' }, empty(a.due_date)),
    h('td', { class: 'nowrap' }, a.rule),
    h('td', {}, has(`acc.msg.${a.kind}`)
      ? t(`acc.msg.${a.kind}`, { title: a.title, due: a.due_date, days: a.days_left }) : a.message)));
  const ncs = res.open_nonconformities.map((n) => h('tr', { 'data-testid': 'nc-row' },
    h('td', { class: 'nowrap' }, t('acc.nc.no', { no: n.nc_no })),
    h('td', {}, t(`acc.ncStatus.${n.status}`)),
    h('td', { class: 'nowrap' }, n.opened_on),
    h('td', {}, n.description),
    h('td', {}, n.impact)));
  replace(panel,
    h('h2', {}, t('acc.overview.due', { date: res.date })),
    rows.length ? table('alerts-table', [t('acc.col.level'), t('acc.col.kind'), t('acc.col.item'), t('acc.col.due'), t('acc.col.rule'),
      t('acc.col.message')], rows, t('acc.overview.due', { date: res.date })) : h('p', { class: 'muted' }, t('acc.overview.nothingDue')),
    h('h2', {}, t('acc.overview.ncs')),
    ncs.length ? table('ncs-table', [t('acc.col.nc'), t('acc.col.status'), t('acc.col.opened'), t('acc.col.description'), t('acc.col.impact')],
      ncs, t('acc.overview.ncs')) : h('p', { class: 'muted' }, t('acc.overview.noNcs')));
}

async function scope(panel) {
  const scheme = h('select', { id: 'scope-scheme', 'data-testid': 'scope-scheme' }, ['CMA', 'CNAS'].map((s) => h('option', { value: s }, s)));
  const on = h('input', { id: 'scope-on', type: 'text', value: today(), 'data-testid': 'scope-on', size: 10 });
  const body = h('div', {});
  const status = h('p', { class: 'muted', role: 'status' });
  const [params, standards] = await Promise.all([apiAll('/api/register/parameters'),
    apiAll('/api/register/standards', { status: 'current' })]);
  const reducePanel = h('div', { 'data-testid': 'scope-reduce-panel' });

  async function load() {
    status.textContent = t('common.loading');
    try {
      const items = await apiAll('/api/scope/rows', { scheme: scheme.value, on: on.value });
      const rows = items.map((r, i) => {
        const history = h('td', {}, '');
        const histBtn = h('button', { type: 'button', class: 'btn-link', 'data-testid': 'scope-history' }, t('acc.scope.history'));
        histBtn.addEventListener('click', async () => {
          const hist = await api(`/api/scope/rows/${r.id}/history`);
          replace(history, h('ul', { class: 'compact' }, hist.items.map((v) =>
            h('li', {}, `${v.effective_from} → ${v.ended_on ?? '…'}: ${v.standard}${v.clause ? ` ${v.clause}` : ''}`))));
        });
        const what = `${r.product} ${r.parameter} ${r.standard}`;
        const reduce = h('button', { type: 'button', class: 'btn-link', 'data-testid': 'scope-reduce',
          'aria-label': t('acc.scope.reduceRow', { what }) }, t('acc.scope.reduce'));
        reduce.addEventListener('click', () => {
          // 缩项: the decision's effective date, its reference and the reason, recorded as a change.
          replace(reducePanel, h('h3', {}, t('acc.scope.reduceRow', { what })), form('scope-reduce', [
            { name: 'effective_date', label: t('acc.scope.from'), value: today() },
            { name: 'reference', label: t('acc.scope.reference') },
            { name: 'reason', label: t('acc.scope.reason') },
          ], t('acc.scope.reduce'), async (v) => {
            await api('/api/scope/changes', { method: 'POST', body: { kind: 'reduction', scheme: scheme.value,
              effective_date: v.effective_date, reason: v.reason, ...(v.reference ? { reference: v.reference } : {}), rows: [{ row_id: r.id }] } });
            replace(reducePanel);
            await load();
          }));
          reducePanel.querySelector('input')?.focus();
        });
        const suspended = r.suspensions.some((s) => s.from <= on.value && (!s.lifted_on || on.value < s.lifted_on));
        return h('tr', { 'data-testid': 'scope-row' },
          h('td', {}, String(i + 1)), h('td', {}, r.category), h('td', {}, r.product), h('td', {}, r.parameter),
          h('td', {}, `${r.standard}${r.clause ? ` ${r.clause}` : ''}`), h('td', {}, empty(r.limitation)),
          h('td', {}, suspended ? h('span', { class: 'status status-bad' }, t('acc.scope.suspended')) : empty(r.note)),
          h('td', { class: 'nowrap' }, r.effective_from), h('td', {}, histBtn, ' ', reduce), history);
      });
      replace(body, rows.length
        ? table('scope-table', [t('acc.scope.no'), t('acc.scope.category'), t('acc.scope.product'), t('acc.scope.parameter'),
          t('acc.scope.standard'), t('acc.scope.limitation'), t('acc.scope.note'), t('acc.scope.from'), '', t('acc.scope.history')], rows,
        t('acc.tab.scope'))
        : h('p', { class: 'muted' }, t('acc.scope.none')));
      status.textContent = t('acc.scope.count', { n: rows.length, date: on.value });
    } catch (err) {
      status.textContent = errorText(err);
    }
  }

  const xlsx = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'scope-xlsx' }, t('acc.scope.xlsx'));
  xlsx.addEventListener('click', () => apiDownload('/api/exports/scope.xlsx', { query: { scheme: scheme.value, on: on.value } })
    .then((name) => { status.textContent = t('acc.scope.downloaded', { name }); })
    .catch((err) => { status.textContent = errorText(err); }));
  scheme.addEventListener('change', load);
  on.addEventListener('change', load);
  const expand = form('scope-add', [
    { name: 'category', label: t('acc.scope.category') },
    { name: 'product', label: t('acc.scope.product') },
    { name: 'parameter_id', label: t('acc.scope.parameter'), options: params.map((p) => [p.id, `${p.name_zh} (${p.unit})`]) },
    { name: 'standard_id', label: t('acc.scope.standard'), options: standards.map((s) => [s.id, `${s.designation} ${s.title}`]) },
    { name: 'site', label: t('acc.scope.site') },
    { name: 'limitation', label: t('acc.scope.limitation') },
    { name: 'effective_date', label: t('acc.scope.from'), value: today() },
    { name: 'reason', label: t('acc.scope.reason') },
  ], t('acc.scope.expand'), async (v) => {
    await api('/api/scope/changes', { method: 'POST', body: {
      kind: 'expansion', scheme: scheme.value, effective_date: v.effective_date, reason: v.reason,
      rows: [{ site: v.site, category: v.category, product: v.product, parameter_id: v.parameter_id, standard_id: v.standard_id,
        ...(v.limitation ? { limitation: v.limitation } : {}) }] } });
    await load();
  });
  replace(panel,
    h('div', { class: 'inline-form' },
      h('div', { class: 'field' }, h('label', { for: 'scope-scheme' }, t('acc.scope.scheme')), scheme),
      h('div', { class: 'field' }, h('label', { for: 'scope-on' }, t('acc.scope.on')), on),
      h('div', { class: 'field' }, h('span', {}, '\u00a0'), xlsx)),
    status, body, reducePanel,
    h('details', {}, h('summary', {}, t('acc.scope.expand')), expand));
  await load();
}

const RENDER = { overview, scope, equipment, materials, staff };

export function render(main) {
  return tabbed(main, {
    prefix: 'acc', title: t('nav.accreditation'), titleTestId: 'accreditation',
    tabs: TABS.map((id) => ({ id, label: t(`acc.tab.${id}`) })), render: (id, panel) => RENDER[id](panel),
  });
}
