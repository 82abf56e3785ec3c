/** A computed HTTP answer, sent by the request handler (which adds latency, faults and stats). */
import { ERROR_TYPES, epicorError } from './epicor-error.ts';

export interface Reply {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
  /** Rows in the answer (for stats and per-row latency). */
  rows?: number;
}

export const ODATA_JSON =
  'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';

export function jsonReply(status: number, body: unknown, rows?: number, headers?: Record<string, string>): Reply {
  return {
    status,
    body: JSON.stringify(body),
    contentType: ODATA_JSON,
    rows,
    headers: { 'OData-Version': '4.0', ...headers },
  };
}

export function errorReply(
  status: number,
  errorType: string,
  message: string,
  headers?: Record<string, string>,
): Reply {
  return {
    status,
    body: JSON.stringify(epicorError(status, errorType, message)),
    contentType: 'application/json; charset=utf-8',
    headers,
  };
}

export const notFound = (message: string): Reply => errorReply(404, ERROR_TYPES.notFound, message);
export const badRequest = (message: string): Reply => errorReply(400, ERROR_TYPES.odata, message);
export const unauthorized = (message: string): Reply => errorReply(401, ERROR_TYPES.auth, message);
