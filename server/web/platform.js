// 平台 (issue 14), for the lab's managers: this lab's link to the testing-resource platform
// (GET /api/platform/link) — the enrolment's state (未注册 / 待审核 / 已通过 / 被拒绝 with the reason), the
// platform's address, region and stated turnaround; the instance keys with their fingerprints (生成 or
// 轮换, POST .../keys); the enrolment request (POST .../enrolment); publishing the catalogue now
// (POST .../publish); the outbox (pending, delivered, delivered through, the last error, the next
// attempt) and resending from a sequence number (POST .../resend).
import { h, replace } from './dom.js';
import { t, formatDateTime } from './i18n.js';
import { api, ApiError } from './api.js';
import { empty, errorText, table, hexGroups } from './widgets.js';
import { entryForm, compact } from './forms.js';

const STATE_CLASS = { none: 'status status-na', requested: 'status status-warn', approved: 'status status-ok', refused: 'status status-bad' };

function when(value) {
  return value ? formatDateTime(value) : t('common.empty');
}

function fact(label, value, testid) {
  return [h('dt', {}, label), h('dd', { 'data-testid': testid }, value ?? t('common.empty'))];
}

function stateBadge(state) {
  return h('span', { class: STATE_CLASS[state] ?? 'status', 'data-testid': 'platform-state' }, t(`platform.state.${state}`));
}

// When the platform decided (decided_at; approved_at in notes/platform-api.md).
function decidedAt(link) {
  return link.state === 'approved' || link.state === 'refused' ? link.decided_at ?? link.approved_at : null;
}

function linkCard(link) {
  return h('section', { class: 'card platform-card', 'aria-labelledby': 'platform-link-title', 'data-testid': 'platform-link' },
    h('h2', { id: 'platform-link-title' }, t('platform.link.title')),
    h('dl', { class: 'facts' },
      fact(t('platform.link.state'), stateBadge(link.state), 'platform-state-cell'),
      link.state === 'refused' ? fact(t('platform.link.refusedReason'), empty(link.refused_reason), 'platform-refused-reason') : null,
      fact(t('platform.link.role'), t(`platform.role.${link.role}`), 'platform-role'),
      fact(t('platform.link.url'), link.platform_url ? h('code', { class: 'hash' }, link.platform_url) : t('platform.link.thisInstance'), 'platform-url'),
      fact(t('platform.link.region'), empty(link.region), 'platform-region'),
      fact(t('platform.link.turnaround'), link.turnaround_days == null ? null : t('platform.days', { n: link.turnaround_days }), 'platform-turnaround'),
      fact(t('platform.link.requestedAt'), when(link.requested_at), 'platform-requested-at'),
      decidedAt(link) ? fact(t('platform.link.decidedAt'), when(decidedAt(link)), 'platform-decided-at') : null,
      link.last_poll_error ? fact(t('platform.link.pollError'), h('span', { class: 'status status-bad' }, link.last_poll_error), 'platform-poll-error') : null),
    h('p', { class: 'muted' }, t(`platform.stateHelp.${link.state}`)),
    publicPage(link));
}

// Once approved, the lab's public page on the platform (this instance's catalogue when it is the platform too).
function publicPage(link) {
  if (link.state !== 'approved' || !link.enrolment_id) return null;
  const base = (link.platform_url ?? '').replace(/\/+$/, '');
  return h('p', {}, h('a', { href: `${base}/catalogue.html#/lab/${encodeURIComponent(link.enrolment_id)}`, target: '_blank', rel: 'noopener',
    'data-testid': 'platform-public-page' }, t('platform.link.publicPage')));
}

function keyRows(keys) {
  return keys.map((k) => h('tr', { 'data-testid': 'platform-key-row' },
    h('td', { class: 'key-id' }, h('code', { class: 'hash', 'data-testid': 'platform-key-id' }, hexGroups(k.key_id))),
    h('td', { class: 'fingerprint' }, h('code', { class: 'hash', 'data-testid': 'platform-key-fingerprint' }, hexGroups(k.fingerprint))),
    h('td', { class: 'nowrap' }, when(k.created_at)),
    h('td', { class: 'nowrap' }, k.retired_at ? t('platform.keys.retiredOn', { at: formatDateTime(k.retired_at) })
      : h('span', { class: 'status status-ok' }, t('platform.keys.inUse')))));
}

