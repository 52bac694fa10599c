// Register area (检测依据与参数库, managers): standards with their status, methods with their verification and
// validation records, parameters, specifications (limits) by version, prices, the CSV import with its per-row
// problems, formulas with their versions and the samples' retention periods. Forms: recordform.js.
import { h, replace } from './dom.js';
import { t, getLang } from './i18n.js';
import { api, apiAll, getToken, ApiError } from './api.js';
import { today, empty, table, tabbed } from './widgets.js';
import { formKit, bodyOf, problemWords, failureText } from './recordform.js';

const TABS = ['standards', 'methods', 'parameters', 'specifications', 'prices', 'import', 'formulas', 'retention'];

const status = (cls, text) => h('span', { class: `status ${cls}` }, text);
const statusClass = (s) => (s === 'current' || s === 'valid' ? 'status-ok' : 'status-bad');
const muted = (key) => h('p', { class: 'muted' }, t(key));
const paramName = (p) => (p ? `${p.name_zh} (${p.unit})` : t('common.empty'));

async function lookups() {
  const [standards, methods, parameters] = await Promise.all([apiAll('/api/register/standards'), apiAll('/api/register/methods'),
    apiAll('/api/register/parameters')]);
  const byId = (items) => new Map(items.map((x) => [x.id, x]));
  return { standards, methods, parameters, standard: byId(standards), method: byId(methods), parameter: byId(parameters) };
}

// A panel's own parts: a heading, the list, a spot for a row's detail and the "add" form.
function layout(panel, { list, detail, addTitle, add }) {
  replace(panel, list, detail, h('h2', {}, addTitle), add);
}

async function standards(panel) {
  const filter = h('select', { id: 'std-filter', 'data-testid': 'std-filter' },
    ['', 'current', 'withdrawn', 'replaced'].map((s) => h('option', { value: s }, s ? t(`reg.stdStatus.${s}`) : t('reg.all'))));
  const list = h('div', {});
  const detail = h('div', { 'data-testid': 'std-detail' });
  async function load() {
    const items = await apiAll('/api/register/standards', { status: filter.value });
    const all = new Map(items.map((s) => [s.id, s]));
    const rows = items.map((s) => {
      const change = s.status === 'current'
        ? h('button', { type: 'button', class: 'btn-link', 'data-testid': 'std-change', onclick: () => changeStatus(s) }, t('reg.std.change'))
        : null;
      return h('tr', { 'data-testid': 'std-row' }, h('td', { class: 'nowrap' }, s.designation), h('td', {}, s.title),
        h('td', {}, status(statusClass(s.status), t(`reg.stdStatus.${s.status}`))),
        h('td', {}, s.replaced_by ? empty(all.get(s.replaced_by)?.designation ?? s.replaced_by) : t('common.empty')), h('td', {}, change));
    });
    replace(list, h('div', { class: 'inline-form' }, h('div', { class: 'field' }, h('label', { for: 'std-filter' }, t('reg.col.status')), filter)),
      rows.length ? table('std-table', [t('reg.std.designation'), t('reg.std.title'), t('reg.col.status'), t('reg.std.replacedBy'), ''], rows,
        t('reg.tab.standards')) : muted('reg.none'));
  }
  async function changeStatus(s) {
    const { data, etag } = await api(`/api/register/standards/${s.id}`, { withEtag: true });
    const others = (await apiAll('/api/register/standards', { status: 'current' })).filter((o) => o.id !== s.id && o.number === s.number);
    const kit = formKit('std-status');
    replace(detail, h('h3', {}, t('reg.std.changeOf', { what: data.designation })), kit.form([
      kit.field({ name: 'status', label: t('reg.col.status'), required: true,
        options: [['withdrawn', t('reg.stdStatus.withdrawn')], ['replaced', t('reg.stdStatus.replaced')]] }),
      kit.field({ name: 'replaced_by', label: t('reg.std.replacedBy'), options: [['', t('reg.none.choice')], ...others.map((o) => [o.id, o.designation])] }),
      kit.field({ name: 'reason', label: t('reg.reason'), required: true, type: 'textarea' }),
    ], t('reg.std.change'), async (v) => {
      await api(`/api/register/standards/${s.id}/status`, { method: 'POST', body: bodyOf(v), headers: { 'If-Match': etag } });
      await load();
      replace(detail, h('p', { class: 'notice', role: 'status', 'data-testid': 'std-status-done' },
        t('reg.std.changed', { what: data.designation, status: t(`reg.stdStatus.${v.status}`) })));
    }, { check: (v) => (v.status === 'replaced' && !v.replaced_by ? [{ field: 'replaced_by', problem: 'required when the status is replaced' }] : []) }));
    detail.querySelector('select')?.focus();
  }
  filter.addEventListener('change', () => load());
  const kit = formKit('std-new');
  const add = kit.form([
    kit.field({ name: 'number', label: t('reg.std.number'), required: true, placeholder: 'GB 5009.12' }),
    kit.field({ name: 'year', label: t('reg.std.year'), required: true, inputmode: 'numeric', placeholder: '2023' }),
    kit.field({ name: 'title', label: t('reg.std.title'), required: true, wide: true }),
  ], t('reg.add'), async (v) => {
    const body = bodyOf(v);
    if (body.year) body.year = /^\d+$/.test(body.year) ? Number(body.year) : body.year;
    const s = await api('/api/register/standards', { method: 'POST', body });
    kit.reset();
    await load();
    return t('reg.std.added', { what: s.designation });
  });
  layout(panel, { list, detail, addTitle: t('reg.std.new'), add });
  await load();
}

