// Assay web UI entry: loads the strings, restores the session, and shows the login page or the app shell.
import { h } from './dom.js';
import { initI18n, t, getLang, setLang, LANGS, formatDateTime } from './i18n.js';
import { api, getToken, clearToken, onUnauthorized, moveSessionTo } from './api.js';
import { navFor } from './nav.js';
import { renderLogin } from './login.js';

const root = document.getElementById('app');
let session = null; // GET /api/me: {user, organization, permissions}
let view = null; // 'login' | 'app'
let loginNoticeKey = null;
let routeSeq = 0;

onUnauthorized(() => {
  if (!session) return; // the caller handles a 401 outside a session (login, boot)
  session = null;
  showLogin('login.sessionExpired');
});

function langSwitch() {
  const id = `lang-${view}`;
  const select = h('select', { id, 'data-testid': 'lang-switch', onchange: (e) => changeLang(e.target.value) },
    LANGS.map((lang) => h('option', { value: lang, selected: lang === getLang() }, t(`lang.${lang}`))));
  return h('div', { class: 'lang-switch' }, h('label', { for: id, class: 'visually-hidden' }, t('lang.label')), select);
}

async function changeLang(lang) {
  await setLang(lang);
  document.title = t('app.title');
  if (view === 'app') {
    showApp();
  } else {
    const username = root.querySelector('[data-testid=username]')?.value ?? '';
    showLogin(loginNoticeKey, username);
  }
  root.querySelector('[data-testid=lang-switch]')?.focus();
}

function showLogin(noticeKey = null, username = '') {
  view = 'login';
  loginNoticeKey = noticeKey;
  root.replaceChildren();
  renderLogin(root, {
    noticeKey,
    username,
    langSwitch: langSwitch(),
    onLoggedIn: async () => {
      try {
        session = await api('/api/me');
      } catch (err) {
        clearToken();
        throw err;
      }
      showApp();
    },
  });
}

async function logout() {
  session = null;
  try {
    await api('/api/auth/logout', { method: 'POST' });
  } catch (err) {
    console.warn('logout:', err); // the token is dropped either way
  }
  clearToken();
  history.replaceState(null, '', location.pathname + location.search);
  showLogin('login.loggedOut');
}

function showApp() {
  // An SME's account (issue 15) has the portal only.
  if (session.user?.roles?.includes('sme')) {
    moveSessionTo('portal');
    location.href = '/portal.html';
    return;
  }
  view = 'app';
  const { user, organization } = session;
  const main = h('main', { id: 'main', tabindex: '-1' });
  const skip = h('a', { class: 'skip-link', href: '#main', onclick: (e) => { e.preventDefault(); main.focus(); } },
    t('app.skipToMain'));
  const topbar = h('header', { class: 'topbar' },
    h('div', { class: 'brand', 'data-testid': 'org-name' }, organization?.name || t('app.product')),
    h('div', { class: 'topbar-tools' },
      h('span', { class: 'current-user', 'data-testid': 'current-user', title: user.username },
        user.display_name || user.username),
      langSwitch(),
      h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'logout', onclick: logout },
        t('topbar.logout'))));
  const nav = h('nav', { class: 'sidenav', 'aria-label': t('nav.label') },
    h('ul', {}, navFor(user.roles).map((entry) =>
      h('li', {}, h('a', { href: `#/${entry.id}`, 'data-testid': `nav-${entry.id}`, 'data-nav': entry.id },
        t(entry.labelKey))))));
  root.replaceChildren(skip, topbar, h('div', { class: 'layout' }, nav, main));
  renderRoute(false);
}

function renderPlaceholder(main, entry) {
  main.append(
    h('h1', {}, t(entry.labelKey)),
    h('p', { class: 'placeholder', 'data-testid': 'placeholder' }, t('placeholder.notAvailable')));
}

// Renders the area named by the hash (#/audit) if this user may see it, else the dashboard. The rest of the
// hash (#/intake/orders/<code>) is the area's deep link, given to it as ctx.route (['orders', '<code>']).
async function renderRoute(moveFocus) {
  const seq = ++routeSeq;
  const entries = navFor(session.user.roles);
  const [wanted, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const entry = entries.find((e) => e.id === wanted) ?? entries.find((e) => e.id === 'dashboard') ?? entries[0];
  if (wanted && wanted !== entry.id) history.replaceState(null, '', `#/${entry.id}`);
  const route = wanted === entry.id ? rest.map((x) => { try { return decodeURIComponent(x); } catch { return x; } }) : [];
  for (const link of root.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === entry.id) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const main = document.getElementById('main');
  main.replaceChildren();
  const ctx = {
    user: session.user,
    organization: session.organization,
    permissions: session.permissions ?? [],
    lang: getLang(),
    t,
    api,
    formatDateTime,
    route,
    // Opens a deep link of this area (go('orders', code) → #/intake/orders/<code>): a new history entry,
    // so that Back returns to where the user was.
    go: (...parts) => { location.hash = `#/${entry.id}/${parts.map((x) => encodeURIComponent(x)).join('/')}`; },
    // Records the area's current tab in the address without a new history entry.
    mark: (...parts) => { history.replaceState(null, '', `#/${entry.id}${parts.length ? '/' : ''}${parts.map((x) => encodeURIComponent(x)).join('/')}`); },
  };
  try {
    const mod = entry.module ? await import(entry.module) : null;
    if (seq !== routeSeq) return;
    if (mod) {
      Promise.resolve(mod.render(main, ctx)).catch((err) => console.error(`render ${entry.id}:`, err));
    } else {
      renderPlaceholder(main, entry);
    }
  } catch (err) {
    console.error(`load ${entry.id}:`, err);
    if (seq === routeSeq) main.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, t('error.moduleFailed')));
  }
  if (moveFocus) {
    const heading = main.querySelector('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    } else {
      main.focus();
    }
  }
}

async function boot() {
  await initI18n();
  document.title = t('app.title');
  window.addEventListener('hashchange', () => { if (view === 'app') renderRoute(true); });
  if (getToken()) {
    try {
      session = await api('/api/me');
      showApp();
      return;
    } catch (err) {
      clearToken();
      showLogin(err.status === 401 ? 'login.sessionExpired' : 'login.sessionUnknown');
      return;
    }
  }
  showLogin();
}

boot().catch((err) => {
  console.error(err);
  root.textContent = `Assay: ${err.message}`; // the strings themselves failed to load
});