// 生成实例密钥 at once; 轮换密钥 only after an inline confirmation (the old key stops signing).
function keysCard(link, act) {
  const active = (link.keys ?? []).some((k) => !k.retired_at);
  const confirmBox = h('div', {});
  const post = () => act(() => api('/api/platform/link/keys', { method: 'POST', body: {} }), t(active ? 'platform.keys.rotated' : 'platform.keys.createdDone'));
  const button = h('button', { type: 'button', class: active ? 'btn-secondary' : 'btn-primary', 'data-testid': 'platform-key-button',
    onclick: () => (active ? replace(confirmBox, rotateConfirm(post, () => replace(confirmBox))) : post()) },
  t(active ? 'platform.keys.rotate' : 'platform.keys.create'));
  return h('section', { class: 'card platform-card platform-wide', 'aria-labelledby': 'platform-keys-title', 'data-testid': 'platform-keys' },
    h('h2', { id: 'platform-keys-title' }, t('platform.keys.title')),
    h('p', { class: 'muted' }, t('platform.keys.help')),
    link.keys?.length ? table('platform-keys-table', [t('platform.keys.id'), t('platform.keys.fingerprint'), t('platform.keys.created'),
      t('platform.keys.state')], keyRows(link.keys), t('platform.keys.title')) : h('p', { class: 'notice', 'data-testid': 'platform-no-keys' }, t('platform.keys.none')),
    h('div', { class: 'actions' }, button), confirmBox);
}

function rotateConfirm(onConfirm, onCancel) {
  return h('section', { class: 'inline-panel', 'data-testid': 'platform-rotate-panel' },
    h('h3', {}, t('platform.keys.rotateTitle')),
    h('p', {}, t('platform.keys.rotateHelp')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'platform-rotate-confirm', onclick: onConfirm }, t('platform.keys.rotate')),
      h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'platform-rotate-cancel', onclick: onCancel }, t('form.cancel'))));
}

function enrolForm(link, act) {
  return entryForm('platform-enrol', [
    { name: 'platform_url', label: t('platform.enrol.url'), value: link.platform_url ?? '', wide: true,
      hint: link.role === 'both' ? t('platform.enrol.urlHintBoth') : t('platform.enrol.urlHint'), required: link.role !== 'both' },
    { name: 'region', label: t('platform.enrol.region'), value: link.region ?? '', required: true, hint: t('platform.enrol.regionHint'),
      check: (v) => (/^\d{6}$/.test(v) ? null : t('platform.enrol.regionProblem')) },
    { name: 'turnaround_days', label: t('platform.enrol.turnaround'), value: link.turnaround_days == null ? '' : String(link.turnaround_days), required: true,
      check: (v) => (/^[1-9]\d{0,2}$/.test(v) ? null : t('platform.enrol.turnaroundProblem')) },
  ], t('platform.enrol.submit'), (v) => act(() => api('/api/platform/link/enrolment', { method: 'POST',
    body: compact({ ...v, turnaround_days: Number(v.turnaround_days) }) }), t('platform.enrol.sent'), { rethrow: true }));
}

// The request form, while there is none or after a refusal (the server takes no second request
// while one waits or after the approval).
function enrolCard(link, act) {
  if (link.state !== 'none' && link.state !== 'refused') return null;
  return h('section', { class: 'card platform-card platform-wide', 'aria-labelledby': 'platform-enrol-title', 'data-testid': 'platform-enrol' },
    h('h2', { id: 'platform-enrol-title' }, t('platform.enrol.title')),
    h('p', { class: 'muted' }, t('platform.enrol.help')), enrolForm(link, act));
}