function methodKind(k) { return t(`reg.methodKind.${k}`); }

async function methods(panel) {
  const list = h('div', {});
  const detail = h('div', { 'data-testid': 'method-detail' });
  async function load() {
    const items = await apiAll('/api/register/methods');
    const rows = items.map((m) => {
      const open = h('button', { type: 'button', class: 'btn-link', 'data-testid': 'method-open', onclick: () => show(m.id) }, m.citation);
      return h('tr', { 'data-testid': 'method-row' }, h('td', {}, open), h('td', {}, m.name), h('td', {}, methodKind(m.kind)),
        h('td', {}, m.equipment_types.join(t('list.separator'))),
        h('td', {}, status(statusClass(m.status), t(`reg.methodStatus.${m.status}`))));
    });
    replace(list, rows.length ? table('method-table', [t('reg.method.citation'), t('reg.method.name'), t('reg.method.kind'),
      t('reg.method.equipment'), t('reg.col.status')], rows, t('reg.tab.methods')) : muted('reg.none'));
  }
  async function show(id, message) {
    const [{ data: m, etag }, records] = await Promise.all([api(`/api/register/methods/${id}`, { withEtag: true }),
      api(`/api/register/methods/${id}/records`)]);
    const recKit = formKit('method-record');
    const recordForm = recKit.form([
      recKit.field({ name: 'kind', label: t('reg.record.kind'), required: true, value: m.kind === 'non_standard' ? 'validation' : 'verification',
        options: [['verification', t('reg.recordKind.verification')], ['validation', t('reg.recordKind.validation')]] }),
      recKit.field({ name: 'record_date', label: t('reg.record.date'), required: true, type: 'date', value: today() }),
      recKit.field({ name: 'record_no', label: t('reg.record.no'), required: true }),
      recKit.field({ name: 'summary', label: t('reg.record.summary'), type: 'textarea' }),
    ], t('reg.record.add'), async (v) => {
      await api(`/api/register/methods/${id}/records`, { method: 'POST', body: bodyOf(v) });
      await show(id, t('reg.record.added', { no: v.record_no }));
      return null;
    });
    let withdraw = null;
    if (m.status === 'current') {
      const wKit = formKit('method-withdraw');
      withdraw = h('details', {}, h('summary', {}, t('reg.method.withdraw')), wKit.form([
        wKit.field({ name: 'reason', label: t('reg.reason'), required: true, type: 'textarea' }),
      ], t('reg.method.withdraw'), async (v) => {
        await api(`/api/register/methods/${id}/withdraw`, { method: 'POST', body: bodyOf(v), headers: { 'If-Match': etag } });
        await load();
        await show(id, t('reg.method.withdrawn', { what: m.citation }));
        return null;
      }));
    }
    replace(detail, h('h2', { 'data-testid': 'method-title' }, `${m.citation} ${m.name}`),
      message ? h('p', { class: 'notice', role: 'status', 'data-testid': 'method-done' }, message) : null,
      h('dl', { class: 'facts' }, h('dt', {}, t('reg.method.kind')), h('dd', {}, methodKind(m.kind)),
        h('dt', {}, t('reg.col.status')), h('dd', { 'data-testid': 'method-status' }, t(`reg.methodStatus.${m.status}`)),
        h('dt', {}, t('reg.method.principle')), h('dd', {}, empty(m.principle))),
      h('h3', {}, t('reg.record.title')),
      records.items.length ? table('record-table', [t('reg.record.kind'), t('reg.record.date'), t('reg.record.no'), t('reg.record.summary')],
        records.items.map((r) => h('tr', { 'data-testid': 'record-row' }, h('td', {}, t(`reg.recordKind.${r.kind}`)),
          h('td', { class: 'nowrap' }, r.record_date), h('td', {}, r.record_no), h('td', {}, empty(r.summary)))), t('reg.record.title'))
        : h('p', { class: 'status status-warn', 'data-testid': 'record-none' }, t('reg.record.none')),
      m.status === 'current' ? h('details', { open: !records.items.length }, h('summary', {}, t('reg.record.add')), recordForm) : null,
      withdraw);
  }
  const current = await apiAll('/api/register/standards', { status: 'current' });
  const kit = formKit('method-new');
  const add = kit.form([
    kit.field({ name: 'standard_id', label: t('reg.method.standard'), required: true,
      options: [['', t('reg.choose')], ...current.map((s) => [s.id, `${s.designation} ${s.title}`])] }),
    kit.field({ name: 'clause', label: t('reg.method.clause'), placeholder: t('reg.method.clauseHint') }),
    kit.field({ name: 'name', label: t('reg.method.name'), required: true }),
    kit.field({ name: 'kind', label: t('reg.method.kind'), required: true,
      options: [['standard', methodKind('standard')], ['non_standard', methodKind('non_standard')]] }),
    kit.field({ name: 'equipment_types', label: t('reg.method.equipment'), required: true, hint: t('reg.method.equipmentHint') }),
    kit.field({ name: 'below_lod_style', label: t('reg.method.belowLod'),
      options: [['', t('reg.belowLod.default')], ['lod', t('reg.belowLod.lod')], ['nd', t('reg.belowLod.nd')]] }),
    kit.field({ name: 'principle', label: t('reg.method.principle'), type: 'textarea' }),
  ], t('reg.add'), async (v) => {
    const body = bodyOf(v);
    body.equipment_types = v.equipment_types.split(/[,，、;；|]/).map((x) => x.trim()).filter(Boolean);
    if (!body.standard_id) delete body.standard_id;
    const m = await api('/api/register/methods', { method: 'POST', body });
    kit.reset();
    await load();
    await show(m.id);
    return t('reg.method.added', { what: `${m.citation} ${m.name}` });
  });
  layout(panel, { list, detail, addTitle: t('reg.method.new'), add });
  await load();
}

