// The SME portal of the testing-resource platform at /portal.html (issue 15). Hash routes:
//   #/login, #/register, #/reset (password reset by code), #/join (an invitation's code),
//   #/verify (the e-mail code), #/search (the public catalogue, rows picked into the booking cart),
//   #/book (samples, report requirements, delivery, live quote, submit), #/orders (my orders),
//   #/orders/<id> (its page: timeline, offer, questions, messages, reports), #/account (the company,
//   its users, inviting a colleague).
// The session is the normal login (the e-mail as the username); GET /api/portal/me says who it is.
// The cart (rows of ONE lab) is kept in sessionStorage so that a reload or a login keeps it.
import { h, replace } from './dom.js';
import { initI18n, t, getLang, setLang, LANGS } from './i18n.js';
import { api, ApiError, getToken, setToken, clearToken, onUnauthorized, useSession } from './api.js';
import { errorText, empty, table } from './widgets.js';
import { mergeSchemes, priceText, daysText, regionText, schemeBadges, parameterText, standardText } from './catalogue.js';
import { input, field, fieldSlots, errorBox, submitting, hideError } from './portal-util.js';
import { bookView } from './portal-book.js';
import { ordersView, orderView } from './portal-order.js';
import { catalogueView, myBookingsView } from './sharing.js';

useSession('portal'); // apart from a staff session on the same origin
const root = document.getElementById('portal');
const CART_KEY = 'assay.portal.cart';
const PAGE_SIZE = 20;

export const session = { me: null, notice: null };
const searchState = { q: '', items: null, next: null, error: null, runOnOpen: false };

// ---- the cart: rows of one lab ----

export const cart = {
  read() {
    try { return JSON.parse(sessionStorage.getItem(CART_KEY)) ?? { lab: null, rows: [] }; } catch { return { lab: null, rows: [] }; }
  },
  write(c) {
    if (!c.rows.length) c.lab = null;
    sessionStorage.setItem(CART_KEY, JSON.stringify(c));
    updateCartCount();
  },
  clear() { this.write({ lab: null, rows: [] }); },
};

function rowFromCatalogue(row) {
  return { key: String(row.row_keys?.[0] ?? row.row_key ?? row.row_id), product: row.product, parameter: row.parameter, parameter_en: row.parameter_en,
    standard: row.standard, price: row.price ?? null, schemes: row.schemes ?? [], turnaround_days: row.turnaround_days ?? null };
}

function updateCartCount() {
  const n = cart.read().rows.length;
  for (const el of document.querySelectorAll('[data-testid=portal-cart-count]')) {
    el.textContent = String(n);
    el.hidden = n === 0;
  }
}

// ---- session ----

export function go(hash) {
  if (location.hash === hash) show();
  else location.hash = hash;
}

async function loadMe() {
  session.me = getToken() ? await api('/api/portal/me') : null;
  return session.me;
}

export async function refreshMe() {
  try {
    await loadMe();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      clearToken();
      session.me = null;
    } else if (err instanceof ApiError && err.status === 403) {
      // A lab's staff session (the same origin on a combined instance): kept for the lab's pages, not used here.
      session.me = null;
      session.notice = 'portal.login.notSme';
    } else {
      throw err;
    }
  }
}

async function logout() {
  try { await api('/api/auth/logout', { method: 'POST' }); } catch (err) { console.warn('logout:', err); }
  clearToken();
  session.me = null;
  session.notice = 'portal.login.loggedOut';
  go('#/login');
}

onUnauthorized(() => {
  if (!session.me) return;
  session.me = null;
  session.notice = 'portal.login.expired';
  go('#/login');
});

// ---- page frame ----

function langSwitch() {
  const select = h('select', { id: 'portal-lang', 'data-testid': 'lang-switch', onchange: async (e) => { await setLang(e.target.value); show(); } },
    LANGS.map((lang) => h('option', { value: lang, selected: lang === getLang() }, t(`lang.${lang}`))));
  return h('div', { class: 'lang-switch' }, h('label', { for: 'portal-lang', class: 'visually-hidden' }, t('lang.label')), select);
}

function navLink(route, label, current, extra = null) {
  return h('a', { href: `#/${route}`, 'data-testid': `portal-nav-${route}`, 'aria-current': current === route ? 'page' : null }, label, extra);
}

