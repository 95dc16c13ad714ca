/*
 * The sign-in screens: password; a new password if the current one is temporary; authenticator set-up
 * with a QR code (and the key as text) on first sign-in; then the 6-digit code.
 */
import { h, field, replace } from './dom.js';
import { t, tOr } from './i18n.js';
import { message } from './ui.js';
import { qrSvg } from './qr.js';
import * as auth from './auth.js';

const PASSWORD_RULE = (p) => p.length >= 12 && /[A-Z]/.test(p) && /[a-z]/.test(p) && /[0-9]/.test(p) && /[^A-Za-z0-9]/.test(p);

/**
 * Renders the sign-in into container; calls onSignedIn once tokens are stored. notice: the key of a
 * message to show first (say, that the session ended). Returns a function that re-renders the current step.
 */
export function renderSignIn(container, onSignedIn, notice) {
  let step = { kind: 'password' };
  let typedUsername = '';
  // What to tell the user, kept as a function so a language switch re-translates it.
  let problem = notice ? { kind: 'info', text: () => t(notice) } : null;

  const show = () => {
    const card = h('section', { class: 'card signin', 'aria-labelledby': 'signin-title' });
    replace(container, h('div', { class: 'signin-wrap' }, card));
    const status = h('div', { class: 'signin-status', 'aria-live': 'assertive' });
    if (problem) { status.append(message(problem.kind, problem.text())); }
    const views = { password: passwordStep, newPassword: newPasswordStep, mfaSetup: mfaSetupStep, mfa: mfaStep };
    views[step.kind](card, status);
    const first = card.querySelector(step.kind === 'password' && typedUsername ? '#signin-password' : 'input:not([hidden])');
    if (first) { first.focus(); }
  };

  const fail = (e) => {
    problem = { kind: 'error', text: () => describe(e) };
    // An expired or unknown sign-in session cannot go on: back to the password.
    if (e.type === 'NotAuthorizedException' && step.kind !== 'password') { step = { kind: 'password' }; }
    show();
  };

  const advance = async (result) => {
    problem = null;
    if (result.done) {
      onSignedIn();
      return;
    }
    switch (result.name) {
      case 'NEW_PASSWORD_REQUIRED':
        step = { kind: 'newPassword', challenge: result };
        break;
      case 'MFA_SETUP': {
        const association = await auth.associateSoftwareToken(result);
        step = { kind: 'mfaSetup', challenge: result, secret: association.secret, session: association.session };
        break;
      }
      case 'SOFTWARE_TOKEN_MFA':
        step = { kind: 'mfa', challenge: result };
        break;
      default:
        step = { kind: 'password' };
        problem = { kind: 'error', text: () => t('unexpectedChallenge', { name: String(result.name) }) };
    }
    show();
  };

  const submitting = (form, action) => async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (button.disabled) { return; }
    button.disabled = true;
    button.textContent = t('working');
    try {
      await advance(await action());
    } catch (e) {
      fail(e);
    }
  };

  const startOver = () => h('button', {
    type: 'button', class: 'link-button start-over',
    on: { click: () => { step = { kind: 'password' }; problem = null; show(); } },
  }, t('startOver'));

  function passwordStep(card, status) {
    const username = h('input', { name: 'username', autocomplete: 'username', required: true, spellcheck: false, id: 'signin-username',
      value: typedUsername });
    const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, id: 'signin-password' });
    const form = h('form', { class: 'form signin-form' },
      field(t('username'), username), field(t('password'), password),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('signIn'))));
    form.addEventListener('submit', submitting(form, () => {
      typedUsername = username.value.trim();
      return auth.startSignIn(typedUsername, password.value);
    }));
    card.append(h('h1', { id: 'signin-title' }, t('signInTitle')), h('p', { class: 'intro' }, t('signInIntro')), status, form);
  }

  function newPasswordStep(card, status) {
    const first = h('input', { type: 'password', autocomplete: 'new-password', required: true, id: 'signin-new-password' });
    const again = h('input', { type: 'password', autocomplete: 'new-password', required: true, id: 'signin-confirm-password' });
    const form = h('form', { class: 'form signin-form' },
      // For password managers: whose new password this is.
      h('input', { type: 'text', hidden: true, readOnly: true, autocomplete: 'username', value: step.challenge.username, tabIndex: -1 }),
      field(t('newPassword'), first, t('passwordRule')),
      field(t('confirmPassword'), again),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('continue')), startOver()));
    form.addEventListener('submit', (event) => {
      if (first.value !== again.value || !PASSWORD_RULE(first.value)) {
        event.preventDefault();
        replace(status, message('error', first.value !== again.value ? t('passwordsDiffer') : t('passwordWeak')));
        first.setAttribute('aria-invalid', 'true');
        first.focus();
        return;
      }
      submitting(form, () => auth.answerNewPassword(step.challenge, first.value))(event);
    });
    card.append(h('h1', { id: 'signin-title' }, t('newPasswordTitle')), h('p', { class: 'intro' }, t('newPasswordIntro')), status, form);
  }

  function codeInput(id) {
    return h('input', {
      id, name: 'code', inputMode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxLength: 6,
      required: true, class: 'code-input', title: t('codeFormat'),
    });
  }

  function mfaSetupStep(card, status) {
    const username = step.challenge.username;
    const uri = 'otpauth://totp/Leadline:' + encodeURIComponent(username) + '?secret=' + encodeURIComponent(step.secret)
      + '&issuer=Leadline';
    const code = codeInput('signin-setup-code');
    const form = h('form', { class: 'form signin-form' },
      field(t('code'), code),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('verify')), startOver()));
    form.addEventListener('submit', submitting(form, () => auth.verifySoftwareToken(step.challenge, step.session, code.value.trim())));
    card.append(h('h1', { id: 'signin-title' }, t('mfaSetupTitle')), h('p', { class: 'intro' }, t('mfaSetupIntro')),
      h('div', { class: 'qr' }, qrSvg(uri, t('qrLabel'))),
      h('p', { class: 'manual-key-label' }, t('mfaManual')),
      h('p', { class: 'manual-key' }, h('code', { id: 'totp-secret', data: { secret: step.secret } }, groups(step.secret))),
      status, form);
  }

  function mfaStep(card, status) {
    const code = codeInput('signin-code');
    const form = h('form', { class: 'form signin-form' },
      field(t('code'), code),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('verify')), startOver()));
    form.addEventListener('submit', submitting(form, () => auth.answerMfa(step.challenge, code.value.trim())));
    card.append(h('h1', { id: 'signin-title' }, t('mfaTitle')), h('p', { class: 'intro' }, t('mfaIntro')), status, form);
  }

  show();
  return show; // re-renders the current step (after a language switch), keeping where the user is
}

/** Groups of four, as authenticator apps accept a key typed with spaces. */
function groups(secret) {
  return String(secret).replace(/(.{4})(?=.)/g, '$1 ');
}

function describe(e) {
  if (e.type === 'NetworkError') { return t('offline'); }
  if (e.type === 'NotAuthorizedException') {
    const m = String(e.message || '').toLowerCase();
    if (m.includes('session')) { return t('sessionExpired'); }
    if (m.includes('disabled')) { return t('userDisabled'); }
  }
  return tOr('cognito.' + e.type, e.message || e.type);
}
