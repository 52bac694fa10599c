// Intake area (technicians, managers): a new order (委托单) with its samples and requested items, the
// contract review summary with the quote, the customer's decisions on items, receipt with the
// condition, label PDFs; the sample register with filters and Excel export; a sample's page with
// its custody timeline.
import { h, replace } from './dom.js';
import { t, list, problemText, formatDateTime } from './i18n.js';
import { api, apiAll, apiDownload, ApiError } from './api.js';
import { today, empty, errorText, table, form, tabbed, filterBar } from './widgets.js';
import { platformPanel, platformOrderCodes } from './platform-order.js';

const TABS = ['order', 'orders', 'samples'];
const STATUSES = ['registered', 'received', 'in_testing', 'tested', 'reported', 'retained', 'disposed', 'rejected', 'cancelled'];

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function field(id, label, control, wide = false, error = null) {
  return h('div', { class: wide ? 'field field-wide' : 'field' }, h('label', { for: id }, label), control, error);
}

// The new-order form's field problems beside their controls. The API names fields by path
// (contact.name, samples[0].items, samples[0].items[1].method_id); slot(path, control) registers the
// control for a path and returns the error line that goes beside it. show(errors) puts each problem
// beside its control and returns those that have none, each said with the sample's number in words
// instead of its path, never the path itself.
function fieldSlots() {
  const slots = new Map();
  const slot = (path, control) => {
    const error = h('p', { class: 'field-error', id: `${control.id}-error`, 'data-testid': `${control.id}-error`, hidden: true });
    control.setAttribute('aria-describedby', error.id);
    slots.set(path, { control, error });
    return error;
  };
  const clear = () => {
    for (const { control, error } of slots.values()) {
      error.hidden = true;
      error.textContent = '';
      control.removeAttribute('aria-invalid');
    }
  };
  const show = (errors) => {
    const rest = [];
    for (const { field: path, text } of errors) {
      // samples[0].items[1].method_id is about the 1st sample's item list: the nearest registered path.
      let key = path ?? '';
      while (key && !slots.has(key)) {
        const up = key.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
        key = up === key ? '' : up;
      }
      const s = slots.get(key);
      if (s) {
        s.error.textContent = s.error.textContent ? list([s.error.textContent, text]) : text;
        s.error.hidden = false;
        s.control.setAttribute('aria-invalid', 'true');
        continue;
      }
      const m = /^samples\[(\d+)\]/.exec(path ?? '');
      rest.push(m ? t('intake.order.sampleProblem', { n: Number(m[1]) + 1, problem: text }) : text);
    }
    // The first marked control in the page's order (the samples' slots were made before the order's).
    const marked = [...slots.values()].filter((x) => !x.error.hidden).map((x) => x.control)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    marked[0]?.focus();
    return rest;
  };
  return { slot, clear, show };
}

function input(id, value = '', props = {}) {
  return h('input', { id, type: 'text', 'data-testid': id, value, ...props });
}

