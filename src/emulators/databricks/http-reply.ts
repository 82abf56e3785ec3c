import type { ServerResponse } from 'node:http';

/** What a handler answers; the server writes it (or, under an ambiguous fault, throws it away). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | Record<string, unknown>;
}

/** A Databricks-shaped request error `{error_code, message}`. */
export function apiError(status: number, error_code: string, message: string, headers?: Record<string, string>): Reply {
  return { status, headers, body: { error_code, message } };
}

/** Writes a reply to the socket. */
export function send(res: ServerResponse, r: Reply, headOnly = false): void {
  const headers: Record<string, string> = { ...r.headers };
  let payload: Buffer | undefined;
  if (Buffer.isBuffer(r.body)) payload = r.body;
  else if (r.body !== undefined) {
    payload = Buffer.from(JSON.stringify(r.body));
    headers['content-type'] = 'application/json';
  }
  if (payload && headers['content-length'] === undefined) headers['content-length'] = String(payload.length);
  res.writeHead(r.status, headers);
  res.end(headOnly ? undefined : payload);
}