function topbar(current) {
  const me = session.me;
  const count = h('span', { class: 'cart-count', 'data-testid': 'portal-cart-count' });
  const links = [navLink('search', t('portal.nav.search'), current), navLink('instruments', t('portal.nav.instruments'), current), navLink('book', t('portal.nav.cart'), current, [' ', count])];
  if (me) links.push(navLink('orders', t('portal.nav.orders'), current), navLink('instrument-bookings', t('portal.nav.instrumentBookings'), current), navLink('account', t('portal.nav.account'), current));
  return h('header', { class: 'topbar portal-topbar' },
    h('a', { class: 'brand brand-link', href: '#/', 'data-testid': 'portal-home' }, t('portal.brand')),
    h('nav', { class: 'portal-nav', 'aria-label': t('nav.label') }, links),
    h('div', { class: 'topbar-tools' },
      me ? h('span', { class: 'current-user', 'data-testid': 'portal-user', title: me.user.email }, me.user.name || me.user.email) : null,
      langSwitch(),
      me ? h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'portal-logout', onclick: logout }, t('topbar.logout'))
        : h('a', { href: '#/login', class: 'topbar-link', 'data-testid': 'portal-login-link' }, t('portal.login.title'))));
}

// The banner an unverified user sees on every page.
function unverifiedBanner(route) {
  const me = session.me;
  if (!me || me.user.verified || route === 'verify') return null;
  return h('div', { class: 'notice portal-banner', role: 'status', 'data-testid': 'portal-unverified' },
    h('strong', {}, t('portal.unverified.title')), ' ', t('portal.unverified.text'), ' ',
    h('a', { href: '#/verify', 'data-testid': 'portal-unverified-link' }, t('portal.unverified.action')));
}

// ---- login, registration, e-mail verification, password reset, invitation ----

function authCard(title, testid, ...content) {
  return h('section', { class: 'card portal-auth', 'data-testid': testid }, h('h1', {}, title), content);
}

function loginView() {
  const email = input('login-email', { type: 'email', autocomplete: 'username', inputmode: 'email' });
  const password = input('login-password', { type: 'password', autocomplete: 'current-password' });
  const slots = fieldSlots();
  const box = errorBox('login-error');
  const button = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'login-submit' }, t('portal.login.submit'));
  const form = h('form', { novalidate: true, 'data-testid': 'login-form' },
    field(email, t('portal.field.email'), slots.slot('username', email)),
    field(password, t('portal.field.password'), slots.slot('password', password)), button, box);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    slots.clear();
    hideError(box);
    const missing = [['username', email], ['password', password]].filter(([, c]) => !c.value.trim());
    if (missing.length) {
      for (const [name] of missing) slots.set(name, t('problem.required'));
      missing[0][1].focus();
      return;
    }
    await submitting({ slots, box, button }, async () => {
      const res = await api('/api/auth/login', { method: 'POST', auth: false, body: { username: email.value.trim().toLowerCase(), password: password.value } });
      setToken(res.token, res.expires_at);
      try {
        await loadMe();
      } catch (err) {
        clearToken();
        session.me = null;
        // A lab's staff account is not an SME account: it belongs to the lab's own pages.
        if (err instanceof ApiError && err.status === 403) throw new ApiError(403, { detail: t('portal.login.notSme') });
        throw err;
      }
      session.notice = null;
      go(!session.me.user.verified ? '#/verify' : cart.read().rows.length ? '#/book' : '#/orders');
    });
    password.value = '';
  });
  const notice = session.notice ? h('p', { class: 'notice', role: 'status', 'data-testid': 'login-notice' }, t(session.notice)) : null;
  return authCard(t('portal.login.title'), 'portal-login', notice, form,
    h('p', { class: 'portal-links' },
      h('a', { href: '#/register', 'data-testid': 'login-register' }, t('portal.login.register')), ' · ',
      h('a', { href: '#/reset', 'data-testid': 'login-reset' }, t('portal.login.forgot')), ' · ',
      h('a', { href: '#/join', 'data-testid': 'login-join' }, t('portal.login.join'))));
}

// GB 32100-2015: 18 characters, the last a check character over the first 17.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function usccValid(code) {
  if (!/^[0-9A-HJ-NP-RTUWXY]{18}$/.test(code)) return false;
  const sum = USCC_WEIGHTS.reduce((a, w, i) => a + USCC_CHARS.indexOf(code[i]) * w, 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === code[17];
}

