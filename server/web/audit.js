// Audit page (managers, admins): look up the audit trail of one entity via GET /api/audit?entity=&id=.
import { clearFormErrors, h, replace } from './dom.js';
import { t, formatDateTime, problemText } from './i18n.js';
import { api, ApiError } from './api.js';

const COLUMNS = ['seq', 'at', 'actor', 'entity', 'entity_id', 'action', 'field', 'old_value', 'new_value', 'reason'];
const FIELDS = ['entity', 'id'];

function cell(column, value) {
  if (column === 'at') return formatDateTime(value);
  if (value == null || value === '') return t('common.empty');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function render(main) {
  const input = {};
  const fieldError = {};
  const rows = FIELDS.map((name) => {
    const id = `audit-${name}`;
    fieldError[name] = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    input[name] = h('input', {
      id, name, type: 'text', 'data-testid': `audit-${name}`, 'aria-describedby': `${id}-error`,
      value: name === 'entity' ? 'user' : null, list: name === 'entity' ? 'audit-entities' : null,
    });
    return h('div', { class: 'field' }, h('label', { for: id }, t(`audit.${name}`)), input[name], fieldError[name]);
  });
  const entities = h('datalist', { id: 'audit-entities' }, ['user', 'sample', 'result', 'report'].map((v) => h('option', { value: v })));
  const errorBox = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'audit-error', hidden: true });
  const status = h('p', { class: 'muted', role: 'status' });
  const tbody = h('tbody');
  const table = h('table', { class: 'data-table', 'data-testid': 'audit-table' },
    h('caption', { class: 'visually-hidden' }, t('audit.title')),
    h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col' }, t(`audit.col.${c}`))))),
    tbody);
  const wrap = h('div', { class: 'table-wrap', hidden: true, tabindex: '0', 'aria-label': t('audit.title') }, table);
  const more = h('button', { type: 'button', class: 'btn-secondary', hidden: true }, t('audit.more'));
  let query = null;
  let cursor = null;

  function clearErrors() {
    clearFormErrors(errorBox, FIELDS, fieldError, input);
  }

  function showErrors(summary, errors) {
    const other = [];
    for (const { field, problem } of errors) {
      const name = field === 'entity_id' ? 'id' : field;
      if (FIELDS.includes(name)) {
        fieldError[name].textContent = problemText(problem);
        fieldError[name].hidden = false;
        input[name].setAttribute('aria-invalid', 'true');
      } else {
        other.push(`${field}: ${problemText(problem)}`);
      }
    }
    replace(errorBox, h('p', {}, summary), other.length ? h('ul', {}, other.map((x) => h('li', {}, x))) : null);
    errorBox.hidden = false;
  }

  async function load(append) {
    status.textContent = t('common.loading');
    more.disabled = true;
    try {
      const res = await api('/api/audit', { query: { ...query, cursor: append ? cursor : null } });
      if (!append) tbody.replaceChildren();
      for (const item of res.items ?? []) {
        tbody.append(h('tr', {}, COLUMNS.map((c) => h('td', { class: c === 'at' ? 'nowrap' : null }, cell(c, item[c])))));
      }
      cursor = res.next_cursor ?? null;
      wrap.hidden = tbody.children.length === 0;
      more.hidden = !cursor;
      status.textContent = tbody.children.length === 0 ? t('audit.empty') : t('audit.count', { n: tbody.children.length });
    } catch (err) {
      status.textContent = '';
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 401) return; // the app returns to the login page
      const summary = err.status === 0 ? t('error.network')
        : err.status === 403 ? t('error.forbidden')
        : err.problem.detail || err.problem.title || t('error.generic', { status: err.status });
      showErrors(summary, err.fieldErrors);
    } finally {
      more.disabled = false;
    }
  }

  const form = h('form', { class: 'inline-form', 'data-testid': 'audit-form', novalidate: true },
    rows, entities, h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'audit-submit' }, t('audit.submit')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors();
    const values = { entity: input.entity.value.trim(), id: input.id.value.trim() };
    const missing = FIELDS.filter((name) => !values[name]).map((field) => ({ field, problem: 'required' }));
    if (missing.length) {
      showErrors(t('error.invalid'), missing);
      return;
    }
    query = values;
    cursor = null;
    load(false);
  });
  more.addEventListener('click', () => load(true));

  main.append(h('h1', {}, t('audit.title')), form, errorBox, status, wrap, more);
}
