import { isAllowedWebUrl } from './links.js';
import type { Translate } from './translate.js';

/** A source that cannot be read; the message is translated and says why. */
export class SourceError extends Error {
  override name = 'SourceError';
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export interface FetchOptions {
  t: Translate;
  /** From the previous successful fetch, for a conditional request. */
  validators?: Validators;
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}

export type FetchResult =
  { status: 'not-modified' } | { status: 'ok'; text: string; validators: Validators };

export const FETCH_TIMEOUT_MS = 20_000;
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/**
 * GETs a published exposure.json: conditional on the last ETag / Last-Modified, aborted after a
 * timeout, and refused once the body grows past the size limit (checked while streaming, so a
 * huge or endless response never fills memory).
 */
export async function fetchDocument(url: string, opts: FetchOptions): Promise<FetchResult> {
  const { t, validators, timeoutMs = FETCH_TIMEOUT_MS, maxBytes = MAX_DOCUMENT_BYTES } = opts;
  const doFetch = opts.fetchImpl ?? fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // A network failure mid-way reads as "unreachable", or as a timeout once the timer fired.
    const networkError = (error: unknown): never => {
      if (error instanceof SourceError) throw error;
      if (controller.signal.aborted)
        throw new SourceError(t('no answer from {0} within {1} seconds', url, timeoutMs / 1000));
      throw new SourceError(t('{0} cannot be reached: {1}', url, causeOf(error)));
    };
    const headers: Record<string, string> = { accept: 'application/json' };
    if (validators?.etag) headers['if-none-match'] = validators.etag;
    if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
    const response = await follow(url, headers, controller.signal, doFetch).catch(networkError);
    if (response === 'bad-redirect')
      throw new SourceError(t('{0} redirects too often or to an address that is not https', url));
    if (response === 'refused-redirect')
      throw new SourceError(
        t('{0} redirects from https to plain http or to this machine: refused', url),
      );
    if (response.status === 304) return { status: 'not-modified' };
    if (!response.ok) {
      await response.body?.cancel();
      throw new SourceError(t('{0} answered HTTP {1}', url, response.status));
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel();
      throw new SourceError(
        t('{0} is larger than the {1} MB limit', url, Math.round(maxBytes / 1048576)),
      );
    }
    const text = await readLimited(response, maxBytes, () =>
      t('{0} is larger than the {1} MB limit', url, Math.round(maxBytes / 1048576)),
    ).catch(networkError);
    return {
      status: 'ok',
      text,
      validators: {
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      },
    };
  } finally {
    clearTimeout(timer);
  }
}

const MAX_REDIRECTS = 5;

/** This machine by name or address (what a redirect must not reach from elsewhere). */
function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === '0.0.0.0' ||
    host === '::1' ||
    host === '::' ||
    /^::ffff:(127\.|7f)/.test(host)
  );
}

/**
 * A redirect may go from https only to https, and from another host never to this machine: a
 * published URL (or whoever answers for it) cannot turn the extension into a client of a local
 * service, nor read over plain http what was asked over https. Every hop must also be a URL the
 * extension may fetch at all.
 */
export function redirectAllowed(from: URL, to: URL): boolean {
  if (!isAllowedWebUrl(to)) return false;
  if (from.protocol === 'https:' && to.protocol !== 'https:') return false;
  return !isLoopback(to) || isLoopback(from);
}

/**
 * Follows redirects by hand so every hop is checked before it is requested (redirectAllowed);
 * a refused hop is never requested, so nothing it would answer can reach a message.
 */
async function follow(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  doFetch: typeof fetch,
): Promise<Response | 'bad-redirect' | 'refused-redirect'> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await doFetch(current, { headers, signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || response.status === 304 || !location)
      return response;
    await response.body?.cancel();
    const next = new URL(location, current);
    if (!isAllowedWebUrl(next)) return 'bad-redirect';
    if (!redirectAllowed(new URL(current), next)) return 'refused-redirect';
    current = next.href;
  }
  return 'bad-redirect';
}

async function readLimited(
  response: Response,
  maxBytes: number,
  tooLarge: () => string,
): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new SourceError(tooLarge());
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) return (cause as NodeJS.ErrnoException).code ?? cause.message;
    return error.message;
  }
  return String(error);
}
