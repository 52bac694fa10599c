// The 平台预约 panel on a lab's order page (intake.js) when the order came from the platform's SME portal
// (GET /api/platform/orders/{code}; 404: not a platform order, any other failure: the panel stays away):
// the SME's company and contact, how the sample travels, the report requirements, the booking's
// status; the offer (due date, note; only once the order is reviewed), declining with a reason, a
// sample deviation asked of the SME (R19) with its answer, and the messages both ways with attachments.
import { h, replace } from './dom.js';
import { t, formatDateTime } from './i18n.js';
import { api, apiDownload, ApiError } from './api.js';
import { empty } from './widgets.js';
import { input, select, textarea, field, fieldSlots, errorBox, submitting, hideError, money, thread, messageForm, statusBadge, reasonForm } from './portal-util.js';

function facts(pairs, testid) {
  return h('dl', { class: 'facts', 'data-testid': testid }, pairs.filter(Boolean).map(([k, v, id]) => [h('dt', {}, k), h('dd', { 'data-testid': id }, v instanceof Node ? v : empty(v))]));
}

// The SME's answer to the offer ({accepted, by, due_date, reason?}) in words.
function answerText(a) {
  if (typeof a === 'string') return a;
  const who = a.by ?? '';
  return a.accepted ? t('intake.platform.answered.accepted', { who, due: a.due_date ?? '' })
    : t('intake.platform.answered.rejected', { who, reason: a.reason ?? '' });
}

function offerForm(path, order, done) {
  const due = input('pf-offer-due', { value: order.due_date ?? '', placeholder: 'YYYY-MM-DD', size: 10, inputmode: 'numeric' });
  const note = textarea('pf-offer-note', { rows: 2 });
  const slots = fieldSlots();
  const box = errorBox('pf-offer-error');
  const button = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'pf-offer-submit' }, t('intake.platform.offer.send'));
  const form = h('form', { novalidate: true, class: 'grid-form', 'data-testid': 'pf-offer-form' },
    field(due, t('intake.platform.offer.due'), slots.slot('due_date', due), { required: true }),
    field(note, t('intake.platform.offer.note'), slots.slot('note', note), { wide: true }),
    h('p', { class: 'muted field-wide', 'data-testid': 'pf-offer-total' }, order.quote?.total != null
      ? t('intake.platform.offer.total', { total: order.quote.total }) : t('intake.platform.offer.noTotal')),
    h('div', {}, button), box);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    slots.clear();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due.value.trim())) { slots.set('due_date', t('problem.date')); due.focus(); return; }
    const body = { due_date: due.value.trim() };
    if (note.value.trim()) body.note = note.value.trim();
    if (await submitting({ slots, box, button }, () => api(`${path}/offer`, { method: 'POST', body }))) done('intake.platform.offer.sent');
  });
  return form;
}

function questionForm(path, order, done) {
  const sample = select('pf-question-sample', (order.samples ?? []).map((s) => [s.code, `${s.code} ${s.name ?? ''}`]));
  const deviation = textarea('pf-question-deviation', { rows: 2 });
  const slots = fieldSlots();
  const box = errorBox('pf-question-error');
  const button = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'pf-question-submit' }, t('intake.platform.question.ask'));
  const form = h('form', { novalidate: true, class: 'grid-form', 'data-testid': 'pf-question-form' },
    field(sample, t('intake.platform.question.sample'), slots.slot('sample_code', sample)),
    field(deviation, t('intake.platform.question.deviation'), slots.slot('deviation', deviation), { wide: true, required: true }),
    h('div', {}, button), box);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    slots.clear();
    if (!deviation.value.trim()) { slots.set('deviation', t('problem.required')); deviation.focus(); return; }
    if (await submitting({ slots, box, button }, () => api(`${path}/questions`, { method: 'POST', body: { sample_code: sample.value, deviation: deviation.value.trim() } }))) {
      done('intake.platform.question.asked');
    }
  });
  return form;
}

