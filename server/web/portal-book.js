// The SME portal's booking page (#/book): the cart's rows (one lab), the samples (each gets every
// chosen item unless unticked), the report requirements, how the sample travels, the live quote from
// POST /api/portal/quote and the submit (POST /api/portal/bookings with an Idempotency-Key kept while
// the same form is retried). The draft lives in this module, so leaving the page and coming back keeps it.
import { h, replace } from './dom.js';
import { t, getLang } from './i18n.js';
import { api, ApiError } from './api.js';
import { errorText, table } from './widgets.js';
import { input, select, textarea, checkbox, field, fieldSlots, errorBox, showError, hideError, money } from './portal-util.js';
import { cart, session, go } from './portal.js';

const SAMPLE_FIELDS = ['name', 'category', 'brand', 'model', 'batch_no', 'manufacturer', 'manufacturer_uscc', 'quantity', 'unit'];
const REQUIRED = new Set(['name', 'category']);

let draft = null;
let lastSubmitted = null; // the id of the booking just made: its page says so once

export function takeSubmitted(id) {
  const yes = lastSubmitted === String(id);
  if (yes) lastSubmitted = null;
  return yes;
}

// A random UUID for the Idempotency-Key; crypto.randomUUID exists only on HTTPS (and localhost).
function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

function newSample() {
  return { name: '', category: '', brand: '', model: '', batch_no: '', manufacturer: '', manufacturer_uscc: '', quantity: '', unit: 'kg', excluded: [] };
}

function freshDraft(labId) {
  return {
    labId, key: uuid(), keyBody: null,
    samples: [newSample()],
    report: { marks: ['CMA'], language: 'zh', decision_rule: 'simple', uncertainty: false, remains: 'dispose' },
    delivery: { method: 'drop_off', carrier: '', tracking_no: '', address: '' },
    note: '',
  };
}

function rowLabel(r) {
  const p = getLang() === 'en' && r.parameter_en ? r.parameter_en : r.parameter;
  return `${p} · ${r.standard}`;
}

// The request's samples: each with its items (every chosen row not unticked for it), empty fields left out.
function samplesBody(rows) {
  return draft.samples.map((s) => {
    const out = {};
    for (const f of SAMPLE_FIELDS) if (String(s[f] ?? '').trim()) out[f] = String(s[f]).trim();
    if (!out.quantity) delete out.unit;
    out.items = rows.filter((r) => !s.excluded.includes(r.key)).map((r) => r.key);
    return out;
  });
}

function bookingBody(rows) {
  const d = draft.delivery;
  const delivery = { method: d.method };
  if (d.method === 'courier') Object.assign(delivery, { carrier: d.carrier.trim() || undefined, tracking_no: d.tracking_no.trim() });
  if (d.method === 'lab_sampling') delivery.address = d.address.trim();
  const body = { lab_id: draft.labId, samples: samplesBody(rows), report: { ...draft.report }, delivery };
  if (draft.note.trim()) body.note = draft.note.trim();
  return body;
}

// ---- the live quote ----

function quoteTable(q) {
  const rows = (q.lines ?? []).map((l) => h('tr', { 'data-testid': 'quote-line' },
    h('td', { 'data-label': t('portal.book.col.sample') }, l.sample ?? ''), h('td', { 'data-label': t('catalogue.col.parameter') }, l.parameter ?? ''),
    h('td', { 'data-label': t('catalogue.col.standard') }, l.standard ?? ''),
    h('td', { 'data-label': t('catalogue.col.price'), class: 'nowrap' }, money(l.price))));
  return [
    table('quote-table', [t('portal.book.col.sample'), t('catalogue.col.parameter'), t('catalogue.col.standard'), t('catalogue.col.price')], rows, t('portal.book.quote')),
    h('p', { class: 'quote', 'data-testid': 'quote-total' }, t('portal.book.total', { total: q.total ?? '0.00' })),
    q.unpriced ? h('p', { class: 'muted', 'data-testid': 'quote-unpriced' }, t('portal.book.unpriced', { n: q.unpriced })) : null,
    h('p', { class: 'muted' }, t('portal.book.quoteNote')),
  ];
}