function precisionText(p) {
  return p.precision_kind === 'decimals' ? t('reg.param.decimalsN', { n: p.precision_digits }) : t('reg.param.significantN', { n: p.precision_digits });
}

function muText(p) {
  if (p.mu_model === 'absolute') return `± ${p.mu_value} ${p.unit}`;
  if (p.mu_model === 'relative') return `± ${p.mu_value}%`;
  if (p.mu_model === 'range') return p.mu_ranges.map((b) => `${b.up_to ? `≤${b.up_to}` : '…'}: ${b.relative}%`).join(t('list.separator'));
  return t('reg.mu.none');
}

async function parameters(panel) {
  const list = h('div', {});
  async function load() {
    const items = await apiAll('/api/register/parameters');
    const rows = items.map((p) => h('tr', { 'data-testid': 'param-row' }, h('td', {}, p.name_zh), h('td', {}, empty(p.name_en)), h('td', {}, p.unit),
      h('td', {}, precisionText(p)), h('td', {}, p.rounding_unit === '1' ? t('reg.param.unit1') : t('reg.param.unitN', { n: p.rounding_unit })),
      h('td', {}, empty(p.lod)), h('td', {}, empty(p.loq)), h('td', {}, muText(p))));
    replace(list, rows.length ? table('param-table', [t('reg.param.name'), t('reg.param.nameEn'), t('reg.param.unit'), t('reg.param.precision'),
      t('reg.param.rounding'), t('reg.param.lod'), t('reg.param.loq'), t('reg.param.mu')], rows, t('reg.tab.parameters')) : muted('reg.none'));
  }
  const kit = formKit('param-new');
  const add = kit.form([
    kit.field({ name: 'name_zh', label: t('reg.param.name'), required: true, placeholder: '铅(以Pb计)' }),
    kit.field({ name: 'name_en', label: t('reg.param.nameEn') }),
    kit.field({ name: 'unit', label: t('reg.param.unit'), required: true, placeholder: 'mg/kg' }),
    kit.field({ name: 'precision_kind', label: t('reg.param.precisionKind'), required: true,
      options: [['significant', t('reg.precision.significant')], ['decimals', t('reg.precision.decimals')]] }),
    kit.field({ name: 'precision_digits', label: t('reg.param.digits'), required: true, inputmode: 'numeric', value: '2' }),
    kit.field({ name: 'rounding_unit', label: t('reg.param.rounding'),
      options: [['1', t('reg.param.unit1')], ['0.5', t('reg.param.unitN', { n: '0.5' })], ['0.2', t('reg.param.unitN', { n: '0.2' })]] }),
    kit.field({ name: 'lod', label: t('reg.param.lod'), inputmode: 'decimal' }),
    kit.field({ name: 'loq', label: t('reg.param.loq'), inputmode: 'decimal' }),
    kit.field({ name: 'mu_model', label: t('reg.param.muModel'), required: true,
      options: [['none', t('reg.mu.none')], ['relative', t('reg.mu.relative')], ['absolute', t('reg.mu.absolute')]] }),
    kit.field({ name: 'mu_value', label: t('reg.param.muValue'), inputmode: 'decimal', hint: t('reg.param.muHint') }),
  ], t('reg.add'), async (v) => {
    const body = bodyOf(v);
    if (/^-?\d+$/.test(body.precision_digits ?? '')) body.precision_digits = Number(body.precision_digits);
    const p = await api('/api/register/parameters', { method: 'POST', body });
    kit.reset();
    await load();
    return t('reg.param.added', { what: paramName(p) });
  });
  layout(panel, { list, detail: null, addTitle: t('reg.param.new'), add });
  await load();
}

