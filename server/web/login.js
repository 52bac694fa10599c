// The login page: username and password, with problem+json errors beside the form and beside each field.
import { clearFormErrors, h, replace } from './dom.js';
import { t, problemText } from './i18n.js';
import { api, ApiError, setToken } from './api.js';

const FIELDS = ['username', 'password'];

// The short message for a failed login, by status; the server's own `detail` is shown under it.
function summaryFor(err) {
  if (!(err instanceof ApiError)) return t('login.failed');
  if (err.status === 0) return t('error.network');
  if (err.status === 401) return t('login.badCredentials');
  if (err.status === 429) return t('login.tooMany');
  if (err.status === 400) return t('error.invalid');
  return t('login.failed');
}

// Renders into `el`. opts: onLoggedIn(loginResponse) after the token is stored (may throw), langSwitch
// (an element), noticeKey (a string key shown above the form, e.g. the session expired), username (prefill).
export function renderLogin(el, { onLoggedIn, langSwitch, noticeKey = null, username = '' }) {
  const fieldError = {};
  const input = {};
  const rows = FIELDS.map((name) => {
    const id = `login-${name}`;
    fieldError[name] = h('p', { class: 'field-error', id: `${id}-error`, 'data-testid': `${name}-error`, hidden: true });
    input[name] = h('input', {
      id,
      name,
      type: name === 'password' ? 'password' : 'text',
      autocomplete: name === 'password' ? 'current-password' : 'username',
      'data-testid': name,
      'aria-describedby': `${id}-error`,
      value: name === 'username' ? username : null,
    });
    return h('div', { class: 'field' }, h('label', { for: id }, t(`login.${name}`)), input[name], fieldError[name]);
  });

  const errorBox = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'login-error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'login-submit' }, t('login.submit'));
  const form = h('form', { class: 'login-form', 'data-testid': 'login-form', novalidate: true, 'aria-labelledby': 'login-title' },
    rows, submit);

  function clearErrors() {
    clearFormErrors(errorBox, FIELDS, fieldError, input);
  }

  // Shows every error at once: a summary (and the server's detail) beside the form, field problems beside fields.
  function showErrors(summary, detail, errors = []) {
    const other = [];
    for (const { field, problem } of errors) {
      if (FIELDS.includes(field)) {
        const p = fieldError[field];
        p.textContent = p.textContent ? `${p.textContent}; ${problemText(problem)}` : problemText(problem);
        p.hidden = false;
        input[field].setAttribute('aria-invalid', 'true');
      } else {
        other.push(problemText(problem)); // in words, not the API's field path
      }
    }
    replace(errorBox,
      h('p', { class: 'form-error-summary' }, summary),
      detail && detail !== summary ? h('p', { class: 'form-error-detail' }, detail) : null,
      other.length ? h('ul', {}, other.map((text) => h('li', {}, text))) : null,
    );
    errorBox.hidden = false;
    const firstBad = FIELDS.find((name) => !fieldError[name].hidden);
    if (firstBad) input[firstBad].focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const values = { username: input.username.value.trim(), password: input.password.value };
    const missing = FIELDS.filter((name) => values[name] === '').map((field) => ({ field, problem: 'required' }));
    if (missing.length) {
      showErrors(t('error.invalid'), null, missing);
      return;
    }
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    submit.textContent = t('login.submitting');
    try {
      const res = await api('/api/auth/login', { method: 'POST', body: values, auth: false });
      setToken(res.token, res.expires_at);
      await onLoggedIn(res);
    } catch (err) {
      if (!form.isConnected) return; // the page was replaced meanwhile
      if (!(err instanceof ApiError)) console.error(err);
      input.password.value = '';
      // A catalogued answer (it has a code) is already in the user's language: it is the message.
      const localized = err instanceof ApiError && err.problem.code && err.problem.code !== 'legacy' && err.problem.detail;
      showErrors(localized ? err.problem.detail : summaryFor(err), localized ? null : err instanceof ApiError ? err.problem.detail : null,
        err instanceof ApiError ? err.fieldErrors : []);
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
      submit.textContent = t('login.submit');
    }
  });

  el.append(h('div', { class: 'login-page' },
    h('div', { class: 'login-lang' }, langSwitch),
    h('section', { class: 'login-card' },
      h('p', { class: 'login-product' }, t('app.product')),
      h('h1', { id: 'login-title' }, t('login.title')),
      noticeKey ? h('p', { class: 'notice', role: 'status', 'data-testid': 'login-notice' }, t(noticeKey)) : null,
      form,
      errorBox,
      h('p', { class: 'muted login-verify' }, h('a', { href: '/verify/', 'data-testid': 'login-verify-link' }, t('login.verifyReport'))))));
  (username ? input.password : input.username).focus();
}
