// The SME portal's orders: "my orders" (#/orders, GET /api/portal/bookings) and an order's page
// (#/orders/<id>): its status and timeline, the lab's offer to accept (ticking each item outside the
// lab's CMA/CNAS scope) or reject, the lab's deviation questions (proceed / reject, R19), the messages
// both ways with attachments, the reports (the signed PDF as a download, checked on the platform's
// verification page) and the consent to disclose the customer's name there (R38).
import { h, replace } from './dom.js';
import { t, has, formatDateTime } from './i18n.js';
import { api, apiDownload, ApiError } from './api.js';
import { empty, errorText, table } from './widgets.js';
import { checkbox, field, fieldSlots, errorBox, submitting, hideError, money, thread, messageForm, statusBadge, reasonForm } from './portal-util.js';
import { takeSubmitted } from './portal-book.js';

export async function ordersView() {
  const { items } = await api('/api/portal/bookings');
  const rows = items.map((b) => h('tr', { 'data-testid': 'booking-row', 'data-id': String(b.id) },
    h('td', { 'data-label': t('portal.orders.col.created'), class: 'nowrap' }, h('a', { href: `#/orders/${encodeURIComponent(b.id)}`, 'data-testid': 'booking-open' },
      formatDateTime(b.created_at))),
    h('td', { 'data-label': t('catalogue.col.lab') }, b.lab?.name ?? ''),
    h('td', { 'data-label': t('portal.orders.col.code'), class: 'nowrap' }, empty(b.order_code)),
    h('td', { 'data-label': t('portal.orders.col.status') }, statusBadge(b.status, 'booking-row-status')),
    h('td', { 'data-label': t('portal.orders.col.total'), class: 'nowrap' }, money(b.total)),
    h('td', { 'data-label': t('portal.orders.col.due'), class: 'nowrap' }, empty(b.due_date))));
  return [
    h('h1', { 'data-testid': 'portal-orders-title' }, t('portal.orders.title')),
    rows.length ? table('bookings-table', [t('portal.orders.col.created'), t('catalogue.col.lab'), t('portal.orders.col.code'), t('portal.orders.col.status'),
      t('portal.orders.col.total'), t('portal.orders.col.due')], rows, t('portal.orders.title'))
      : h('div', { class: 'notice', 'data-testid': 'bookings-none' }, h('p', {}, t('portal.orders.none')),
        h('p', {}, h('a', { href: '#/search', class: 'btn-primary btn-like' }, t('portal.book.toSearch')))),
  ];
}

// ---- one order ----

function facts(pairs, testid) {
  return h('dl', { class: 'facts', 'data-testid': testid }, pairs.filter(Boolean).map(([k, v, id]) => [h('dt', {}, k), h('dd', { 'data-testid': id }, v instanceof Node ? v : empty(v))]));
}

// An event in words: its kind, then its detail (an order code, a reason, a price and date) when it has one.
function eventText(e) {
  const kind = has(`portal.event.${e.kind}`) ? t(`portal.event.${e.kind}`) : e.kind;
  return e.text ? t('portal.event.withText', { kind, text: e.text }) : kind;
}

function timeline(events) {
  if (!events?.length) return null;
  return h('ol', { class: 'timeline', 'data-testid': 'timeline' }, events.map((e) => h('li', { 'data-testid': 'timeline-event', 'data-kind': e.kind },
    h('span', { class: 'timeline-at muted' }, formatDateTime(e.at)), ' ', h('span', { class: 'timeline-text' }, eventText(e)))));
}

