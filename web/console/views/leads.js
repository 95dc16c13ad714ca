/* The lead list (masked, filtered, paged) and the overdue list. */
import { get, query } from '../api.js';
import { h, field, options, replace } from '../dom.js';
import { t, formatDate, formatDateTime } from '../i18n.js';
import { message, errorText, statusBadge, overdueBadge, isSupervisor, canOwnLeads, busy } from '../ui.js';

const STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost'];
const FILTERS = ['status', 'owner', 'flow', 'createdFrom', 'createdTo'];

export async function leadsView({ container, me, query: params }) {
  const supervisor = isSupervisor(me);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || '']));

  const status = h('select', { name: 'status', id: 'filter-status' },
    options([['', t('anyStatus')], ...STATUSES.map((s) => [s, t('status.' + s)])], filters.status));
  const ownerChoices = supervisor
    ? [['', t('ownerEveryone')], ['me', t('ownerMe')], ['unassigned', t('ownerUnassigned')]]
    : [['', t('ownerMineAndQueue')], ['me', t('ownerMe')], ['unassigned', t('ownerUnassigned')]];
  const owner = h('select', { name: 'owner', id: 'filter-owner' }, options(ownerChoices, filters.owner));
  const flow = h('input', { name: 'flow', id: 'filter-flow', value: filters.flow, placeholder: t('flowPlaceholder'),
    pattern: '[A-Za-z0-9_-]{1,64}', spellcheck: false, autocomplete: 'off' });
  const from = h('input', { name: 'createdFrom', id: 'filter-from', type: 'date', value: filters.createdFrom });
  const to = h('input', { name: 'createdTo', id: 'filter-to', type: 'date', value: filters.createdTo });
  const form = h('form', { class: 'filters', 'aria-label': t('filters') },
    field(t('status'), status), field(t('owner'), owner), field(t('flow'), flow),
    field(t('createdFrom'), from), field(t('createdTo'), to),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'primary' }, t('apply')),
      h('button', { type: 'button', on: { click: () => { location.hash = '#/leads'; } } }, t('reset'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = '#/leads' + query({ status: status.value, owner: owner.value, flow: flow.value.trim(),
      createdFrom: from.value, createdTo: to.value });
    if (next === location.hash) {
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else {
      location.hash = next;
    }
  });

  const results = h('div', { class: 'results', 'aria-live': 'polite' }, h('p', { class: 'loading' }, t('loading')));
  container.append(
    h('div', { class: 'view-head' }, h('h1', null, t('leadsTitle'))),
    h('p', { class: 'intro' }, t('leadsIntro')),
    form, results);

  if (supervisor) {
    // Everyone who holds or held leads can be filtered on.
    get('/api/users').then((body) => {
      const people = body.users.filter((u) => canOwnLeads(u) || u.openLeads > 0 || u.id === filters.owner);
      for (const u of people) {
        owner.append(h('option', { value: u.id, selected: u.id === filters.owner }, u.username));
      }
    }, () => { /* the list works without names */ });
  }

  const table = leadTable(false);
  const more = h('button', { type: 'button', class: 'load-more', hidden: true }, t('loadMore'));
  const count = h('p', { class: 'count' });
  let cursor = null;
  let shown = 0;

  async function page() {
    const body = await get('/api/leads' + query({ ...filters, limit: 25, cursor }));
    table.add(body.leads);
    shown += body.leads.length;
    cursor = body.nextCursor;
    more.hidden = !cursor;
    count.textContent = t('showing', { n: shown });
    return body;
  }

  more.addEventListener('click', () => busy(more, () => page().catch((e) => {
    results.append(message('error', errorText(e)));
  })));

  try {
    await page();
  } catch (e) {
    replace(results, message('error', errorText(e)));
    return;
  }
  if (shown === 0) {
    replace(results, message('info', t('noLeads')));
  } else {
    replace(results, table.node, h('div', { class: 'list-foot' }, count, more));
  }
}

export async function overdueView({ container }) {
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, h('p', { class: 'loading' }, t('loading')));
  container.append(
    h('div', { class: 'view-head' }, h('h1', null, t('overdueTitle'))),
    h('p', { class: 'intro' }, t('overdueIntro')),
    results);
  let body;
  try {
    body = await get('/api/leads/overdue');
  } catch (e) {
    replace(results, message('error', errorText(e)));
    return;
  }
  if (!body.leads.length) {
    replace(results, message('ok', t('noOverdue')));
    return;
  }
  const table = leadTable(true);
  table.add(body.leads);
  replace(results, table.node);
}

/** A table of masked leads; a row opens the lead. */
function leadTable(withFollowUp) {
  const tbody = h('tbody');
  const head = [t('colName'), t('colEmail'), t('colPhone'), t('colStatus'), t('colOwner'), t('colFlow'), t('colCreated')];
  if (withFollowUp) { head.push(t('colFollowUp')); }
  const node = h('div', { class: 'table-wrap' }, h('table', { class: 'leads' },
    h('thead', null, h('tr', null, head.map((c) => h('th', { scope: 'col' }, c)))), tbody));
  const add = (leads) => {
    for (const lead of leads) {
      const masked = lead.masked || {};
      const href = '#/leads/' + encodeURIComponent(lead.id);
      const row = h('tr', { class: ['lead-row', lead.overdue && 'is-overdue'], data: { id: lead.id } },
        h('td', { class: 'col-name' }, h('a', { href, class: 'lead-link' }, masked.name || t('noName'))),
        h('td', { class: 'col-email masked' }, masked.email || '—'),
        h('td', { class: 'col-phone masked' }, masked.phone || '—'),
        h('td', { class: 'col-status' }, statusBadge(lead.status), lead.overdue ? [' ', overdueBadge()] : null,
          lead.handoff ? [' ', h('span', { class: 'badge badge-handoff' }, t('handoff'))] : null),
        h('td', { class: 'col-owner' }, lead.owner ? lead.owner.username : h('span', { class: 'muted' }, t('unassigned'))),
        h('td', { class: 'col-flow' }, lead.flowId),
        h('td', { class: 'col-created' }, h('time', { datetime: lead.createdAt, title: formatDateTime(lead.createdAt) },
          formatDate(lead.createdAt))),
        withFollowUp ? h('td', { class: 'col-follow-up' }, formatDateTime(lead.followUpBy)) : null);
      // The whole row opens the lead; the link in it is what keyboards and screen readers use.
      row.addEventListener('click', (event) => {
        if (event.target.closest('a')) { return; }
        location.hash = href;
      });
      tbody.append(row);
    }
  };
  return { node, add };
}
