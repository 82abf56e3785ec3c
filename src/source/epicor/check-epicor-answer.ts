/**
 * What kind of answer a probe got from the Epicor base URL: an OData collection, Epicor's JSON error body, an HTML
 * page (IIS, a proxy, a portal — not the REST API), or something else. `check` passes a step only on a real OData or
 * Epicor answer, so a wrong `epicor.baseUrl` that answers 404 from some other web server is named as such.
 */
import type { HttpResponse } from '../../http/http-client.ts';
import { classifyRefusal, epicorErrorMessage } from './epicor-error-mapper.ts';

export type AnswerKind = 'odata' | 'epicor-error' | 'html' | 'other';

export interface Answer {
  kind: AnswerKind;
  /** Epicor's ErrorMessage (or the OData error message), when there is one. */
  message?: string;
}

function looksLikeHtml(res: HttpResponse): boolean {
  const type = res.headers['content-type'] ?? '';
  return type.includes('text/html') || /^\s*<(!doctype|html)/i.test(res.body.subarray(0, 64).toString('utf8'));
}

/** Classifies the body of an answer. */
export function answerOf(res: HttpResponse): Answer {
  if (looksLikeHtml(res)) return { kind: 'html' };
  let body: unknown;
  try {
    body = res.json();
  } catch {
    return { kind: 'other' };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { kind: 'other' };
  const b = body as Record<string, unknown>;
  if (Array.isArray(b.value)) return { kind: 'odata' };
  const message = epicorErrorMessage(res);
  if (message !== undefined || 'HttpStatus' in b || 'ErrorMessage' in b) return { kind: 'epicor-error', message };
  return { kind: 'other' };
}

/** True when an Epicor error answer is about the company in the URL (not the base URL or the service). */
export function isCompanyAnswer(answer: Answer, company: string): boolean {
  if (answer.kind !== 'epicor-error' || !answer.message) return false;
  // Paths quoted in the message ("No instance at '/x/api/v2/odata/EPIC06/Erp.BO.CompanySvc'") do not count.
  const words = answer.message.replace(/\S*\/\S*/g, ' ');
  const named = new RegExp(`(^|[^A-Za-z0-9_])${company.replace(/[^A-Za-z0-9_-]/g, '')}([^A-Za-z0-9_]|$)`, 'i');
  return /\bcompany\b/i.test(words) && named.test(words);
}

/**
 * A refusal of a long request: what the error mapper recognises (IIS 404.15, 414, ASP.NET HTML 400), or any HTML
 * 400/404 — IIS shows remote clients a generic page without the 404.15 detail, and the probe knows a short request
 * to the same URL was answered.
 */
export function isTooLongRefusal(res: HttpResponse): boolean {
  if (classifyRefusal(res.status, res.text(), res.headers['content-type'] ?? '') === 'too-long') return true;
  return (res.status === 400 || res.status === 404) && looksLikeHtml(res);
}

/** ASP.NET's executionTimeout page (HTML 500 "Request timed out."). */
export function isExecutionTimeout(res: HttpResponse): boolean {
  return classifyRefusal(res.status, res.text(), res.headers['content-type'] ?? '') === 'timeout';
}

/** The URL without its query (for messages). */
export function withoutQuery(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? url : url.slice(0, i);
}
