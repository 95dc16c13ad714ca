/*
 * Signing in, in Cognito's own JSON protocol (X-Amz-Target: AWSCognitoIdentityProviderService.*), so
 * the same code runs against the local stand-in and a real user pool: USER_PASSWORD_AUTH, then the
 * challenges NEW_PASSWORD_REQUIRED, MFA_SETUP (AssociateSoftwareToken / VerifySoftwareToken) and
 * SOFTWARE_TOKEN_MFA; REFRESH_TOKEN_AUTH when the ID token has expired.
 *
 * Tokens live in sessionStorage: they survive a reload of this tab, not the tab itself.
 */

const TOKENS_KEY = 'leadline.console.tokens';
let settings = null;

/** Set once from config.json: { endpoint, clientId, region }. */
export function configureAuth(cognito) {
  settings = cognito;
}

/** A refusal from the sign-in service: type is Cognito's __type (NotAuthorizedException…). */
export class AuthError extends Error {
  constructor(type, message) {
    super(message || type);
    this.type = type;
  }
}

async function call(operation, body) {
  let response;
  try {
    response = await fetch(settings.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.' + operation,
      },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new AuthError('NetworkError', e && e.message);
  }
  let parsed = null;
  try { parsed = await response.json(); } catch (e) { parsed = null; }
  if (!response.ok) {
    const rawType = parsed && (parsed.__type || parsed.code) || 'UnknownError';
    // Real Cognito may prefix the type with a namespace ("…#NotAuthorizedException").
    const type = String(rawType).split('#').pop();
    throw new AuthError(type, parsed && (parsed.message || parsed.Message));
  }
  return parsed || {};
}

/**
 * One step of the sign-in: returns { done: true } once tokens are stored, or the next challenge
 * { name, session, username, parameters }.
 */
function outcome(result, username) {
  if (result.AuthenticationResult) {
    store(result.AuthenticationResult, null);
    return { done: true };
  }
  const parameters = result.ChallengeParameters || {};
  return {
    done: false,
    name: result.ChallengeName,
    session: result.Session,
    // Cognito wants the user's internal name in challenge answers; it sends it back as USER_ID_FOR_SRP.
    username: parameters.USER_ID_FOR_SRP || username,
    parameters,
  };
}

export async function startSignIn(username, password) {
  const result = await call('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: settings.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  return outcome(result, username);
}

export async function answerNewPassword(challenge, newPassword) {
  const result = await call('RespondToAuthChallenge', {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    ClientId: settings.clientId,
    Session: challenge.session,
    ChallengeResponses: { USERNAME: challenge.username, NEW_PASSWORD: newPassword },
  });
  return outcome(result, challenge.username);
}

/** MFA set-up, first half: a new secret for the authenticator app. Returns { secret, session }. */
export async function associateSoftwareToken(challenge) {
  const result = await call('AssociateSoftwareToken', { Session: challenge.session });
  return { secret: result.SecretCode, session: result.Session || challenge.session };
}

/** MFA set-up, second half: the first code from the app proves it is set up; then finish the challenge. */
export async function verifySoftwareToken(challenge, session, code) {
  const verified = await call('VerifySoftwareToken', {
    Session: session, UserCode: code, FriendlyDeviceName: 'Leadline console',
  });
  if (verified.Status !== 'SUCCESS') {
    throw new AuthError('EnableSoftwareTokenMFAException', 'verification failed');
  }
  const result = await call('RespondToAuthChallenge', {
    ChallengeName: 'MFA_SETUP',
    ClientId: settings.clientId,
    Session: verified.Session || session,
    ChallengeResponses: { USERNAME: challenge.username },
  });
  return outcome(result, challenge.username);
}

export async function answerMfa(challenge, code) {
  const result = await call('RespondToAuthChallenge', {
    ChallengeName: 'SOFTWARE_TOKEN_MFA',
    ClientId: settings.clientId,
    Session: challenge.session,
    ChallengeResponses: { USERNAME: challenge.username, SOFTWARE_TOKEN_MFA_CODE: code },
  });
  return outcome(result, challenge.username);
}

/** New ID and access tokens from the refresh token; false if that is not possible any more. */
export async function refresh() {
  const tokens = load();
  if (!tokens || !tokens.refreshToken) { return false; }
  try {
    const result = await call('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: settings.clientId,
      AuthParameters: { REFRESH_TOKEN: tokens.refreshToken },
    });
    if (!result.AuthenticationResult) { return false; }
    store(result.AuthenticationResult, tokens.refreshToken);
    return true;
  } catch (e) {
    return false;
  }
}

function store(result, previousRefresh) {
  const tokens = {
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    // A refresh answers without a new refresh token: keep the one we have.
    refreshToken: result.RefreshToken || previousRefresh,
    expiresAt: Date.now() + 1000 * Number(result.ExpiresIn || 3600),
  };
  sessionStorage.setItem(TOKENS_KEY, JSON.stringify(tokens));
}

function load() {
  try {
    const tokens = JSON.parse(sessionStorage.getItem(TOKENS_KEY) || 'null');
    return tokens && tokens.idToken ? tokens : null;
  } catch (e) {
    return null;
  }
}

export function idToken() {
  const tokens = load();
  return tokens ? tokens.idToken : null;
}

export function signedIn() {
  return load() !== null;
}

/** Forgets everything this tab held: tokens and any other console state. */
export function signOut() {
  sessionStorage.clear();
}