const MODE = (m) => t(`reg.spec.mode.${m}`);
const RULE = (r) => t(`reg.spec.rule.${r}`);

function limitText(l) {
  const min = l.min != null ? `${l.min_op === '>' ? '>' : '≥'} ${l.min}` : '';
  const max = l.max != null ? `${l.max_op === '<' ? '<' : '≤'} ${l.max}` : '';
  return [min, max].filter(Boolean).join(t('reg.spec.and'));
}

async function specifications(panel) {
  const lk = await lookups();
  const list = h('div', {});
  const detail = h('div', { 'data-testid': 'spec-detail' });
  const formSpot = h('div', {});
  async function load() {
    const items = await apiAll('/api/register/specifications');
    const rows = items.map((s) => {
      const open = h('button', { type: 'button', class: 'btn-link', 'data-testid': 'spec-open', onclick: () => showLimits(s) }, s.name);
      const next = h('button', { type: 'button', class: 'btn-link', 'data-testid': 'spec-next', onclick: () => editor(s) }, t('reg.spec.next'));
      return h('tr', { 'data-testid': 'spec-row' }, h('td', {}, open), h('td', {}, `v${s.version}`),
        h('td', {}, s.standard_id ? empty(lk.standard.get(s.standard_id)?.designation) : t('common.empty')),
        h('td', {}, MODE(s.comparison_mode)), h('td', {}, RULE(s.decision_rule)),
        h('td', {}, status(statusClass(s.status), t(`reg.specStatus.${s.status}`))), h('td', {}, String(s.limits.length)),
        h('td', {}, s.status === 'current' ? next : null));
    });
    replace(list, rows.length ? table('spec-table', [t('reg.spec.name'), t('reg.spec.version'), t('reg.spec.standard'), t('reg.spec.mode'),
      t('reg.spec.rule'), t('reg.col.status'), t('reg.spec.limitCount'), ''], rows, t('reg.tab.specifications')) : muted('reg.none'));
  }
  function showLimits(s) {
    replace(detail, h('h3', {}, `${s.name} v${s.version}`), table('limit-table', [t('reg.spec.product'), t('reg.spec.parameter'), t('reg.spec.limit'),
      t('reg.spec.clause')], s.limits.map((l) => h('tr', { 'data-testid': 'limit-row' }, h('td', {}, l.product_category),
      h('td', {}, paramName(lk.parameter.get(l.parameter_id))), h('td', {}, limitText(l)), h('td', {}, empty(l.clause)))), t('reg.spec.limits')));
  }
  // The form for a new specification, or (from `base`) the next version of one, its limits prefilled.
  function editor(base) {
    const kit = formKit('spec-new');
    const limitsBox = h('div', { class: 'field-wide', 'data-testid': 'spec-limits' });
    let n = 0;
    const live = []; // the rows shown, by the number each was made with, in order
    const paramOptions = [['', t('reg.choose')], ...lk.parameters.map((p) => [p.id, paramName(p)])];
    function addLimit(l = {}) {
      const i = n++;
      live.push(i);
      const f = (name) => `limits[${i}].${name}`;
      const drop = h('button', { type: 'button', class: 'btn-link', 'data-testid': 'spec-drop-limit' }, t('reg.spec.dropLimit'));
      const set = h('fieldset', { class: 'limit-fieldset', 'data-testid': 'spec-limit' }, h('legend', {}, t('reg.spec.limitOf'), ' ', drop),
        kit.spot(`limits[${i}]`),
        h('div', { class: 'grid-form' },
          kit.field({ name: f('parameter_id'), label: t('reg.spec.parameter'), required: true, options: paramOptions, value: l.parameter_id }),
          kit.field({ name: f('product_category'), label: t('reg.spec.product'), required: true, value: l.product_category, placeholder: '大米' }),
          kit.field({ name: f('min_op'), label: t('reg.spec.minOp'), options: [['', t('reg.spec.noBound')], ['>=', '≥'], ['>', '>']], value: l.min_op ?? '' }),
          kit.field({ name: f('min'), label: t('reg.spec.min'), inputmode: 'decimal', value: l.min }),
          kit.field({ name: f('max_op'), label: t('reg.spec.maxOp'), options: [['', t('reg.spec.noBound')], ['<=', '≤'], ['<', '<']],
            value: l.max_op ?? (l.max == null && !base ? '<=' : '') }),
          kit.field({ name: f('max'), label: t('reg.spec.max'), inputmode: 'decimal', value: l.max }),
          kit.field({ name: f('clause'), label: t('reg.spec.clause'), value: l.clause })));
      drop.addEventListener('click', () => {
        live.splice(live.indexOf(i), 1);
        kit.forget(`limits[${i}]`);
        set.remove();
      });
      limitsBox.append(set);
    }
    const more = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'spec-add-limit', onclick: () => addLimit() }, t('reg.spec.addLimit'));
    const el = kit.form([
      kit.field({ name: 'name', label: t('reg.spec.name'), required: true, wide: true, value: base?.name,
        hint: base ? t('reg.spec.nextHint', { v: base.version + 1 }) : t('reg.spec.nameHint') }),
      kit.field({ name: 'standard_id', label: t('reg.spec.standard'), value: base?.standard_id ?? '',
        options: [['', t('reg.none.choice')], ...lk.standards.filter((s) => s.status === 'current').map((s) => [s.id, s.designation])] }),
      kit.field({ name: 'comparison_mode', label: t('reg.spec.mode'), required: true, value: base?.comparison_mode,
        options: [['full', MODE('full')], ['rounded', MODE('rounded')]] }),
      kit.field({ name: 'decision_rule', label: t('reg.spec.rule'), required: true, value: base?.decision_rule,
        options: [['simple', RULE('simple')], ['guard_band', RULE('guard_band')]] }),
      h('div', { class: 'field-wide' }, h('h3', {}, t('reg.spec.limits')), kit.spot('limits')),
      limitsBox, h('div', { class: 'field-wide' }, more),
    ], base ? t('reg.spec.saveNext') : t('reg.add'), async (v) => {
      const limits = [];
      const rows = [...live];
      for (const i of rows) {
        const g = (name) => v[`limits[${i}].${name}`];
        const l = { parameter_id: g('parameter_id'), product_category: g('product_category'), min_op: g('min_op'), min: g('min'),
          max_op: g('max_op'), max: g('max'), clause: g('clause') };
        limits.push(bodyOf(l));
      }
      const body = { ...bodyOf({ name: v.name, standard_id: v.standard_id, comparison_mode: v.comparison_mode, decision_rule: v.decision_rule }), limits };
      let s;
      try {
        s = await api('/api/register/specifications', { method: 'POST', body });
      } catch (err) {
        // limits[k] of the request is the k-th row shown: name it by the row's own fields.
        for (const e of err instanceof ApiError ? err.fieldErrors : []) {
          e.field = e.field.replace(/^limits\[(\d+)\]/, (m, k) => (rows[+k] != null ? `limits[${rows[+k]}]` : m));
        }
        throw err;
      }
      await load();
      showLimits(s);
      editor(null);
      formSpot.querySelector('[data-testid=spec-new-ok]').textContent = t('reg.spec.added', { what: s.name, v: s.version });
      formSpot.querySelector('[data-testid=spec-new-ok]').hidden = false;
      return null;
    });
    for (const l of base?.limits ?? [{}]) addLimit(l);
    replace(formSpot, h('h2', {}, base ? t('reg.spec.nextOf', { what: base.name, v: base.version + 1 }) : t('reg.spec.new')), el);
    if (base) formSpot.scrollIntoView?.({ block: 'start' });
  }
  replace(panel, list, detail, formSpot);
  editor(null);
  await load();
}