function outboxFacts(o = {}) {
  return h('dl', { class: 'facts', 'data-testid': 'platform-outbox-facts' },
    fact(t('platform.outbox.pending'), String(o.pending ?? 0), 'platform-outbox-pending'),
    fact(t('platform.outbox.delivered'), String(o.delivered ?? 0), 'platform-outbox-delivered'),
    fact(t('platform.outbox.through'), o.delivered_through == null ? null : String(o.delivered_through), 'platform-outbox-through'),
    o.last_seq == null ? null : fact(t('platform.outbox.lastSeq'), String(o.last_seq), 'platform-outbox-last-seq'),
    fact(t('platform.outbox.lastAttempt'), when(o.last_attempt_at), 'platform-outbox-last-attempt'),
    fact(t('platform.outbox.nextAttempt'), when(o.next_attempt_at), 'platform-outbox-next-attempt'),
    fact(t('platform.outbox.lastError'), o.last_error ? h('span', { class: 'status status-bad' }, o.last_error) : t('platform.outbox.noError'),
      'platform-outbox-last-error'));
}

function resendForm() {
  return entryForm('platform-resend', [
    { name: 'from_seq', label: t('platform.resend.fromSeq'), value: '1', required: true, hint: t('platform.resend.hint'),
      check: (v) => (/^[1-9]\d*$/.test(v) ? null : t('platform.resend.seqProblem')) },
  ], t('platform.resend.submit'), (v) => api('/api/platform/link/resend', { method: 'POST', body: { from_seq: Number(v.from_seq) } }),
  { saved: (res) => t('platform.resend.requeued', { n: res?.requeued ?? 0 }) });
}

function outboxCard(link, act) {
  const publish = h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'platform-publish',
    onclick: () => act(() => api('/api/platform/link/publish', { method: 'POST', body: {} }), t('platform.published')) }, t('platform.publish'));
  return h('section', { class: 'card platform-card', 'aria-labelledby': 'platform-outbox-title', 'data-testid': 'platform-outbox' },
    h('h2', { id: 'platform-outbox-title' }, t('platform.outbox.title')),
    h('p', { class: 'muted' }, t('platform.outbox.help')),
    outboxFacts(link.outbox),
    link.inbox_position != null ? h('p', { class: 'muted', 'data-testid': 'platform-inbox-position' },
      t('platform.inboxPosition', { n: link.inbox_position })) : null,
    h('div', { class: 'actions' }, publish),
    h('details', { 'data-testid': 'platform-resend' }, h('summary', {}, t('platform.resend.title')), resendForm()));
}

export async function render(main) {
  const message = h('div', { role: 'status', class: 'status-line', 'data-testid': 'platform-message' });
  const body = h('div', { class: 'platform-body', 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('common.loading')));

  function draw(link) {
    replace(body, linkCard(link), outboxCard(link, act), keysCard(link, act), enrolCard(link, act));
    body.removeAttribute('aria-busy');
  }
  // An action that answers the link: shown at once with a line saying what happened; a failure said on that line.
  async function act(call, done, { rethrow = false } = {}) {
    replace(message);
    try {
      const link = await call();
      if (link?.state) draw(link);
      else await load();
      replace(message, h('p', { class: 'status status-ok', 'data-testid': 'platform-done' }, done));
    } catch (err) {
      if (rethrow) throw err;
      replace(message, h('p', { class: 'form-error', role: 'alert', 'data-testid': 'platform-error' }, errorText(err)));
    }
  }
  async function load() {
    try {
      draw(await api('/api/platform/link'));
    } catch (err) {
      // 404: this instance runs as the platform only (instance.role=platform), with no lab link.
      const text = err instanceof ApiError && err.status === 404 ? t('platform.notALab') : errorText(err);
      replace(body, h('p', { class: 'form-error', role: 'alert', 'data-testid': 'platform-error' }, text));
    }
  }
  const refresh = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'platform-refresh',
    onclick: () => { replace(message); load(); } }, t('platform.refresh'));
  main.append(h('div', { class: 'section-head platform-head' }, h('h1', { 'data-testid': 'platform-title' }, t('platform.title')), refresh), message, body);
  await load();
}