function select(id, options, value) {
  return h('select', { id, 'data-testid': id }, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

function checkbox(id, label, checked = false) {
  const box = h('input', { id, type: 'checkbox', 'data-testid': id, checked });
  return { box, el: h('div', { class: 'field field-check' }, box, h('label', { for: id }, label)) };
}

// An error box listing the message and every field problem (in words: never the API's field path) and every
// failed rule; with rulesTitle, a rule violation is headed by it instead of the joined detail.
function showError(box, err, rulesTitle = null) {
  const problems = err instanceof ApiError ? err.fieldErrors.map(({ problem }) => h('li', {}, problemText(problem))) : [];
  const rules = err instanceof ApiError && Array.isArray(err.problem.rules)
    ? err.problem.rules.map((r) => h('li', { 'data-testid': 'rule-failure', 'data-rule': r.id }, `${r.id}: ${r.reason}`)) : [];
  const summary = rulesTitle && rules.length ? rulesTitle : errorText(err);
  replace(box, h('p', {}, summary), problems.length || rules.length ? h('ul', {}, problems, rules) : null);
  box.hidden = false;
}

function statusText(status) {
  return t(`intake.status.${status}`);
}

// The orderable items: the price list's parameter + method pairs, named.
async function catalogue() {
  const [params, methods, prices] = await Promise.all([apiAll('/api/register/parameters'), apiAll('/api/register/methods'),
    apiAll('/api/register/prices')]);
  const pName = new Map(params.map((p) => [p.id, p.name_zh]));
  const mName = new Map(methods.map((m) => [m.id, m.citation ?? m.name]));
  const seen = new Set();
  const items = [];
  for (const p of prices) {
    const key = `${p.parameter_id}:${p.method_id}`;
    if (seen.has(key) || !pName.has(p.parameter_id) || !mName.has(p.method_id)) continue;
    seen.add(key);
    items.push({ key, parameter_id: p.parameter_id, method_id: p.method_id,
      label: `${pName.get(p.parameter_id)} — ${mName.get(p.method_id)} (¥${p.price})` });
  }
  return items;
}

// The label PDF's file name with its layout in it (the server names both layouts alike):
// 样品标签-GDQTWT202600001-A4.pdf, 样品标签-GDQTWT202600001-单张.pdf.

// ---- new order -------------------------------------------------------------------------------

// The lab's product list (产品目录) as a datalist: each sample names its product from it (searchable
// by typing), and the product gives the category; the sample's own name stays as the customer wrote it.
function productPicker(products, n) {
  const byName = new Map(products.map((p) => [p.name, p]));
  const product = input(`sample-${n}-product`, '', { list: 'product-list', autocomplete: 'off', placeholder: t('intake.sample.productPick') });
  const category = input(`sample-${n}-category`, '');
  const hint = h('div', { class: 'muted', 'data-testid': `sample-${n}-product-hint` });
  const marks = (p) => [p.cma && 'CMA', p.cnas && 'CNAS'].filter(Boolean).join(' · ');
  const sync = () => {
    const name = product.value.trim();
    const p = byName.get(name);
    if (p) category.value = p.category;
    replace(hint, !name ? '' : p ? t('intake.sample.productIn', { category: p.category, marks: marks(p) || t('intake.sample.productNoScope') })
      : t('intake.sample.productUnknown'));
  };
  product.addEventListener('input', sync);
  product.addEventListener('change', sync);
  return { product, category, hint };
}

async function newOrder(panel, ctx) {
  const [customers, items, products] = await Promise.all([apiAll('/api/organizations', { kind: 'customer' }), catalogue(),
    api('/api/products').then((r) => r.items).catch(() => [])]);
  const productList = h('datalist', { id: 'product-list' },
    products.map((p) => h('option', { value: p.name, label: p.name === p.category ? t('intake.sample.wholeCategory') : p.category })));
  const customer = select('order-customer', customers.map((c) => [c.id, c.name]));
  const contact = input('order-contact');
  const phone = input('order-phone');
  const due = input('order-due', addDays(today(), 7));
  const priority = select('order-priority', [['normal', t('intake.priority.normal')], ['urgent', t('intake.priority.urgent')]]);
  const site = input('order-site', '天河实验室');
  const cma = checkbox('order-cma', 'CMA', true);
  const cnas = checkbox('order-cnas', 'CNAS');
  const language = select('order-language', ['bilingual', 'zh', 'en'].map((l) => [l, t(`intake.language.${l}`)]), 'bilingual');
  const uncertainty = checkbox('order-uncertainty', t('intake.order.uncertainty'));
  const rule = select('order-rule', [['', t('intake.rule.none')], ['simple', t('intake.rule.simple')], ['guard_band', t('intake.rule.guard_band')]]);
  const samplesBox = h('div', { 'data-testid': 'order-samples' });
  const sampleRows = [];
  const slots = fieldSlots();
  function addSample() {
    const n = sampleRows.length;
    const picker = productPicker(products, n);
    const row = {
      name: input(`sample-${n}-name`),
      product: picker.product,
      category: picker.category,
      quantity: input(`sample-${n}-quantity`, '', { size: 6 }),
      unit: input(`sample-${n}-unit`, 'kg', { size: 4 }),
      items: h('select', { id: `sample-${n}-items`, 'data-testid': `sample-${n}-items`, multiple: true, size: Math.min(6, Math.max(2, items.length)) },
        items.map((it) => h('option', { value: it.key }, it.label))),
    };
    sampleRows.push(row);
    samplesBox.append(h('fieldset', { class: 'sample-fieldset' }, h('legend', {}, t('intake.order.sampleN', { n: n + 1 })),
      h('div', { class: 'grid-form' },
        field(row.name.id, t('intake.sample.name'), row.name, false, slots.slot(`samples[${n}].name`, row.name)),
        field(row.product.id, t('intake.sample.product'), row.product, false, [picker.hint, slots.slot(`samples[${n}].product`, row.product)]),
        field(row.category.id, t('intake.sample.category'), row.category, false, slots.slot(`samples[${n}].product_category`, row.category)),
        field(row.quantity.id, t('intake.sample.quantity'), row.quantity, false, slots.slot(`samples[${n}].quantity`, row.quantity)),
        field(row.unit.id, t('intake.sample.unit'), row.unit, false, slots.slot(`samples[${n}].unit`, row.unit)),
        field(row.items.id, t('intake.order.items'), row.items, true, slots.slot(`samples[${n}].items`, row.items)))));
  }
  addSample();
  const errorBox = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'order-error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'order-submit' }, t('intake.order.create'));
  const more = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'order-add-sample', onclick: addSample }, t('intake.order.addSample'));
  const el = h('form', { 'data-testid': 'order-form', novalidate: true },
    h('div', { class: 'grid-form' },
      field(customer.id, t('intake.order.customer'), customer, false, slots.slot('customer_org_id', customer)),
      field(contact.id, t('intake.order.contact'), contact, false, slots.slot('contact', contact)),
      field(phone.id, t('intake.order.phone'), phone, false, slots.slot('contact.phone', phone)),
      field(due.id, t('intake.order.due'), due, false, slots.slot('due_date', due)),
      field(priority.id, t('intake.order.priority'), priority, false, slots.slot('priority', priority)),
      field(site.id, t('intake.order.site'), site, false, slots.slot('site', site)),
      field(language.id, t('intake.order.language'), language, false, slots.slot('report.language', language)),
      field(rule.id, t('intake.order.rule'), rule, false, slots.slot('report.decision_rule', rule)),
      cma.el, cnas.el, uncertainty.el),
    h('h2', {}, t('intake.order.samples')), productList, samplesBox, h('div', { class: 'actions' }, more, submit), errorBox);
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    errorBox.hidden = true;
    slots.clear();
    const marks = [cma.box.checked && 'CMA', cnas.box.checked && 'CNAS'].filter(Boolean);
    const body = {
      customer_org_id: customer.value, contact: { name: contact.value.trim(), phone: phone.value.trim() || null },
      site: site.value.trim() || null, due_date: due.value.trim(), priority: priority.value,
      report: { marks, language: language.value, uncertainty: uncertainty.box.checked, decision_rule: rule.value || null },
      samples: sampleRows.map((r) => ({
        name: r.name.value.trim(), product: r.product.value.trim() || null, product_category: r.category.value.trim() || null,
        quantity: r.quantity.value.trim() || null,
        unit: r.quantity.value.trim() ? r.unit.value.trim() : null,
        items: [...r.items.selectedOptions].map((o) => { const [p, m] = o.value.split(':'); return { parameter_id: p, method_id: m }; }),
      })),
    };
    submit.disabled = true;
    try {
      const res = await api('/api/orders', { method: 'POST', body, withEtag: true });
      ctx.go('orders', res.data.code);
    } catch (err) {
      if (!(err instanceof ApiError) || !err.fieldErrors.length) {
        showError(errorBox, err);
        return;
      }
      // A sample without items: said here in the user's words (the server's text for it is uncatalogued).
      const noItems = new Set(body.samples.map((x, i) => (x.items.length ? null : `samples[${i}].items`)).filter(Boolean));
      const rest = slots.show(err.fieldErrors.map(({ field: f, problem }) => ({ field: f,
        text: noItems.has(f) ? t('intake.order.itemsRequired') : problemText(problem) })));
      replace(errorBox, h('p', {}, t('intake.order.fixFields')), rest.length ? h('ul', {}, rest.map((x) => h('li', {}, x))) : null);
      errorBox.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  replace(panel, h('h2', {}, t('intake.order.new')), el);
}

// ---- an order: review, quote, decisions, receipt, labels ---------------------------------------

// Why an item is in or outside a scope, under its yes / no.
function scopeWhy(text) {
  return text ? h('div', { class: 'muted', 'data-testid': 'scope-why' }, text) : null;
}

function yesNo(value) {
  if (value == null) return t('common.empty');
  return h('span', { class: value ? 'status status-ok' : 'status status-bad' }, value ? t('intake.yes') : t('intake.no'));
}

// Why a reviewed order cannot be accepted yet, from its items, in the user's language: the server's
// acceptance_blockers say the same (the same checks, in this order) but in English only. Should the
// two ever disagree (a check the UI does not know), the server's list is shown as it is.
function acceptanceBlockers(o) {
  const server = o.acceptance_blockers ?? [];
  if (o.status !== 'reviewed') return server;
  const out = [];
  const rule = (reason, fallback) => (/^R\d+/.exec(reason ?? '') ?? [fallback])[0];
  let anyLeft = false;
  for (const i of o.items) {
    if (i.excluded) continue;
    anyLeft = true;
    const item = t('intake.blocker.item', { n: i.position, sample: i.sample_code, parameter: i.parameter });
    const r = i.review ?? {};
    if (!r.reviewed) {
      out.push({ rule: 'R33', reason: t('intake.blocker.addedAfterReview', { item }) });
      continue;
    }
    if (i.subcontract) continue;
    if (!r.can_perform) out.push({ rule: rule(r.blockers, 'R13'), reason: t('intake.blocker.cannotPerform', { item, blockers: r.blockers ?? '' }) });
    if (i.outside_scope_accepted) continue;
    if (o.report.marks.includes('CMA') && !r.cma_in_scope) out.push({ rule: rule(r.cma_reason, 'R1'), reason: t('intake.blocker.outsideCma', { item }) });
    if (o.report.marks.includes('CNAS') && !r.cnas_in_scope) out.push({ rule: rule(r.cnas_reason, 'R1'), reason: t('intake.blocker.outsideCnas', { item }) });
  }
  if (!anyLeft) out.push({ rule: 'R33', reason: t('intake.blocker.allExcluded') });
  const same = out.length === server.length && out.every((b, k) => b.rule === server[k].rule);
  return same ? out : server;
}

async function orderPage(panel, ctx, code) {
  const { data: o, etag } = await api(`/api/orders/${encodeURIComponent(code)}`, { withEtag: true });
  const reload = () => orderPage(panel, ctx, code);
  const errorBox = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'order-page-error', hidden: true });
  const decisionBox = h('div', { 'data-testid': 'decision-panel' });
  // send() throws (a form shows the field errors beside its fields); post() shows the error in `box`.
  async function send(path, body) {
    await api(`/api/orders/${encodeURIComponent(code)}${path}`, { method: 'POST', body, headers: { 'If-Match': etag } });
    await reload();
  }
  async function post(path, body, { box = errorBox, rulesTitle = null } = {}) {
    errorBox.hidden = true;
    box.hidden = true;
    try {
      await send(path, body ?? {});
    } catch (err) {
      showError(box, err, rulesTitle);
      box.scrollIntoView({ block: 'nearest' }); // a row's box may be below the fold of the table's scroll area
    }
  }
  const openForm = (...content) => {
    replace(decisionBox, ...content);
    decisionBox.querySelector('input')?.focus();
  };
  const canWrite = ctx.permissions.includes('orders:write');
  const writable = ctx.permissions.includes('orders:write') && (o.status === 'draft' || o.status === 'reviewed' || o.status === 'accepted');
  const rows = o.items.map((i) => {
    const r = i.review;
    const actions = [];
    if (writable && !i.excluded && !i.subcontract?.dispatched_at) {
      actions.push(h('button', { type: 'button', class: 'btn-link', 'data-testid': 'item-exclude', onclick: () => replace(decisionBox,
        h('h3', {}, t('intake.item.excludeTitle', { n: i.position })),
        form('exclude', [{ name: 'reason', label: t('intake.item.reason') }, { name: 'agreed_by', label: t('intake.item.agreedBy') }],
          t('intake.item.exclude'), (v) => post(`/items/${i.position}`, { exclude: true, reason: v.reason, agreed_by: v.agreed_by }))) },
      t('intake.item.exclude')));
      if (r.reviewed && ((o.report.marks.includes('CMA') && !r.cma_in_scope) || (o.report.marks.includes('CNAS') && !r.cnas_in_scope))
        && !i.outside_scope_accepted && !i.subcontract && o.status !== 'accepted') {
        actions.push(' ', h('button', { type: 'button', class: 'btn-link', 'data-testid': 'item-accept-outside', onclick: () => replace(decisionBox,
          h('h3', {}, t('intake.item.outsideTitle', { n: i.position })),
          form('outside', [{ name: 'note', label: t('intake.item.note') }], t('intake.item.acceptOutside'),
            (v) => post(`/items/${i.position}`, { accept_outside_scope: true, note: v.note }))) }, t('intake.item.acceptOutside')));
      }
    }
    const sub = subcontractCell(i, { canWrite: canWrite && (o.status === 'reviewed' || o.status === 'accepted'), post, send, openForm });
    if (sub.action) actions.push(' ', sub.action);
    return h('tr', { 'data-testid': 'item-row', 'data-position': String(i.position), class: i.excluded ? 'excluded' : null },
      h('td', {}, String(i.position)), h('td', { class: 'nowrap' }, i.sample_code),
      h('td', {}, i.parameter, i.package ? h('div', { class: 'muted' }, i.package) : null), h('td', {}, i.method),
      h('td', {}, r.reviewed ? yesNo(r.can_perform) : t('intake.notReviewed'), r.blockers ? h('div', { class: 'muted' }, r.blockers) : null,
        r.performers ? h('div', { class: 'muted' }, t('intake.item.performers', { who: r.performers })) : null),
      h('td', { 'data-testid': 'item-cma' }, r.reviewed ? yesNo(r.cma_in_scope) : '', scopeWhy(r.cma_reason ?? r.cma_basis)),
      h('td', { 'data-testid': 'item-cnas' }, r.reviewed ? yesNo(r.cnas_in_scope) : '', scopeWhy(r.cnas_reason ?? r.cnas_basis)),
      h('td', { class: 'nowrap' }, i.price ? `¥${i.price}` : (r.reviewed ? t('intake.noPrice') : '')),
      h('td', {}, i.excluded ? t('intake.item.excludedBy', { reason: i.exclusion_reason, who: i.exclusion_agreed_by })
        : (i.outside_scope_accepted ? t('intake.item.outsideAccepted', { note: i.outside_scope_note }) : ''), sub.state, actions, sub.buttons));
  });
  const blockers = acceptanceBlockers(o);
  const buttons = [];
  if (ctx.permissions.includes('orders:write') && (o.status === 'draft' || o.status === 'reviewed'))
    buttons.push(h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'order-review', onclick: () => post('/review') },
      t('intake.order.review')));
  if (ctx.permissions.includes('orders:write') && o.status === 'reviewed')
    buttons.push(h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'order-accept',
      onclick: () => post('/accept', undefined, { rulesTitle: t('intake.order.blockers') }) },
      t('intake.order.accept')));
  const labels = (layout) => h('button', { type: 'button', class: 'btn-secondary', 'data-testid': `order-labels-${layout}`,
    onclick: () => apiDownload(`/api/orders/${encodeURIComponent(code)}/labels`, { query: { layout } }).catch((err) => showError(errorBox, err)) },
  t(`intake.labels.${layout}`));
  buttons.push(labels('a4'), labels('single'));
  // The specification each sample's results are judged by: chosen at contract review; after acceptance it
  // is changed in testing (分配), with a reason.
  const specChoosable = ctx.permissions.includes('orders:write') && (o.status === 'draft' || o.status === 'reviewed');
  const specs = await apiAll('/api/register/specifications').catch(() => []);
  const specName = (id) => specs.find((x) => x.id === id)?.name ?? (id ? `#${id}` : t('intake.spec.none'));
  const specCell = (s) => {
    if (!specChoosable) return h('td', { 'data-testid': 'sample-spec' }, specName(s.specification_id));
    const pick = h('select', { 'data-testid': 'sample-spec-select', 'aria-label': t('intake.spec.label', { code: s.code }) },
      h('option', { value: '' }, t('intake.spec.none')),
      specs.filter((x) => x.status === 'current' || x.id === s.specification_id)
        .map((x) => h('option', { value: x.id, selected: x.id === s.specification_id }, `${x.name}（V${x.version}）`)));
    pick.addEventListener('change', () => post(`/samples/${encodeURIComponent(s.code)}/specification`, { specification_id: pick.value || null }));
    return h('td', { 'data-testid': 'sample-spec' }, pick);
  };
  const samples = o.samples.map((s) => h('tr', { 'data-testid': 'order-sample-row' },
    h('td', { class: 'nowrap' }, h('a', { class: 'btn-link', href: `#/intake/samples/${encodeURIComponent(s.code)}`, 'data-testid': 'sample-open' }, s.code)),
    h('td', {}, s.name, s.product && s.product !== s.name ? h('div', { class: 'muted' }, s.product) : null), specCell(s),
    h('td', { 'data-testid': 'sample-status' }, statusText(s.status)),
    h('td', {}, s.condition ?? ''), h('td', {}, s.deviation ? `${s.deviation} (${t(`intake.decision.${s.customer_decision}`)})` : ''),
    h('td', {}, s.status === 'registered' && ctx.permissions.includes('samples:write')
      ? h('button', { type: 'button', class: 'btn-link', 'data-testid': 'sample-receive', onclick: () => receiveForm(decisionBox, s, reload) },
        t('intake.sample.receive')) : '')));
  // An order booked on the platform's SME portal: its panel (the SME, the offer, questions, messages).
  const platformSlot = h('div', { 'data-testid': 'platform-booking-slot' });
  platformPanel(platformSlot, ctx, o, reload);
  replace(panel,
    h('h2', { 'data-testid': 'order-title' }, t('intake.order.title', { code: o.code, customer: o.customer })),
    h('p', { 'data-testid': 'order-status' }, t('intake.order.statusLine', { status: t(`intake.orderStatus.${o.status}`), due: o.due_date,
      marks: o.report.marks.join(' + ') || t('intake.noMarks') })),
    o.review.reviewer ? h('p', { class: 'muted', 'data-testid': 'order-reviewer' }, t('intake.order.reviewedBy', { who: o.review.reviewer, date: o.review.date })) : null,
    platformSlot,
    h('h3', {}, t('intake.order.reviewSummary')),
    table('items-table', ['#', t('intake.col.sample'), t('intake.col.parameter'), t('intake.col.method'), t('intake.col.canPerform'),
      'CMA', 'CNAS', t('intake.col.price'), t('intake.col.decision')], rows, t('intake.order.reviewSummary')),
    h('p', { class: 'quote', 'data-testid': 'order-quote' }, o.quote.total != null ? t('intake.order.quote', { total: o.quote.total })
      : t('intake.order.quotePending')),
    blockers.length ? h('div', { class: 'status-warn', 'data-testid': 'order-blockers' }, h('p', {}, t('intake.order.blockers')),
      h('ul', {}, blockers.map((b) => h('li', { 'data-testid': 'order-blocker', 'data-rule': b.rule }, `${b.rule}: ${b.reason}`)))) : null,
    h('div', { class: 'actions' }, buttons), errorBox, decisionBox,
    h('h3', {}, t('intake.order.samples')),
    table('order-samples-table', [t('intake.col.code'), t('intake.sample.name'), t('intake.spec.column'), t('intake.col.status'), t('intake.sample.condition'),
      t('intake.sample.deviation'), ''], samples, t('intake.order.samples')));
}

