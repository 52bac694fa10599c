// Small pieces shared by the SME portal (portal.js, portal-book.js, portal-order.js) and the lab's
// platform panel (platform-order.js): labelled fields whose server problems appear beside them, error
// boxes, files as base64 attachments.
import { h, replace } from './dom.js';
import { t, list, problemText, formatDateTime } from './i18n.js';
import { ApiError } from './api.js';
import { errorText } from './widgets.js';

export const MAX_ATTACHMENT = 4 * 1024 * 1024;

// A server field problem in words: the portal's API sends `message` (already in the reader's
// language), older routes a `problem` code.
export function fieldText(e) {
  return e.message ?? problemText(e.problem);
}

export function input(id, props = {}) {
  return h('input', { id, type: 'text', 'data-testid': id, ...props });
}

export function select(id, options, value) {
  return h('select', { id, 'data-testid': id }, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

export function textarea(id, props = {}) {
  return h('textarea', { id, 'data-testid': id, rows: 3, ...props });
}

export function checkbox(id, label, checked = false, props = {}) {
  const box = h('input', { id, type: 'checkbox', 'data-testid': id, checked, ...props });
  return { box, el: h('div', { class: 'field field-check' }, box, h('label', { for: id }, label)) };
}

// Fields by API path (samples[0].name, delivery.tracking_no): slot(path, control) registers a control
// and returns its error line; show(errors) puts each problem beside the nearest registered path and
// returns the texts that have no place (said in words, never with the path).
export function fieldSlots() {
  const slots = new Map();
  const slot = (path, control) => {
    const error = h('p', { class: 'field-error', id: `${control.id}-error`, 'data-testid': `${control.id}-error`, hidden: true });
    control.setAttribute('aria-describedby', error.id);
    slots.set(path, { control, error });
    // Edited: its problem is no longer shown (the next submit says it again if it stays).
    const fixed = () => {
      if (error.hidden) return;
      error.hidden = true;
      error.textContent = '';
      control.removeAttribute('aria-invalid');
    };
    control.addEventListener('input', fixed);
    control.addEventListener('change', fixed);
    return error;
  };
  const clear = () => {
    for (const { control, error } of slots.values()) {
      error.hidden = true;
      error.textContent = '';
      control.removeAttribute('aria-invalid');
    }
  };
  const set = (path, text) => {
    let key = path ?? '';
    while (key && !slots.has(key)) {
      const up = key.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
      key = up === key ? '' : up;
    }
    const s = slots.get(key);
    if (!s) return false;
    s.error.textContent = s.error.textContent ? list([s.error.textContent, text]) : text;
    s.error.hidden = false;
    s.control.setAttribute('aria-invalid', 'true');
    return true;
  };
  const show = (errors) => {
    const rest = errors.filter((e) => !set(e.field, fieldText(e))).map(fieldText);
    const marked = [...slots.values()].filter((x) => !x.error.hidden).map((x) => x.control)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    marked[0]?.focus();
    return rest;
  };
  return { slot, clear, show, set };
}

// A labelled field; `error` is the slot's error line.
export function field(control, label, error = null, { wide = false, hint = null, required = false } = {}) {
  return h('div', { class: wide ? 'field field-wide' : 'field' },
    h('label', { for: control.id }, label, required ? h('span', { class: 'required-mark', 'aria-hidden': 'true' }, ' *') : null),
    control, hint ? h('p', { class: 'muted field-hint' }, hint) : null, error);
}

export function errorBox(testid) {
  return h('div', { class: 'form-error', role: 'alert', 'data-testid': testid, hidden: true });
}

// Shows an error in its box: the message, then the problems that have no field of their own.
export function showError(box, err, rest = null) {
  const problems = rest ?? (err instanceof ApiError ? err.fieldErrors.map(fieldText) : []);
  const rules = err instanceof ApiError && Array.isArray(err.problem.rules) ? err.problem.rules.map((r) => `${r.id}: ${r.reason}`) : [];
  const items = [...problems, ...rules];
  replace(box, h('p', {}, errorText(err)), items.length ? h('ul', {}, items.map((x) => h('li', {}, x))) : null);
  box.hidden = false;
}

export function hideError(box) {
  box.hidden = true;
  box.replaceChildren();
}

// Runs a form's submit: clears its problems, disables the button, puts field problems beside their
// fields and the rest in the box. Resolves to true when `work` succeeded.
export async function submitting({ slots, box, button }, work) {
  slots?.clear();
  hideError(box);
  if (button) button.disabled = true;
  try {
    await work();
    return true;
  } catch (err) {
    if (!(err instanceof ApiError)) console.error(err);
    const rest = err instanceof ApiError && slots ? slots.show(err.fieldErrors) : null;
    showError(box, err, rest);
    return false;
  } finally {
    if (button) button.disabled = false;
  }
}

// A file as an attachment body: {name, content_type, data (base64)}.
export async function attachmentOf(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, content_type: file.type || 'application/octet-stream', data: btoa(binary) };
}

export function sizeText(bytes) {
  if (bytes == null) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function money(value) {
  return value == null || value === '' ? t('portal.price.none') : `¥${value}`;
}

// A messages thread (oldest first): who wrote, when, the text, the attachment as a download button.
// mine: 'sme' or 'lab' (that side's messages are on the right); download(message) fetches the attachment.
export function thread(messages, mine, download) {
  if (!messages.length) return h('p', { class: 'muted', 'data-testid': 'msg-none' }, t('portal.msg.none'));
  return h('ol', { class: 'msg-thread', 'data-testid': 'msg-thread' }, messages.map((m) => h('li', {
    class: m.from === mine ? 'msg msg-mine' : 'msg', 'data-testid': 'msg', 'data-from': m.from },
  h('div', { class: 'msg-head muted' }, h('strong', {}, m.author || t(`portal.msg.from.${m.from}`)), ' · ',
    h('span', { class: 'msg-side' }, t(`portal.msg.from.${m.from}`)), ' · ', formatDateTime(m.at)),
  h('p', { class: 'msg-text', 'data-testid': 'msg-body' }, m.text),
  m.attachment ? h('button', { type: 'button', class: 'btn-link msg-attachment', 'data-testid': 'msg-attachment', onclick: () => download(m) },
    t('portal.msg.file', { name: m.attachment.name, size: sizeText(m.attachment.size) })) : null)));
}

// The form that sends a message with an optional attachment (≤ 4 MB); send(body) posts it.
export function messageForm(prefix, send) {
  const text = textarea(`${prefix}-text`, { rows: 3 });
  const file = h('input', { id: `${prefix}-file`, type: 'file', 'data-testid': `${prefix}-file` });
  const slots = fieldSlots();
  const box = errorBox(`${prefix}-error`);
  const button = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': `${prefix}-send` }, t('portal.msg.send'));
  const textError = slots.slot('text', text);
  const fileError = slots.slot('attachment', file);
  const el = h('form', { class: 'msg-form', 'data-testid': `${prefix}-form`, novalidate: true },
    field(text, t('portal.msg.text'), textError, { wide: true }),
    field(file, t('portal.msg.attachment'), fileError, { hint: t('portal.msg.attachmentHint') }),
    h('div', { class: 'actions' }, button), box);
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = file.files?.[0];
    slots.clear();
    hideError(box);
    if (!text.value.trim()) {
      slots.set('text', t('problem.required'));
      text.focus();
      return;
    }
    if (f && f.size > MAX_ATTACHMENT) {
      slots.set('attachment', t('portal.msg.tooLarge'));
      return;
    }
    await submitting({ slots, box, button }, async () => {
      const body = { text: text.value.trim() };
      if (f) body.attachment = await attachmentOf(f);
      await send(body);
    });
  });
  return el;
}

