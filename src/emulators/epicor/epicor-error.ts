/** Error bodies as Epicor answers them, plus the HTML pages proxies and IIS put in front of it. */
import { randomUUID } from 'node:crypto';

export interface EpicorErrorBody {
  HttpStatus: number;
  ReasonPhrase: string;
  ErrorMessage: string;
  ErrorType: string;
  ErrorDetails: { Message: string; Type: string; Table: string }[];
  CorrelationId: string;
}

export const ERROR_TYPES = {
  auth: 'Ice.Common.UnauthorizedAccessException',
  notFound: 'Ice.Common.EpicorServerException',
  odata: 'Ice.Cloud.ODataException',
  license: 'Ice.Common.LicenseAccessException',
  server: 'Ice.Common.BusinessObjectException',
  throttle: 'Ice.Common.TooManyRequestsException',
} as const;

/** The JSON body of an Epicor REST error. */
export function epicorError(status: number, errorType: string, message: string): EpicorErrorBody {
  return {
    HttpStatus: status,
    ReasonPhrase: 'REST API Exception',
    ErrorMessage: message,
    ErrorType: errorType,
    ErrorDetails: [{ Message: message, Type: 'Error', Table: '' }],
    CorrelationId: randomUUID(),
  };
}

const TITLES: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** An HTML error page like IIS or a reverse proxy returns. */
export function htmlErrorPage(status: number): string {
  const title = `${status} - ${TITLES[status] ?? 'Error'}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>Server Error</h1><h2>${title}</h2><p>The server encountered a problem while processing the request. Please try again later.</p></body></html>\n`;
}