// R31 on an item's row: the subcontract's state (the customer's written consent → the receiving lab's acceptance →
// dispatched, with the receiving lab), the "subcontract" action (the consent form, again to change it until dispatch),
// and the buttons for the acceptance (a form) and the dispatch, whose refusal lists the R31 reasons in the row.
// Returns {state, action, buttons}; forms open in the page's decision panel through openForm.
function subcontractCell(i, { canWrite, post, send, openForm }) {
  const c = i.subcontract;
  const base = `/items/${i.position}/subcontract`;
  const dispatched = Boolean(c?.dispatched_at);
  let state = null;
  if (c) {
    const stage = dispatched ? 'dispatched' : c.accepted_at ? 'accepted' : 'consented';
    const numbers = c.receiving_cma_no || c.receiving_cnas_no
      ? h('div', { class: 'muted', 'data-testid': 'subcontract-numbers' }, t('intake.sub.numbers',
        { cma: c.receiving_cma_no || t('intake.sub.none'), cnas: c.receiving_cnas_no || t('intake.sub.none') })) : null;
    state = h('div', { class: 'subcontract', 'data-testid': 'item-subcontract', 'data-state': stage },
      h('div', { 'data-testid': 'subcontract-lab' }, h('strong', {}, t('intake.sub.to', { lab: c.receiving_lab }))), numbers,
      h('div', {}, h('span', { class: dispatched ? 'status status-ok' : 'status status-warn', 'data-testid': 'subcontract-state' },
        t(`intake.sub.state.${stage}`, { at: formatDateTime(c.dispatched_at) }))),
      h('div', { class: 'muted' }, t('intake.sub.consent', { who: c.consented_by, ref: c.consent_ref, at: formatDateTime(c.consent_at) })),
      c.accepted_at ? h('div', { class: 'muted' }, t('intake.sub.acceptance',
        { who: c.accepted_by, ref: c.acceptance_ref, at: formatDateTime(c.accepted_at) })) : null);
  }
  if (!canWrite || i.excluded || dispatched) return { state, action: null, buttons: null };
  const action = h('button', { type: 'button', class: 'btn-link', 'data-testid': 'item-subcontract-open', onclick: () => openForm(
    h('h3', {}, t('intake.sub.title', { n: i.position })),
    form('subcontract', [
      { name: 'receiving_lab', label: t('intake.sub.receivingLab'), value: c?.receiving_lab },
      { name: 'receiving_cma_no', label: t('intake.sub.cmaNo'), value: c?.receiving_cma_no },
      { name: 'receiving_cnas_no', label: t('intake.sub.cnasNo'), value: c?.receiving_cnas_no },
      { name: 'consented_by', label: t('intake.sub.consentedBy'), value: c?.consented_by },
      { name: 'consent_ref', label: t('intake.sub.consentRef'), value: c?.consent_ref },
    ], t('intake.sub.submit'), (v) => send(base, Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== '' || !k.endsWith('_no')))))) },
  t(c ? 'intake.sub.change' : 'intake.sub.action'));
  if (!c) return { state, action, buttons: null };
  const error = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'subcontract-error', hidden: true });
  const buttons = h('div', { class: 'actions' },
    c.accepted_at ? null : h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'subcontract-accept', onclick: () => openForm(
      h('h3', {}, t('intake.sub.acceptTitle', { n: i.position, lab: c.receiving_lab })),
      form('subcontract-acceptance', [
        { name: 'accepted_by', label: t('intake.sub.acceptedBy') }, { name: 'acceptance_ref', label: t('intake.sub.acceptanceRef') },
      ], t('intake.sub.accept'), (v) => send(`${base}/acceptance`, v))) }, t('intake.sub.accept')),
    h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'subcontract-dispatch', onclick: () => post(`${base}/dispatch`, undefined, { box: error, rulesTitle: t('intake.sub.cannotDispatch') }) },
      t('intake.sub.dispatch')),
    error);
  return { state, action, buttons };
}

