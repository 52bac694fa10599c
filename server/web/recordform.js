// Forms of the register and quality screens: required fields marked, every server field problem shown in the
// user's language beside its field at once (paths such as limits[0].max name their input), success confirmed.
import { h, replace } from './dom.js';
import { t, has, problemText, getLang } from './i18n.js';
import { ApiError } from './api.js';
import { errorText } from './widgets.js';

// The server's field problems come from its message catalogue in the user's language with a dotted `code`
// (issue 13, item 2) and are shown as they are. This table translates, by pattern, the sentences of the
// messages not yet in the catalogue (code "legacy"); an unknown one is shown as it came.
const PROBLEMS = [
  [/must be a date YYYY-MM-DD/, 'reg.problem.date'],
  [/in the future|must not be in the future|not in the future/, 'reg.problem.future'],
  [/must be a decimal string|must be a decimal number/, 'reg.problem.decimal'],
  [/must be an integer/, 'reg.problem.integer'],
  [/must be a whole number from (-?\d+) to (-?\d+)/, 'reg.problem.range', (m) => ({ min: m[1], max: m[2] })],
  [/^at most (\d+) characters|must have at most (\d+)/, 'reg.problem.tooLong', (m) => ({ n: m[1] ?? m[2] })],
  [/must be greater than 0/, 'reg.problem.positive'],
  [/a relative uncertainty is a percent/, 'reg.problem.percent'],
  [/none takes no value or bands/, 'reg.problem.muNone'],
  [/must not be below the LOD/, 'reg.problem.loqBelowLod'],
  [/must be -10 to 10 decimals/, 'reg.problem.decimals'],
  [/must be 1-10 significant/, 'reg.problem.significant'],
  [/must be decimals or significant/, 'reg.problem.precisionKind'],
  [/0\.5- and 0\.2-unit rounding/, 'reg.problem.roundingSignificant'],
  [/must be "1", "0\.5" or "0\.2"/, 'reg.problem.roundingUnit'],
  [/required for the (absolute|relative) model/, 'reg.problem.muRequired'],
  [/must be a standard number such as/, 'reg.problem.standardNumber'],
  [/give the edition year in 'year'/, 'reg.problem.yearInNumber'],
  [/must be the edition year/, 'reg.problem.year'],
  [/must be the number with its year/, 'reg.problem.designation'],
  [/in the register already|register already (holds|has)|already records/, 'reg.problem.duplicate'],
  [/^no standard '.*' \(number-year\)/, 'reg.problem.noStandard'],
  [/no such \w+ in (this lab's|the) register|^no parameter /, 'reg.problem.notInRegister'],
  [/is (withdrawn|replaced)(; a new method needs a current standard)?$/, 'reg.problem.standardNotCurrent'],
  [/name at least one equipment type/, 'reg.problem.equipmentTypes'],
  [/must be 1-50 characters without commas/, 'reg.problem.equipmentType'],
  [/needs a validation record/, 'reg.problem.validationNeeded'],
  [/must be a non-negative amount in CNY/, 'reg.problem.price'],
  [/prices of one item may not overlap/, 'reg.problem.priceOverlap'],
  [/must be a date on or after valid_from/, 'reg.problem.validTo'],
  [/must be after valid_from/, 'reg.problem.validTo'],
  [/give min, max or both/, 'reg.problem.minOrMax'],
  [/must be >= or >|must be <= or </, 'reg.problem.op'],
  [/required with (min|max)_op/, 'reg.problem.bound'],
  [/must not exceed max/, 'reg.problem.minAboveMax'],
  [/1-500 limits are required/, 'reg.problem.limits'],
  [/replacement must be another current edition/, 'reg.problem.replacement'],
  [/required when the status is replaced/, 'reg.problem.replacedBy'],
  [/already withdrawn|standard cannot change status/, 'reg.problem.notCurrent'],
  [/a formula needs at least one step/, 'reg.problem.formulaEmpty'],
  [/^step (\d+): write it as name = expression/, 'reg.problem.formulaStep', (m) => ({ n: m[1] })],
  [/^step (\d+): (\S+) is used before it is calculated/, 'reg.problem.formulaOrder', (m) => ({ n: m[1], name: m[2] })],
  [/^step (\d+) \(([^)]*)\): (.*)$/, 'reg.problem.formulaSyntax', (m) => ({ n: m[1], name: m[2], detail: m[3] })],
  [/at most 50 inputs/, 'reg.problem.formulaInputs'],
  [/a certificate period is at most 6 years/, 'qual.problem.sixYears'],
  [/CMA certificate number has 12 digits/, 'qual.problem.cmaNumber'],
  [/CNAS accreditation number looks like/, 'qual.problem.cnasNumber'],
  [/only a CNAS accreditation can permit/, 'qual.problem.ilac'],
  [/only a renewal/, 'qual.problem.onlyRenewal'],
  [/is before the certificate was granted|is before the last recorded event/, 'qual.problem.beforeHistory'],
  [/qualification cannot take/, 'qual.problem.eventNotAllowed'],
  [/a mandated round needs its deadline/, 'qual.problem.deadline'],
  [/must be z or En/, 'qual.problem.scoreKind'],
  [/result was recorded on/, 'qual.problem.resultKept'],
  [/is before the NC was opened/, 'qual.problem.beforeOpened'],
  [/a verification comes after the day/, 'qual.problem.verifyDate'],
  [/is before the verification/, 'qual.problem.closeDate'],
  [/an NC that is \w+ cannot take/, 'qual.problem.stepNotAllowed'],
  [/must be equipment, pt, result/, 'qual.problem.source'],
  [/changed by someone else/, 'reg.problem.stale'],
  [/^unknown field$/, 'reg.problem.unknownField'],
  [/^(required\b|must not be empty)/, 'problem.required'],
];

function isDate(v) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

// A problem in words. The server's text is shown as it is when it comes from its message catalogue (a
// dotted code: it is already in the user's language, api.js sends Accept-Language); the table above
// translates only the sentences not yet in the catalogue (code "legacy") and the checks made here.
export function problemWords(problem, code) {
  const text = String(problem ?? '');
  if (typeof code === 'string' && code !== 'legacy' && code.includes('.') && text) {
    return getLang() === 'en' ? text[0].toUpperCase() + text.slice(1) : text; // "required" -> "Required"
  }
  if (code && has(`problem.${code}`)) return t(`problem.${code}`);
  for (const [re, key, params] of PROBLEMS) {
    const m = re.exec(text);
    if (m) return t(key, params ? params(m) : undefined);
  }
  return problemText(text);
}

// The message of a failed request in words: a 400 with field problems asks to fix the marked fields.
export function failureText(err) {
  if (!(err instanceof ApiError)) return String(err);
  if (err.status === 400 && err.fieldErrors.length) return t('reg.form.fix');
  if (err.status === 412) return t('reg.problem.stale');
  if ([400, 409, 422].includes(err.status) && err.problem.detail) {
    const words = problemWords(err.problem.detail, err.problem.code);
    if (words !== err.problem.detail) return words;
  }
  return errorText(err);
}

// formKit('std-new'): kit.field({name, label, required, type: text|date|textarea|select|checkbox, options,
// value, placeholder, wide}) makes a labelled input; kit.form(children, submitLabel, onSubmit) wraps them.
// onSubmit(values) returns the success message (shown in `${testid}-ok`) or throws an ApiError, whose
// field problems are shown beside the fields they name. A field's name is its API path (limits[0].max);
// `aliases` maps other paths to a field (line[3].standard -> standard).
export function formKit(testid, { aliases = {} } = {}) {
  const fields = new Map(); // name -> {def, input, error}
  const errorBox = h('div', { class: 'form-error', role: 'alert', 'data-testid': `${testid}-error`, hidden: true });
  const okBox = h('p', { class: 'notice form-ok', role: 'status', 'data-testid': `${testid}-ok`, hidden: true });

  function field(def) {
    const id = `${testid}-${def.name.replace(/[^\w-]/g, '_')}`;
    const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-testid': `${id}-error`, hidden: true });
    const common = { id, name: def.name, 'data-testid': id, 'aria-describedby': `${id}-error`, 'aria-required': def.required ? 'true' : null };
    let input;
    if (def.options) {
      input = h('select', common, def.options.map(([value, label]) => h('option', { value, selected: value === def.value }, label)));
    } else if (def.type === 'textarea') {
      input = h('textarea', { ...common, rows: 3 }, def.value ?? '');
    } else if (def.type === 'checkbox') {
      input = h('input', { ...common, type: 'checkbox', checked: !!def.value });
    } else {
      input = h('input', { ...common, type: 'text', value: def.value ?? null,
        placeholder: def.placeholder ?? (def.type === 'date' ? 'YYYY-MM-DD' : null), inputmode: def.inputmode ?? null });
    }
    fields.set(def.name, { def, input, error });
    const label = h('label', { for: id }, def.label, def.required ? h('span', { class: 'required-mark', 'aria-hidden': 'true' }, ' *') : null);
    if (def.type === 'checkbox') return h('div', { class: 'field field-check' }, input, label, error);
    return h('div', { class: `field${def.wide || def.type === 'textarea' ? ' field-wide' : ''}` }, label, input,
      def.hint ? h('small', { class: 'muted' }, def.hint) : null, error);
  }

  // A place for the problems of a path that has no input of its own (limits, limits[0]).
  function spot(name) {
    const error = h('p', { class: 'field-error', 'data-testid': `${testid}-${name.replace(/[^\w-]/g, '_')}-error`, hidden: true });
    fields.set(name, { def: { name, type: 'spot' }, input: error, error });
    return error;
  }

  function values() {
    const out = {};
    for (const [name, { def, input }] of fields) if (def.type !== 'spot') out[name] = def.type === 'checkbox' ? input.checked : input.value.trim();
    return out;
  }

  function clear() {
    errorBox.hidden = true;
    errorBox.replaceChildren();
    for (const { input, error } of fields.values()) {
      error.hidden = true;
      error.textContent = '';
      input.removeAttribute('aria-invalid');
    }
  }

  function target(path) {
    if (fields.has(path)) return path;
    if (aliases[path] && fields.has(aliases[path])) return aliases[path];
    const bare = path.replace(/^(rows|line)\[\d+\]\./, '').replace(/\[\d+\]$/, '');
    if (fields.has(bare)) return bare;
    if (aliases[bare] && fields.has(aliases[bare])) return aliases[bare];
    return null;
  }

  // A date field's value that is not a calendar date YYYY-MM-DD, checked here too: some endpoints check their
  // dates only once the other fields pass, and every problem is to be shown at once.
  function dateProblems() {
    const out = [];
    for (const [name, { def, input }] of fields) {
      const v = def.type === 'date' ? input.value.trim() : '';
      if (v && !isDate(v)) out.push({ field: name, problem: 'must be a date YYYY-MM-DD' });
    }
    return out;
  }

  // Shows the problems of a failed request, with `extra` problems found here for fields the server did not name.
  function showErrors(err, extra = []) {
    const other = [];
    const named = err instanceof ApiError ? err.fieldErrors : [];
    const seen = new Set(named.map((e) => target(e.field) ?? e.field));
    for (const { field: path, problem, code } of [...named, ...extra.filter((e) => !seen.has(e.field))]) {
      const name = target(path);
      const words = problemWords(problem, code);
      if (name) {
        const f = fields.get(name);
        f.error.textContent = f.error.hidden ? words : `${f.error.textContent}; ${words}`;
        f.error.hidden = false;
        f.input.setAttribute('aria-invalid', 'true');
      } else {
        other.push(words);
      }
    }
    replace(errorBox, h('p', { class: 'form-error-summary' }, failureText(err)),
      other.length ? h('ul', {}, other.map((x) => h('li', {}, x))) : null);
    errorBox.hidden = false;
    const first = [...fields.values()].find((f) => !f.error.hidden);
    return first;
  }

  // check(values), when given, returns problems found in the page ([{field, problem}]) for rules some
  // endpoints apply only once the other fields pass; they are shown with the server's, never instead.
  function form(children, submitLabel, onSubmit, { check } = {}) {
    const submit = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': `${testid}-submit` }, submitLabel);
    const el = h('form', { class: 'grid-form record-form', 'data-testid': testid, novalidate: true },
      h('p', { class: 'muted field-wide required-note' }, t('reg.form.requiredNote')),
      children, h('div', {}, submit), errorBox, okBox);
    el.addEventListener('input', () => { okBox.hidden = true; });
    el.addEventListener('submit', async (e) => {
      e.preventDefault();
      clear();
      okBox.hidden = true;
      submit.disabled = true;
      try {
        const message = await onSubmit(values());
        if (message) {
          okBox.textContent = message;
          okBox.hidden = false;
        }
      } catch (err) {
        if (!(err instanceof ApiError)) console.error(err);
        showErrors(err, err instanceof ApiError && err.status === 400 ? [...dateProblems(), ...(check?.(values()) ?? [])] : []);
      } finally {
        submit.disabled = false;
      }
    });
    return el;
  }

  // Puts every field back to its first value (after a save, so the next record starts clean).
  function reset() {
    for (const { def, input } of fields.values()) {
      if (def.type === 'spot') continue;
      if (def.type === 'checkbox') input.checked = !!def.value;
      else if (def.options) input.value = def.value ?? def.options[0]?.[0] ?? '';
      else input.value = def.value ?? '';
    }
  }

  // Drops the fields whose names start with `prefix` (a removed row).
  function forget(prefix) {
    for (const name of [...fields.keys()]) if (name.startsWith(prefix)) fields.delete(name);
  }

  return { field, spot, forget, form, reset, values, fields, showErrors, errorBox, okBox };
}

// The body of a request from form values: empty optional values left out.
export function bodyOf(values, names) {
  const out = {};
  for (const name of names ?? Object.keys(values)) {
    const v = values[name];
    if (v !== '' && v != null) out[name] = v;
  }
  return out;
}
