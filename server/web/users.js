// Users and organizations (用户与机构): administrators create users with their roles and organization,
// change roles and names, disable and enable accounts (with a reason); administrators and managers list
// and register customers, partner labs and labs (kind, name, USCC, code, address, certificate numbers).
import { h, replace } from './dom.js';
import { t, list } from './i18n.js';
import { api, apiAll } from './api.js';
import { empty, table, tabbed } from './widgets.js';
import { entryForm, reasonPanel, compact, isUscc } from './forms.js';
import { ROLES } from './nav.js';

const ORG_KINDS = ['customer', 'partner', 'lab'];
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export function passwordProblem(pw) {
  if (pw.length < 10) return t('problem.passwordShort');
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;
  return kinds < 2 ? t('problem.passwordMix') : null;
}

function roleNames(roles) {
  return list(roles.map((r) => t(`role.${r}`)));
}

function orgLabel(o) {
  return `${o.name}（${t(`org.kind.${o.kind}`)}）`;
}

function activeBadge(active) {
  return h('span', { class: active ? 'status status-ok' : 'status status-bad' }, t(active ? 'users.active' : 'users.inactive'));
}

async function users(panel, ctx) {
  const canWrite = ctx.permissions.includes('users:write');
  const orgs = ctx.permissions.includes('organizations:read') ? await apiAll('/api/organizations') : [];
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const listHost = h('div', {});
  const editor = h('div', { 'data-testid': 'user-editor' });

  // The one user's editor: display name and roles (a reason when the roles change), or disable/enable.
  async function edit(u, mode) {
    const { data: cur, etag } = await api(`/api/users/${u.id}`, { withEtag: true });
    const close = () => replace(editor);
    const patch = (body) => api(`/api/users/${cur.id}`, { method: 'PATCH', body, headers: { 'If-Match': etag } });
    if (mode === 'password') {
      replace(editor, reasonPanel('user-password', t('users.resetWho', { name: cur.display_name, username: cur.username }), [
        { name: 'new_password', label: t('users.newPassword'), type: 'password', required: true, hint: t('users.passwordHint'), check: passwordProblem },
        { name: 'reason', label: t('users.reason'), type: 'textarea', required: true, wide: true, hint: t('users.resetReasonHint') },
      ], t('users.resetPassword'), async (v) => {
        await api(`/api/users/${cur.id}/password`, { method: 'POST', body: { new_password: v.new_password, reason: v.reason } });
        close();
        await load(t('users.passwordReset', { name: cur.display_name }));
      }, close));
    } else if (mode === 'active') {
      const to = !cur.active;
      replace(editor, reasonPanel('user-active', t(to ? 'users.enableWho' : 'users.disableWho', { name: cur.display_name }),
        [{ name: 'reason', label: t('users.reason'), type: 'textarea', required: true, wide: true }],
        t(to ? 'users.enable' : 'users.disable'), async (v) => {
          await patch({ active: to, reason: v.reason });
          close();
          await load(t(to ? 'users.enabled' : 'users.disabled', { name: cur.display_name }));
        }, close));
    } else {
      const original = [...cur.roles].sort().join(',');
      const changed = (v) => [...v.roles].sort().join(',') !== original;
      replace(editor, reasonPanel('user-edit', t('users.editWho', { name: cur.display_name }), [
        { name: 'display_name', label: t('users.displayName'), value: cur.display_name, required: true },
        { name: 'roles', label: t('users.roles'), type: 'checks', options: ROLES.map((r) => [r, t(`role.${r}`)]), value: cur.roles, required: true, wide: true },
        { name: 'reason', label: t('users.reason'), type: 'textarea', wide: true, requiredIf: changed, hint: t('users.reasonHint') },
      ], t('users.save'), async (v) => {
        const body = { display_name: v.display_name };
        if (changed(v)) Object.assign(body, { roles: v.roles, reason: v.reason });
        await patch(body);
        close();
        await load(t('users.saved', { name: v.display_name }));
      }, close));
    }
    editor.querySelector('input, textarea')?.focus();
  }

  async function load(message) {
    const items = await apiAll('/api/users');
    const rows = items.map((u) => {
      const self = u.id === ctx.user.id;
      const actions = canWrite ? [
        h('button', { type: 'button', class: 'btn-link', 'data-testid': 'user-edit', onclick: () => edit(u, 'edit') }, t('users.edit')),
        ' ',
        self ? null : h('button', { type: 'button', class: 'btn-link', 'data-testid': 'user-toggle', onclick: () => edit(u, 'active') },
          t(u.active ? 'users.disable' : 'users.enable')),
        self ? null : ' ',
        self ? null : h('button', { type: 'button', class: 'btn-link', 'data-testid': 'user-password', onclick: () => edit(u, 'password') },
          t('users.resetPassword')),
      ] : null;
      return h('tr', { 'data-testid': 'user-row', 'data-username': u.username },
        h('td', { class: 'nowrap' }, u.username), h('td', {}, u.display_name),
        h('td', {}, u.org_id ? orgName.get(u.org_id) ?? u.org_id : t('users.noOrg')),
        h('td', {}, roleNames(u.roles)), h('td', { class: 'nowrap' }, activeBadge(u.active)), h('td', { class: 'nowrap' }, actions));
    });
    replace(listHost,
      message ? h('p', { class: 'status status-ok', role: 'status', 'data-testid': 'users-message' }, message) : null,
      table('users-table', [t('users.username'), t('users.displayName'), t('users.org'), t('users.roles'), t('users.status'), ''],
        rows, t('users.list')));
  }

  const create = canWrite ? entryForm('user-create', [
    { name: 'username', label: t('users.username'), required: true, hint: t('users.usernameHint'),
      check: (v) => (USERNAME.test(v) ? null : t('problem.username')) },
    { name: 'display_name', label: t('users.displayName'), required: true },
    { name: 'password', label: t('users.password'), type: 'password', required: true, hint: t('users.passwordHint'), check: passwordProblem },
    { name: 'org_id', label: t('users.org'), options: [['', t('users.chooseOrg')], ...orgs.map((o) => [o.id, orgLabel(o)])],
      requiredIf: (v) => !(v.roles.length && v.roles.every((r) => r === 'admin')), hint: t('users.orgHint') },
    { name: 'roles', label: t('users.roles'), type: 'checks', options: ROLES.map((r) => [r, t(`role.${r}`)]), required: true, wide: true },
  ], t('users.create'), async (v) => {
    const u = await api('/api/users', { method: 'POST', body: compact(v) });
    await load();
    return u;
  }, {
    reset: true,
    saved: (u) => t('users.created', { name: u.display_name, username: u.username }),
    conflict: () => ({ field: 'username', message: t('problem.usernameTaken') }),
  }) : h('p', { class: 'muted', 'data-testid': 'users-readonly' }, t('users.readOnly'));

  replace(panel, h('h2', {}, t('users.list')), listHost, editor,
    h('h2', {}, t('users.new')), create);
  await load();
}