function receiveForm(box, s, done) {
  replace(box, h('h3', {}, t('intake.sample.receiveTitle', { code: s.code })),
    form('receive', [
      { name: 'condition', label: t('intake.sample.condition') },
      { name: 'deviation', label: t('intake.sample.deviation') },
      { name: 'customer_decision', label: t('intake.sample.decision'), options: [['', t('intake.decision.none')],
        ['proceed', t('intake.decision.proceed')], ['reject', t('intake.decision.reject')]] },
    ], t('intake.sample.receive'), async (v) => {
      const { etag } = await api(`/api/samples/${encodeURIComponent(s.code)}`, { withEtag: true });
      await api(`/api/samples/${encodeURIComponent(s.code)}/receive`, { method: 'POST', headers: { 'If-Match': etag },
        body: { condition: v.condition, deviation: v.deviation || null, customer_decision: v.customer_decision || null } });
      await done();
    }));
}

// ---- orders list ------------------------------------------------------------------------------

async function orderList(panel, ctx) {
  const [orders, fromPlatform] = await Promise.all([api('/api/orders', { query: { limit: 100 } }), platformOrderCodes()]);
  const rows = orders.items.map((o) => h('tr', { 'data-testid': 'order-row' },
    h('td', { class: 'nowrap' }, h('a', { class: 'btn-link', href: `#/intake/orders/${encodeURIComponent(o.code)}`, 'data-testid': 'order-open' }, o.code),
      fromPlatform.has(o.code) ? [' ', h('span', { class: 'source-badge', 'data-testid': 'order-source-platform', title: t('intake.platform.badgeTitle') }, t('intake.platform.badge'))] : null),
    h('td', {}, o.customer), h('td', {}, t(`intake.orderStatus.${o.status}`)), h('td', { class: 'nowrap' }, o.due_date),
    h('td', { class: 'nowrap' }, o.quote.total != null ? `¥${o.quote.total}` : '')));
  replace(panel, rows.length
    ? table('orders-table', [t('intake.col.order'), t('intake.order.customer'), t('intake.col.status'), t('intake.order.due'), t('intake.col.quote')],
      rows, t('intake.tab.orders'))
    : h('p', { class: 'muted' }, t('intake.orders.none')));
}

