// Entry forms for the admin screens (users, organizations, staff, equipment): required fields marked,
// checked in the browser first with every problem beside its field at once, then the server's field
// errors mapped onto the same inputs in the user's language; a save is confirmed beside the button and
// the form can be reset to its first values after it.
import { h, replace } from './dom.js';
import { t, has, getLang } from './i18n.js';
import { ApiError } from './api.js';
import { errorText } from './widgets.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(value) {
  const m = DATE.exec(value ?? '');
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

// GB 32100-2015: 18 characters, the division code in 3-8, and the check character.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function isUscc(code) {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + USCC_CHARS.indexOf(code[i]) * w, 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === code[17];
}

// GB 11643: 17 digits and a check character (0-9 or X).
export function isIdNumber(value) {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((acc, x, i) => acc + x * Number(value[i]), 0);
  return '10X98765432'[sum % 11] === value[17];
}

// The server writes its field problems from its message catalogue, in the language the UI asks for
// (Accept-Language, api.js), each with a stable dotted `code`; that text is shown as it is. This table
// only translates the sentences of messages not yet in the catalogue (code "legacy", or an old server).
const SERVER_PROBLEMS = [
  [/^(required|must not be empty)$/, 'problem.required'],
  [/^required:.*national ID/, 'problem.idNumberRequired'],
  [/national ID number/, 'problem.idNumber'],
  [/every user except an instance administrator/, 'problem.orgRequired'],
  [/^required to perform or check/, 'problem.methodRequired'],
  [/names no method/, 'problem.opinionNoMethod'],
  [/must be after its start (\S+)/, 'problem.afterStart', (m) => ({ date: m[1] })],
  [/is before the last status change \((\S+)\)/, 'problem.beforeLastStatus', (m) => ({ date: m[1] })],
  [/must be at most (\d+) characters/, 'problem.maxLength', (m) => ({ n: m[1] })],
  [/must not contain control characters/, 'problem.controlChars'],
  [/name the parameters/, 'problem.chooseOne'],
  [/^required/, 'problem.required'],
  [/must be a date after/, 'problem.dateAfter'],
  [/must be a date on or after/, 'problem.dateAfter'],
  [/must be (a|the [a-z]+) date/, 'problem.date'],
  [/is in the future/, 'problem.future'],
  [/at least 10 characters/, 'problem.passwordShort'],
  [/must mix at least two/, 'problem.passwordMix'],
  [/3-64 characters: lower-case/, 'problem.username'],
  [/unknown role/, 'problem.role'],
  [/at least one role/, 'problem.roleRequired'],
  [/must be 18 characters|is not allowed \(digits|administrative division|bad check character/, 'problem.uscc'],
  [/2-8 upper-case letters/, 'problem.orgCode'],
  [/the method is withdrawn/, 'problem.methodWithdrawn'],
  [/account is deactivated/, 'problem.userInactive'],
  [/^no such/, 'problem.unknown'],
  [/must be (a|an) (decimal|number)/, 'problem.number'],
];

// A field problem from the server in words: the server's own text when it comes from the catalogue (a
// dotted code), else a known code or sentence in the user's language, else a generic "invalid" in
// Chinese (the original kept for support in `title`), else the text itself.
export function isCatalogued(code) {
  return typeof code === 'string' && code !== 'legacy' && code.includes('.');
}

// The server's catalogue text as a field's message: as it is in Chinese; in English with a capital
// (the API writes "required", a form says "Required").
export function asShown(text) {
  return getLang() === 'en' && text ? text[0].toUpperCase() + text.slice(1) : text;
}

export function serverProblem(problem, code) {
  const text = String(problem ?? '');
  if (isCatalogued(code) && text) return asShown(text);
  if (has(`problem.${text}`)) return t(`problem.${text}`);
  for (const [re, key, params] of SERVER_PROBLEMS) {
    const m = re.exec(text);
    if (m) return t(key, params?.(m));
  }
  return getLang() === 'en' ? text : t('problem.invalid');
}

// A whole-request failure in words: stale (412) and conflict (409) in the user's language.
export function failureText(err) {
  if (err instanceof ApiError && err.status === 400) return t('form.invalid');
  if (err instanceof ApiError && err.status === 404) return t('form.notFound');
  if (err instanceof ApiError && err.status === 412) return t('form.stale');
  if (err instanceof ApiError && err.status === 409) return t('form.conflict');
  if (err instanceof ApiError && err.status === 422) {
    const ids = (err.problem?.rules ?? []).map((r) => r.id).filter(Boolean);
    return ids.length ? t('form.ruleWith', { rules: ids.join(', ') }) : t('form.rule');
  }
  return errorText(err);
}

// Drops empty optional values so the server sees them as absent.
export function compact(values) {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v != null));
}

