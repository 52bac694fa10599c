// The left navigation: one entry per area with the roles that see it; `module` names the ES module that renders it.

export const ROLES = ['technician', 'reviewer', 'signatory', 'manager', 'admin', 'customer', 'partner', 'platform_operator'];

// An entry without `module` has not been built yet and renders the "not available yet" placeholder.
// A module exports `render(mainEl, ctx)`; its path is relative to app.js.
export const NAV = [
  { id: 'dashboard', labelKey: 'nav.dashboard', roles: ROLES, module: './dashboard.js' },
  { id: 'intake', labelKey: 'nav.intake', roles: ['technician', 'reviewer', 'signatory', 'manager'], module: './intake.js' },
  { id: 'testing', labelKey: 'nav.testing', roles: ['technician', 'reviewer', 'manager'], module: './testing.js' },
  { id: 'instruments', labelKey: 'nav.instruments', roles: ['technician', 'reviewer', 'manager'], module: './capture.js' },
  { id: 'accreditation', labelKey: 'nav.accreditation', roles: ['manager', 'admin'], module: './accreditation.js' },
  { id: 'register', labelKey: 'nav.register', roles: ['manager', 'admin'], module: './register.js' },
  { id: 'quality', labelKey: 'nav.quality', roles: ['manager', 'admin'], module: './quality.js' },
  { id: 'reports', labelKey: 'nav.reports', roles: ['reviewer', 'signatory', 'manager'], module: './reports.js' },
  { id: 'platform', labelKey: 'nav.platform', roles: ['manager'], module: './platform.js' },
  { id: 'sharing', labelKey: 'nav.sharing', roles: ['manager', 'technician', 'partner', 'platform_operator'], module: './sharing.js' },
  { id: 'enrolments', labelKey: 'nav.enrolments', roles: ['platform_operator'], module: './enrolments.js' },
  { id: 'audit', labelKey: 'nav.audit', roles: ['manager', 'admin'], module: './audit.js' },
  { id: 'users', labelKey: 'nav.users', roles: ['admin', 'manager'], module: './users.js' },
];

// The entries a user with these roles may see, in menu order.
export function navFor(roles = []) {
  const mine = new Set(roles);
  return NAV.filter((entry) => entry.roles.some((role) => mine.has(role)));
}