function quoter(box, rows) {
  let timer = null;
  let seq = 0;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++seq;
      const samples = samplesBody(rows);
      if (!samples.some((s) => s.items.length)) {
        replace(box, h('p', { class: 'muted', 'data-testid': 'quote-empty' }, t('portal.book.quoteEmpty')));
        return;
      }
      box.setAttribute('aria-busy', 'true');
      try {
        // The quote needs each sample's name; an unnamed one is quoted as "样品 n".
        const q = await api('/api/portal/quote', { method: 'POST', body: { lab_id: draft.labId,
          samples: samples.map((s, i) => ({ ...s, name: s.name || t('portal.book.sampleN', { n: i + 1 }), category: s.category || '—' })) } });
        if (mine === seq) replace(box, quoteTable(q));
      } catch (err) {
        if (mine === seq) replace(box, h('p', { class: 'form-error', role: 'alert', 'data-testid': 'quote-error' }, errorText(err)));
      } finally {
        if (mine === seq) box.removeAttribute('aria-busy');
      }
    }, 350);
  };
}

// ---- the form ----

function sampleFieldset(i, rows, slots, changed, redraw) {
  const s = draft.samples[i];
  const controls = SAMPLE_FIELDS.map((f) => {
    const c = input(`bk-s${i}-${f}`, { value: s[f], size: f === 'quantity' || f === 'unit' ? 6 : null,
      inputmode: f === 'quantity' ? 'decimal' : null, maxlength: f === 'manufacturer_uscc' ? 18 : null,
      oninput: (e) => { s[f] = e.target.value; changed(); } });
    return field(c, t(`portal.sample.${f}`), slots.slot(`samples[${i}].${f}`, c), { required: REQUIRED.has(f) });
  });
  const itemsBox = h('div', { class: 'sample-items', id: `bk-s${i}-items`, tabindex: '-1', 'data-testid': `bk-s${i}-items` },
    rows.map((r) => {
      const cb = checkbox(`bk-s${i}-item-${r.key}`, `${rowLabel(r)} (${money(r.price)})`, !s.excluded.includes(r.key), {
        onchange: (e) => {
          s.excluded = e.target.checked ? s.excluded.filter((k) => k !== r.key) : [...s.excluded, r.key];
          changed();
        } });
      cb.box.setAttribute('data-key', r.key);
      return cb.el;
    }));
  const itemsError = slots.slot(`samples[${i}].items`, itemsBox);
  const remove = draft.samples.length > 1 ? h('button', { type: 'button', class: 'btn-link', 'data-testid': `bk-s${i}-remove`, onclick: () => {
    draft.samples.splice(i, 1);
    redraw();
  } }, t('portal.book.removeSample')) : null;
  return h('fieldset', { class: 'sample-fieldset', 'data-testid': 'bk-sample' },
    h('legend', {}, t('portal.book.sampleN', { n: i + 1 })),
    h('div', { class: 'grid-form portal-grid' }, controls),
    h('fieldset', { class: 'items-fieldset' }, h('legend', {}, t('portal.book.itemsFor')), itemsBox, itemsError), remove);
}

function radios(name, options, value, onchange, groupLabel) {
  return h('div', { class: 'radio-row', role: 'radiogroup', id: `bk-${name}`, tabindex: '-1', 'aria-label': groupLabel }, options.map(([v, label]) => {
    const id = `bk-${name}-${v}`;
    return h('label', { class: 'radio', for: id }, h('input', { type: 'radio', id, name: `bk-${name}`, value: v, 'data-testid': id, checked: v === value,
      onchange: () => onchange(v) }), ' ', label);
  }));
}

function reportFieldset(slots, changed) {
  const r = draft.report;
  const marks = h('div', { class: 'radio-row', id: 'bk-marks', tabindex: '-1', role: 'group', 'aria-label': t('portal.book.marks') }, ['CMA', 'CNAS'].map((m) =>
    checkbox(`bk-mark-${m.toLowerCase()}`, m, r.marks.includes(m), { onchange: (e) => {
      r.marks = e.target.checked ? [...new Set([...r.marks, m])] : r.marks.filter((x) => x !== m);
      changed();
    } }).el));
  const language = select('bk-language', ['zh', 'en', 'bilingual'].map((l) => [l, t(`portal.language.${l}`)]), r.language);
  language.addEventListener('change', () => { r.language = language.value; changed(); });
  const rule = select('bk-decision_rule', ['simple', 'guard_band'].map((x) => [x, t(`portal.rule.${x}`)]), r.decision_rule);
  rule.addEventListener('change', () => { r.decision_rule = rule.value; changed(); });
  const uncertainty = checkbox('bk-uncertainty', t('portal.book.uncertainty'), r.uncertainty, { onchange: (e) => { r.uncertainty = e.target.checked; changed(); } });
  const remains = radios('remains', [['return', t('portal.remains.return')], ['dispose', t('portal.remains.dispose')]], r.remains, (v) => { r.remains = v; changed(); }, t('portal.book.remains'));
  return h('fieldset', { class: 'sample-fieldset', 'data-testid': 'bk-report' }, h('legend', {}, t('portal.book.report')),
    h('div', { class: 'grid-form portal-grid' },
      field(marks, t('portal.book.marks'), slots.slot('report.marks', marks), { hint: t('portal.book.marksHint') }),
      field(language, t('portal.book.language'), slots.slot('report.language', language)),
      field(rule, t('portal.book.decisionRule'), slots.slot('report.decision_rule', rule), { hint: t(`portal.rule.${r.decision_rule}.hint`) }),
      field(remains, t('portal.book.remains'), slots.slot('report.remains', remains)),
      uncertainty.el));
}

