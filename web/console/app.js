/*
 * Leadline's sales console: one page, hash routes, plain ES modules, no framework and no build step.
 *
 *   #/leads[?filters]  the lead list (masked)          everyone
 *   #/leads/<id>       one lead, revealed (audited)    everyone who may see that lead
 *   #/overdue          leads past their follow-up time everyone
 *   #/team             open leads per person, handover sales managers, administrators
 *   #/audit            the hash-chained audit log      sales managers, administrators
 *   #/funnel[?filters] funnel analytics                sales managers, administrators
 *   #/users            create and disable users        administrators
 *   #/privacy          export or erase a data subject  administrators
 */
import { loadConfig, get, whenSignedOut } from './api.js';
import * as auth from './auth.js';
import { t, lang, setLang, LANGUAGES } from './i18n.js';
import { h, replace, options } from './dom.js';
import { message, errorText, isSupervisor, isAdmin, roleNames } from './ui.js';
import { renderSignIn } from './signin.js';
import { leadsView, overdueView } from './views/leads.js';
import { leadView, forgetLead } from './views/lead.js';
import { teamView } from './views/team.js';
import { auditView } from './views/audit.js';
import { funnelView } from './views/funnel.js';
import { usersView } from './views/users.js';
import { privacyView } from './views/privacy.js';

const everyone = () => true;
const ROUTES = [
  { pattern: /^\/leads$/, view: leadsView, allowed: everyone, nav: '#/leads' },
  { pattern: /^\/leads\/([A-Za-z0-9_-]{1,64})$/, view: leadView, allowed: everyone, nav: '#/leads' },
  { pattern: /^\/overdue$/, view: overdueView, allowed: everyone, nav: '#/overdue' },
  { pattern: /^\/team$/, view: teamView, allowed: isSupervisor, nav: '#/team' },
  { pattern: /^\/audit$/, view: auditView, allowed: isSupervisor, nav: '#/audit' },
  { pattern: /^\/funnel$/, view: funnelView, allowed: isSupervisor, nav: '#/funnel' },
  { pattern: /^\/users$/, view: usersView, allowed: isAdmin, nav: '#/users' },
  { pattern: /^\/privacy$/, view: privacyView, allowed: isAdmin, nav: '#/privacy' },
];
const NAV = [
  ['#/leads', 'navLeads', everyone],
  ['#/overdue', 'navOverdue', everyone],
  ['#/team', 'navTeam', isSupervisor],
  ['#/audit', 'navAudit', isSupervisor],
  ['#/funnel', 'navFunnel', isSupervisor],
  ['#/users', 'navUsers', isAdmin],
  ['#/privacy', 'navPrivacy', isAdmin],
];

const main = document.getElementById('main');
const header = document.getElementById('top');
let me = null;
let refreshSignIn = null;
let activeNav = null;

function renderHeader() {
  document.title = t('consoleTitle');
  const languageSelect = h('select', {
    id: 'language', class: 'language-select',
    on: { change: (e) => switchLanguage(e.target.value) },
  }, options(LANGUAGES, lang()));
  const tools = h('div', { class: 'top-tools' },
    h('label', { class: 'language' }, h('span', { class: 'language-label' }, t('language')), languageSelect));
  let nav = null;
  if (me) {
    nav = h('nav', { class: 'nav', 'aria-label': t('mainNav') }, h('ul', null,
      NAV.filter(([, , allowed]) => allowed(me)).map(([href, key]) => h('li', null,
        h('a', { href, class: 'nav-link', 'aria-current': href === activeNav ? 'page' : null, data: { nav: href.slice(2) } }, t(key))))));
    tools.prepend(h('span', { class: 'who', title: roleNames(me.roles) },
      h('span', { class: 'who-name' }, me.username), ' ', h('span', { class: 'who-roles' }, roleNames(me.roles))));
    tools.append(h('button', { type: 'button', class: 'sign-out', on: { click: signOut } }, t('signOut')));
  }
  replace(header,
    h('a', { class: 'skip-link', href: '#main', on: { click: skipToMain } }, t('skip')),
    h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'L'), t('appName')),
    nav, tools);
}

function skipToMain(event) {
  event.preventDefault();
  main.focus();
}

function switchLanguage(code) {
  setLang(code);
  renderHeader();
  const select = document.getElementById('language');
  if (select) { select.focus(); }
  if (me) {
    route('language');
  } else if (refreshSignIn) {
    refreshSignIn();
  }
}

function showSignIn(notice) {
  me = null;
  activeNav = null;
  renderHeader();
  refreshSignIn = renderSignIn(main, afterSignIn, notice);
}

async function afterSignIn() {
  refreshSignIn = null;
  try {
    me = await get('/api/me');
  } catch (e) {
    if (e.status === 401) {
      auth.signOut();
      showSignIn('sessionEnded');
    } else {
      replace(main, message('error', errorText(e), ' ',
        h('button', { type: 'button', on: { click: afterSignIn } }, t('tryAgain'))));
    }
    return;
  }
  me.roles = me.roles || [];
  renderHeader();
  if (!location.hash.startsWith('#/')) {
    location.replace('#/leads'); // the hashchange shows it
    return;
  }
  route('navigate');
}

/** Signing out forgets the tokens and reloads the page, so nothing revealed stays in memory either. */
function signOut() {
  auth.signOut();
  location.replace(location.pathname + location.search);
}

// The session could not be renewed: sign in again, then come back to the same page.
whenSignedOut(() => {
  if (!me) { return; }
  auth.signOut();
  forgetLead();
  showSignIn('sessionEnded');
});

/** Shows the view the hash names; reason is 'navigate' or 'language' (views may re-render from memory). */
function route(reason) {
  if (!me) { return; }
  const hash = location.hash;
  if (!hash.startsWith('#/')) {
    if (hash === '' || hash === '#') { location.replace('#/leads'); }
    return;
  }
  const [pathPart, queryPart] = hash.slice(1).split('?');
  const query = new URLSearchParams(queryPart || '');
  const container = h('div', { class: 'view' });
  replace(main, container);
  const found = ROUTES.map((r) => ({ r, m: r.pattern.exec(pathPart) })).find((x) => x.m);
  activeNav = found ? found.r.nav : null;
  for (const link of header.querySelectorAll('.nav-link')) {
    if (link.getAttribute('href') === activeNav) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  if (!found) {
    container.append(message('error', t('notFoundPage')));
    return;
  }
  if (!found.r.allowed(me)) {
    container.append(message('error', t('forbiddenPage')));
    return;
  }
  if (reason === 'navigate') { main.focus({ preventScroll: true }); }
  Promise.resolve(found.r.view({ container, me, params: found.m.slice(1), query, reason, hash })).catch((e) => {
    if (e && e.status === 401) { return; }
    container.append(message('error', errorText(e)));
  });
}

window.addEventListener('hashchange', () => route('navigate'));

async function start() {
  setLang(lang());
  renderHeader();
  try {
    await loadConfig();
  } catch (e) {
    replace(main, message('error', t('offline')));
    return;
  }
  if (auth.signedIn()) {
    await afterSignIn();
  } else {
    showSignIn();
  }
}

start();
