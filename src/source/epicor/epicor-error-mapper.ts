import { ConnectorError } from '../../errors.ts';
import type { HttpResponse, ResponseClassifier } from '../../http/http-client.ts';
import { networkError } from '../../http/network-error.ts';

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const LICENSE = /LicenseAccessException|Maximum users exceeded/i;

/** Epicor's `ErrorMessage` from an error body, or undefined when the body is not Epicor's JSON error shape. */
export function epicorErrorMessage(res: HttpResponse): string | undefined {
  try {
    const body = res.json<{ ErrorMessage?: unknown; error?: { message?: unknown } }>();
    if (typeof body?.ErrorMessage === 'string' && body.ErrorMessage.trim()) return oneLine(body.ErrorMessage);
    if (typeof body?.error?.message === 'string') return oneLine(body.error.message);
  } catch {
    /* not JSON */
  }
  return undefined;
}

/** The message of a 2xx body that is Epicor's (or OData's) error shape rather than data; undefined otherwise. */
function errorBodyMessage(res: HttpResponse): string | undefined {
  const body = res.json<Record<string, unknown> | null>();
  if (body === null || typeof body !== 'object' || Array.isArray(body) || 'value' in body) return undefined;
  const epicorShape = 'ErrorMessage' in body && ('HttpStatus' in body || 'ErrorType' in body);
  const odataShape = typeof body.error === 'object' && body.error !== null && 'message' in body.error;
  if (!epicorShape && !odataShape) return undefined;
  return epicorErrorMessage(res) ?? 'no message';
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

/**
 * What an IIS / ASP.NET page in front of Epicor says, from its status and HTML (these layers answer before Epicor,
 * so the body is never Epicor's JSON error):
 * - `too-long`: IIS request filtering `maxQueryString`/`maxUrl` (404.15 / 404.14 "...is too long"), http.sys 414,
 *   ASP.NET `maxQueryStringLength`/`maxUrlLength` (HTML 400 "The length of the query string for this request
 *   exceeds the configured maxQueryStringLength value"). Source: IIS request-filtering and ASP.NET httpRuntime
 *   documentation (defaults 2048 bytes / 4096 bytes).
 * - `timeout`: ASP.NET `executionTimeout` (default 110 s), an HTML 500 "Request timed out."
 * undefined for anything else (including Epicor's own JSON errors).
 */
export type ServerRefusal = 'too-long' | 'timeout';

export function classifyRefusal(status: number, body: string, contentType = ''): ServerRefusal | undefined {
  if (status === 414) return 'too-long';
  const html = contentType.includes('text/html') || /^\s*<(!doctype|html)/i.test(body.slice(0, 64));
  if (!html) return undefined;
  if ((status === 404 || status === 400) && TOO_LONG_PAGE.test(body)) return 'too-long';
  if (status === 500 && TIMED_OUT_PAGE.test(body)) return 'timeout';
  return undefined;
}

const TOO_LONG_PAGE =
  /404\.1[45]|query string is too long|url is too long|maxQueryString(Length)?|maxUrl(Length)?|request URL is too long|length of the (query string|URL) for this request exceeds/i;
const TIMED_OUT_PAGE = /Request timed out|executionTimeout/i;

/** The message of a request refused for its length, once splitting it can no longer help. */
export const TOO_LONG_MESSAGE = "request too long for the server's limits (lower epicor.maxQueryBytes)";

/** The text of a REQUEST_TOO_LONG error once its request could not be split further (says so exactly once). */
export function tooLongText(e: ConnectorError): string {
  if (e.details?.local === true || e.message.includes(TOO_LONG_MESSAGE)) return e.message;
  return `${TOO_LONG_MESSAGE}: ${e.message}`;
}

function looksLikeHtml(res: HttpResponse): boolean {
  const type = res.headers['content-type'] ?? '';
  return type.includes('text/html') || /^\s*<(!doctype|html)/i.test(res.body.subarray(0, 64).toString('utf8'));
}

function isJson(res: HttpResponse): boolean {
  try {
    res.json();
    return true;
  } catch {
    return false;
  }
}

/** True when a 401/403 message is about the API key rather than the user's credentials. */
export function isApiKeyMessage(message: string | undefined): boolean {
  return message !== undefined && /api[\s-]?key/i.test(message);
}

/** The one mapper from Epicor REST v2 outcomes to ConnectorError (null = success). */
export const classifyEpicor: ResponseClassifier = (res, error) => {
  if (!res) return networkError('Epicor', error);
  const { status } = res;
  if (status >= 200 && status < 300) {
    if (status === 204 || res.body.length === 0) return null;
    // A gateway's HTML page or a body cut mid-way answers 200 sometimes: a fresh attempt usually cures it.
    // $metadata is XML: complete when the root element is closed.
    if ((res.headers['content-type'] ?? '').includes('xml') && !looksLikeHtml(res)) {
      if (/<\/(\w+:)?Edmx>\s*$/.test(res.text())) return null;
      return new ConnectorError('HTTP_TRANSIENT', `Epicor answered ${status} with an incomplete $metadata document.`, {
        retryable: true,
        status,
      });
    }
    if (looksLikeHtml(res) || !isJson(res)) {
      return new ConnectorError('HTTP_TRANSIENT', `Epicor answered ${status} with a body that is not complete JSON.`, {
        retryable: true,
        status,
      });
    }
    // Some Epicor/IIS setups wrap a server-side exception in a 200: no data, so treat it as a fault worth retrying.
    const errorText = errorBodyMessage(res);
    if (errorText !== undefined) {
      const license = LICENSE.test(res.text());
      return new ConnectorError(
        license ? 'EPICOR_LICENSE' : 'HTTP_TRANSIENT',
        `Epicor answered ${status} with an error instead of data: ${errorText}`,
        { retryable: true, status },
      );
    }
    return null;
  }
  const refusal = classifyRefusal(status, res.text(), res.headers['content-type'] ?? '');
  if (refusal === 'too-long') {
    // Callers split such a request (key batches halve, pages drop to a smaller form) before reporting it.
    return new ConnectorError(
      'REQUEST_TOO_LONG',
      `Epicor's web server (IIS/ASP.NET) refused a ${TOO_LONG_MESSAGE} (HTTP ${status}).`,
      {
        status,
        details: { refusal },
      },
    );
  }
  if (refusal === 'timeout') {
    // Re-sending the same page times out the same way; page readers ask for fewer rows instead.
    return new ConnectorError('TIMEOUT', `Epicor's web server timed out executing the request (HTTP ${status}).`, {
      status,
      retryable: true,
      details: { refusal },
    });
  }
  const msg = epicorErrorMessage(res);
  const suffix = msg ? `: ${msg}` : '.';
  if ((status === 404 || status === 400) && msg === undefined && looksLikeHtml(res)) {
    // Epicor answers 404/400 with its JSON error body; an HTML page comes from IIS/ASP.NET in front of it — for
    // remote clients often the generic page, without the 404.15 detail. Callers that can split a request treat it
    // as a possible length refusal (details.refusal) before reporting it.
    return new ConnectorError(
      status === 404 ? 'NOT_FOUND' : 'EPICOR_ODATA',
      `Epicor's web server answered HTTP ${status} with an HTML page instead of Epicor's answer (a wrong base URL, or IIS/ASP.NET refusing the request, e.g. for its length).`,
      { status, details: { refusal: 'html-page' } },
    );
  }
  if (status === 401) {
    const apiKey = isApiKeyMessage(msg);
    const what = apiKey ? 'the API key (x-api-key)' : 'the credentials';
    return new ConnectorError('AUTH_FAILED', `Epicor rejected ${what} (HTTP 401)${suffix}`, {
      status,
      details: { rejected: apiKey ? 'api-key' : 'credentials' },
    });
  }
  if (status === 403) {
    const apiKey = isApiKeyMessage(msg);
    const what = apiKey ? 'Epicor rejected the API key (x-api-key)' : 'Epicor refused access';
    return new ConnectorError('FORBIDDEN', `${what} (HTTP 403)${suffix}`, {
      status,
      details: apiKey ? { rejected: 'api-key' } : undefined,
    });
  }
  if (status === 404)
    return new ConnectorError('NOT_FOUND', `Epicor has no such resource (HTTP 404)${suffix}`, { status });
  if (status === 400 && LICENSE.test(res.text())) {
    return new ConnectorError('EPICOR_LICENSE', `Epicor has no free licence right now (HTTP 400)${suffix}`, {
      status,
      retryable: true,
    });
  }
  if (RETRYABLE_STATUS.has(status)) {
    // Retry-After is read by the HTTP layer (with its clock).
    return new ConnectorError('HTTP_TRANSIENT', `Epicor answered HTTP ${status}${suffix}`, { status, retryable: true });
  }
  if (status === 400)
    return new ConnectorError('EPICOR_ODATA', `Epicor rejected the query (HTTP 400)${suffix}`, { status });
  if (looksLikeHtml(res)) {
    return new ConnectorError('HTTP_TRANSIENT', `Epicor answered HTTP ${status} with an HTML page.`, {
      status,
      retryable: status >= 500,
    });
  }
  return new ConnectorError('HTTP_PERMANENT', `Epicor answered HTTP ${status}${suffix}`, { status });
};