// ---- the sample register and one sample's page -------------------------------------------------

async function sampleList(panel, ctx) {
  const q = input('samples-q', '', { type: 'search' });
  const status = select('samples-status', [['', t('intake.status.any')], ...STATUSES.map((s) => [s, statusText(s)])]);
  const product = input('samples-product', '', { list: 'samples-product-list', autocomplete: 'off' });
  const productList = h('datalist', { id: 'samples-product-list' });
  api('/api/products').then((r) => replace(productList, r.items.map((p) => h('option', { value: p.name, label: p.category })))).catch(() => {});
  const category = input('samples-category');
  const from = input('samples-from', '', { placeholder: 'YYYY-MM-DD', size: 10 });
  const to = input('samples-to', '', { placeholder: 'YYYY-MM-DD', size: 10 });
  const results = h('div', { 'data-testid': 'samples-results' });
  const errorBox = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const filters = () => ({ q: q.value.trim(), status: status.value, product: product.value.trim(), product_category: category.value.trim(), from: from.value.trim(),
    to: to.value.trim() });
  let cursor = null;
  async function load(append) {
    errorBox.hidden = true;
    try {
      const page = await api('/api/samples', { query: { ...filters(), limit: 50, cursor: append ? cursor : null } });
      cursor = page.next_cursor;
      const rows = page.items.map((s) => h('tr', { 'data-testid': 'sample-row' },
        h('td', { class: 'nowrap' }, h('a', { class: 'btn-link', href: `#/intake/samples/${encodeURIComponent(s.code)}`, 'data-testid': 'sample-open' },
          s.code)),
        h('td', {}, s.name), h('td', {}, s.product ?? ''), h('td', {}, s.product_category), h('td', {}, statusText(s.status)), h('td', {}, s.holder),
        h('td', { class: 'nowrap' }, ctx.formatDateTime(s.created_at))));
      const tbody = results.querySelector('tbody');
      if (append && tbody) tbody.append(...rows);
      else replace(results, rows.length ? table('samples-table', [t('intake.col.code'), t('intake.sample.name'), t('intake.sample.product'), t('intake.sample.category'),
        t('intake.col.status'), t('intake.col.holder'), t('intake.col.registered')], rows, t('intake.tab.samples'))
        : h('p', { class: 'muted' }, t('intake.samples.none')));
      moreBtn.hidden = !cursor;
    } catch (err) {
      showError(errorBox, err);
    }
  }
  const moreBtn = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'samples-more', hidden: true, onclick: () => load(true) },
    t('intake.samples.more'));
  const search = h('form', { class: 'grid-form', 'data-testid': 'samples-filter', novalidate: true },
    field(q.id, t('intake.samples.q'), q), field(status.id, t('intake.col.status'), status),
    field(product.id, t('intake.sample.product'), [product, productList]), field(category.id, t('intake.sample.category'), category),
    field(from.id, t('intake.samples.from'), from), field(to.id, t('intake.samples.to'), to),
    h('div', {}, h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'samples-search' }, t('intake.samples.search'))));
  search.addEventListener('submit', (e) => { e.preventDefault(); load(false); });
  const xlsx = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'samples-export',
    onclick: () => apiDownload('/api/samples/export.xlsx', { query: filters() }).catch((err) => showError(errorBox, err)) }, t('intake.samples.export'));
  replace(panel, filterBar('samples-filter-bar', t('common.filters'), search), h('div', { class: 'actions' }, xlsx), errorBox, results, moreBtn);
  await load(false);
}