function offerSection(b, path, reload) {
  const o = b.offer;
  if (!o) return null;
  const outside = (o.items ?? []).filter((i) => i.outside_scope?.length && !i.excluded);
  const open = b.status === 'offered';
  const ticks = new Map();
  const rows = (o.items ?? []).map((i) => {
    let decision = '';
    if (i.outside_scope?.length && open && !i.excluded) {
      const cb = checkbox(`offer-accept-${i.position}`, t('portal.offer.acceptOutside', { marks: i.outside_scope.join(' + ') }));
      ticks.set(i.position, cb.box);
      decision = cb.el;
    } else if (i.outside_scope?.length) {
      decision = t('portal.offer.outside', { marks: i.outside_scope.join(' + ') });
    }
    return h('tr', { 'data-testid': 'offer-item', 'data-position': String(i.position), class: i.outside_scope?.length ? 'row-warn' : null },
      h('td', { 'data-label': '#' }, String(i.position)), h('td', { 'data-label': t('portal.book.col.sample') }, empty(i.sample ?? i.sample_code)),
      h('td', { 'data-label': t('catalogue.col.parameter') }, empty(i.parameter), i.excluded ? h('div', { class: 'muted' }, t('portal.offer.excluded')) : null),
      h('td', { 'data-label': t('catalogue.col.standard') }, empty(i.standard ?? i.method)),
      h('td', { 'data-label': t('catalogue.col.price'), class: 'nowrap' }, i.price === undefined ? '' : money(i.price)),
      h('td', { 'data-label': t('portal.offer.scope') }, h('div', {}, i.outside_scope?.length
        ? [h('span', { class: 'status status-bad' }, t('portal.offer.outside', { marks: i.outside_scope.join(' + ') })), i.reason ? h('div', { class: 'muted' }, i.reason) : null, decision]
        : h('span', { class: 'status status-ok' }, t('portal.offer.inScope')))));
  });
  const parts = [
    facts([[t('portal.offer.total'), money(o.total), 'offer-total'], [t('portal.offer.due'), o.due_date, 'offer-due'],
      o.note ? [t('portal.offer.note'), o.note, 'offer-note'] : null, [t('portal.offer.at'), formatDateTime(o.offered_at), 'offer-at']], 'offer-facts'),
    b.quote?.total != null && b.quote.total !== o.total ? h('p', { class: 'muted', 'data-testid': 'offer-changed' }, t('portal.offer.changedTotal', { quoted: b.quote.total })) : null,
    rows.length ? table('offer-table', ['#', t('portal.book.col.sample'), t('catalogue.col.parameter'), t('catalogue.col.standard'), t('catalogue.col.price'), t('portal.offer.scope')],
      rows, t('portal.offer.title')) : null,
  ];
  if (open) {
    const box = errorBox('offer-error');
    const slots = fieldSlots();
    const ticksBox = h('div', { id: 'offer-ticks', tabindex: '-1' });
    const ticksError = slots.slot('accept_outside_scope', ticksBox);
    const accept = h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'offer-accept', onclick: async () => {
      const missing = [...ticks.entries()].filter(([, cb]) => !cb.checked);
      slots.clear();
      if (missing.length) {
        slots.set('accept_outside_scope', t('portal.offer.tickAll', { n: missing.length }));
        missing[0][1].focus();
        return;
      }
      if (await submitting({ slots, box, button: accept }, () => api(`${path}/offer/accept`, { method: 'POST', body: { accept_outside_scope: [...ticks.keys()] } }))) reload('portal.offer.accepted');
    } }, t('portal.offer.accept'));
    const rejectBox = h('div', {});
    const reject = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'offer-reject', onclick: () => {
      replace(rejectBox, reasonForm('offer-reject', t('portal.offer.rejectTitle'), t('portal.offer.reject'), (reason) => api(`${path}/offer/reject`, { method: 'POST', body: { reason } }),
        () => reload('portal.offer.rejected'), () => replace(rejectBox)));
      rejectBox.querySelector('textarea')?.focus();
    } }, t('portal.offer.reject'));
    parts.push(outside.length ? h('p', { class: 'notice', 'data-testid': 'offer-outside-notice' }, t('portal.offer.outsideHelp', { n: outside.length })) : null,
      h('p', { class: 'muted' }, t('portal.offer.help')), ticksBox, ticksError, h('div', { class: 'actions' }, accept, reject), box, rejectBox);
  }
  if (!open) { // answered: folded away under its price and date
    return h('details', { class: 'card catalogue-card booking-details', 'data-testid': 'offer' },
      h('summary', {}, t('portal.offer.summary', { total: money(o.total), due: o.due_date })), parts);
  }
  return h('section', { class: 'card catalogue-card', 'data-testid': 'offer', 'aria-labelledby': 'offer-title' },
    h('h2', { id: 'offer-title' }, t('portal.offer.titleOpen')), parts);
}