function registerView() {
  const f = {
    company_name: input('reg-company_name', { autocomplete: 'organization' }),
    uscc: input('reg-uscc', { maxlength: 18, autocapitalize: 'characters', spellcheck: 'false' }),
    contact_name: input('reg-contact_name', { autocomplete: 'name' }),
    phone: input('reg-phone', { type: 'tel', autocomplete: 'tel', inputmode: 'tel' }),
    email: input('reg-email', { type: 'email', autocomplete: 'email', inputmode: 'email' }),
    password: input('reg-password', { type: 'password', autocomplete: 'new-password' }),
    password2: input('reg-password2', { type: 'password', autocomplete: 'new-password' }),
  };
  const slots = fieldSlots();
  const box = errorBox('reg-error');
  const button = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'reg-submit' }, t('portal.register.submit'));
  const rows = Object.entries(f).map(([name, control]) => field(control, t(`portal.field.${name}`), slots.slot(name, control),
    { required: true, hint: name === 'uscc' ? t('portal.register.usccHint') : name === 'password' ? t('portal.register.passwordHint') : null }));
  const form = h('form', { novalidate: true, 'data-testid': 'reg-form', class: 'portal-form' }, rows, button, box);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    slots.clear();
    hideError(box);
    const v = Object.fromEntries(Object.entries(f).map(([k, c]) => [k, k.startsWith('password') ? c.value : c.value.trim()]));
    v.uscc = v.uscc.toUpperCase();
    v.email = v.email.toLowerCase();
    const local = [];
    for (const [k, x] of Object.entries(v)) if (!x) local.push({ field: k, message: t('problem.required') });
    if (v.uscc && !usccValid(v.uscc)) local.push({ field: 'uscc', message: t('problem.uscc') });
    if (v.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.email)) local.push({ field: 'email', message: t('portal.problem.email') });
    if (v.password && v.password2 && v.password !== v.password2) local.push({ field: 'password2', message: t('portal.problem.passwordsDiffer') });
    if (local.length) {
      slots.show(local);
      return;
    }
    await submitting({ slots, box, button }, async () => {
      const { password2, ...body } = v;
      await api('/api/portal/accounts', { method: 'POST', auth: false, body });
      const res = await api('/api/auth/login', { method: 'POST', auth: false, body: { username: v.email, password: v.password } });
      setToken(res.token, res.expires_at);
      await loadMe();
      session.notice = 'portal.verify.sent';
      go('#/verify');
    });
  });
  return authCard(t('portal.register.title'), 'portal-register', h('p', { class: 'muted' }, t('portal.register.intro')), form,
    h('p', { class: 'portal-links' }, h('a', { href: '#/login', 'data-testid': 'reg-login' }, t('portal.register.haveAccount'))));
}

function verifyView() {
  const me = session.me;
  if (!me) return loginView();
  if (me.user.verified) {
    return authCard(t('portal.verify.title'), 'portal-verify', h('p', { class: 'notice', role: 'status', 'data-testid': 'verify-done' },
      t('portal.verify.already', { email: me.user.email })), h('p', {}, h('a', { href: '#/search', class: 'btn-primary btn-like' }, t('portal.verify.toSearch'))));
  }
  const code = input('verify-code', { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, size: 8, class: 'code-input' });
  const slots = fieldSlots();
  const box = errorBox('verify-error');
  const status = h('p', { class: 'notice', role: 'status', 'data-testid': 'verify-status', hidden: !session.notice },
    session.notice ? t(session.notice, { email: me.user.email }) : '');
  session.notice = null;
  const button = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'verify-submit' }, t('portal.verify.submit'));
  const form = h('form', { novalidate: true, 'data-testid': 'verify-form' },
    field(code, t('portal.verify.code'), slots.slot('code', code), { hint: t('portal.verify.hint', { email: me.user.email }) }), button, box);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    slots.clear();
    if (!/^\d{6}$/.test(code.value.trim())) {
      slots.set('code', t('portal.problem.code'));
      code.focus();
      return;
    }
    await submitting({ slots, box, button }, async () => {
      session.me = await api('/api/portal/email/verify', { method: 'POST', body: { code: code.value.trim() } });
      if (!session.me?.user) await loadMe();
      session.notice = 'portal.verify.done';
      go(cart.read().rows.length ? '#/book' : '#/search');
    });
  });
  const resend = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'verify-resend', onclick: async () => {
    hideError(box);
    resend.disabled = true;
    try {
      await api('/api/portal/email/code', { method: 'POST' });
      status.textContent = t('portal.verify.resent', { email: me.user.email });
      status.hidden = false;
    } catch (err) {
      const wait = err instanceof ApiError && err.status === 429;
      status.hidden = true;
      replace(box, h('p', {}, wait ? t('portal.verify.tooSoon', { s: err.retryAfter ?? 60 }) : errorText(err)));
      box.hidden = false;
    } finally {
      resend.disabled = false;
    }
  } }, t('portal.verify.resend'));
  return authCard(t('portal.verify.title'), 'portal-verify', status, form, h('div', { class: 'actions' }, resend));
}