// entryForm('user-create', fields, t('users.create'), async (values) => {...}, options)
// fields: [{name, label, type: text|password|date|textarea|select|checks, options: [[value, label]], value,
//   required, requiredIf(values), hint, wide, check(value, values) -> message|null}]
// options: {saved: text or (result) => text shown after a save, reset: back to first values after a save,
//   conflict(err) -> {field, message} to put a 409 beside its field, fieldOf(path) -> name for server paths}
// Returns the <form>; form.fillFields({name: value}) sets values, form.resetFields() restores the first ones.
export function entryForm(testid, fields, submitLabel, onSubmit, options = {}) {
  const input = {};
  const fieldError = {};
  const box = h('div', { class: 'form-error', role: 'alert', 'data-testid': `${testid}-error`, hidden: true });
  const ok = h('p', { class: 'status status-ok form-ok', role: 'status', 'data-testid': `${testid}-ok`, hidden: true });
  const anyRequired = fields.some((f) => f.required);

  const rows = fields.map((f) => {
    const id = `${testid}-${f.name}`;
    const described = [`${id}-error`, f.hint ? `${id}-hint` : null].filter(Boolean).join(' ');
    fieldError[f.name] = h('p', { class: 'field-error', id: `${id}-error`, 'data-testid': `${id}-problem`, hidden: true });
    const hint = f.hint ? h('p', { class: 'field-hint muted', id: `${id}-hint` }, f.hint) : null;
    const label = [f.label, f.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null];
    if (f.type === 'checks') {
      const boxes = (f.options ?? []).map(([value, text]) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', value, 'data-testid': `${id}-${value}`, checked: (f.value ?? []).includes(value) }), ' ', text));
      input[f.name] = h('fieldset', { id, class: 'checks', 'data-testid': id, 'aria-describedby': described, 'aria-required': f.required ? 'true' : null },
        h('legend', {}, label), boxes);
      return h('div', { class: `field${f.wide ? ' field-wide' : ''}` }, input[f.name], hint, fieldError[f.name]);
    }
    const common = { id, name: f.name, 'data-testid': id, 'aria-describedby': described, 'aria-required': f.required ? 'true' : null };
    if (f.options) {
      input[f.name] = h('select', common, f.options.map(([value, text]) => h('option', { value, selected: value === f.value }, text)));
    } else if (f.type === 'textarea') {
      input[f.name] = h('textarea', { ...common, rows: 2 }, f.value ?? '');
    } else {
      input[f.name] = h('input', { ...common, type: f.type === 'password' ? 'password' : 'text', value: f.value ?? null,
        autocomplete: f.type === 'password' ? 'new-password' : 'off',
        placeholder: f.type === 'date' ? 'YYYY-MM-DD' : null, inputmode: f.type === 'date' ? 'numeric' : null });
    }
    return h('div', { class: `field${f.wide ? ' field-wide' : ''}` }, h('label', { for: id }, label), input[f.name], hint, fieldError[f.name]);
  });

  function read(f) {
    if (f.type === 'checks') return [...input[f.name].querySelectorAll('input:checked')].map((x) => x.value);
    return input[f.name].value.trim();
  }
  function values() {
    return Object.fromEntries(fields.map((f) => [f.name, read(f)]));
  }
  function clear() {
    box.hidden = true;
    box.replaceChildren();
    for (const f of fields) {
      fieldError[f.name].hidden = true;
      fieldError[f.name].textContent = '';
      fieldError[f.name].removeAttribute('title');
      input[f.name].removeAttribute('aria-invalid');
    }
  }
  function mark(name, message, original) {
    if (!fieldError[name]) return false;
    // Several problems on one field (roles[0], roles[1]) are shown once each.
    const now = fieldError[name].hidden ? [] : fieldError[name].textContent.split('；');
    if (!now.includes(message)) now.push(message);
    fieldError[name].textContent = now.join('；');
    if (original && original !== message) fieldError[name].title = original;
    fieldError[name].hidden = false;
    input[name].setAttribute('aria-invalid', 'true');
    return true;
  }
  function fill(map) {
    for (const f of fields) {
      if (!(f.name in map)) continue;
      const v = map[f.name];
      if (f.type === 'checks') input[f.name].querySelectorAll('input').forEach((x) => { x.checked = (v ?? []).includes(x.value); });
      else input[f.name].value = v ?? '';
    }
  }
  function reset() {
    for (const f of fields) {
      if (f.type === 'checks') fill({ [f.name]: f.value ?? [] });
      else if (f.options) input[f.name].value = f.value ?? f.options[0]?.[0] ?? '';
      else input[f.name].value = f.value ?? '';
    }
  }
  function showSummary(count) {
    replace(box, h('p', {}, t('form.fix', { n: count })));
    box.hidden = false;
    const first = fields.find((f) => input[f.name].getAttribute('aria-invalid') === 'true');
    (first?.type === 'checks' ? input[first.name].querySelector('input') : input[first?.name])?.focus();
  }

  const submit = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': `${testid}-submit` }, submitLabel);
  const el = h('form', { class: 'grid-form entry-form', 'data-testid': testid, novalidate: true },
    anyRequired ? h('p', { class: 'muted form-legend' }, h('span', { class: 'req', 'aria-hidden': 'true' }, '* '), t('form.requiredLegend')) : null,
    rows, h('div', { class: 'form-actions' }, submit, ok), box);
  el.addEventListener('input', () => { ok.hidden = true; });

  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear();
    ok.hidden = true;
    const v = values();
    let count = 0;
    for (const f of fields) {
      const value = v[f.name];
      const isEmpty = Array.isArray(value) ? value.length === 0 : value === '';
      let message = null;
      const required = f.required || f.requiredIf?.(v);
      if (isEmpty) message = required ? (f.type === 'checks' ? t('problem.chooseOne') : t('problem.required')) : null;
      else if (f.type === 'date' && !isDate(value)) message = t('problem.date');
      if (!message && !isEmpty && f.check) message = f.check(value, v);
      if (message && mark(f.name, message)) count += 1;
    }
    if (count) {
      showSummary(count);
      return;
    }
    submit.disabled = true;
    try {
      const result = await onSubmit(v);
      if (options.reset) reset();
      const text = typeof options.saved === 'function' ? options.saved(result) : options.saved ?? t('form.saved');
      ok.textContent = text;
      ok.hidden = false;
    } catch (err) {
      let marked = 0;
      const other = [];
      for (const { field, problem, code } of err instanceof ApiError ? err.fieldErrors : []) {
        const name = options.fieldOf?.(field) ?? String(field).replace(/^rows\[0\]\./, '').replace(/\[\d+\]$/, '');
        if (mark(name, serverProblem(problem, code), code ?? String(problem))) marked += 1;
        else other.push(serverProblem(problem, code));
      }
      const conflict = err instanceof ApiError && err.status === 409 ? options.conflict?.(err) : null;
      if (conflict && mark(conflict.field, conflict.message, err.problem?.detail)) marked += 1;
      if (marked && !other.length) {
        showSummary(marked);
      } else {
        replace(box, h('p', { title: err instanceof ApiError ? err.problem?.detail ?? null : null }, marked ? t('form.fix', { n: marked }) : failureText(err)),
          other.length ? h('ul', {}, other.map((x) => h('li', {}, x))) : null);
        box.hidden = false;
      }
    } finally {
      submit.disabled = false;
    }
  });
  el.fillFields = fill;
  el.resetFields = reset;
  return el;
}

// A small inline panel with a reason (and a date) for a change that needs one: disabling a user, ending
// an authorization. fields as for entryForm; the panel replaces itself with nothing on cancel.
export function reasonPanel(testid, title, fields, submitLabel, onSubmit, onCancel) {
  const cancel = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': `${testid}-cancel` }, t('form.cancel'));
  cancel.addEventListener('click', onCancel);
  const f = entryForm(testid, fields, submitLabel, onSubmit);
  f.querySelector('.form-actions').append(cancel);
  return h('section', { class: 'inline-panel', 'data-testid': `${testid}-panel` }, h('h3', {}, title), f);
}