async function samplePage(panel, ctx, code) {
  const path = `/api/samples/${encodeURIComponent(code)}`;
  const [{ data: s, etag }, custody] = await Promise.all([api(path, { withEtag: true }), api(`${path}/custody`)]);
  const errorBox = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const facts = [
    [t('intake.sample.name'), s.name], [t('intake.sample.product'), s.product ?? t('intake.sample.productByName')],
    [t('intake.sample.category'), s.product_category], [t('intake.col.order'), s.order_code ? h('a', { href: `#/intake/orders/${encodeURIComponent(s.order_code)}`, 'data-testid': 'sample-order' }, s.order_code) : null],
    [t('intake.col.status'), statusText(s.status)], [t('intake.col.holder'), s.holder], [t('intake.sample.batch'), s.batch_no],
    [t('intake.sample.quantity'), s.quantity ? `${s.quantity} ${s.unit ?? ''}` : null], [t('intake.sample.condition'), s.condition],
    [t('intake.sample.deviation'), s.deviation], [t('intake.sample.retainUntil'), s.retain_until],
    ...(s.disposal_method ? [[t('intake.sample.disposalMethod'), s.disposal_method]] : []),
  ];
  const transfer = ctx.permissions.includes('samples:write') && !['disposed', 'cancelled'].includes(s.status)
    ? form('transfer', [{ name: 'to', label: t('intake.custody.to') }, { name: 'reason', label: t('intake.custody.reason') }],
      t('intake.custody.transfer'), async (v) => {
        await api(`${path}/transfer`, { method: 'POST', body: v, headers: { 'If-Match': etag } });
        await samplePage(panel, ctx, code);
      }) : null;
  // Receipt on the sample's own page too (the dashboard's 待收样 card leads to the register, then here).
  const receiptBox = h('div', { 'data-testid': 'sample-receipt' });
  const receive = s.status === 'registered' && ctx.permissions.includes('samples:write')
    ? [h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'sample-receive',
      onclick: () => receiveForm(receiptBox, s, () => samplePage(panel, ctx, code)) }, t('intake.sample.receive'))), receiptBox] : null;
  replace(panel,
    h('h2', { 'data-testid': 'sample-title' }, s.code),
    h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v instanceof Node ? v : empty(v))])),
    receive,
    sampleActions(ctx, s, { path, etag, reload: (msg) => samplePage(panel, ctx, code).then(() => msg && showSampleNotice(panel, msg)) }),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'sample-label',
      onclick: () => apiDownload(`${path}/labels`, { query: { layout: 'single' } }).catch((err) => showError(errorBox, err)) }, t('intake.labels.single'))),
    errorBox,
    h('h3', {}, t('intake.custody.title')),
    table('custody-table', [t('intake.custody.at'), t('intake.custody.by'), t('intake.custody.from'), t('intake.custody.to'),
      t('intake.custody.reason')], custodyRows(ctx, s, custody.items), t('intake.custody.title')),
    transfer ? h('h3', {}, t('intake.custody.transfer')) : null, transfer);
}

