/*
 * Data-subject requests (administrators): export (JSON, shown and downloadable) or erase everything
 * held about an e-mail address or phone number. The address goes in the request body, never the URL.
 */
import { post } from '../api.js';
import { h, field, options, replace } from '../dom.js';
import { t, formatNumber } from '../i18n.js';
import { message, errorText, busy } from '../ui.js';

export async function privacyView({ container }) {
  const kind = h('select', { id: 'subject-kind', name: 'kind' }, options([['email', t('email')], ['phone', t('phone')]], 'email'));
  const value = h('input', { id: 'subject-value', name: 'value', type: 'email', autocomplete: 'off', spellcheck: false, maxLength: 254 });
  const exportButton = h('button', { type: 'submit', class: 'primary export-button' }, t('exportData'));
  const eraseButton = h('button', { type: 'button', class: 'danger erase-button' }, t('eraseData'));
  const form = h('form', { class: 'form privacy-form', noValidate: true },
    h('div', { class: 'form-row' }, field(t('findBy'), kind), field(t('email'), value)),
    h('div', { class: 'form-actions' }, exportButton, eraseButton));
  const result = h('div', { class: 'privacy-result', 'aria-live': 'polite' });
  container.append(
    h('div', { class: 'view-head' }, h('h1', null, t('privacyTitle'))),
    h('p', { class: 'intro' }, t('privacyIntro')),
    h('section', { class: 'card' }, form),
    result);

  // The input and its label follow the kind.
  kind.addEventListener('change', () => {
    const email = kind.value === 'email';
    value.type = email ? 'email' : 'tel';
    value.maxLength = email ? 254 : 40;
    form.querySelector('label[for="subject-value"]').textContent = email ? t('email') : t('phone');
  });

  const subject = () => {
    const v = value.value.trim();
    if (!v) {
      replace(result, message('error', t('subjectRequired')));
      value.focus();
      return null;
    }
    return { [kind.value]: v };
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = subject();
    if (!body) { return; }
    busy(exportButton, async () => {
      try {
        showExport(await post('/api/privacy/export', body));
      } catch (e) {
        if (e.status !== 401) { replace(result, message('error', errorText(e))); }
      }
    });
  });

  eraseButton.addEventListener('click', () => {
    const body = subject();
    if (!body) { return; }
    if (!window.confirm(t('eraseConfirm', { subject: Object.values(body)[0] }))) { return; }
    busy(eraseButton, async () => {
      try {
        const { erased } = await post('/api/privacy/erase', body);
        replace(result, message('ok', t('erased', {
          conversations: formatNumber(erased.conversations), leads: formatNumber(erased.leads),
          items: formatNumber(erased.items), keys: formatNumber(erased.keys),
        })));
      } catch (e) {
        if (e.status !== 401) { replace(result, message('error', errorText(e))); }
      }
    });
  });

  function showExport(data) {
    const json = JSON.stringify(data, null, 2);
    const download = h('button', { type: 'button', class: 'download-export' }, t('download'));
    download.addEventListener('click', () => {
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const a = h('a', { href: url, download: 'leadline-export-' + String(data.generatedAt || 'now').replace(/[^0-9A-Za-z]/g, '') + '.json' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
    replace(result, h('section', { class: 'card export' },
      h('h2', null, t('exportTitle')),
      h('p', null, t('exportSummary', {
        leads: formatNumber((data.leads || []).length),
        conversations: formatNumber((data.conversations || []).length),
        consents: formatNumber((data.consentRecords || []).length),
      })),
      h('div', { class: 'button-row' }, download),
      h('pre', { class: 'json', tabIndex: 0 }, json)));
  }
}
