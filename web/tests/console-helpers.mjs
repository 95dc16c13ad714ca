// Helpers for the console's browser tests: RFC 6238 codes from a base32 secret, as an authenticator
// app shows them, without reusing a time step the server has already seen.
import crypto from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text) {
  const clean = String(text).toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of clean) {
    const i = BASE32.indexOf(c);
    if (i < 0) { throw new Error('not base32: ' + c); }
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The 6-digit code of one 30-second time step (HMAC-SHA1, dynamic truncation). */
export function totpAt(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 1_000_000).padStart(6, '0');
}

export const currentStep = () => Math.floor(Date.now() / 30_000);

const lastStep = new Map();

/**
 * A code the server has not seen yet for this secret. The server refuses a time step used before
 * (replay protection) and accepts one step of drift: use the current step, else the next one, else
 * wait for a fresh step.
 */
export async function freshCode(secret) {
  for (;;) {
    const now = currentStep();
    const used = lastStep.get(secret) ?? -1;
    const step = Math.max(now, used + 1);
    if (step <= now + 1) {
      lastStep.set(secret, step);
      return totpAt(secret, step);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Marks a step as used (after an MFA set-up, whose verification used the current step). */
export function markUsed(secret, step) {
  lastStep.set(secret, Math.max(step, lastStep.get(secret) ?? -1));
}
