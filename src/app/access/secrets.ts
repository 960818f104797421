/**
 * Secrets handed to clients: session cookies, API tokens, one-time passwords, CSRF tokens.
 * Each is random enough (≥ 128 bits) that a SHA-256 of it is all the database needs to keep.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, URL-safe base64 (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Compares two strings in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The CSRF token of a session: derived from its secret, so it needs no storage and only the
 * holder of the cookie can know it.
 */
export function csrfTokenFor(sessionSecret: string): string {
  return sha256(`soquy-csrf/1\n${sessionSecret}`);
}

// No 0/O, 1/l/I: a one-time password is read off a screen and typed by hand.
const READABLE = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A one-time password like `k7pq-m3xa-9rtz-h2ve` (20 characters, ~100 bits). */
export function oneTimePassword(): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) out += '-';
    out += READABLE[bytes[i]! % READABLE.length];
  }
  return out;
}

/** `<tenant>.<secret>`: the session cookie's value. */
export function sessionCookieValue(tenant: string, secret: string): string {
  return `${tenant}.${secret}`;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;
const TOKEN_ID = /^[a-z0-9]{12}$/;

export function parseSessionCookie(value: string): { tenant: string; secret: string } | undefined {
  const dot = value.indexOf('.');
  const tenant = value.slice(0, dot);
  const secret = value.slice(dot + 1);
  return dot > 0 && SLUG.test(tenant) && SECRET.test(secret) ? { tenant, secret } : undefined;
}

/** An API token: `sqt.<tenant>.<id>.<secret>`. Only the id and SHA-256 of the secret are stored. */
export function newApiToken(tenant: string): { id: string; secret: string; token: string } {
  const id = randomBytes(8).toString('hex').slice(0, 12);
  const secret = newSecret();
  return { id, secret, token: `sqt.${tenant}.${id}.${secret}` };
}

export function parseApiToken(token: string): { tenant: string; id: string; secret: string } | undefined {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'sqt') return undefined;
  const [, tenant, id, secret] = parts as [string, string, string, string];
  return SLUG.test(tenant) && TOKEN_ID.test(id) && SECRET.test(secret) ? { tenant, id, secret } : undefined;
}
