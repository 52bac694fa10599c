// 入驻审核 (issue 14), for the platform's operators: the labs' enrolment requests by state
// (GET /api/platform/enrolments?state=pending|approved|refused, paged by next_cursor). A pending request is
// approved after the operator has compared the key fingerprint with the one the lab gave them
// (POST .../{id}/approve), or refused with a reason typed inline (POST .../{id}/refuse).
import { h, replace } from './dom.js';
import { t, formatDateTime } from './i18n.js';
import { api, ApiError } from './api.js';
import { empty, errorText, table, tabbed, hexGroups } from './widgets.js';
import { reasonPanel } from './forms.js';

const STATES = ['pending', 'approved', 'refused'];
const PAGE_SIZE = 50;

function labCell(e) {
  return h('td', {}, h('strong', { 'data-testid': 'enrol-lab' }, e.lab_name), h('div', { class: 'muted nowrap' }, empty(e.uscc)));
}

// A certificate number with its scheme in front, unless it says it already (CNAS L1234).
function certText(scheme, no) {
  return no.toUpperCase().startsWith(scheme) ? no : `${scheme} ${no}`;
}

function certCell(e) {
  return h('td', { class: 'nowrap' }, e.cma_no ? h('div', {}, certText('CMA', e.cma_no)) : null, e.cnas_no ? h('div', {}, certText('CNAS', e.cnas_no)) : null,
    !e.cma_no && !e.cnas_no ? t('common.empty') : null);
}

// The key the request was signed with: its id (a digest of the public key, the lab's 平台 page shows it
// too) and, when the server gives it, the fingerprint.
function keyCell(e) {
  return h('td', { class: 'key-id' }, h('code', { class: 'hash', 'data-testid': 'enrol-key-id' }, hexGroups(e.key_id)),
    e.fingerprint ? h('div', {}, h('code', { class: 'hash', 'data-testid': 'enrol-fingerprint' }, hexGroups(e.fingerprint))) : null);
}

function labFacts(e) {
  return h('td', { class: 'nowrap' }, empty(e.region),
    e.turnaround_days == null ? null : h('div', { class: 'muted' }, t('platform.days', { n: e.turnaround_days })));
}

// decided_by is a user id (a name in notes/platform-api.md): the signed-in operator by name, else the id.
function deciderText(by, me) {
  if (by == null || by === '') return t('common.empty');
  if (String(by) === String(me.id)) return me.display_name || me.username;
  if (String(by) === '0') return t('enrol.bySystem'); // decided by the system (the demo's seed)
  return /^\d+$/.test(String(by)) ? t('enrol.userNo', { id: by }) : String(by);
}

function decisionCells(e, state, me) {
  if (state === 'pending') return [];
  return [h('td', { class: 'nowrap' }, e.decided_at ? formatDateTime(e.decided_at) : t('common.empty')), h('td', {}, deciderText(e.decided_by, me)),
    state === 'refused' ? h('td', { 'data-testid': 'enrol-reason' }, empty(e.reason)) : null];
}

function columns(state) {
  const cols = [t('enrol.col.lab'), t('enrol.col.certs'), t('enrol.col.region'), t('enrol.col.key'), t('enrol.col.requested')];
  if (state === 'pending') return [...cols, ''];
  return [...cols, t('enrol.col.decided'), t('enrol.col.decidedBy'), state === 'refused' ? t('enrol.col.reason') : null].filter((c) => c !== null);
}

// The approval asks the operator to compare the fingerprint first; the refusal asks for the reason.
function approvePanel(e, done, close) {
  const confirm = h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'enrol-approve-confirm' }, t('enrol.approve'));
  const error = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'enrol-approve-error', hidden: true });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      await api(`/api/platform/enrolments/${encodeURIComponent(e.id)}/approve`, { method: 'POST', body: {} });
      await done(t('enrol.approved', { name: e.lab_name }));
    } catch (err) {
      replace(error, errorText(err));
      error.hidden = false;
      confirm.disabled = false;
    }
  });
  return h('section', { class: 'inline-panel', 'data-testid': 'enrol-approve-panel' },
    h('h3', {}, t('enrol.approveWho', { name: e.lab_name })),
    h('p', {}, t('enrol.approveCheck')),
    h('dl', { class: 'facts' }, h('dt', {}, t('enrol.keyId')), h('dd', {}, h('code', { class: 'hash' }, hexGroups(e.key_id))),
      e.fingerprint ? [h('dt', {}, t('enrol.fingerprint')), h('dd', {}, h('code', { class: 'hash' }, hexGroups(e.fingerprint)))] : null),
    h('div', { class: 'actions' }, confirm,
      h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'enrol-approve-cancel', onclick: close }, t('form.cancel'))),
    error);
}

