// Dashboard, the default page after login: a welcome line with the user's name and roles, the work
// waiting for this user by role (to receive, to assign, to test, to check, to approve, to sign,
// overdue orders), each a count that opens its list, and the server's health.
import { h, add } from './dom.js';
import { t, has, list } from './i18n.js';
import { api } from './api.js';

// One queue: the permission that makes it this user's, how to count it, where its list is. A count
// of a full first page is shown as "N+" (the lists are paged; the page is the list's own).
const QUEUES = [
  { id: 'receive', perm: 'samples:write', href: '#/intake/samples',
    count: async () => page(await api('/api/samples', { query: { status: 'registered', limit: 200 } })) },
  { id: 'assign', perm: 'results:assign', href: '#/testing/assign',
    count: async () => page(await api('/api/testing/items', { query: { unassigned: 1, limit: 200 } })) },
  { id: 'test', perm: 'results:write', href: '#/testing/worklist',
    count: async () => page(await api('/api/testing/items', { query: { mine: 1, limit: 200 } })) },
  { id: 'check', perm: 'results:check', href: '#/testing/review',
    count: async () => page(await api('/api/testing/results', { query: { status: 'entered' } })) },
  { id: 'approve', perm: 'results:approve', href: '#/testing/review',
    count: async () => page(await api('/api/testing/results', { query: { status: 'checked' } })) },
  { id: 'sign', perm: 'reports:sign', href: '#/reports/queue',
    count: async () => page(await api('/api/reports', { query: { waiting_for: 'me', limit: 200 } })) },
  { id: 'overdue', perm: 'orders:write', href: '#/intake/orders',
    count: async () => page(await api('/api/orders', { query: { overdue: 1, limit: 200 } })) },
];

function page(res, keep = () => true) {
  const items = res?.items ?? [];
  return { n: items.filter(keep).length, more: Boolean(res?.next_cursor) };
}

function queues(permissions, me) {
  const mine = QUEUES.filter((q) => permissions.includes(q.perm));
  if (!mine.length) return null;
  const cards = mine.map((q) => {
    const value = h('span', { class: 'queue-count', 'data-testid': `queue-${q.id}-count` }, '…');
    const card = h('a', { class: 'queue-card', href: q.href, 'data-testid': `queue-${q.id}` },
      value, h('span', { class: 'queue-label' }, t(`dashboard.queue.${q.id}`)));
    q.count(me).then(({ n, more }) => {
      value.textContent = more ? `${n}+` : String(n);
      if (n > 0) card.classList.add(q.id === 'overdue' ? 'queue-bad' : 'queue-open');
    }).catch(() => { value.textContent = '—'; value.title = t('dashboard.queue.unavailable'); });
    return card;
  });
  return h('section', { class: 'card queues-card', 'aria-labelledby': 'queues-title', 'data-testid': 'queues' },
    h('h2', { id: 'queues-title' }, t('dashboard.queues')), h('div', { class: 'queue-grid' }, cards));
}

export function roleName(role) {
  return has(`role.${role}`) ? t(`role.${role}`) : role;
}

export function render(main, { user, organization, permissions = [] }) {
  const roles = user.roles?.length ? list(user.roles.map(roleName)) : t('dashboard.noRoles');
  const health = h('dl', { class: 'facts', 'data-testid': 'health', 'aria-busy': 'true' },
    h('dt', {}, t('dashboard.healthStatus')), h('dd', {}, t('common.loading')));

  add(main,
    h('h1', { 'data-testid': 'dashboard' }, t('dashboard.title')),
    h('p', { class: 'welcome', 'data-testid': 'welcome' },
      t('dashboard.welcome', { name: user.display_name || user.username, roles })),
    organization ? h('p', {}, t('dashboard.organization', { name: organization.name })) : null,
    queues(permissions, String(user.id)),
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
