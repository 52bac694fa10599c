// Dashboard, the default page after login: a welcome line with the user's name and roles, and the server's health.
import { h, add } from './dom.js';
import { t, has, list } from './i18n.js';
import { api } from './api.js';

export function roleName(role) {
  return has(`role.${role}`) ? t(`role.${role}`) : role;
}

export function render(main, { user, organization }) {
  const roles = user.roles?.length ? list(user.roles.map(roleName)) : t('dashboard.noRoles');
  const health = h('dl', { class: 'facts', 'data-testid': 'health', 'aria-busy': 'true' },
    h('dt', {}, t('dashboard.healthStatus')), h('dd', {}, t('common.loading')));

  add(main,
    h('h1', { 'data-testid': 'dashboard' }, t('dashboard.title')),
    h('p', { class: 'welcome', 'data-testid': 'welcome' },
      t('dashboard.welcome', { name: user.display_name || user.username, roles })),
    organization ? h('p', {}, t('dashboard.organization', { name: organization.name })) : null,
    h('section', { class: 'card', 'aria-labelledby': 'health-title' },
      h('h2', { id: 'health-title' }, t('dashboard.health')),
      health));

  api('/api/health', { auth: false }).then((res) => {
    const ok = res?.status === 'ok';
    health.replaceChildren(
      h('dt', {}, t('dashboard.healthStatus')),
      // Text and colour both: the word says it, the colour only repeats it.
      h('dd', { 'data-testid': 'health-status' },
        h('span', { class: ok ? 'status status-ok' : 'status status-bad' },
          ok ? t('dashboard.healthOk') : t('dashboard.healthNotOk', { status: res?.status ?? '?' }))),
      h('dt', {}, t('dashboard.healthDb')), h('dd', { 'data-testid': 'health-db' }, res?.db ?? ''),
      h('dt', {}, t('dashboard.healthVersion')), h('dd', { 'data-testid': 'health-version' }, res?.version ?? ''));
  }).catch((err) => {
    health.replaceChildren(
      h('dt', {}, t('dashboard.healthStatus')),
      h('dd', { 'data-testid': 'health-status' },
        h('span', { class: 'status status-bad' }, t('dashboard.healthUnreachable', { status: err.status ?? 0 }))));
  }).finally(() => health.removeAttribute('aria-busy'));
}