function questionsSection(b, path, reload) {
  if (!b.questions?.length) return null;
  const items = b.questions.map((q) => {
    const box = errorBox(`question-${q.id}-error`);
    const answer = (decision) => async (e) => {
      hideError(box);
      if (await submitting({ box, button: e.currentTarget }, () => api(`${path}/questions/${encodeURIComponent(q.id)}`, { method: 'POST', body: { decision } }))) reload('portal.question.answered');
    };
    return h('li', { class: q.answer ? 'question' : 'question question-open', 'data-testid': 'question', 'data-id': String(q.id) },
      h('p', {}, h('strong', {}, t('portal.question.sample', { code: q.sample_code })), ' ', h('span', { 'data-testid': 'question-text' }, q.deviation)),
      q.answer ? h('p', { 'data-testid': 'question-answer' }, h('span', { class: q.answer === 'proceed' ? 'status status-ok' : 'status status-bad' }, t(`portal.question.${q.answer}`)),
        q.answered_at ? h('span', { class: 'muted' }, ` ${formatDateTime(q.answered_at)}`) : null)
        : [h('p', { class: 'muted' }, t('portal.question.help')), h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'question-proceed', onclick: answer('proceed') }, t('portal.question.proceed')),
          h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'question-reject', onclick: answer('reject') }, t('portal.question.reject'))), box]);
  });
  const open = b.questions.some((q) => !q.answer);
  return h('section', { class: `card catalogue-card${open ? ' card-attention' : ''}`, 'data-testid': 'questions', 'aria-labelledby': 'questions-title' },
    h('h2', { id: 'questions-title' }, t('portal.question.title')), h('ul', { class: 'question-list' }, items));
}

// The report an amendment replaces: its `amends`, else read from its number (<original>-A1, -A2 …), as older platforms sent amends null.
function amendsOf(r) {
  return r.amends ?? /^(.+)-A\d+$/.exec(r.number ?? '')?.[1] ?? null;
}

function reportsSection(b, path, reload) {
  const box = errorBox('reports-error');
  const replacedBy = (r) => (b.reports ?? []).find((x) => amendsOf(x) === r.number)?.number ?? null;
  const rows = (b.reports ?? []).map((r) => h('tr', { 'data-testid': 'report-row', 'data-number': r.number },
    h('td', { 'data-label': t('portal.report.number') }, h('div', {}, h('span', { class: 'nowrap', 'data-testid': 'report-number' }, r.number),
      r.verification_code ? h('div', { class: 'muted cat-note', 'data-testid': 'report-code' }, t('portal.report.code', { code: r.verification_code })) : null)),
    h('td', { 'data-label': t('portal.report.issued'), class: 'nowrap' }, empty(r.issue_date)),
    h('td', { 'data-label': t('portal.report.status') }, h('div', {}, h('span', { class: r.status === 'current' ? 'status status-ok' : r.status === 'withdrawn' ? 'status status-bad' : 'status status-warn', 'data-testid': 'report-status' },
      t(`portal.report.${r.status}`)), amendsOf(r) ? h('div', { class: 'muted' }, t('portal.report.amends', { number: amendsOf(r) })) : null,
      r.status === 'replaced' && replacedBy(r) ? h('div', { class: 'muted' }, t('portal.report.replacedBy', { number: replacedBy(r) })) : null)),
    h('td', { 'data-label': '' }, h('div', { class: 'actions report-actions' },
      h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'report-download', onclick: (e) => {
        hideError(box);
        submitting({ box, button: e.currentTarget }, () => apiDownload(`${path}/reports/${encodeURIComponent(r.number)}`, { name: `${r.number}.pdf` }));
      } }, t('portal.report.download')),
      h('a', { href: `/catalogue.html?report=${encodeURIComponent(r.number)}`, target: '_blank', rel: 'noopener', 'data-testid': 'report-verify' }, t('portal.report.verify'))))));
  const consent = checkbox('disclosure', t('portal.report.consent'), Boolean(b.disclosure));
  const consentBox = errorBox('disclosure-error');
  const saved = h('span', { class: 'muted', role: 'status', 'data-testid': 'disclosure-saved' });
  consent.box.addEventListener('change', async () => {
    saved.textContent = '';
    const want = consent.box.checked;
    consent.box.disabled = true;
    const ok = await submitting({ box: consentBox }, () => api(`${path}/disclosure`, { method: 'POST', body: { consent: want } }));
    consent.box.disabled = false;
    if (ok) saved.textContent = t(want ? 'portal.report.consentOn' : 'portal.report.consentOff');
    else consent.box.checked = !want;
  });
  return h('section', { class: 'card catalogue-card', 'data-testid': 'reports', 'aria-labelledby': 'reports-title' },
    h('h2', { id: 'reports-title' }, t('portal.report.title')),
    rows.length ? table('reports-table', [t('portal.report.number'), t('portal.report.issued'), t('portal.report.status'), ''], rows, t('portal.report.title'))
      : h('p', { class: 'muted', 'data-testid': 'reports-none' }, t('portal.report.none')),
    box,
    h('div', { class: 'disclosure' }, consent.el, h('p', { class: 'muted field-hint' }, t('portal.report.consentHelp')), saved, consentBox));
}