// Fills `slot` with the panel (or leaves it empty); reloadOrder() redraws the whole order page.
let carried = null; // a notice to show once the whole order page is drawn again

export async function platformPanel(slot, ctx, order, reloadOrder = null) {
  const code = order.code;
  const path = `/api/platform/orders/${encodeURIComponent(code)}`;
  let p;
  try {
    p = await api(path);
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 403)) console.warn('platform order:', err);
    return;
  }
  // Until the SME has accepted the offer, the order is not accepted by hand: the answer from the portal accepts it.
  const accept = slot.ownerDocument.querySelector('[data-testid=order-accept]');
  if (accept && ['submitted', 'booked', 'offered'].includes(p.status)) {
    accept.disabled = true;
    accept.title = t('intake.platform.acceptByAnswer');
    if (!slot.ownerDocument.querySelector('[data-testid=pf-accept-hint]')) {
      accept.after(' ', h('span', { class: 'muted', 'data-testid': 'pf-accept-hint' }, t('intake.platform.acceptByAnswer')));
    }
  }
  const showNotice = (notice) => slot.querySelector('[data-testid=pf-title]')?.after(h('p', { class: 'notice', role: 'status', 'data-testid': 'pf-notice' }, t(notice)));
  const redraw = (notice) => platformPanel(slot, ctx, order, reloadOrder).then(() => { if (notice) showNotice(notice); });
  // Declining cancels the order itself: the whole page is drawn again, the notice carried over.
  const redrawOrder = (notice) => {
    if (!reloadOrder) return redraw(notice);
    carried = notice;
    return reloadOrder();
  };
  const canWrite = ctx.permissions.includes('orders:write');
  const a = p.account ?? {};
  const d = p.delivery ?? {};
  const r = p.report ?? {};
  const open = !['declined', 'cancelled', 'reported'].includes(p.status);
  const formBox = h('div', { 'data-testid': 'pf-form' });
  const actions = [];
  if (canWrite && open && !p.offer && order.status === 'reviewed') {
    actions.push(h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'pf-offer', onclick: () => {
      replace(formBox, h('h4', {}, t('intake.platform.offer.title')), offerForm(path, order, redraw));
      formBox.querySelector('input')?.focus();
    } }, t('intake.platform.offer.open')));
  }
  if (canWrite && open && ['submitted', 'booked', 'offered'].includes(p.status)) {
    actions.push(h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'pf-decline', onclick: () => {
      replace(formBox, reasonForm('pf-decline', t('intake.platform.decline.title'), t('intake.platform.decline.confirm'),
        (reason) => api(`${path}/decline`, { method: 'POST', body: { reason } }), () => redrawOrder('intake.platform.decline.done'), () => replace(formBox)));
      formBox.querySelector('textarea')?.focus();
    } }, t('intake.platform.decline.open')));
  }
  if (canWrite && open) {
    actions.push(h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'pf-question', onclick: () => {
      replace(formBox, h('h4', {}, t('intake.platform.question.title')), questionForm(path, order, redraw));
    } }, t('intake.platform.question.open')));
  }
  const offer = p.offer ? facts([[t('intake.platform.offer.sentTotal'), money(p.offer.total), 'pf-offer-total-sent'], [t('intake.platform.offer.due'), p.offer.due_date, 'pf-offer-due'],
    p.offer.note ? [t('intake.platform.offer.note'), p.offer.note] : null, [t('intake.platform.offer.at'), formatDateTime(p.offer.offered_at)]], 'pf-offer-facts') : null;
  const questions = (p.questions ?? []).length ? h('ul', { class: 'question-list', 'data-testid': 'pf-questions' }, p.questions.map((q) => h('li', { 'data-testid': 'pf-question-row' },
    h('strong', {}, q.sample_code), ' ', q.deviation, ' — ',
    q.answer ? h('span', { class: q.answer === 'proceed' ? 'status status-ok' : 'status status-bad', 'data-testid': 'pf-question-answer' }, t(`portal.question.${q.answer}`))
      : h('span', { class: 'status status-warn', 'data-testid': 'pf-question-answer' }, t('intake.platform.question.waiting'))))) : null;
  const dlBox = errorBox('pf-attachment-error');
  const download = (m) => {
    hideError(dlBox);
    submitting({ box: dlBox }, () => apiDownload(`${path}/messages/${encodeURIComponent(m.id)}/attachment`, { query: { from: m.from }, name: m.attachment.name }));
  };
  const delivery = [t(`portal.delivery.${d.method}`), d.carrier, d.tracking_no, d.address].filter(Boolean).join(' · ');
  replace(slot, h('section', { class: 'card catalogue-card platform-booking', 'data-testid': 'pf-panel', 'aria-labelledby': 'pf-title' },
    h('h3', { id: 'pf-title', 'data-testid': 'pf-title' }, h('span', { class: 'source-badge' }, t('intake.platform.badge')), ' ', t('intake.platform.title'), ' ', statusBadge(p.status, 'pf-status', 'intake.platform.status')),
    facts([
      [t('intake.platform.company'), a.company_name, 'pf-company'], [t('portal.field.uscc'), a.uscc, 'pf-uscc'],
      [t('intake.platform.contact'), [a.contact_name, a.phone, a.email].filter(Boolean).join(' · '), 'pf-contact'],
      [t('portal.book.delivery'), delivery, 'pf-delivery'],
      [t('portal.book.report'), [(r.marks ?? []).join(' + ') || t('portal.order.noMarks'), r.language && t(`portal.language.${r.language}`),
        r.decision_rule && t(`portal.rule.${r.decision_rule}`), r.uncertainty ? t('intake.platform.uncertainty') : null,
        r.remains && t(`portal.remains.${r.remains}`)].filter(Boolean).join(' · '), 'pf-report'],
      p.note ? [t('portal.book.note'), p.note, 'pf-note'] : null,
      p.decline_reason ? [t('portal.order.declineReason'), p.decline_reason, 'pf-decline-reason'] : null,
      p.answer ? [t('intake.platform.answer'), answerText(p.answer), 'pf-answer'] : null,
      [t('intake.platform.disclosure'), p.disclosure ? t('portal.account.yes') : t('portal.account.no'), 'pf-disclosure'],
    ], 'pf-facts'),
    p.problem ? h('p', { class: 'form-error', role: 'alert', 'data-testid': 'pf-problem' }, t('intake.platform.problem', { text: typeof p.problem === 'string' ? p.problem : (p.problem.detail ?? JSON.stringify(p.problem)) })) : null,
    offer ? [h('h4', {}, t('intake.platform.offer.sentTitle')), offer] : null,
    !p.offer && open && order.status === 'draft' && canWrite ? h('p', { class: 'muted', 'data-testid': 'pf-review-first' }, t('intake.platform.offer.reviewFirst')) : null,
    actions.length ? h('div', { class: 'actions' }, actions) : null, formBox,
    questions ? [h('h4', {}, t('intake.platform.question.list')), questions] : null,
    h('h4', {}, t('portal.msg.title')), thread(p.messages ?? [], 'lab', download), dlBox,
    canWrite ? messageForm('pf-msg', async (body) => {
      await api(`${path}/messages`, { method: 'POST', body });
      await redraw('portal.msg.sent');
    }) : null));
  if (carried) {
    showNotice(carried);
    carried = null;
  }
}

// The platform's bookings of this lab by order code (for the orders list's 平台 badge), or an empty map.
export async function platformOrderCodes() {
  try {
    const { items } = await api('/api/platform/orders');
    return new Map(items.map((x) => [x.order_code, x]));
  } catch {
    return new Map();
  }
}