async function prices(panel) {
  const lk = await lookups();
  const list = h('div', {});
  const methodName = (m) => (m ? `${m.citation} ${m.name}` : t('common.empty'));
  async function load() {
    const items = await apiAll('/api/register/prices');
    const rows = items.map((p) => h('tr', { 'data-testid': 'price-row' }, h('td', {}, paramName(lk.parameter.get(p.parameter_id))),
      h('td', {}, methodName(lk.method.get(p.method_id))), h('td', { class: 'nowrap' }, t('reg.price.amount', { price: p.price })),
      h('td', { class: 'nowrap' }, p.valid_from), h('td', { class: 'nowrap' }, p.valid_to ?? t('reg.price.open'))));
    replace(list, rows.length ? table('price-table', [t('reg.price.parameter'), t('reg.price.method'), t('reg.price.price'), t('reg.price.from'),
      t('reg.price.to')], rows, t('reg.tab.prices')) : muted('reg.none'));
  }
  const kit = formKit('price-new');
  const add = kit.form([
    kit.field({ name: 'parameter_id', label: t('reg.price.parameter'), required: true,
      options: [['', t('reg.choose')], ...lk.parameters.map((p) => [p.id, paramName(p)])] }),
    kit.field({ name: 'method_id', label: t('reg.price.method'), required: true,
      options: [['', t('reg.choose')], ...lk.methods.filter((m) => m.status === 'current').map((m) => [m.id, methodName(m)])] }),
    kit.field({ name: 'price', label: t('reg.price.priceYuan'), required: true, inputmode: 'decimal', placeholder: '150.00' }),
    kit.field({ name: 'valid_from', label: t('reg.price.from'), required: true, type: 'date', value: today() }),
    kit.field({ name: 'valid_to', label: t('reg.price.to'), type: 'date', placeholder: t('reg.price.toHint') }),
  ], t('reg.add'), async (v) => {
    const p = await api('/api/register/prices', { method: 'POST', body: bodyOf(v) });
    kit.reset();
    await load();
    return t('reg.price.added', { price: p.price, what: paramName(lk.parameter.get(p.parameter_id)) });
  });
  layout(panel, { list, detail: null, addTitle: t('reg.price.new'), add });
  await load();
}

