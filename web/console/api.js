/*
 * The console API (/api/…, see infra/openapi.yaml): JSON in and out, the ID token as Bearer. On a 401
 * the token is refreshed once; if that fails the user signs in again. Errors become ApiError with the
 * server's message, which the views show as it is.
 */
import { configureAuth, idToken, refresh } from './auth.js';

let apiBase = '';
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Reads config.json (where the API and the sign-in service are) and wires the modules up. */
export async function loadConfig() {
  const response = await fetch('config.json', { cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) { throw new ApiError(response.status, 'config', 'config.json: HTTP ' + response.status); }
  const config = await response.json();
  apiBase = String(config.apiBase || '').replace(/\/+$/, '');
  configureAuth(config.cognito);
  return config;
}

/** What to do when the session cannot be renewed (the app shows the sign-in again). */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

async function send(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = idToken();
  if (token) { headers.Authorization = 'Bearer ' + token; }
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
  return fetch(apiBase + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
}

export async function api(method, path, body) {
  let response;
  try {
    response = await send(method, path, body);
    if (response.status === 401 && await refresh()) {
      response = await send(method, path, body);
    }
  } catch (e) {
    throw new ApiError(0, 'offline', null);
  }
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
  if (response.status === 401) {
    onSignedOut();
    throw new ApiError(401, 'unauthorized', parsed && (parsed.error ? parsed.error.message : parsed.message));
  }
  if (!response.ok) {
    const error = parsed && parsed.error;
    throw new ApiError(response.status, error ? error.code : 'http_' + response.status,
      error ? error.message : parsed && parsed.message || 'HTTP ' + response.status);
  }
  return parsed;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
export const patch = (path, body) => api('PATCH', path, body);

/** A query string from the entries that have a value. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') { q.set(k, v); }
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

export const path = (...segments) => segments.map((s, i) => (i === 0 ? s : encodeURIComponent(s))).join('/');
