/*
 * One lead, revealed: GET /api/leads/<id> is an audited reveal (and says so on screen). Status moves,
 * claim, assignment, notes and complaints (append-only: there is no way to delete one), the consented
 * part of the conversation and the consent proof. Everything the visitor typed is shown as text.
 */
import { get, post, patch, path } from '../api.js';
import { h, facts, field, options, replace, nextId } from '../dom.js';
import { t, tOr, formatDateTime } from '../i18n.js';
import { message, errorText, statusBadge, overdueBadge, isSupervisor, canOwnLeads, busy, section } from '../ui.js';

const NEXT = { new: ['contacted'], contacted: ['qualified'], qualified: ['won', 'lost'], won: [], lost: [] };
const MAX_NOTE = 2000;

/** The last lead shown, so switching the language re-renders it without another (audited) reveal. */
let remembered = null;

/** Drops the remembered lead (when the session ends). */
export function forgetLead() {
  remembered = null;
}

export async function leadView({ container, me, params: [id], reason }) {
  const state = { lead: null, users: null, flash: null };
  const supervisor = isSupervisor(me);

  async function load() {
    state.lead = await get(path('/api/leads', id));
    remembered = { id, lead: state.lead, users: state.users };
  }

  if (reason === 'language' && remembered && remembered.id === id) {
    state.lead = remembered.lead;
    state.users = remembered.users;
  } else {
    replace(container, h('p', { class: 'loading' }, t('loading')));
    try {
      await load();
    } catch (e) {
      remembered = null;
      // 403 (another rep's lead) or 404: the message, and nothing of the lead.
      replace(container, backLink(), h('h1', null, t('leadTitle')), message('error', errorText(e)));
      return;
    }
    if (supervisor) {
      try {
        state.users = (await get('/api/users')).users;
        remembered.users = state.users;
      } catch (e) {
        state.users = [];
      }
    }
  }

  /**
   * Runs an action. On a conflict (changed meanwhile, already claimed…) the lead is reloaded and the
   * user told why; if it cannot be shown any more (say, another rep has it now), only the message is.
   */
  async function act(action, success, errorTarget) {
    try {
      await action();
      state.flash = { kind: 'ok', text: success };
    } catch (e) {
      if (e.status === 401) { return; }
      if (e.status === 409) {
        try {
          await load();
          state.flash = { kind: 'warn', text: e.code === 'stale_version' ? t('staleReloaded') : errorText(e) };
        } catch (again) {
          remembered = null;
          if (again.status !== 401) {
            replace(container, backLink(), h('h1', null, t('leadTitle')), message('error', errorText(e)),
              message('error', errorText(again)));
          }
          return;
        }
      } else {
        // Nothing changed: say why where the user is, and keep what they typed.
        const target = errorTarget || container.querySelector('.flash');
        const shown = message('error', errorText(e));
        shown.tabIndex = -1;
        replace(target, shown);
        shown.focus();
        return;
      }
    }
    remembered = { id, lead: state.lead, users: state.users };
    render();
  }

  function merge(summary) {
    Object.assign(state.lead, summary);
  }

  function render() {
    const lead = state.lead;
    const canWork = supervisor || (lead.owner && lead.owner.id === me.id);
    const flash = state.flash ? message(state.flash.kind, state.flash.text) : null;
    if (flash) { flash.tabIndex = -1; }
    state.flash = null;
    replace(container,
      backLink(),
      h('div', { class: 'view-head lead-head' },
        h('h1', { class: 'lead-name' }, displayName(lead)),
        h('div', { class: 'badges' }, statusBadge(lead.status), lead.overdue ? overdueBadge() : null,
          lead.handoff ? h('span', { class: 'badge badge-handoff' }, t('handoff')) : null)),
      h('p', { class: 'notice reveal-notice' }, t('revealNotice')),
      h('div', { class: 'flash', 'aria-live': 'polite' }, flash),
      h('div', { class: 'lead-grid' },
        h('div', { class: 'lead-main' },
          personalSection(lead), answersSection(lead), notesSection(lead, noteForm(lead, canWork)), transcriptSection(lead),
          consentSection(lead)),
        h('div', { class: 'lead-side' }, actionsSection(lead, canWork), detailsSection(lead))));
    if (flash) { flash.focus(); }
  }

  function actionsSection(lead, canWork) {
    const parts = [];
    const next = NEXT[lead.status] || [];
    if (!next.length) {
      parts.push(h('p', null, t('finalStatus', { status: tOr('status.' + lead.status, lead.status) })));
    } else if (canWork) {
      parts.push(h('p', { class: 'label' }, t('moveTo')), h('div', { class: 'button-row status-actions' }, next.map((s) =>
        h('button', {
          type: 'button', class: ['status-button', s === 'lost' ? 'danger' : 'primary'], data: { status: s },
          on: { click: (e) => busy(e.currentTarget, () => act(async () => {
            merge(await patch(path('/api/leads', lead.id), { status: s, version: lead.version }));
          }, t('statusChanged', { status: tOr('status.' + s, s) }))) },
        }, t('moveToStatus', { status: tOr('status.' + s, s) })))));
    } else if (lead.owner) {
      parts.push(h('p', { class: 'muted' }, t('notYours', { owner: lead.owner.username })));
    } else {
      parts.push(h('p', { class: 'muted' }, t('claimFirst')));
    }
    const mayClaim = me.roles.includes('sales-rep') || me.roles.includes('sales-manager');
    if (!lead.owner && mayClaim) {
      parts.push(h('div', { class: 'button-row' }, h('button', {
        type: 'button', class: 'primary claim-button',
        on: { click: (e) => busy(e.currentTarget, () => act(async () => {
          await post(path('/api/leads', lead.id, 'claim'));
          await load(); // now the owner's view: e-mail and phone too
        }, t('claimed'))) },
      }, t('claim'))));
    }
    if (supervisor) {
      const people = (state.users || []).filter(canOwnLeads);
      const select = h('select', { id: 'assign-to', class: 'assign-select' },
        options([['', t('queue')], ...people.map((u) => [u.id, u.username])], lead.owner ? lead.owner.id : ''));
      const form = h('form', { class: 'form inline-form assign-form' },
        field(t('assignTo'), select),
        h('button', { type: 'submit' }, t('assign')));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const to = select.value || null;
        const name = to ? people.find((u) => u.id === to).username : null;
        busy(form.querySelector('button'), () => act(async () => {
          merge(await post(path('/api/leads', lead.id, 'assign'), { to, version: lead.version }));
        }, to ? t('assigned', { owner: name }) : t('backToQueue')));
      });
      parts.push(form);
    }
    return section(t('actions'), parts);
  }

  /** Adding a note or complaint (there is no editing or deleting: the API has no such route). */
  function noteForm(lead, canWork) {
    if (!canWork) {
      return h('p', { class: 'muted' }, lead.owner ? t('notYours', { owner: lead.owner.username }) : t('claimFirst'));
    }
    const group = nextId('kind');
    const kinds = ['note', 'complaint'].map((k, i) => h('label', { class: 'radio' },
      h('input', { type: 'radio', name: group, value: k, checked: i === 0, class: 'note-kind', data: { kind: k } }), ' ',
      tOr('kind.' + k, k)));
    const text = h('textarea', { id: 'note-text', name: 'text', rows: 4, maxLength: MAX_NOTE, required: true });
    const left = h('span', { class: 'chars-left' }, t('charsLeft', { n: MAX_NOTE }));
    text.addEventListener('input', () => { left.textContent = t('charsLeft', { n: MAX_NOTE - text.value.length }); });
    const error = h('div', { class: 'note-error', 'aria-live': 'assertive' });
    const form = h('form', { class: 'form note-form', noValidate: true },
      h('fieldset', { class: 'kinds' }, h('legend', null, t('kind')), kinds),
      field(t('noteText'), text, t('noteHint')),
      error,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('addNote')), left));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = text.value.trim();
      if (!value) {
        replace(error, message('error', t('noteEmpty')));
        text.focus();
        return;
      }
      const kind = form.querySelector('input.note-kind:checked').value;
      busy(form.querySelector('button[type=submit]'), () => act(async () => {
        const note = await post(path('/api/leads', lead.id, 'notes'), { kind, text: value });
        lead.notes = [...(lead.notes || []), { id: note.id, kind: note.kind, author: note.author, createdAt: note.createdAt, text: note.text }];
        lead.version = note.leadVersion;
      }, t('noteAdded'), error));
    });
    return form;
  }

  render();
}