// ---- a sample's status actions and custody timeline (the sample page) ---------------------------

// The status changes a person makes on a sample, among those its status allows (allowed_transitions):
// receipt has its own form, and testing and reporting move the sample with its work.
const SAMPLE_ACTIONS = ['rejected', 'cancelled', 'retained', 'disposed'];

function showSampleNotice(panel, msg) {
  panel.querySelector('[data-testid="sample-title"]')?.after(h('p', { role: 'status', class: 'notice', 'data-testid': 'sample-notice' }, msg));
}

// One button per allowed action; each opens its inline form (the reason, and for disposal how the sample
// was disposed of). The server's answers appear beside the fields: a missing reason or method, and a
// refused rule (R22: retained until its retention date) beside the disposal method.
function sampleActions(ctx, s, { path, etag, reload }) {
  if (!ctx.permissions.includes('samples:write')) return null;
  const allowed = SAMPLE_ACTIONS.filter((to) => (s.allowed_transitions ?? []).includes(to));
  if (!allowed.length) return null;
  const formBox = h('div', { 'data-testid': 'sample-action-form' });
  const buttons = allowed.map((to) => h('button', { type: 'button', class: to === 'rejected' || to === 'cancelled' ? 'btn-secondary' : 'btn-primary',
    'data-testid': `sample-action-${to}`, 'aria-expanded': 'false', onclick: (e) => {
      for (const b of buttons) b.setAttribute('aria-expanded', String(b === e.currentTarget));
      const fields = [{ name: 'reason', label: t(to === 'retained' ? 'intake.action.reasonOptional' : 'intake.action.reason') }];
      if (to === 'disposed') fields.push({ name: 'method', label: t('intake.action.method') });
      const f = form(`sample-${to}`, fields, t(`intake.action.${to}`), async (v) => {
        const body = { to, reason: v.reason };
        if (to === 'disposed') body.method = v.method;
        try {
          await api(`${path}/status`, { method: 'POST', body, headers: { 'If-Match': etag } });
        } catch (err) {
          // A refused rule (422) is said beside the field it concerns: the disposal method.
          if (err instanceof ApiError && Array.isArray(err.problem.rules) && err.problem.rules.length) {
            const field = to === 'disposed' ? 'method' : 'reason';
            throw new ApiError(err.status, { ...err.problem,
              errors: [...err.fieldErrors, ...err.problem.rules.map((r) => ({ field, problem: `${r.id}: ${r.reason}` }))] });
          }
          throw err;
        }
        await reload(t(`intake.action.done.${to}`, { code: s.code }));
      });
      replace(formBox, h('div', { class: 'sample-actions-form' }, h('h3', {}, t(`intake.action.title.${to}`, { code: s.code })),
        to === 'disposed' && s.retain_until ? h('p', { class: 'muted', 'data-testid': 'sample-retain-note' },
          t('intake.action.retainedUntil', { date: s.retain_until })) : null,
        to === 'retained' ? h('p', { class: 'muted' }, t('intake.action.retainHint')) : null,
        f, h('button', { type: 'button', class: 'btn-link', 'data-testid': 'sample-action-cancel', onclick: () => {
          replace(formBox);
          for (const b of buttons) b.setAttribute('aria-expanded', 'false');
        } }, t('intake.action.close'))));
      f.querySelector('input')?.focus();
    } }, t(`intake.action.${to}`)));
  return h('div', { 'data-testid': 'sample-actions' }, h('div', { class: 'actions' }, buttons), formBox);
}