const STATUS_CLASS = { offered: 'status status-warn', confirmed: 'status status-ok', accepted: 'status status-ok', reported: 'status status-ok', declined: 'status status-bad',
  cancelled: 'status status-bad' };

// The booking's status as a badge; prefix names the wording (the SME's, or intake.platform.status for the lab's side).
export function statusBadge(status, testid = 'booking-status', prefix = 'portal.status') {
  return h('span', { class: STATUS_CLASS[status] ?? 'status status-na', 'data-testid': testid, 'data-status': status }, t(`${prefix}.${status}`));
}

// A reason typed into a small form (no window.prompt): send(reason) then done(), or cancel().
export function reasonForm(prefix, title, label, send, done, cancel) {
  const reason = textarea(`${prefix}-reason`, { rows: 2 });
  const slots = fieldSlots();
  const box = errorBox(`${prefix}-error`);
  const button = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': `${prefix}-confirm` }, label);
  const form = h('form', { novalidate: true, class: 'inline-panel', 'data-testid': `${prefix}-form` }, h('h3', {}, title),
    field(reason, t('portal.reason'), slots.slot('reason', reason), { wide: true, required: true }),
    h('div', { class: 'actions' }, button, h('button', { type: 'button', class: 'btn-link', 'data-testid': `${prefix}-cancel`, onclick: cancel }, t('portal.cancelForm'))), box);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    slots.clear();
    if (!reason.value.trim()) { slots.set('reason', t('problem.required')); reason.focus(); return; }
    if (await submitting({ slots, box, button }, () => send(reason.value.trim()))) done();
  });
  return form;
}

