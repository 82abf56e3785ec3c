import { describe, expect, it } from 'vitest';
import { aspNetQueryStringPage, aspNetTimeoutPage, iis40415Page } from '../../emulators/epicor/iis-pages.ts';
import { makeResponse } from '../../http/http-client.ts';
import { classifyEpicor, classifyRefusal } from './epicor-error-mapper.ts';

const epicorError = (status: number, message: string, type = 'Ice.Common.BusinessObjectException') =>
  makeResponse(
    status,
    { 'content-type': 'application/json' },
    Buffer.from(
      JSON.stringify({
        HttpStatus: status,
        ReasonPhrase: 'REST Api Exception',
        ErrorMessage: message,
        ErrorType: type,
      }),
    ),
  );

describe('classifyEpicor', () => {
  it('accepts a complete JSON 200', () => {
    expect(classifyEpicor(makeResponse(200, {}, Buffer.from('{"value":[]}')), undefined)).toBeNull();
  });
  it('retries a truncated or HTML 200', () => {
    expect(classifyEpicor(makeResponse(200, {}, Buffer.from('{"value":[{"a"')), undefined)?.retryable).toBe(true);
    const html = makeResponse(200, { 'content-type': 'text/html' }, Buffer.from('<html><body>oops</body></html>'));
    expect(classifyEpicor(html, undefined)?.retryable).toBe(true);
  });
  it('retries an Epicor error body served with status 200, quoting its message', () => {
    const e = classifyEpicor(epicorError(200, 'Record locked by another user.'), undefined);
    expect(e?.retryable).toBe(true);
    expect(e?.message).toBe('Epicor answered 200 with an error instead of data: Record locked by another user.');
    const licence = classifyEpicor(epicorError(200, 'Maximum users exceeded'), undefined);
    expect(licence?.code).toBe('EPICOR_LICENSE');
    const odata = makeResponse(200, {}, Buffer.from('{"error":{"code":"","message":"Timeout expired."}}'));
    expect(classifyEpicor(odata, undefined)?.message).toMatch(/Timeout expired\.$/);
    // Data that merely has a field named like an error is still data.
    expect(classifyEpicor(makeResponse(200, {}, Buffer.from('{"ErrorMessage":"x","value":[]}')), undefined)).toBeNull();
    expect(classifyEpicor(makeResponse(200, {}, Buffer.from('{"Company1":"EPIC06"}')), undefined)).toBeNull();
  });
  it('maps licence exhaustion to a retryable EPICOR_LICENSE', () => {
    const e = classifyEpicor(
      epicorError(400, 'Maximum users exceeded', 'Ice.Common.LicenseAccessException'),
      undefined,
    )!;
    expect([e.code, e.retryable]).toEqual(['EPICOR_LICENSE', true]);
  });
  it("maps a bad query to a permanent EPICOR_ODATA with Epicor's message", () => {
    const e = classifyEpicor(
      epicorError(400, "The query specified in the URI is not valid. Could not find a property named 'Nope'."),
      undefined,
    )!;
    expect([e.code, e.retryable]).toEqual(['EPICOR_ODATA', false]);
    expect(e.message).toContain("Could not find a property named 'Nope'");
  });
  it('maps 401, 403, 404 and names the API key when Epicor does', () => {
    expect(classifyEpicor(epicorError(401, 'Invalid API Key'), undefined)!.message).toContain('API key');
    expect(classifyEpicor(epicorError(401, 'Incorrect user name or password'), undefined)!.code).toBe('AUTH_FAILED');
    expect(classifyEpicor(epicorError(403, 'Access denied'), undefined)!.code).toBe('FORBIDDEN');
    expect(classifyEpicor(epicorError(404, 'Not found'), undefined)!.code).toBe('NOT_FOUND');
  });
  it('retries 429 and gateway errors, including HTML error pages', () => {
    for (const s of [429, 500, 502, 503, 504])
      expect(classifyEpicor(makeResponse(s, {}, Buffer.alloc(0)), undefined)?.retryable).toBe(true);
    const iis = makeResponse(
      502,
      { 'content-type': 'text/html' },
      Buffer.from('<!DOCTYPE html><html>Bad Gateway</html>'),
    );
    expect(classifyEpicor(iis, undefined)?.retryable).toBe(true);
  });
  it('retries socket errors', () => {
    const err = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(classifyEpicor(undefined, err)?.retryable).toBe(true);
  });

  describe('IIS / ASP.NET pages in front of Epicor', () => {
    const page = (status: number, body: string) =>
      makeResponse(status, { 'content-type': 'text/html; charset=utf-8' }, Buffer.from(body));
    it('404.15 (IIS maxQueryString), 414 and ASP.NET maxQueryStringLength are "too long", not "no such resource"', () => {
      for (const res of [
        page(404, iis40415Page(true)),
        page(404, '<html><title>404.15</title><h3>HTTP Error 404.15 - Not Found</h3></html>'),
        makeResponse(414, {}, Buffer.from('<html><body>Request-URI Too Long</body></html>')),
        page(400, aspNetQueryStringPage(true)),
      ]) {
        const e = classifyEpicor(res, undefined);
        expect(e?.code).toBe('REQUEST_TOO_LONG');
        expect(e?.retryable).toBe(false);
        expect(e?.message).toMatch(/request too long for the server's limits \(lower epicor\.maxQueryBytes\)/);
        expect(e?.message).not.toMatch(/no such resource|does not exist/);
      }
      expect(classifyRefusal(404, iis40415Page(true), 'text/html')).toBe('too-long');
    });
    it('ASP.NET executionTimeout (HTML 500 "Request timed out.") is a TIMEOUT', () => {
      const e = classifyEpicor(page(500, aspNetTimeoutPage(true)), undefined);
      expect(e).toMatchObject({ code: 'TIMEOUT', retryable: true });
      expect(classifyRefusal(500, aspNetTimeoutPage(true), 'text/html')).toBe('timeout');
    });
    it('a generic HTML 404/400 page is flagged as a possible refusal; Epicor JSON 404 is not', () => {
      const generic = classifyEpicor(page(404, iis40415Page(false)), undefined);
      expect(generic).toMatchObject({ code: 'NOT_FOUND', details: { refusal: 'html-page' } });
      const runtime = classifyEpicor(page(400, aspNetQueryStringPage(false)), undefined);
      expect(runtime?.details).toEqual({ refusal: 'html-page' });
      const json = classifyEpicor(epicorError(404, 'Record not found.'), undefined);
      expect(json?.code).toBe('NOT_FOUND');
      expect(json?.details).toBeUndefined();
      expect(classifyRefusal(404, '{"ErrorMessage":"x"}', 'application/json')).toBeUndefined();
    });
  });
});
