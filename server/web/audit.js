// Audit page (managers, admins): the audit trail reviewed as an assessor does, by period (the lab's days,
// UTC+08:00), user, entity type, action and entity ID (GET /api/audit), a page at a time with 上一页/下一页
// over the keyset cursor, and the filtered view as Excel (GET /api/audit/export.xlsx).
import { h, replace } from './dom.js';
import { t, has, getLang, problemText, formatDateTime } from './i18n.js';
import { api, apiAll, apiDownload, ApiError } from './api.js';
import { today, errorText, filterBar } from './widgets.js';

const PAGE_SIZE = 50;
const FIELDS = ['from', 'to', 'actor', 'entity', 'action', 'id', 'order'];
const COLUMNS = ['seq', 'at', 'actor', 'action', 'entity', 'entity_id', 'summary'];
const CLIP = 240; // characters of a value shown in the table; the whole value is in its tooltip

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// A code's name in the current language ("audit.action.update"), else the code itself.
function termName(kind, code) {
  const key = `audit.${kind}.${code}`;
  return has(key) ? t(key) : code;
}

// A field problem from the server in the user's words.
function problemWords(field, problem) {
  const p = String(problem ?? '');
  if (/YYYY-MM-DD/.test(p)) return t('audit.problem.date');
  if (field === 'to' && /before/.test(p)) return t('audit.problem.reversed');
  if (/^unknown/.test(p)) return t('audit.problem.unknown');
  if (field === 'entity' && /required/.test(p)) return t('audit.problem.entityForId');
  return problemText(problem);
}

// The lab's wall-clock time to the second (2026-11-25 09:30:05): events of one minute stay apart.
function atText(value) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(value ?? '');
  return m ? `${m[1]} ${m[2]}` : formatDateTime(value);
}

function clipped(text) {
  return text.length > CLIP ? `${text.slice(0, CLIP)}…` : text;
}

// "field: old → new", then the reason on its own line.
function summary(e) {
  const lines = [];
  const label = e.field ? `${e.field}: ` : '';
  if (e.old_value != null && e.new_value != null) lines.push(`${label}${e.old_value} → ${e.new_value}`);
  else if (e.new_value != null) lines.push(`${label}${e.new_value}`);
  else if (e.old_value != null) lines.push(`${label}${e.old_value} →`);
  else if (e.field) lines.push(e.field);
  if (e.reason != null && e.reason !== '') lines.push(t('audit.summary.reason', { reason: e.reason }));
  const full = lines.join('\n');
  return h('td', { class: 'audit-summary', title: full.length > CLIP ? full : null }, lines.map((l, i) => [i ? h('br') : null, clipped(l)]));
}

