/**
 * The HTML pages IIS and ASP.NET answer with before a request reaches Epicor (no Epicor JSON error body). Wording
 * follows IIS 10 detailed error pages and ASP.NET's HttpException pages ("yellow screen"); remote clients of a server
 * with default `errorMode`/`customErrors` get the generic variants without the detail.
 */

/** IIS request filtering `maxQueryString` exceeded: HTTP 404.15 (status 404, substatus 15). */
export function iis40415Page(detailed: boolean): string {
  if (!detailed) {
    return (
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n' +
      '<html xmlns="http://www.w3.org/1999/xhtml">\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>\r\n' +
      '<title>404 - File or directory not found.</title>\r\n</head>\r\n<body>\r\n<div id="header"><h1>Server Error</h1></div>\r\n' +
      '<div id="content">\r\n <div class="content-container"><fieldset>\r\n  <h2>404 - File or directory not found.</h2>\r\n' +
      '  <h3>The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.</h3>\r\n' +
      ' </fieldset></div>\r\n</div>\r\n</body>\r\n</html>\r\n'
    );
  }
  return (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n' +
    '<html xmlns="http://www.w3.org/1999/xhtml">\r\n<head>\r\n<title>IIS 10.0 Detailed Error - 404.15 - Not Found</title>\r\n</head>\r\n' +
    '<body>\r\n<div id="content">\r\n<div class="content-container">\r\n  <h3>HTTP Error 404.15 - Not Found</h3>\r\n' +
    '  <h4>The request filtering module is configured to deny a request where the query string is too long.</h4>\r\n</div>\r\n' +
    '<div class="content-container">\r\n <fieldset><h4>Most likely causes:</h4>\r\n' +
    '  <ul> \t<li>Request filtering is configured on the Web server to deny the request because the query string is too long.</li> </ul>\r\n' +
    ' </fieldset>\r\n</div>\r\n<div class="content-container">\r\n <fieldset><h4>Things you can try:</h4>\r\n' +
    '  <ul> \t<li>Verify the configuration/system.webServer/security/requestFiltering/requestLimits@maxQueryString setting in the applicationhost.config or web.config file.</li> </ul>\r\n' +
    ' </fieldset>\r\n</div>\r\n</div>\r\n</body>\r\n</html>\r\n'
  );
}

/** ASP.NET `httpRuntime maxQueryStringLength` exceeded: HTTP 400 with an HttpException page. */
export function aspNetQueryStringPage(detailed: boolean): string {
  const message = 'The length of the query string for this request exceeds the configured maxQueryStringLength value.';
  return detailed ? yellowScreen(message, 400) : runtimeErrorPage();
}

/** ASP.NET `httpRuntime executionTimeout` (default 110 s) elapsed: HTTP 500 "Request timed out." */
export function aspNetTimeoutPage(detailed: boolean): string {
  return detailed ? yellowScreen('Request timed out.', 500) : runtimeErrorPage();
}

function yellowScreen(message: string, status: number): string {
  return (
    '<!DOCTYPE html>\r\n<html>\r\n    <head>\r\n' +
    `        <title>${message}</title>\r\n` +
    '        <meta name="viewport" content="width=device-width" />\r\n    </head>\r\n' +
    '    <body bgcolor="white">\r\n' +
    "            <span><H1>Server Error in '/' Application.<hr width=100% size=1 color=silver></H1>\r\n" +
    `            <h2> <i>${message}</i> </h2></span>\r\n` +
    '            <font face="Arial, Helvetica, Geneva, SunSans-Regular, sans-serif ">\r\n' +
    `            <b> Exception Details: </b>System.Web.HttpException: ${message}<br><br>\r\n` +
    `            <b>[HttpException (0x80004005): ${message}]</b>\r\n` +
    '            </font>\r\n    </body>\r\n</html>\r\n' +
    `<!-- HTTP ${status} -->\r\n`
  );
}

function runtimeErrorPage(): string {
  return (
    '<!DOCTYPE html>\r\n<html>\r\n    <head>\r\n        <title>Runtime Error</title>\r\n    </head>\r\n' +
    '    <body bgcolor="white">\r\n            <span><H1>Server Error in \'/\' Application.<hr width=100% size=1 color=silver></H1>\r\n' +
    '            <h2> <i>Runtime Error</i> </h2></span>\r\n' +
    '            <b> Description: </b>An application error occurred on the server. The current custom error settings for this ' +
    'application prevent the details of the application error from being viewed remotely (for security reasons).\r\n' +
    '    </body>\r\n</html>\r\n'
  );
}