function resetView() {
  const state = { step: 'ask', email: '' };
  const body = h('div', {});
  function ask() {
    const email = input('reset-email', { type: 'email', autocomplete: 'email', inputmode: 'email', value: state.email });
    const slots = fieldSlots();
    const box = errorBox('reset-error');
    const button = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'reset-send' }, t('portal.reset.send'));
    const form = h('form', { novalidate: true, 'data-testid': 'reset-ask' }, field(email, t('portal.field.email'), slots.slot('email', email)), button, box);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      slots.clear();
      if (!email.value.trim()) { slots.set('email', t('problem.required')); email.focus(); return; }
      if (await submitting({ slots, box, button }, () => api('/api/portal/password-reset', { method: 'POST', auth: false, body: { email: email.value.trim().toLowerCase() } }))) {
        state.email = email.value.trim().toLowerCase();
        confirm();
      }
    });
    replace(body, h('p', { class: 'muted' }, t('portal.reset.intro')), form);
  }
  function confirm() {
    const code = input('reset-code', { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, size: 8, class: 'code-input' });
    const password = input('reset-password', { type: 'password', autocomplete: 'new-password' });
    const slots = fieldSlots();
    const box = errorBox('reset-error');
    const button = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'reset-confirm' }, t('portal.reset.confirm'));
    const form = h('form', { novalidate: true, 'data-testid': 'reset-form' },
      field(code, t('portal.verify.code'), slots.slot('code', code)),
      field(password, t('portal.reset.newPassword'), slots.slot('password', password), { hint: t('portal.register.passwordHint') }), button, box);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (await submitting({ slots, box, button }, () => api('/api/portal/password-reset/confirm', { method: 'POST', auth: false,
        body: { email: state.email, code: code.value.trim(), password: password.value } }))) {
        session.notice = 'portal.reset.done';
        go('#/login');
      }
    });
    replace(body, h('p', { class: 'notice', role: 'status', 'data-testid': 'reset-sent' }, t('portal.reset.sent', { email: state.email })), form,
      h('button', { type: 'button', class: 'btn-link', 'data-testid': 'reset-again', onclick: ask }, t('portal.reset.again')));
  }
  ask();
  return authCard(t('portal.reset.title'), 'portal-reset', body, h('p', { class: 'portal-links' }, h('a', { href: '#/login' }, t('portal.reset.back'))));
}

function joinView() {
  const f = {
    email: input('join-email', { type: 'email', autocomplete: 'email', inputmode: 'email' }),
    code: input('join-code', { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, size: 8 }),
    name: input('join-name', { autocomplete: 'name' }),
    password: input('join-password', { type: 'password', autocomplete: 'new-password' }),
  };
  const slots = fieldSlots();
  const box = errorBox('join-error');
  const button = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'join-submit' }, t('portal.join.submit'));
  const labels = { email: 'portal.field.email', code: 'portal.verify.code', name: 'portal.field.name', password: 'portal.field.password' };
  const form = h('form', { novalidate: true, 'data-testid': 'join-form' },
    Object.entries(f).map(([k, c]) => field(c, t(labels[k]), slots.slot(k, c), { required: true })), button, box);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = { email: f.email.value.trim().toLowerCase(), code: f.code.value.trim(), name: f.name.value.trim(), password: f.password.value };
    await submitting({ slots, box, button }, async () => {
      await api('/api/portal/invitations/accept', { method: 'POST', auth: false, body: v });
      const res = await api('/api/auth/login', { method: 'POST', auth: false, body: { username: v.email, password: v.password } });
      setToken(res.token, res.expires_at);
      await loadMe();
      go('#/orders');
    });
  });
  return authCard(t('portal.join.title'), 'portal-join', h('p', { class: 'muted' }, t('portal.join.intro')), form);
}

