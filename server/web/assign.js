// 分配 (assignment): the test items an accepted order made that nobody is assigned to yet, grouped
// by order. Per order, the specification the items are judged by (until a result exists); per
// item, the test date and only the technicians the server says may perform the method on that
// date (R13; none when the method is not usable then, R23, and the page says why).
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { api, apiAll } from './api.js';
import { today, errorText } from './widgets.js';

async function registerNames() {
  const [params, methods, specs] = await Promise.all([apiAll('/api/register/parameters'), apiAll('/api/register/methods'),
    apiAll('/api/register/specifications')]);
  return {
    parameter: new Map(params.map((p) => [p.id, p.name_zh])),
    method: new Map(methods.map((m) => [m.id, m.citation ?? m.name])),
    specs,
  };
}

// One item's row: test date, the people allowed on it, the assign button and its outcome.
function itemRow(item, names, onAssigned) {
  const date = h('input', { type: 'text', size: 10, inputmode: 'numeric', placeholder: 'YYYY-MM-DD', value: item.test_date ?? today(),
    'data-testid': 'assign-date', 'aria-label': t('assign.col.date') });
  const who = h('select', { 'data-testid': 'assign-user', 'aria-label': t('assign.col.technician') });
  const note = h('span', { class: 'field-error', 'data-testid': 'assign-note', role: 'status', hidden: true });
  const say = (text) => { note.textContent = text; note.hidden = !text; };
  const button = h('button', { type: 'button', class: 'btn-primary', 'data-testid': 'assign-submit' }, t('assign.submit'));

  async function loadPeople() {
    say('');
    button.disabled = true;
    try {
      const res = await api(`/api/testing/items/${item.id}/assignees`, { query: { test_date: date.value } });
      replace(who, ...res.items.map((p) => h('option', { value: p.user_id }, p.name)));
      if (!res.method_usable) say(t('assign.methodUnusable', { rule: res.method_rule ?? '', reason: res.method_reason ?? '' }));
      else if (!res.items.length) say(t('assign.nobody'));
      button.disabled = !res.items.length;
    } catch (err) {
      replace(who);
      say(errorText(err));
    }
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    say('');
    try {
      const { etag } = await api(`/api/testing/items/${item.id}`, { withEtag: true });
      await api(`/api/testing/items/${item.id}/assign`, { method: 'POST', headers: { 'If-Match': etag },
        body: { user_id: who.value, test_date: date.value } });
      onAssigned(item, who.selectedOptions[0]?.textContent ?? '');
    } catch (err) {
      say(errorText(err));
      button.disabled = false;
    }
  });
  date.addEventListener('change', loadPeople);
  loadPeople();
  return h('tr', { 'data-testid': 'assign-row', 'data-item': item.id },
    h('td', { class: 'nowrap' }, item.sample_code),
    h('td', {}, item.product),
    h('td', {}, names.parameter.get(item.parameter_id) ?? item.parameter_id),
    h('td', {}, names.method.get(item.method_id) ?? item.method_id),
    h('td', {}, date),
    h('td', {}, who, h('div', {}, note)),
    h('td', { class: 'nowrap' }, button));
}

// A sample's specification (what its results are judged by): chosen at contract review, changed here
// until its results are approved; a change after the first choice needs a reason (R20), and the
// results not yet approved are judged again.
function specPicker(sampleCode, items, names, reload) {
  const current = items.find((i) => i.specification_id)?.specification_id ?? '';
  const select = h('select', { 'data-testid': 'assign-spec', 'aria-label': t('assign.specFor', { sample: sampleCode }) },
    h('option', { value: '' }, t('assign.specNone')),
    names.specs.filter((s) => s.status === 'current' || s.id === current)
      .map((s) => h('option', { value: s.id, selected: s.id === current }, s.name)));
  const reason = h('input', { type: 'text', 'data-testid': 'assign-spec-reason', 'aria-label': t('assign.specReason'),
    placeholder: t('assign.specReason'), hidden: !current });
  const out = h('span', { class: 'muted', role: 'status', 'data-testid': 'assign-spec-status' });
  const apply = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'assign-spec-apply' }, t('assign.specApply'));
  apply.addEventListener('click', async () => {
    try {
      await api(`/api/testing/samples/${encodeURIComponent(sampleCode)}/specification`, { method: 'POST',
        body: { specification_id: select.value || null, reason: reason.value.trim() || null } });
      await reload(t('assign.specSaved'));
    } catch (err) {
      reason.hidden = false;
      out.textContent = errorText(err);
    }
  });
  return h('div', { class: 'assign-spec-bar', 'data-testid': 'assign-spec-bar', 'data-sample': sampleCode },
    h('label', {}, t('assign.specFor', { sample: sampleCode }), ' ', select), ' ', reason, ' ', apply, ' ', out);
}

export async function assignPanel(panel) {
  const names = await registerNames();
  async function load(message = '') {
    const page = await api('/api/testing/items', { query: { unassigned: 1, limit: 200 } });
    const open = page.items.filter((i) => !i.assignee_user_id)
      .sort((a, b) => a.sample_code.localeCompare(b.sample_code) || a.parameter_id.localeCompare(b.parameter_id));
    if (!open.length) {
      replace(panel, h('p', { class: 'muted', 'data-testid': 'assign-empty' }, t('assign.empty')));
      return;
    }
    const byOrder = new Map();
    for (const item of open) byOrder.set(item.order_code, [...(byOrder.get(item.order_code) ?? []), item]);
    const done = h('p', { class: 'form-ok', role: 'status', 'data-testid': 'assign-done' }, message);
    const emptyNote = h('p', { class: 'muted', 'data-testid': 'assign-empty', hidden: true }, t('assign.empty'));
    const sections = [...byOrder].map(([code, items]) => {
      const body = h('tbody', {});
      const onAssigned = (item, name) => {
        body.querySelector(`tr[data-item="${item.id}"]`)?.remove();
        done.textContent = t('assign.assigned', { sample: item.sample_code, name });
        // An order with nothing left to assign goes; with none left, the page says so.
        if (!body.rows.length) body.closest('section')?.remove();
        emptyNote.hidden = panel.querySelector('[data-testid=assign-order]') != null;
      };
      items.forEach((item) => body.append(itemRow(item, names, onAssigned)));
      return h('section', { class: 'assign-order', 'data-testid': 'assign-order', 'data-order': code },
        h('h2', {}, t('assign.order', { code })),
        [...new Set(items.map((i) => i.sample_code))].map((sample) =>
          specPicker(sample, items.filter((i) => i.sample_code === sample), names, load)),
        h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', 'data-testid': 'assign-table' },
          h('thead', {}, h('tr', {}, ['sample', 'product', 'parameter', 'method', 'date', 'technician', 'action']
            .map((c) => h('th', { scope: 'col' }, t(`assign.col.${c}`))))),
          body)));
    });
    replace(panel, h('p', { class: 'muted' }, t('assign.intro')), done, emptyNote, ...sections);
  }
  await load();
}
