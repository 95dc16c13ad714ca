/* The team (supervisors): open leads per person, and handing all of one person's open leads over. */
import { get, post, path } from '../api.js';
import { h, options, replace, nextId } from '../dom.js';
import { t, formatNumber } from '../i18n.js';
import { message, errorText, roleNames, canOwnLeads, busy } from '../ui.js';

export async function teamView({ container, me }) {
  const flash = h('div', { class: 'flash', 'aria-live': 'polite' });
  const results = h('div', { class: 'results' }, h('p', { class: 'loading' }, t('loading')));
  container.append(
    h('div', { class: 'view-head' }, h('h1', null, t('teamTitle'))),
    h('p', { class: 'intro' }, t('teamIntro')),
    flash, results);

  async function show() {
    let users;
    try {
      users = (await get('/api/users')).users;
    } catch (e) {
      replace(results, message('error', errorText(e)));
      return;
    }
    // People who hold leads, and anyone (say, disabled) who still has open ones.
    const holders = users.filter((u) => canOwnLeads(u) || u.openLeads > 0);
    const receivers = users.filter(canOwnLeads);
    replace(results, h('div', { class: 'table-wrap' }, h('table', { class: 'team' },
      h('thead', null, h('tr', null, [t('colUser'), t('colRoles'), t('colState'), t('colOpen'), t('colHandover')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, holders.map((u) => row(u, receivers))))));
  }

  function row(user, receivers) {
    const others = receivers.filter((r) => r.id !== user.id);
    const select = h('select', { id: nextId('handover-to'), class: 'handover-to' },
      options([['', t('queue')], ...others.map((r) => [r.id, r.username])], ''));
    const label = h('label', { htmlFor: select.id, class: 'sr-only' }, t('handoverTo', { user: user.username }));
    const button = h('button', { type: 'submit', class: 'handover-button' }, t('handover'));
    const form = h('form', { class: 'inline-form handover-form', data: { user: user.username } }, label, select, button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const to = select.value || null;
      const toName = to ? others.find((r) => r.id === to).username : t('queue');
      busy(button, async () => {
        try {
          const result = await post(path('/api/users', user.id, 'handover'), { to });
          replace(flash, message('ok', t('handedOver', { n: formatNumber(result.moved), from: user.username, to: toName })));
          await show();
        } catch (e) {
          if (e.status !== 401) { replace(flash, message('error', errorText(e))); }
        }
      });
    });
    return h('tr', { class: 'team-row', data: { user: user.username, id: user.id } },
      h('th', { scope: 'row', class: 'user-name' }, user.username, user.id === me.id ? [' ', h('span', { class: 'muted' }, t('you'))] : null),
      h('td', null, roleNames(user.roles)),
      h('td', null, user.enabled ? t('active') : h('span', { class: 'badge badge-disabled' }, t('disabled'))),
      h('td', { class: 'open-leads num' }, formatNumber(user.openLeads)),
      h('td', null, user.openLeads > 0 ? form : h('span', { class: 'muted' }, t('nothingToHand'))));
  }

  await show();
}
