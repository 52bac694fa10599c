// Shared page widgets: the lab's date, empty cells, API errors in words, data tables and small forms
// whose problem+json field errors appear beside their fields.
import { h, replace } from './dom.js';
import { t, problemText } from './i18n.js';
import { ApiError } from './api.js';

export function today() {
  // The lab's date (UTC+08:00), as the server counts it.
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

export function empty(value) {
  return value == null || value === '' ? t('common.empty') : String(value);
}

// A key id or fingerprint in groups of four (3397 b816 4ee7 …), to read out and compare by phone.
export function hexGroups(hex) {
  return hex == null || hex === '' ? t('common.empty') : String(hex).replace(/(.{4})(?=.)/g, '$1 ');
}

export function errorText(err) {
  if (!(err instanceof ApiError)) return String(err);
  if (err.status === 0) return t('error.network');
  if (err.status === 403) return t('error.forbidden');
  return err.problem?.detail || t('error.generic', { status: err.status });
}

// A data table; a column whose heading is text sorts the rows by it (numbers as numbers) when its heading is clicked.
export function table(testid, columns, rows, caption) {
  const tbody = h('tbody', {}, rows);
  const heads = columns.map((c, i) => (typeof c === 'string' && c
    ? h('th', { scope: 'col', 'aria-sort': 'none' }, h('button', { type: 'button', class: 'sort-button', 'data-testid': `${testid}-sort-${i}`,
      onclick: () => sortBy(i) }, c))
    : h('th', { scope: 'col' }, c)));
  function sortBy(i) {
    const dir = heads[i].getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    for (const th of heads) if (th.hasAttribute('aria-sort')) th.setAttribute('aria-sort', 'none');
    heads[i].setAttribute('aria-sort', dir);
    const key = (tr) => (tr.cells[i]?.textContent ?? '').trim();
    // A number, alone or before a unit (0.12 mg/kg, ¥150.00, <0.005); a date (2026-12-07) compares as text.
    const num = (x) => {
      const m = /^([-+]?)[¥<≤≥>]?\s*(\d+(?:\.\d+)?)(?:\s+.*)?$/s.exec(x);
      return m ? Number(`${m[1]}${m[2]}`) : Number.NaN;
    };
    const sorted = [...tbody.rows].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const [nx, ny] = [num(x), num(y)];
      const c = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y, 'zh-CN', { numeric: true });
      return dir === 'ascending' ? c : -c;
    });
    tbody.append(...sorted);
  }
  return h('div', { class: 'table-wrap', tabindex: '0', 'aria-label': caption },
    h('table', { class: 'data-table', 'data-testid': testid },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, heads)),
      tbody));
}

// A filter bar that folds away on a phone (a <details> open on wider screens): summary text, then the filters.
export function filterBar(testid, summary, ...content) {
  const bar = h('details', { class: 'filter-bar', 'data-testid': testid, open: !window.matchMedia('(max-width: 600px)').matches },
    h('summary', { 'data-testid': `${testid}-toggle` }, summary), content);
  return bar;
}

// A small form: fields [{name, label, type?, options?, value?}], every error shown beside its field at once.
export function form(testid, fields, submitLabel, onSubmit) {
  const input = {};
  const fieldError = {};
  const errorBox = h('div', { class: 'form-error', role: 'alert', 'data-testid': `${testid}-error`, hidden: true });
  const rows = fields.map((f) => {
    const id = `${testid}-${f.name}`;
    fieldError[f.name] = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    input[f.name] = f.options
      ? h('select', { id, name: f.name, 'data-testid': id, 'aria-describedby': `${id}-error` },
        f.options.map(([value, label]) => h('option', { value, selected: value === f.value }, label)))
      : h('input', { id, name: f.name, type: 'text', 'data-testid': id, 'aria-describedby': `${id}-error`, value: f.value ?? null });
    return h('div', { class: 'field' }, h('label', { for: id }, f.label), input[f.name], fieldError[f.name]);
  });
  const submit = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': `${testid}-submit` }, submitLabel);
  const el = h('form', { class: 'grid-form', 'data-testid': testid, novalidate: true }, rows, h('div', {}, submit), errorBox);
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    errorBox.hidden = true;
    for (const f of fields) {
      fieldError[f.name].hidden = true;
      input[f.name].removeAttribute('aria-invalid');
    }
    const values = Object.fromEntries(fields.map((f) => [f.name, input[f.name].value.trim()]));
    submit.disabled = true;
    try {
      await onSubmit(values);
    } catch (err) {
      const other = [];
      for (const { field, problem } of err instanceof ApiError ? err.fieldErrors : []) {
        // rows[0].reason, or a path ending in one of the form's names (items[2].reason), is that field;
        // a problem with no field here is said in words only, never with the API's field path.
        const full = String(field ?? '').replace(/^rows\[0\]\./, '');
        const last = full.replace(/^.*[.\]]/, '');
        const name = fieldError[full] ? full : fieldError[last] ? last : null;
        if (name) {
          fieldError[name].textContent = problemText(problem);
          fieldError[name].hidden = false;
          input[name].setAttribute('aria-invalid', 'true');
        } else {
          other.push(problemText(problem));
        }
      }
      replace(errorBox, h('p', {}, errorText(err)), other.length ? h('ul', {}, other.map((x) => h('li', {}, x))) : null);
      errorBox.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  return el;
}

// A tab strip with one panel: tabs [{id, label}], render(tabId, panel) fills the panel (errors shown in
// it). Appends the heading, the strip and the panel to main and shows the tab `initial` (else the first one);
// returns its promise.
export function tabbed(main, { prefix, title, titleTestId, tabs, render, initial }) {
  const panel = h('section', { id: `${prefix}-panel`, role: 'tabpanel', 'data-testid': `${prefix}-panel` });
  const buttons = tabs.map((tab) => h('button', {
    type: 'button', role: 'tab', id: `${prefix}-tab-${tab.id}`, 'data-testid': `${prefix}-tab-${tab.id}`, 'aria-controls': panel.id,
    onclick: () => select(tab.id),
  }, tab.label));
  async function select(id) {
    buttons.forEach((b, i) => b.setAttribute('aria-selected', String(tabs[i].id === id)));
    panel.setAttribute('aria-labelledby', `${prefix}-tab-${id}`);
    replace(panel, h('p', { class: 'muted' }, t('common.loading')));
    try {
      await render(id, panel);
    } catch (err) {
      replace(panel, h('p', { class: 'form-error', role: 'alert', 'data-testid': `${prefix}-error` }, errorText(err)));
    }
  }
  main.append(h('h1', { 'data-testid': titleTestId }, title), h('div', { class: 'tabs', role: 'tablist', 'aria-label': title }, buttons), panel);
  return select(tabs.some((tab) => tab.id === initial) ? initial : tabs[0].id);
}