// The CSV import: the columns each kind takes (the first heading of each is the one the template shows).
const IMPORT_COLUMNS = {
  standards: { standard: '标准编号', title: '标题' },
  parameters: { name_zh: '项目', name_en: '英文名称', unit: '单位', precision_kind: '修约方式', precision_digits: '修约位数', rounding_unit: '修约单位',
    lod: '检出限', loq: '定量限', mu_model: '不确定度模型', mu_value: '不确定度' },
  methods: { standard: '依据的标准', clause: '方法', name: '方法名称', principle: '原理', kind: '类型', equipment_types: '设备类型',
    record_date: '验证日期', record_no: '记录编号' },
  specifications: { name: '规范', standard: '依据的标准', parameter: '项目', unit: '单位', product_category: '产品', min_op: '下限符号', min: '下限',
    max_op: '上限符号', max: '上限', clause: '条款', comparison_mode: '判定方式', decision_rule: '判定规则' },
  prices: { parameter: '项目', unit: '单位', method: '方法名称', price: '价格', valid_from: '生效日期', valid_to: '截止日期' },
};

async function upload(kind, encoding, bytes) {
  let res;
  try {
    res = await fetch(`/api/register/import?kind=${encodeURIComponent(kind)}&encoding=${encodeURIComponent(encoding)}`, {
      method: 'POST', body: bytes, headers: { 'Content-Type': 'text/csv', Accept: 'application/json, application/problem+json', 'Accept-Language': getLang(), Authorization: `Bearer ${getToken()}` },
    });
  } catch (err) {
    throw new ApiError(0, { status: 0, title: err.message });
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data ?? { status: res.status });
  return data;
}

