import { describe, expect, it } from 'vitest';
import { hostOf, loggableUrl } from './loggable-url.ts';

describe('loggableUrl', () => {
  it('keeps path and OData options readable, drops user info and credential-like parameters', () => {
    expect(loggableUrl('https://u:pw@h.example/x/Vendors?$filter=SysRevID gt 5&api-key=abc&$top=2')).toBe(
      'https://h.example/x/Vendors?$filter=SysRevID gt 5&api-key=***&$top=2',
    );
    expect(loggableUrl('https://h/oauth/token?client_secret=s&sig=1')).toBe(
      'https://h/oauth/token?client_secret=***&sig=***',
    );
    expect(loggableUrl('not a url?token=x')).toBe('not a url');
    expect(hostOf('https://adb-1.azuredatabricks.net:443/api')).toBe('adb-1.azuredatabricks.net');
  });
});