function deliveryFieldset(slots, changed) {
  const d = draft.delivery;
  const carrier = input('bk-carrier', { value: d.carrier, oninput: (e) => { d.carrier = e.target.value; changed(); } });
  const tracking = input('bk-tracking_no', { value: d.tracking_no, oninput: (e) => { d.tracking_no = e.target.value; changed(); } });
  const address = textarea('bk-address', { rows: 2, oninput: (e) => { d.address = e.target.value; changed(); } });
  address.value = d.address;
  const courierBox = h('div', { class: 'grid-form portal-grid', 'data-testid': 'bk-courier', hidden: d.method !== 'courier' },
    field(carrier, t('portal.delivery.carrier'), slots.slot('delivery.carrier', carrier)),
    field(tracking, t('portal.delivery.tracking_no'), slots.slot('delivery.tracking_no', tracking), { required: true }));
  const addressBox = h('div', { 'data-testid': 'bk-sampling', hidden: d.method !== 'lab_sampling' },
    field(address, t('portal.delivery.address'), slots.slot('delivery.address', address), { required: true, wide: true }));
  const hint = h('p', { class: 'muted', 'data-testid': 'bk-delivery-hint' }, t(`portal.delivery.${d.method}.hint`));
  const methods = radios('delivery', ['drop_off', 'courier', 'lab_sampling'].map((m) => [m, t(`portal.delivery.${m}`)]), d.method, (v) => {
    d.method = v;
    hint.textContent = t(`portal.delivery.${v}.hint`);
    courierBox.hidden = v !== 'courier';
    addressBox.hidden = v !== 'lab_sampling';
    changed();
  }, t('portal.book.deliveryMethod'));
  return h('fieldset', { class: 'sample-fieldset', 'data-testid': 'bk-delivery-fieldset' }, h('legend', {}, t('portal.book.delivery')),
    field(methods, t('portal.book.deliveryMethod'), slots.slot('delivery.method', methods)),
    hint, courierBox, addressBox);
}

// The problems of the form that need no server: each sample's name and category, an item per sample, the
// courier's tracking number, the sampling address, a mark.
function localProblems(body) {
  const out = [];
  body.samples.forEach((s, i) => {
    for (const f of REQUIRED) if (!s[f]) out.push({ field: `samples[${i}].${f}`, message: t('problem.required') });
    if (!s.items.length) out.push({ field: `samples[${i}].items`, message: t('portal.book.itemsRequired') });
  });
  if (body.delivery.method === 'courier' && !body.delivery.tracking_no) out.push({ field: 'delivery.tracking_no', message: t('problem.required') });
  if (body.delivery.method === 'lab_sampling' && !body.delivery.address) out.push({ field: 'delivery.address', message: t('problem.required') });
  return out;
}