async function importTab(panel) {
  const kind = h('select', { id: 'import-kind', 'data-testid': 'import-kind' }, Object.keys(IMPORT_COLUMNS).map((k) => h('option', { value: k }, t(`reg.import.kind.${k}`))));
  const encoding = h('select', { id: 'import-encoding', 'data-testid': 'import-encoding' },
    ['auto', 'utf-8', 'gb18030'].map((e) => h('option', { value: e }, t(`reg.import.enc.${e}`))));
  const file = h('input', { id: 'import-file', type: 'file', accept: '.csv,text/csv', 'data-testid': 'import-file', 'aria-describedby': 'import-file-error' });
  const fileError = h('p', { class: 'field-error', id: 'import-file-error', 'data-testid': 'import-file-error', hidden: true });
  const columns = h('p', { class: 'muted', 'data-testid': 'import-columns' });
  const outcome = h('div', { 'data-testid': 'import-outcome', 'aria-live': 'polite' });
  const showColumns = () => { columns.textContent = t('reg.import.columns', { columns: Object.values(IMPORT_COLUMNS[kind.value]).join(',') }); };
  // The header row as a CSV file (UTF-8 with a BOM, so that Excel opens it in Chinese).
  const template = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'import-template' }, t('reg.import.template'));
  template.addEventListener('click', () => {
    const blob = new Blob(['\ufeff', `${Object.values(IMPORT_COLUMNS[kind.value]).join(',')}\r\n`], { type: 'text/csv;charset=utf-8' });
    const a = h('a', { href: URL.createObjectURL(blob), download: t('reg.import.templateName', { kind: t(`reg.import.kind.${kind.value}`) }) });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  });
  kind.addEventListener('change', showColumns);
  const submit = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'import-submit' }, t('reg.import.submit'));
  const el = h('form', { class: 'grid-form', 'data-testid': 'import-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'import-kind' }, t('reg.import.kind'), h('span', { class: 'required-mark', 'aria-hidden': 'true' }, ' *')), kind),
    h('div', { class: 'field' }, h('label', { for: 'import-encoding' }, t('reg.import.encoding')), encoding),
    h('div', { class: 'field field-wide' }, h('label', { for: 'import-file' }, t('reg.import.file'), h('span', { class: 'required-mark', 'aria-hidden': 'true' }, ' *')),
      file, h('div', { class: 'actions' }, columns, template), fileError),
    h('div', {}, submit));
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    fileError.hidden = true;
    file.removeAttribute('aria-invalid');
    replace(outcome);
    if (!file.files?.length) {
      fileError.textContent = t('problem.required');
      fileError.hidden = false;
      file.setAttribute('aria-invalid', 'true');
      return;
    }
    submit.disabled = true;
    try {
      const res = await upload(kind.value, encoding.value, await file.files[0].arrayBuffer());
      replace(outcome, h('p', { class: 'notice', role: 'status', 'data-testid': 'import-ok' },
        t('reg.import.done', { n: res.added, kind: t(`reg.import.kind.${kind.value}`) })));
    } catch (err) {
      const names = IMPORT_COLUMNS[kind.value];
      const rows = (err instanceof ApiError ? err.fieldErrors : []).map(({ field, problem, code }) => {
        const m = /^line\[(\d+)\]\.(.+)$/.exec(field);
        const column = m ? names[m[2]] ?? m[2] : field === 'body' ? t('reg.import.wholeFile') : names[field] ?? field;
        return h('tr', { 'data-testid': 'import-error-row' }, h('td', { class: 'nowrap' }, m ? t('reg.import.line', { n: m[1] }) : t('common.empty')),
          h('td', {}, column), h('td', {}, problemWords(problem, code)));
      });
      replace(outcome, h('div', { class: 'form-error', role: 'alert', 'data-testid': 'import-error' },
        h('p', { class: 'form-error-summary' }, rows.length ? t('reg.import.failed', { n: rows.length }) : failureText(err))),
      rows.length ? table('import-errors', [t('reg.import.lineCol'), t('reg.import.column'), t('reg.import.problem')], rows, t('reg.import.errors')) : null);
    } finally {
      submit.disabled = false;
    }
  });
  showColumns();
  replace(panel, h('p', {}, t('reg.import.intro')), el, outcome);
}