// ---- the catalogue search with the cart ----

function cartBar() {
  const c = cart.read();
  if (!c.rows.length) return null;
  return h('div', { class: 'cart-bar', role: 'status', 'data-testid': 'cart-bar' },
    h('span', {}, t('portal.cart.summary', { n: c.rows.length, lab: c.lab.name })),
    h('a', { href: '#/book', class: 'btn-primary btn-like', 'data-testid': 'cart-book' }, t('portal.cart.book')));
}

function searchRows(box) {
  const c = cart.read();
  const rows = mergeSchemes(searchState.items);
  const inCart = new Set(c.rows.map((r) => r.key));
  const other = c.lab && rows.some((r) => String(r.lab_id) !== String(c.lab.id));
  const cell = (label, content, cls = null) => h('td', { 'data-label': label, class: cls }, h('span', {}, content));
  const trs = rows.map((row) => {
    const item = rowFromCatalogue(row);
    const sameLab = !c.lab || String(c.lab.id) === String(row.lab_id);
    const picked = row.row_keys.some((k) => inCart.has(String(k)));
    const pick = h('input', { type: 'checkbox', 'data-testid': 'cat-pick', checked: picked, disabled: !sameLab,
      'aria-label': t('portal.cart.pick', { parameter: row.parameter, lab: row.lab_name }),
      title: sameLab ? null : t('portal.cart.oneLab', { lab: c.lab?.name }),
      onchange: (e) => {
        const now = cart.read();
        if (e.target.checked) {
          now.lab = now.lab ?? { id: String(row.lab_id), name: row.lab_name };
          now.rows.push(item);
        } else {
          const keys = new Set(row.row_keys.map(String));
          now.rows = now.rows.filter((r) => !keys.has(r.key));
        }
        cart.write(now);
        searchRows(box);
      } });
    return h('tr', { 'data-testid': 'cat-row', 'data-lab': String(row.lab_id), class: picked ? 'row-picked' : null },
      h('td', { 'data-label': t('portal.cart.col'), class: 'pick-cell' }, h('label', { class: 'pick-label' }, pick,
        h('span', { class: 'pick-text' }, picked ? t('portal.cart.picked') : t('portal.cart.add')))),
      cell(t('catalogue.col.lab'), h('a', { href: `/catalogue.html#/lab/${encodeURIComponent(row.lab_id)}`, target: '_blank', rel: 'noopener', 'data-testid': 'cat-lab' }, row.lab_name)),
      cell(t('catalogue.col.region'), regionText(row)),
      cell(t('catalogue.col.product'), empty(row.product)),
      cell(t('catalogue.col.parameter'), parameterText(row), 'cat-parameter'),
      cell(t('catalogue.col.standard'), standardText(row)),
      cell(t('catalogue.col.schemes'), schemeBadges(row.schemes)),
      cell(t('catalogue.col.price'), priceText(row.price), 'nowrap'),
      cell(t('catalogue.col.days'), daysText(row.turnaround_days), 'nowrap'));
  });
  const heads = ['', 'lab', 'region', 'product', 'parameter', 'standard', 'schemes', 'price', 'days'].map((x) => (x ? t(`catalogue.col.${x}`) : t('portal.cart.col')));
  const more = searchState.next ? h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'cat-more', onclick: async (e) => {
    e.target.disabled = true;
    try {
      const page = await fetchPage(searchState.next);
      searchState.items = [...searchState.items, ...page.items];
      searchState.next = page.next_cursor ?? null;
    } catch (err) {
      searchState.error = errorText(err);
    }
    searchRows(box);
  } }, t('catalogue.more')) : null;
  replace(box,
    other ? h('p', { class: 'notice', 'data-testid': 'cart-one-lab' }, t('portal.cart.oneLabNotice', { lab: c.lab.name }), ' ',
      h('button', { type: 'button', class: 'btn-link', 'data-testid': 'cart-clear', onclick: () => { cart.clear(); searchRows(box); } }, t('portal.cart.clear'))) : null,
    h('p', { class: 'muted', 'data-testid': 'cat-count' }, t(searchState.next ? 'catalogue.countMore' : 'catalogue.count', { n: rows.length })),
    table('cat-table', heads, trs, t('catalogue.results')), more,
    searchState.error ? h('p', { class: 'form-error', role: 'alert', 'data-testid': 'cat-error' }, searchState.error) : null);
  const bar = document.querySelector('[data-testid=cart-slot]');
  if (bar) replace(bar, cartBar());
}