async function organizations(panel, ctx) {
  const canWrite = ctx.permissions.includes('organizations:write');
  const listHost = h('div', {});
  const kind = h('select', { id: 'org-filter', 'data-testid': 'org-filter' },
    h('option', { value: '' }, t('org.allKinds')), ORG_KINDS.map((k) => h('option', { value: k }, t(`org.kind.${k}`))));

  const editor = h('div', { 'data-testid': 'org-editor' });
  // Correct an organization's record (its kind, USCC and lab code never change), or deactivate it with the reason.
  async function edit(o, mode) {
    const { data: cur, etag } = await api(`/api/organizations/${o.id}`, { withEtag: true });
    const close = () => replace(editor);
    const patch = (body) => api(`/api/organizations/${cur.id}`, { method: 'PATCH', body, headers: { 'If-Match': etag } });
    if (mode === 'active') {
      const to = !cur.active;
      replace(editor, reasonPanel('org-active', t(to ? 'org.enableWho' : 'org.disableWho', { name: cur.name }),
        [{ name: 'reason', label: t('users.reason'), type: 'textarea', required: true, wide: true }],
        t(to ? 'users.enable' : 'users.disable'), async (v) => {
          await patch({ active: to, reason: v.reason });
          close();
          await load(t('org.saved', { name: cur.name }));
        }, close));
    } else {
      replace(editor, reasonPanel('org-edit', t('org.editWho', { name: cur.name, uscc: cur.uscc }), [
        { name: 'name', label: t('org.name'), value: cur.name, required: true },
        { name: 'address', label: t('org.address'), value: cur.address ?? '', wide: true },
        { name: 'cma_no', label: t('org.cmaNo'), value: cur.cma_no ?? '' },
        { name: 'cnas_no', label: t('org.cnasNo'), value: cur.cnas_no ?? '' },
      ], t('users.save'), async (v) => {
        await patch({ name: v.name, address: v.address ?? '', cma_no: v.cma_no ?? '', cnas_no: v.cnas_no ?? '' });
        close();
        await load(t('org.saved', { name: v.name }));
      }, close));
    }
    editor.querySelector('input, textarea')?.focus();
  }

  async function load(message) {
    const items = await apiAll('/api/organizations', { kind: kind.value });
    const rows = items.map((o) => h('tr', { 'data-testid': 'org-row', 'data-uscc': o.uscc },
      h('td', { class: 'nowrap' }, t(`org.kind.${o.kind}`)), h('td', {}, o.name), h('td', { class: 'nowrap' }, o.uscc),
      h('td', {}, empty(o.code)), h('td', {}, empty(o.address)),
      h('td', {}, [o.cma_no ? `CMA ${o.cma_no}` : null, o.cnas_no].filter(Boolean).join(' / ') || t('common.empty')),
      h('td', { class: 'nowrap' }, activeBadge(o.active)),
      h('td', { class: 'nowrap' }, canWrite ? [
        h('button', { type: 'button', class: 'btn-link', 'data-testid': 'org-edit', onclick: () => edit(o, 'edit') }, t('users.edit')), ' ',
        h('button', { type: 'button', class: 'btn-link', 'data-testid': 'org-toggle', onclick: () => edit(o, 'active') },
          t(o.active ? 'users.disable' : 'users.enable'))] : null)));
    replace(listHost,
      message ? h('p', { class: 'status status-ok', role: 'status', 'data-testid': 'org-message' }, message) : null,
      rows.length
        ? table('org-table', [t('org.kind'), t('org.name'), t('org.uscc'), t('org.code'), t('org.address'), t('org.certificates'), t('users.status'), ''],
          rows, t('org.list'))
        : h('p', { class: 'muted' }, t('org.none')));
  }
  kind.addEventListener('change', load);

  const create = canWrite ? entryForm('org-create', [
    { name: 'kind', label: t('org.kind'), options: ORG_KINDS.map((k) => [k, t(`org.kind.${k}`)]), required: true },
    { name: 'name', label: t('org.name'), required: true },
    { name: 'uscc', label: t('org.uscc'), required: true, hint: t('org.usccHint'),
      check: (v) => (isUscc(v) ? null : t('problem.uscc')) },
    { name: 'code', label: t('org.code'), hint: t('org.codeHint'), check: (v) => (/^[A-Z]{2,8}$/.test(v) ? null : t('problem.orgCode')) },
    { name: 'address', label: t('org.address'), wide: true },
    { name: 'cma_no', label: t('org.cmaNo') },
    { name: 'cnas_no', label: t('org.cnasNo') },
  ], t('org.create'), async (v) => {
    const o = await api('/api/organizations', { method: 'POST', body: compact({ ...v, uscc: v.uscc.toUpperCase() }) });
    await load();
    return o;
  }, {
    reset: true,
    saved: (o) => t('org.created', { name: o.name }),
    // By the server's stable code (its detail is in the user's language); the old English detail as fallback.
    conflict: (err) => (err.problem?.code === 'org.code_taken' || /\bcode\b/i.test(err.problem?.detail ?? '')
      ? { field: 'code', message: t('problem.codeTaken') }
      : { field: 'uscc', message: t('problem.usccTaken') }),
  }) : null;

  replace(panel,
    h('div', { class: 'inline-form' }, h('div', { class: 'field' }, h('label', { for: 'org-filter' }, t('org.kind')), kind)),
    listHost, editor,
    create ? [h('h2', {}, t('org.new')), create] : null);
  await load();
}

const RENDER = { users, organizations };

export function render(main, ctx) {
  const tabs = [];
  if (ctx.permissions.includes('users:read')) tabs.push('users');
  if (ctx.permissions.includes('organizations:read')) tabs.push('organizations');
  return tabbed(main, {
    prefix: 'users', title: t('nav.users'), titleTestId: 'users',
    tabs: tabs.map((id) => ({ id, label: t(`users.tab.${id}`) })), render: (id, panel) => RENDER[id](panel, ctx),
  });
}