function messagesSection(b, path, reload) {
  const box = errorBox('attachment-error');
  const download = (m) => {
    hideError(box);
    submitting({ box }, () => apiDownload(`${path}/messages/${encodeURIComponent(m.id)}/attachment`, { query: { from: m.from }, name: m.attachment.name }));
  };
  return h('section', { class: 'card catalogue-card', 'data-testid': 'messages', 'aria-labelledby': 'messages-title' },
    h('h2', { id: 'messages-title' }, t('portal.msg.title')), thread(b.messages ?? [], 'sme', download), box,
    messageForm('msg', async (body) => {
      await api(`${path}/messages`, { method: 'POST', body });
      reload('portal.msg.sent');
    }));
}

// The samples as the lab registered them: its code, the status, the condition at receipt and any deviation.
function labSamplesSection(b) {
  if (!b.lab_samples?.length) return null;
  const rows = b.lab_samples.map((s) => h('tr', { 'data-testid': 'lab-sample' },
    h('td', { 'data-label': t('portal.labSample.code'), class: 'nowrap' }, s.code), h('td', { 'data-label': t('portal.sample.name') }, empty(s.name)),
    h('td', { 'data-label': t('portal.orders.col.status'), 'data-testid': 'lab-sample-status' }, has(`intake.status.${s.status}`) ? t(`intake.status.${s.status}`) : s.status),
    h('td', { 'data-label': t('portal.labSample.condition'), 'data-testid': 'lab-sample-condition' }, empty(s.condition),
      s.deviation ? h('div', { class: 'muted' }, t('portal.labSample.deviation', { text: s.deviation })) : null),
    h('td', { 'data-label': t('portal.labSample.received'), class: 'nowrap' }, empty(formatDateTime(s.received_at)))));
  return h('section', { class: 'card catalogue-card', 'data-testid': 'lab-samples', 'aria-labelledby': 'lab-samples-title' },
    h('h2', { id: 'lab-samples-title' }, t('portal.labSample.title')),
    table('lab-samples-table', [t('portal.labSample.code'), t('portal.sample.name'), t('portal.orders.col.status'), t('portal.labSample.condition'), t('portal.labSample.received')],
      rows, t('portal.labSample.title')));
}

function requirementsSection(b) {
  const r = b.report ?? {};
  const d = b.delivery ?? {};
  const delivery = [t(`portal.delivery.${d.method}`), d.carrier, d.tracking_no, d.address].filter(Boolean).join(' · ');
  const samples = (b.samples ?? []).map((s, i) => h('li', { 'data-testid': 'booking-sample' },
    h('strong', {}, s.name), ` (${[s.category, s.brand, s.model, s.batch_no && t('portal.sample.batchShort', { batch: s.batch_no }), s.quantity && `${s.quantity} ${s.unit ?? ''}`].filter(Boolean).join(' · ')})`,
    s.manufacturer ? h('div', { class: 'muted' }, [s.manufacturer, s.manufacturer_uscc].filter(Boolean).join(' · ')) : null));
  return h('details', { class: 'card catalogue-card booking-details', 'data-testid': 'booking-details' },
    h('summary', {}, t('portal.order.details')),
    h('ul', { class: 'sample-list' }, samples),
    facts([[t('portal.book.marks'), (r.marks ?? []).join(' + ') || t('portal.order.noMarks')], [t('portal.book.language'), r.language && t(`portal.language.${r.language}`)],
      [t('portal.book.decisionRule'), r.decision_rule && t(`portal.rule.${r.decision_rule}`)], [t('portal.book.uncertainty'), r.uncertainty ? t('portal.account.yes') : t('portal.account.no')],
      [t('portal.book.remains'), r.remains && t(`portal.remains.${r.remains}`)], [t('portal.book.delivery'), delivery, 'booking-delivery'],
      b.note ? [t('portal.book.note'), b.note] : null,
      [t('portal.book.quote'), b.quote ? `${money(b.quote.total)}${b.quote.unpriced ? ` (${t('portal.book.unpriced', { n: b.quote.unpriced })})` : ''}` : null, 'booking-quote']], 'booking-facts'));
}