function selectOf(id, options, value) {
  return h('select', { id, name: id.replace('audit-', ''), 'data-testid': id, 'aria-describedby': `${id}-error` },
    options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

function sortedTerms(kind, codes) {
  const collator = new Intl.Collator(getLang());
  return codes.map((code) => [code, termName(kind, code)]).sort((a, b) => collator.compare(a[1], b[1]));
}

export async function render(main, ctx) {
  let vocabulary;
  try {
    vocabulary = await api('/api/audit/vocabulary');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return; // the app returns to the login page
    main.append(h('h1', {}, t('audit.title')), h('p', { class: 'form-error', role: 'alert', 'data-testid': 'audit-error' }, errorText(err)));
    return;
  }
  // Users to pick from when this user may read them; else the username is typed.
  let users = null;
  if (ctx.permissions.includes('users:read')) {
    try {
      users = await apiAll('/api/users');
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401) throw err;
      users = null; // typed instead
    }
  }
  const displayName = new Map((users ?? []).map((u) => [u.username, u.display_name]));
  const usernameById = new Map((users ?? []).map((u) => [u.id, u.username]));
  const actorLabel = (username) => (displayName.has(username)
    ? t('audit.actorName', { name: displayName.get(username), username }) : username);

  const input = {
    from: h('input', { id: 'audit-from', name: 'from', type: 'text', 'data-testid': 'audit-from', placeholder: 'YYYY-MM-DD', size: 10,
      value: addDays(today(), -6), 'aria-describedby': 'audit-from-error audit-hint' }),
    to: h('input', { id: 'audit-to', name: 'to', type: 'text', 'data-testid': 'audit-to', placeholder: 'YYYY-MM-DD', size: 10, value: today(),
      'aria-describedby': 'audit-to-error audit-hint' }),
    actor: users
      ? selectOf('audit-actor', [['', t('audit.anyUser')],
        ...users.map((u) => [u.username, actorLabel(u.username)]),
        ...(ctx.user.roles.includes('admin') ? [['system', t('audit.system')]] : [])], '')
      : h('input', { id: 'audit-actor', name: 'actor', type: 'text', 'data-testid': 'audit-actor', 'aria-describedby': 'audit-actor-error',
        autocomplete: 'off' }),
    entity: selectOf('audit-entity', [['', t('audit.any')], ...sortedTerms('entityType', vocabulary.entity_types)], ''),
    action: selectOf('audit-action', [['', t('audit.any')], ...sortedTerms('action', vocabulary.actions)], ''),
    id: h('input', { id: 'audit-id', name: 'id', type: 'text', 'data-testid': 'audit-id', 'aria-describedby': 'audit-id-error' }),
    order: selectOf('audit-order', [['desc', t('audit.order.desc')], ['asc', t('audit.order.asc')]], 'desc'),
  };
  const fieldError = Object.fromEntries(FIELDS.map((name) => [name,
    h('p', { class: 'field-error', id: `audit-${name}-error`, 'data-testid': `audit-${name}-error`, hidden: true })]));
  const fields = FIELDS.map((name) => h('div', { class: 'field' },
    h('label', { for: `audit-${name}` }, t(`audit.${name}`)), input[name], fieldError[name]));

  const errorBox = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'audit-error', hidden: true });
  const status = h('p', { class: 'muted', role: 'status', 'data-testid': 'audit-status' });
  const notice = h('p', { class: 'notice', role: 'status', 'data-testid': 'audit-export-status', hidden: true });
  const tbody = h('tbody');
  const wrap = h('div', { class: 'table-wrap', hidden: true, tabindex: '0', 'aria-label': t('audit.title') },
    h('table', { class: 'data-table', 'data-testid': 'audit-table' },
      h('caption', { class: 'visually-hidden' }, t('audit.title')),
      h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col' }, t(`audit.col.${c}`))))),
      tbody));
  const prev = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'audit-prev', disabled: true }, t('audit.prev'));
  const next = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'audit-next', disabled: true }, t('audit.next'));
  const pageLabel = h('span', { class: 'muted', 'data-testid': 'audit-page' });
  const pager = h('nav', { class: 'actions pager', 'aria-label': t('audit.pager'), hidden: true }, prev, pageLabel, next);
  const submit = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'audit-submit' }, t('audit.submit'));
  const exportButton = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'audit-export' }, t('audit.export'));

  let filters = null; // the filter of the pages shown (and of the export)
  let cursors = [null]; // cursors[i]: where page i starts; a page seen before is reached again by its cursor
  let pageIndex = 0;

  function read() {
    return Object.fromEntries(FIELDS.map((name) => [name, input[name].value.trim()]));
  }

  function clearErrors() {
    errorBox.hidden = true;
    errorBox.replaceChildren();
    for (const name of FIELDS) {
      fieldError[name].hidden = true;
      fieldError[name].textContent = '';
      input[name].removeAttribute('aria-invalid');
    }
  }

  function showError(err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 401) return; // the app returns to the login page
    const other = [];
    for (const { field, problem } of err.fieldErrors) {
      if (fieldError[field]) {
        fieldError[field].textContent = problemWords(field, problem);
        fieldError[field].hidden = false;
        input[field].setAttribute('aria-invalid', 'true');
        bar.open = true; // a folded filter bar (phone) shows the problem beside its field
      } else {
        other.push(problemText(problem)); // in words, not the API's field path
      }
    }
    replace(errorBox, h('p', {}, err.status === 400 ? t('error.invalid') : errorText(err)),
      other.length ? h('ul', {}, other.map((x) => h('li', {}, x))) : null);
    errorBox.hidden = false;
  }

  function row(e) {
    return h('tr', { 'data-testid': 'audit-row', 'data-seq': e.seq },
      h('td', { class: 'nowrap' }, e.seq),
      h('td', { class: 'nowrap', title: e.at }, atText(e.at)),
      h('td', {}, actorLabel(e.actor)),
      h('td', { class: 'nowrap' }, termName('action', e.action)),
      h('td', { class: 'nowrap' }, termName('entityType', e.entity)),
      // A user is named beside its id.
      h('td', {}, e.entity === 'user' && usernameById.has(e.entity_id)
        ? [actorLabel(usernameById.get(e.entity_id)), h('br'), h('span', { class: 'muted' }, e.entity_id)] : e.entity_id),
      summary(e));
  }

  async function load(index) {
    status.textContent = t('common.loading');
    prev.disabled = true;
    next.disabled = true;
    try {
      const res = await api('/api/audit', { query: { ...filters, limit: PAGE_SIZE, cursor: cursors[index] } });
      pageIndex = index;
      cursors = cursors.slice(0, index + 1);
      if (res.next_cursor) cursors.push(res.next_cursor);
      tbody.replaceChildren(...res.items.map(row));
      wrap.hidden = res.items.length === 0;
      wrap.scrollTop = 0;
      status.textContent = res.items.length === 0 && index === 0 ? t('audit.empty')
        : t('audit.page', { page: index + 1, n: res.items.length });
      pageLabel.textContent = t('audit.pageNo', { page: index + 1 });
      pager.hidden = index === 0 && !res.next_cursor;
      return true;
    } catch (err) {
      status.textContent = '';
      showError(err);
      return false;
    } finally {
      updatePager();
    }
  }

  function updatePager() {
    prev.disabled = pageIndex === 0;
    next.disabled = cursors.length <= pageIndex + 1;
  }

  async function search() {
    clearErrors();
    notice.hidden = true;
    const previous = { filters, cursors, pageIndex };
    filters = read();
    cursors = [null];
    if (!(await load(0))) {
      ({ filters, cursors, pageIndex } = previous); // the page shown stays what it was
      updatePager();
    }
  }

  const form = h('form', { class: 'grid-form audit-filter', 'data-testid': 'audit-form', novalidate: true },
    fields, h('div', {}, submit));
  const bar = filterBar('audit-filter-bar', t('common.filters'), form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });
  prev.addEventListener('click', () => load(pageIndex - 1));
  next.addEventListener('click', () => load(pageIndex + 1));
  exportButton.addEventListener('click', async () => {
    clearErrors();
    notice.hidden = true;
    exportButton.disabled = true;
    let rows = null;
    let cut = null;
    try {
      // The view on screen: its filter as searched (what the form says once searched).
      await apiDownload('/api/audit/export.xlsx', {
        query: filters ?? read(),
        name: `${t('audit.title')}.xlsx`,
        onResponse: (headers) => {
          rows = headers.get('Assay-Export-Rows');
          cut = headers.get('Assay-Export-Truncated');
        },
      });
      notice.textContent = cut ? t('audit.exportCut', { n: cut }) : t('audit.exported', { n: rows ?? '?' });
      notice.classList.toggle('status-warn', Boolean(cut));
      notice.hidden = false;
    } catch (err) {
      showError(err);
    } finally {
      exportButton.disabled = false;
    }
  });

  main.append(h('h1', { 'data-testid': 'audit-title' }, t('audit.title')), bar,
    h('p', { class: 'muted', id: 'audit-hint' }, t('audit.hint')),
    h('div', { class: 'actions' }, exportButton), errorBox, notice, status, wrap, pager);
  await search();
}
