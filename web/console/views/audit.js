/* The audit log (supervisors): newest first, paged, under a banner saying whether the hash chain verifies. */
import { get, query } from '../api.js';
import { h, replace } from '../dom.js';
import { t, tOr, formatDateTime, formatNumber } from '../i18n.js';
import { message, errorText, busy } from '../ui.js';

const PAGE = 50;

export async function auditView({ container }) {
  const banner = h('div', { class: 'chain-banner-slot', 'aria-live': 'polite' });
  const results = h('div', { class: 'results' }, h('p', { class: 'loading' }, t('loading')));
  container.append(
    h('div', { class: 'view-head' }, h('h1', null, t('auditTitle'))),
    h('p', { class: 'intro' }, t('auditIntro')),
    banner, results);

  let names = new Map();
  try {
    names = new Map((await get('/api/users')).users.map((u) => [u.id, u.username]));
  } catch (e) { /* ids instead of names */ }

  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'load-more', hidden: true }, t('olderEntries'));
  let before = null;

  async function page() {
    const body = await get('/api/audit' + query({ limit: PAGE, before }));
    const v = body.verification;
    replace(banner, v.valid
      ? h('div', { class: 'chain-banner chain-ok', role: 'status' }, h('span', { 'aria-hidden': 'true' }, '✔ '),
        t('chainOk', { n: formatNumber(v.entries) }))
      : h('div', { class: 'chain-banner chain-broken', role: 'alert' }, h('span', { 'aria-hidden': 'true' }, '⚠ '),
        t('chainBroken', { at: v.brokenAt, reason: v.reason || '?' })));
    for (const e of body.entries) { tbody.append(row(e, names)); }
    before = body.nextBefore;
    more.hidden = before === null || before === undefined;
    return body;
  }

  more.addEventListener('click', () => busy(more, () => page().catch((e) => {
    results.append(message('error', errorText(e)));
  })));

  let first;
  try {
    first = await page();
  } catch (e) {
    replace(results, message('error', errorText(e)));
    return;
  }
  if (!first.entries.length) {
    replace(results, message('info', t('noEntries')));
    return;
  }
  replace(results, h('div', { class: 'table-wrap' }, h('table', { class: 'audit' },
    h('thead', null, h('tr', null, [t('colSeq'), t('colTime'), t('colActor'), t('colAction'), t('colTarget'), t('colDetails')]
      .map((c) => h('th', { scope: 'col' }, c)))),
    tbody)), h('div', { class: 'list-foot' }, more));
}

function row(entry, names) {
  const details = Object.entries(entry.details || {});
  return h('tr', { class: 'audit-row', data: { action: entry.action, seq: entry.seq } },
    h('td', { class: 'num' }, String(entry.seq)),
    h('td', { class: 'nowrap' }, h('time', { datetime: entry.at }, formatDateTime(entry.at))),
    h('td', null, actor(entry.actor, names)),
    h('td', null, tOr('action.' + entry.action, entry.action), h('br'), h('code', { class: 'muted small' }, entry.action)),
    h('td', null, entry.targetType, ' ', h('code', { class: 'small' }, target(entry, names))),
    h('td', null, details.length
      ? h('ul', { class: 'details-list' }, details.map(([k, v]) => h('li', null, h('span', { class: 'muted' }, k + ': '), detail(k, v, names))))
      : '—',
    h('div', { class: 'muted small request-id', title: t('colRequest') }, entry.requestId)));
}

/** "user:<id>" → the username; visitors and system components by kind. */
function actor(value, names) {
  const [kind, id] = String(value).split(/:(.*)/s);
  if (kind === 'user') { return names.get(id) || t('formerUser') + ' ' + id; }
  if (kind === 'visitor') { return t('visitor'); }
  if (kind === 'system') { return t('system', { name: id }); }
  return String(value);
}

function target(entry, names) {
  return entry.targetType === 'user' && names.has(entry.targetId) ? names.get(entry.targetId) : entry.targetId;
}

function detail(key, value, names) {
  return names.has(value) ? names.get(value) : String(value);
}
