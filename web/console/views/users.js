/* Users (administrators): create one (its temporary password is shown once), disable one with a successor. */
import { get, post, path } from '../api.js';
import { h, field, options, replace, nextId } from '../dom.js';
import { t, formatNumber } from '../i18n.js';
import { message, errorText, roleNames, canOwnLeads, busy, section } from '../ui.js';

const ROLES = ['sales-rep', 'sales-manager', 'admin'];

export async function usersView({ container, me }) {
  const flash = h('div', { class: 'flash', 'aria-live': 'polite' });
  const results = h('div', { class: 'results' }, h('p', { class: 'loading' }, t('loading')));

  const username = h('input', { id: 'new-username', name: 'username', required: true, pattern: '[a-z0-9][a-z0-9._\\-]{2,31}',
    maxLength: 32, autocomplete: 'off', spellcheck: false });
  const role = h('select', { id: 'new-role', name: 'role' }, options(ROLES.map((r) => [r, t('role.' + r)]), 'sales-rep'));
  const created = h('div', { class: 'created-slot', 'aria-live': 'polite' });
  const createForm = h('form', { class: 'form create-user-form' },
    h('div', { class: 'form-row' }, field(t('username'), username, t('usernameHint')), field(t('role'), role)),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('create'))),
    created);
  createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(createForm.querySelector('button[type=submit]'), async () => {
      try {
        const body = await post('/api/users', { username: username.value.trim().toLowerCase(), role: role.value });
        const name = body.user.username;
        replace(created, message('ok', t('userCreated', { user: name }),
          h('div', { class: 'temporary-password' },
            h('span', { class: 'label' }, t('temporaryPassword') + ': '),
            h('code', { class: 'secret', id: 'temporary-password' }, body.temporaryPassword)),
          h('p', { class: 'small' }, t('temporaryPasswordNote', { user: name }))));
        username.value = '';
        await show();
      } catch (e) {
        if (e.status !== 401) { replace(created, message('error', errorText(e))); }
      }
    });
  });

  container.append(
    h('div', { class: 'view-head' }, h('h1', null, t('usersTitle'))),
    section(t('createUser'), createForm),
    flash, results);

  async function show() {
    let users;
    try {
      users = (await get('/api/users')).users;
    } catch (e) {
      replace(results, message('error', errorText(e)));
      return;
    }
    const receivers = users.filter(canOwnLeads);
    replace(results, h('div', { class: 'table-wrap' }, h('table', { class: 'users' },
      h('thead', null, h('tr', null, [t('colUser'), t('colRoles'), t('colState'), t('colOpen'), t('colDisable')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, users.map((u) => row(u, receivers))))));
  }

  function row(user, receivers) {
    let action;
    if (user.id === me.id) {
      action = h('span', { class: 'muted' }, t('you'));
    } else if (!user.enabled) {
      action = h('span', { class: 'muted' }, '—');
    } else {
      const select = h('select', { id: nextId('successor'), class: 'successor' },
        options([['', t('queue')], ...receivers.filter((r) => r.id !== user.id).map((r) => [r.id, r.username])], ''));
      const button = h('button', { type: 'submit', class: 'danger' }, t('disable'));
      action = h('form', { class: 'inline-form disable-form', data: { user: user.username } },
        h('label', { htmlFor: select.id, class: 'sr-only' }, t('disableUser', { user: user.username })), select, button);
      action.addEventListener('submit', (event) => {
        event.preventDefault();
        if (!window.confirm(t('disableConfirm', { user: user.username }))) { return; }
        busy(button, async () => {
          try {
            const body = await post(path('/api/users', user.id, 'disable'), { successor: select.value || null });
            replace(flash, message('ok', t('userDisabledDone', { user: user.username, n: formatNumber(body.moved) })));
            await show();
          } catch (e) {
            if (e.status !== 401) { replace(flash, message('error', errorText(e))); }
          }
        });
      });
    }
    return h('tr', { class: 'user-row', data: { user: user.username } },
      h('th', { scope: 'row' }, user.username),
      h('td', null, roleNames(user.roles)),
      h('td', null, user.enabled ? t('active') : h('span', { class: 'badge badge-disabled' }, t('disabled'))),
      h('td', { class: 'num' }, formatNumber(user.openLeads)),
      h('td', null, action));
  }

  await show();
}