function backLink() {
  return h('p', { class: 'back' }, h('a', { href: '#/leads' }, t('backToLeads')));
}

function displayName(lead) {
  for (const fields of Object.values(lead.personal || {})) {
    if (fields && fields.name) { return fields.name; }
  }
  return (lead.masked && lead.masked.name) || t('leadTitle');
}

function detailsSection(lead) {
  return section(t('details'), facts([
    [t('owner'), lead.owner ? lead.owner.username : h('span', { class: 'muted' }, t('unassigned'))],
    [t('flow'), lead.flowId],
    [t('language_'), lead.locale],
    [t('source'), lead.source],
    [t('created'), time(lead.createdAt)],
    [t('lastActivity'), time(lead.lastActivityAt)],
    [t('firstContact'), lead.firstContactAt ? time(lead.firstContactAt) : null],
    [t('followUpBy'), time(lead.followUpBy)],
    [t('keptUntil'), time(lead.keptUntil)],
  ], 'lead-details'));
}

function time(iso) {
  return h('time', { datetime: iso }, formatDateTime(iso));
}

function personalSection(lead) {
  const purposes = Object.entries(lead.personal || {});
  const parts = [];
  if (lead.contactHidden) {
    parts.push(h('p', { class: 'notice contact-hidden' }, t('contactHidden')));
  }
  if (!purposes.length) {
    parts.push(h('p', { class: 'muted' }, t('noPersonal')));
  }
  for (const [purpose, fields] of purposes) {
    parts.push(h('h3', { class: 'purpose' }, t('purpose', { purpose })),
      facts(Object.entries(fields).map(([k, v]) => [tOr('field.' + k, k), h('span', { class: 'value', data: { field: k } }, v)]),
        'personal'));
  }
  return section(t('personalData'), parts);
}