function refusePanel(e, done, close) {
  return reasonPanel('enrol-refuse', t('enrol.refuseWho', { name: e.lab_name }),
    [{ name: 'reason', label: t('enrol.reason'), type: 'textarea', required: true, wide: true, hint: t('enrol.reasonHint') }],
    t('enrol.refuse'), async (v) => {
      await api(`/api/platform/enrolments/${encodeURIComponent(e.id)}/refuse`, { method: 'POST', body: { reason: v.reason } });
      await done(t('enrol.refused', { name: e.lab_name }));
    }, close);
}

function row(e, state, openPanel, me) {
  const actions = state === 'pending' ? h('td', { class: 'nowrap' },
    h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'enrol-approve', onclick: () => openPanel(approvePanel, e) }, t('enrol.approve')), ' ',
    h('button', { type: 'button', class: 'btn-secondary btn-danger-outline', 'data-testid': 'enrol-refuse', onclick: () => openPanel(refusePanel, e) },
      t('enrol.refuse'))) : null;
  return h('tr', { 'data-testid': 'enrol-row' }, labCell(e), certCell(e), labFacts(e), keyCell(e),
    h('td', { class: 'nowrap' }, e.requested_at ? formatDateTime(e.requested_at) : t('common.empty')), decisionCells(e, state, me), actions);
}

// Each cell names its column (data-label), shown before it when a phone lays the rows out as cards.
function labelled(tr, cols) {
  [...tr.cells].forEach((td, i) => {
    if (!cols[i]) return;
    td.dataset.label = cols[i];
    td.replaceChildren(h('div', {}, [...td.childNodes])); // one value beside the label
  });
  return tr;
}

async function showState(state, panel, me, note = null) {
  const items = [];
  const list = h('div', {});
  const editor = h('div', { 'data-testid': 'enrol-editor' });
  const message = h('div', { role: 'status', class: 'status-line', 'data-testid': 'enrol-message' },
    note ? h('p', { class: 'status status-ok' }, note) : null);
  const more = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'enrol-more', hidden: true,
    onclick: () => loadPage().catch((err) => {
      more.disabled = false;
      replace(message, h('p', { class: 'form-error', role: 'alert' }, errorText(err)));
    }) },
    t('enrol.more'));
  let cursor = null;
  const done = (text) => showState(state, panel, me, text);
  const openPanel = (make, e) => {
    replace(editor, make(e, done, () => replace(editor)));
    editor.querySelector('textarea, button')?.focus();
  };
  function draw() {
    replace(list, items.length ? table('enrol-table', columns(state), items.map((e) => labelled(row(e, state, openPanel, me), columns(state))), t(`enrol.tab.${state}`))
      : h('p', { class: 'muted', 'data-testid': 'enrol-empty' }, t(`enrol.none.${state}`)));
  }
  async function loadPage() {
    more.disabled = true;
    const page = await api('/api/platform/enrolments', { query: { state, limit: PAGE_SIZE, cursor } });
    items.push(...page.items);
    cursor = page.next_cursor ?? null;
    more.hidden = !cursor;
    more.disabled = false;
    draw();
  }
  await loadPage();
  replace(panel, message, list, more, editor);
}

export function render(main, ctx) {
  return tabbed(main, {
    prefix: 'enrol', title: t('enrol.title'), titleTestId: 'enrolments',
    tabs: STATES.map((id) => ({ id, label: t(`enrol.tab.${id}`) })),
    render: (id, panel) => {
      ctx.mark(id);
      return showState(id, panel, ctx.user).catch((err) => {
        // 404: this instance runs as a lab only (instance.role=lab), with no enrolment queue.
        if (!(err instanceof ApiError && err.status === 404)) throw err;
        replace(panel, h('p', { class: 'notice', 'data-testid': 'enrol-error' }, t('enrol.notAPlatform')));
      });
    },
    initial: ctx.route[0],
  });
}
