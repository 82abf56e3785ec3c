/** Query parameters whose values may be credentials (some gateways take an API key or a signature in the URL). */
const SENSITIVE_PARAM = /key|token|secret|password|passwd|signature|sig$|credential|auth/i;

/**
 * A URL fit for a log line: user info removed and the values of credential-like query parameters replaced by
 * `***`; everything else (path, OData options) kept, since that is what a reader needs to reproduce a request.
 */
export function loggableUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.split('?')[0];
  }
  u.username = '';
  u.password = '';
  for (const name of [...u.searchParams.keys()]) if (SENSITIVE_PARAM.test(name)) u.searchParams.set(name, '***');
  // URLSearchParams re-encodes `$filter=a eq 1` as `a+eq+1`; decoding keeps the line readable.
  return decodeURIComponent(u.toString().replace(/\+/g, ' '));
}

/** `host[:port]` of a URL, for messages that must say which server could not be reached. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