async function formulas(panel) {
  const lk = await lookups();
  const param = h('select', { id: 'formula-parameter', 'data-testid': 'formula-parameter' }, lk.parameters.map((p) => h('option', { value: p.id }, paramName(p))));
  const method = h('select', { id: 'formula-method', 'data-testid': 'formula-method' },
    lk.methods.map((m) => h('option', { value: m.id }, `${m.citation} ${m.name}`)));
  const list = h('div', { 'data-testid': 'formula-list' });
  async function load() {
    if (!param.value || !method.value) return replace(list, muted('reg.formula.choose'));
    const res = await api('/api/testing/formulas', { query: { parameter_id: param.value, method_id: method.value } });
    const rows = [...res.items].reverse().map((f) => h('tr', { 'data-testid': 'formula-row' }, h('td', {}, `v${f.version}`),
      h('td', {}, h('code', { class: 'formula' }, f.expression)), h('td', {}, f.inputs.join(t('list.separator'))),
      h('td', {}, status(f.status === 'current' ? 'status-ok' : 'status-na', t(`reg.formulaStatus.${f.status}`))), h('td', {}, empty(f.note)),
      h('td', {}, `${f.created_by} ${f.created_at.slice(0, 10)}`)));
    replace(list, rows.length ? table('formula-table', [t('reg.formula.version'), t('reg.formula.expression'), t('reg.formula.inputs'),
      t('reg.col.status'), t('reg.formula.note'), t('reg.formula.by')], rows, t('reg.tab.formulas')) : muted('reg.formula.none'));
  }
  param.addEventListener('change', load);
  method.addEventListener('change', load);
  const kit = formKit('formula-new');
  const add = kit.form([
    kit.field({ name: 'expression', label: t('reg.formula.expression'), required: true, type: 'textarea', hint: t('reg.formula.hint') }),
    kit.field({ name: 'note', label: t('reg.formula.note'), wide: true }),
  ], t('reg.formula.add'), async (v) => {
    const f = await api('/api/testing/formulas', { method: 'POST', body: { parameter_id: param.value, method_id: method.value, ...bodyOf(v) } });
    kit.reset();
    await load();
    return t('reg.formula.added', { v: f.version });
  });
  replace(panel, h('div', { class: 'inline-form' },
    h('div', { class: 'field' }, h('label', { for: 'formula-parameter' }, t('reg.price.parameter')), param),
    h('div', { class: 'field' }, h('label', { for: 'formula-method' }, t('reg.price.method')), method)),
  list, h('h2', {}, t('reg.formula.new')), add);
  await load();
}

async function retention(panel) {
  const list = h('div', {});
  async function load() {
    const res = await api('/api/retention-periods');
    const rows = res.items.map((r) => h('tr', { 'data-testid': 'retention-row' }, h('td', {}, r.product_category), h('td', {}, t('reg.retention.days', { n: r.days }))));
    replace(list, h('p', { 'data-testid': 'retention-default' }, t('reg.retention.default', { n: res.default_days })),
      rows.length ? table('retention-table', [t('reg.retention.category'), t('reg.retention.period')], rows, t('reg.tab.retention')) : muted('reg.none'));
  }
  const kit = formKit('retention-new');
  const add = kit.form([
    kit.field({ name: 'product_category', label: t('reg.retention.category'), required: true, placeholder: '粮食及其制品' }),
    kit.field({ name: 'days', label: t('reg.retention.daysLabel'), required: true, inputmode: 'numeric' }),
  ], t('reg.retention.save'), async (v) => {
    if (!v.product_category) {
      const err = new ApiError(400, { errors: [{ field: 'product_category', problem: 'required' }, ...(v.days ? [] : [{ field: 'days', problem: 'required' }])] });
      throw err;
    }
    const days = /^\d+$/.test(v.days) ? Number(v.days) : v.days === '' ? undefined : v.days;
    const r = await api(`/api/retention-periods/${encodeURIComponent(v.product_category)}`, { method: 'PUT', body: { days } });
    kit.reset();
    await load();
    return t('reg.retention.saved', { category: r.product_category, n: r.days });
  });
  replace(panel, list, h('h2', {}, t('reg.retention.new')), h('p', { class: 'muted' }, t('reg.retention.hint')), add);
  await load();
}

const RENDER = { standards, methods, parameters, specifications, prices, import: importTab, formulas, retention };

export function render(main) {
  return tabbed(main, {
    prefix: 'reg', title: t('nav.register'), titleTestId: 'register',
    tabs: TABS.map((id) => ({ id, label: t(`reg.tab.${id}`) })), render: (id, panel) => RENDER[id](panel),
  });
}