function fetchPage(cursor) {
  return api('/api/catalogue', { auth: false, query: { q: searchState.q, limit: PAGE_SIZE, cursor } });
}

function drawSearch(box) {
  if (searchState.error && !searchState.items) return replace(box, h('p', { class: 'form-error', role: 'alert', 'data-testid': 'cat-error' }, searchState.error));
  if (!searchState.items) return replace(box, h('p', { class: 'muted' }, t('portal.search.hint')));
  if (!searchState.items.length) return replace(box, h('div', { class: 'notice', 'data-testid': 'cat-empty' }, h('p', {}, h('strong', {}, t('catalogue.empty.title'))), h('p', {}, t('catalogue.empty.help'))));
  return searchRows(box);
}

function searchView() {
  const q = h('input', { id: 'cat-q', type: 'search', 'data-testid': 'cat-q', value: searchState.q, placeholder: t('catalogue.q.placeholder'), autocomplete: 'off' });
  const box = h('div', { 'data-testid': 'cat-results', 'aria-live': 'polite' });
  const form = h('form', { class: 'catalogue-search', role: 'search', 'data-testid': 'cat-search', novalidate: true },
    h('div', { class: 'field cat-q-field' }, h('label', { for: 'cat-q' }, t('catalogue.q.label')),
      h('div', { class: 'cat-q-row' }, q, h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'cat-submit' }, t('catalogue.search')))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    searchState.q = q.value.trim();
    replace(box, h('p', { class: 'muted' }, t('common.loading')));
    try {
      const page = await fetchPage(null);
      Object.assign(searchState, { items: page.items, next: page.next_cursor ?? null, error: null });
    } catch (err) {
      Object.assign(searchState, { items: null, next: null, error: errorText(err) });
    }
    drawSearch(box);
  });
  drawSearch(box);
  if (searchState.runOnOpen) { // a search handed over in the address (?q=, from the public catalogue)
    searchState.runOnOpen = false;
    setTimeout(() => { if (form.isConnected) form.requestSubmit(); }, 0);
  }
  return [
    h('h1', { 'data-testid': 'portal-search-title' }, t('portal.search.title')),
    h('p', { class: 'muted' }, t('portal.search.intro')),
    h('section', { class: 'card catalogue-card' }, form),
    box,
    h('div', { class: 'cart-slot', 'data-testid': 'cart-slot' }, cartBar()),
  ];
}

// ---- the account: the company, its users, an invitation ----

