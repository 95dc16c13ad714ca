/* Small pieces the views share: messages, badges, people's names, errors. */
import { h } from './dom.js';
import { t, tOr } from './i18n.js';

/** The user-facing text of an error: the API's message as it is, or a translated fallback. */
export function errorText(e) {
  if (!e) { return ''; }
  if (e.status === 0) { return t('offline'); }
  return e.message || t('offline');
}

/** A message box; kind is info, ok, warn or error. Errors are announced to screen readers. */
export function message(kind, text, ...extra) {
  return h('div', { class: ['message', 'message-' + kind], role: kind === 'error' ? 'alert' : 'status' }, text, extra);
}

/** An empty live region a view writes its results and errors into. */
export function outlet(className) {
  return h('div', { class: ['outlet', className], 'aria-live': 'polite' });
}

export function statusBadge(status) {
  return h('span', { class: ['badge', 'status-' + status], data: { status } }, tOr('status.' + status, status));
}

export function overdueBadge() {
  return h('span', { class: 'badge badge-overdue' }, t('overdue'));
}

export function roleNames(roles) {
  return (roles || []).map((r) => tOr('role.' + r, r)).join(', ');
}

/** May this user hold leads (and so receive them)? */
export function canOwnLeads(user) {
  return user.enabled && (user.roles || []).some((r) => r === 'sales-rep' || r === 'sales-manager');
}

export function isSupervisor(me) {
  return me.roles.includes('sales-manager') || me.roles.includes('admin');
}

export function isAdmin(me) {
  return me.roles.includes('admin');
}

/** A button that shows it is busy while an async action runs, and cannot be pressed twice. */
export async function busy(button, action) {
  if (button.disabled) { return undefined; }
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

export function section(title, ...children) {
  const heading = h('h2', null, title);
  return h('section', { class: 'card' }, heading, children);
}