export function bookView() {
  const c = cart.read();
  if (!c.rows.length) {
    return [h('h1', { 'data-testid': 'portal-book-title' }, t('portal.book.title')),
      h('div', { class: 'notice', 'data-testid': 'book-empty' }, h('p', {}, t('portal.book.empty')),
        h('p', {}, h('a', { href: '#/search', class: 'btn-primary btn-like', 'data-testid': 'book-to-search' }, t('portal.book.toSearch'))))];
  }
  if (!draft || draft.labId !== c.lab.id) draft = freshDraft(c.lab.id);
  const rows = c.rows;
  const me = session.me;
  const verified = Boolean(me?.user?.verified);
  const slots = fieldSlots();
  const box = errorBox('book-error');
  const quoteBox = h('div', { 'data-testid': 'quote', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('common.loading')));
  const requote = quoter(quoteBox, rows);
  const samplesBox = h('div', { 'data-testid': 'bk-samples' });
  const drawSamples = () => {
    replace(samplesBox, draft.samples.map((_, i) => sampleFieldset(i, rows, slots, requote, () => { drawSamples(); requote(); })));
  };
  drawSamples();
  const chosen = h('ul', { class: 'cart-list', 'data-testid': 'cart-list' }, rows.map((r) => h('li', { 'data-testid': 'cart-item' },
    h('span', {}, `${r.product ?? ''} · ${rowLabel(r)} · ${money(r.price)}`), ' ',
    h('button', { type: 'button', class: 'btn-link', 'data-testid': 'cart-remove', onclick: () => {
      const now = cart.read();
      now.rows = now.rows.filter((x) => x.key !== r.key);
      cart.write(now);
      for (const s of draft.samples) s.excluded = s.excluded.filter((k) => k !== r.key);
      go('#/book');
    } }, t('portal.cart.remove')))));
  const note = textarea('bk-note', { rows: 2, oninput: (e) => { draft.note = e.target.value; } });
  note.value = draft.note;
  const submit = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'book-submit', disabled: !verified,
    'aria-describedby': verified ? null : 'book-why' }, t('portal.book.submit'));
  const why = verified ? null : h('p', { class: 'field-hint book-why', id: 'book-why', 'data-testid': 'book-why' }, t('portal.book.whyDisabled'), ' ',
    h('a', { href: '#/verify', 'data-testid': 'book-verify-link' }, t('portal.unverified.action')));
  const form = h('form', { novalidate: true, 'data-testid': 'book-form' },
    h('h2', {}, t('portal.book.samples')), samplesBox,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'bk-add-sample', onclick: () => {
      draft.samples.push(newSample());
      drawSamples();
      requote();
      samplesBox.lastElementChild?.querySelector('input')?.focus();
    } }, t('portal.book.addSample'))),
    reportFieldset(slots, requote), deliveryFieldset(slots, requote),
    field(note, t('portal.book.note'), slots.slot('note', note), { wide: true }),
    h('section', { class: 'card catalogue-card quote-card', 'aria-labelledby': 'bk-quote-title' },
      h('h2', { id: 'bk-quote-title' }, t('portal.book.quote')), quoteBox),
    h('div', { class: 'actions book-actions' }, submit), why, box);
  // Once every marked field is corrected, the summary goes too.
  form.addEventListener('input', () => {
    if (!box.hidden && !form.querySelector('.field-error:not([hidden])')) hideError(box);
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    slots.clear();
    hideError(box);
    const body = bookingBody(rows);
    const local = localProblems(body);
    if (local.length) {
      slots.show(local);
      replace(box, h('p', {}, t('portal.book.fix')));
      box.hidden = false;
      return;
    }
    // The same form sent again (a lost answer) keeps its key, so the booking is made once; a changed form is a new request.
    const text = JSON.stringify(body);
    if (draft.keyBody != null && draft.keyBody !== text) draft.key = uuid();
    draft.keyBody = text;
    submit.disabled = true;
    submit.textContent = t('portal.book.submitting');
    try {
      const booking = await api('/api/portal/bookings', { method: 'POST', body, headers: { 'Idempotency-Key': draft.key } });
      draft = null;
      cart.clear();
      lastSubmitted = String(booking.id);
      go(`#/orders/${encodeURIComponent(booking.id)}`);
      return;
    } catch (err) {
      if (!(err instanceof ApiError)) console.error(err);
      const named = (err instanceof ApiError ? err.fieldErrors : []).map((fe) => {
        // samples[i].items[j]: the j-th item sent for sample i, named by its test.
        const m = /^samples\[(\d+)\]\.items\[(\d+)\]/.exec(fe.field ?? '');
        const key = m ? body.samples[Number(m[1])]?.items[Number(m[2])] : null;
        const row = key ? rows.find((r) => r.key === key) : null;
        return row ? { ...fe, message: `${rowLabel(row)}: ${fe.message ?? fe.problem}` } : fe;
      });
      const rest = slots.show(named.filter((fe) => fe.field !== 'email'));
      const unverified = err instanceof ApiError && err.status === 403 && (err.problem.code === 'portal.not_verified' || named.some((fe) => fe.field === 'email'));
      if (unverified) rest.unshift(t('portal.book.whyDisabled'));
      showError(box, err, rest);
    } finally {
      submit.disabled = !verified;
      submit.textContent = t('portal.book.submit');
    }
  });
  requote();
  return [
    h('h1', { 'data-testid': 'portal-book-title' }, t('portal.book.title')),
    h('section', { class: 'card catalogue-card' }, h('h2', { 'data-testid': 'book-lab' }, t('portal.book.lab', { lab: c.lab.name })),
      h('p', { class: 'muted' }, t('portal.book.chosen', { n: rows.length })), chosen,
      h('p', {}, h('a', { href: '#/search', 'data-testid': 'book-more' }, t('portal.book.addMore')))),
    form,
  ];
}