export async function orderView(id) {
  const path = `/api/portal/bookings/${encodeURIComponent(id)}`;
  let b;
  try {
    b = await api(path);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      return [h('h1', {}, t('portal.order.title')), h('p', { class: 'form-error', role: 'alert', 'data-testid': 'booking-not-found' }, t('portal.order.notFound')),
        h('a', { href: '#/orders' }, t('portal.order.back'))];
    }
    throw err;
  }
  const page = h('div', { 'data-testid': 'booking-page', 'data-id': String(b.id) });
  const reload = (notice) => orderView(id).then((fresh) => {
    page.replaceWith(fresh);
    if (notice) fresh.querySelector('[data-testid=booking-title]')?.after(h('p', { class: 'notice', role: 'status', 'data-testid': 'booking-notice' }, t(notice)));
  }).catch((err) => console.error(err));
  const justMade = takeSubmitted(b.id);
  const closed = ['declined', 'cancelled'].includes(b.status);
  const cancellable = ['submitted', 'booked', 'offered'].includes(b.status);
  const cancelBox = h('div', {});
  const cancel = cancellable && b.status !== 'offered' ? h('button', { type: 'button', class: 'btn-link', 'data-testid': 'booking-cancel', onclick: () => {
    replace(cancelBox, reasonForm('booking-cancel', t('portal.order.cancelTitle'), t('portal.order.cancel'), (reason) => api(`${path}/cancel`, { method: 'POST', body: { reason } }),
      () => reload('portal.order.cancelled'), () => replace(cancelBox)));
  } }, t('portal.order.cancel')) : null;
  replace(page,
    h('a', { href: '#/orders', class: 'back-link', 'data-testid': 'booking-back' }, t('portal.order.back')),
    h('h1', { 'data-testid': 'booking-title' }, b.order_code ? t('portal.order.titleCode', { code: b.order_code }) : t('portal.order.title')),
    justMade ? h('p', { class: 'notice', role: 'status', 'data-testid': 'booking-submitted' }, t('portal.order.submitted', { lab: b.lab?.name })) : null,
    h('section', { class: 'card catalogue-card' }, facts([
      [t('catalogue.col.lab'), b.lab?.name, 'booking-lab'], [t('portal.orders.col.status'), statusBadge(b.status)],
      b.order_code ? [t('portal.orders.col.code'), b.order_code, 'booking-code'] : null, [t('portal.orders.col.created'), formatDateTime(b.created_at)],
      !closed && (b.due_date ?? b.offer?.due_date) ? [t('portal.orders.col.due'), b.due_date ?? b.offer.due_date, 'booking-due'] : null,
      b.decline_reason ? [t('portal.order.declineReason'), b.decline_reason, 'booking-decline-reason'] : null,
    ], 'booking-facts-top'), h('p', { class: 'muted', 'data-testid': 'booking-next' }, t(`portal.next.${b.status}`)), cancel, cancelBox),
    offerSection(b, path, reload),
    questionsSection(b, path, reload),
    labSamplesSection(b),
    h('section', { class: 'card catalogue-card', 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, t('portal.order.timeline')),
      timeline(b.events) ?? h('p', { class: 'muted' }, t('portal.order.noEvents'))),
    closed && !b.reports?.length ? null : reportsSection(b, path, reload),
    messagesSection(b, path, reload),
    requirementsSection(b));
  return page;
}