// The custody timeline, oldest first, opening with the receipt (the sample came from the customer to
// the lab with its condition), which the custody list itself does not hold.
function custodyRows(ctx, s, events) {
  // The server records the receipt as a custody event ("收样 / received: <condition>"); a sample
  // received before it did gets the row from its received_at, condition and holder.
  const isReceipt = (e) => /^收样 \/ received/.test(e.reason ?? '');
  const receiptReason = t('intake.custody.receipt', { condition: s.condition || t('common.empty') });
  // The registration is recorded as "登记 / registered" from "委托方": said in the user's language too.
  const isRegistration = (e) => /^登记 \/ registered$/.test(e.reason ?? '');
  const rows = events.map((e) => (isReceipt(e)
    ? { at: e.at, by: e.by, from: t('intake.custody.customer'), to: e.to, reason: receiptReason, receipt: true }  // in the user's words
    : isRegistration(e)
      ? { at: e.at, by: e.by, from: t('intake.custody.customer'), to: e.to, reason: t('intake.custody.registered'), receipt: false }
      : { at: e.at, by: e.by, from: e.from, to: e.to, reason: e.reason, receipt: false }));
  const recorded = events.some(isReceipt);
  if (s.received_at && !recorded) {
    const before = events.filter((e) => String(e.at) <= String(s.received_at));
    rows.push({ at: s.received_at, by: null, from: t('intake.custody.customer'), to: before.length ? before[before.length - 1].to : s.holder,
      reason: receiptReason, receipt: true, made: true });
  }
  // Oldest first, the server's own order kept (a stable sort); a receipt made here from the
  // sample comes after the events of the same second.
  rows.sort((x, y) => String(x.at).localeCompare(String(y.at)) || Number(!!x.made) - Number(!!y.made));
  return rows.map((e) => h('tr', { 'data-testid': 'custody-row', 'data-kind': e.receipt ? 'receipt' : 'custody', class: e.receipt ? 'custody-receipt' : null },
    h('td', { class: 'nowrap' }, ctx.formatDateTime(e.at)), h('td', {}, empty(e.by)), h('td', {}, e.from), h('td', {}, e.to), h('td', {}, e.reason)));
}

const RENDER = { order: newOrder, orders: orderList, samples: sampleList };

// Deep links: #/intake/<tab>, #/intake/orders/<code>, #/intake/samples/<code>.
export function render(main, ctx) {
  const tabs = TABS.filter((tab) => tab !== 'order' || ctx.permissions.includes('orders:write'));
  const [sub, key] = ctx.route ?? [];
  let deep = key && (sub === 'orders' || sub === 'samples') ? [sub, key] : null;
  return tabbed(main, {
    prefix: 'intake', title: t('nav.intake'), titleTestId: 'intake', initial: sub,
    tabs: tabs.map((id) => ({ id, label: t(`intake.tab.${id}`) })),
    render: (id, panel) => {
      if (deep) {
        const [kind, code] = deep;
        deep = null;
        return kind === 'orders' ? orderPage(panel, ctx, code) : samplePage(panel, ctx, code);
      }
      ctx.mark?.(id);
      return RENDER[id](panel, ctx);
    },
  });
}