function answersSection(lead) {
  const answers = Object.entries(lead.answers || {});
  return section(t('answers'), answers.length
    ? facts(answers.map(([k, v]) => [k, h('span', { class: 'value' }, v)]), 'answers')
    : h('p', { class: 'muted' }, t('noAnswers')));
}

function notesSection(lead, form) {
  const notes = lead.notes || [];
  const list = notes.length
    ? h('ol', { class: 'notes' }, notes.map((n) => h('li', { class: ['note', 'note-' + n.kind], data: { id: n.id, kind: n.kind } },
      h('div', { class: 'note-meta' },
        h('span', { class: ['badge', 'kind-' + n.kind] }, tOr('kind.' + n.kind, n.kind)), ' ',
        h('span', { class: 'note-author' }, n.author), ' · ',
        h('time', { datetime: n.createdAt }, formatDateTime(n.createdAt))),
      h('p', { class: 'note-text' }, n.text))))
    : h('p', { class: 'muted' }, t('noNotes'));
  return section(t('notesTitle'), h('p', { class: 'notice notes-policy' }, t('notesPolicy')), list, form);
}

function transcriptSection(lead) {
  const lines = lead.transcript || [];
  return section(t('transcriptTitle'), h('p', { class: 'intro' }, t('transcriptIntro')), lines.length
    ? h('ol', { class: 'transcript' }, lines.map((line) => h('li', { class: ['line', 'from-' + line.from] },
      h('div', { class: 'line-meta' }, h('span', { class: 'line-from' }, tOr('from.' + line.from, line.from)), ' · ',
        h('time', { datetime: line.at }, formatDateTime(line.at))),
      h('p', { class: 'line-text' }, line.text))))
    : h('p', { class: 'muted' }, t('noTranscript')));
}

function consentSection(lead) {
  const records = lead.consent || [];
  return section(t('consentTitle'), h('p', { class: 'intro' }, t('consentIntro')), records.length
    ? h('ol', { class: 'consents' }, records.map((r) => h('li', { class: 'consent-record' },
      facts([
        [t('consentPurpose'), r.purpose],
        [t('consentDecision'), h('span', { class: ['badge', 'decision-' + r.decision] }, tOr('decision.' + r.decision, r.decision))],
        [t('consentAt'), time(r.recordedAt)],
        [t('consentFlow'), r.flowId + ' · v' + r.flowVersion],
        [t('consentLocale'), r.locale],
        r.textSha256 ? [t('consentHash'), h('code', { class: 'hash' }, r.textSha256)] : null,
      ], 'consent-facts'),
      r.shownText ? h('details', { class: 'shown-text' }, h('summary', null, t('shownText')), h('pre', null, r.shownText)) : null)))
    : h('p', { class: 'muted' }, t('noConsent')));
}