function accountView() {
  const me = session.me;
  if (!me) return loginView();
  const a = me.account;
  const fact = (k, v, id) => [h('dt', {}, k), h('dd', { 'data-testid': id }, empty(v))];
  const members = table('members-table', [t('portal.field.name'), t('portal.field.email'), t('portal.account.role'), t('portal.account.verified')],
    (me.members ?? [me.user]).map((u) => h('tr', { 'data-testid': 'member-row' },
      h('td', { 'data-label': t('portal.field.name') }, empty(u.name)), h('td', { 'data-label': t('portal.field.email') }, u.email),
      h('td', { 'data-label': t('portal.account.role') }, u.owner ? t('portal.account.owner') : t('portal.account.member')),
      h('td', { 'data-label': t('portal.account.verified') }, h('span', { class: u.verified ? 'status status-ok' : 'status status-warn' },
        u.verified ? t('portal.account.yes') : t('portal.account.no'))))), t('portal.account.members'));
  let invite = null;
  if (me.user.owner) {
    const email = input('invite-email', { type: 'email', inputmode: 'email' });
    const name = input('invite-name');
    const slots = fieldSlots();
    const box = errorBox('invite-error');
    const done = h('p', { class: 'notice', role: 'status', 'data-testid': 'invite-done', hidden: true });
    const button = h('button', { type: 'submit', class: 'btn-primary', 'data-testid': 'invite-submit' }, t('portal.account.invite'));
    invite = h('form', { novalidate: true, 'data-testid': 'invite-form', class: 'inline-form' },
      field(name, t('portal.field.name'), slots.slot('name', name)), field(email, t('portal.field.email'), slots.slot('email', email)), button, box, done);
    invite.addEventListener('submit', async (e) => {
      e.preventDefault();
      done.hidden = true;
      const body = { email: email.value.trim().toLowerCase(), name: name.value.trim() };
      if (await submitting({ slots, box, button }, () => api('/api/portal/invitations', { method: 'POST', body }))) {
        done.textContent = t('portal.account.invited', { email: body.email });
        done.hidden = false;
        email.value = '';
        name.value = '';
      }
    });
  }
  return [
    h('h1', { 'data-testid': 'portal-account-title' }, t('portal.account.title')),
    h('section', { class: 'card catalogue-card' }, h('dl', { class: 'facts', 'data-testid': 'account-facts' },
      fact(t('portal.field.company_name'), a.company_name, 'account-company'), fact(t('portal.field.uscc'), a.uscc, 'account-uscc'),
      fact(t('portal.field.contact_name'), a.contact_name, 'account-contact'), fact(t('portal.field.phone'), a.phone, 'account-phone'),
      fact(t('portal.field.email'), me.user.email, 'account-email'))),
    h('h2', {}, t('portal.account.members')), members,
    invite ? [h('h2', {}, t('portal.account.inviteTitle')), h('p', { class: 'muted' }, t('portal.account.inviteHelp')), invite] : null,
  ];
}

// ---- routing ----

function needsLogin(route) {
  return ['book', 'orders', 'account', 'verify', 'instrument-bookings'].includes(route) && !session.me;
}

let showSeq = 0;
export async function show() {
  const seq = ++showSeq;
  const [route = '', ...rest] = location.hash.replace(/^#\/?/, '').split('/').map((x) => { try { return decodeURIComponent(x); } catch { return x; } });
  const wanted = route || (session.me ? 'orders' : 'search');
  if (needsLogin(wanted) && !session.notice) session.notice = wanted === 'book' ? 'portal.login.toBook' : 'portal.login.needed';
  const name = needsLogin(wanted) ? 'login' : wanted;
  const main = h('main', { id: 'main', class: 'catalogue-page portal-page', tabindex: '-1' });
  document.title = t('portal.title');
  replace(root, topbar(name), main);
  updateCartCount();
  const banner = unverifiedBanner(name);
  const views = { login: loginView, register: registerView, verify: verifyView, reset: resetView, join: joinView, search: searchView, account: accountView,
    book: () => bookView(),
    instruments: async () => { const el = h('div', { 'data-testid': 'portal-instruments' }); await catalogueView(el, { canBook: !!session.me }); return el; },
    'instrument-bookings': async () => { const el = h('div', {}); await myBookingsView(el); return el; }, orders: () => (rest[0] ? orderView(rest[0]) : ordersView()) };
  const view = views[name] ?? searchView;
  try {
    const content = await view();
    if (seq !== showSeq) return;
    replace(main, banner, content);
  } catch (err) {
    if (seq !== showSeq) return;
    console.error(err);
    replace(main, banner, h('p', { class: 'form-error', role: 'alert', 'data-testid': 'portal-error' }, errorText(err)));
  }
  if (name !== 'login' && name !== 'verify') session.notice = null;
  main.querySelector('h1')?.setAttribute('tabindex', '-1');
}

async function boot() {
  await initI18n();
  const q = new URLSearchParams(location.search).get('q')?.trim();
  if (q) Object.assign(searchState, { q, runOnOpen: true });
  await refreshMe();
  window.addEventListener('hashchange', () => { show().then(() => { window.scrollTo(0, 0); document.querySelector('main h1')?.focus(); }); });
  window.addEventListener('storage', (e) => { if (e.key === CART_KEY) updateCartCount(); });
  await show();
}

boot().catch((err) => {
  console.error(err);
  root.textContent = `Assay: ${err.message}`;
});
