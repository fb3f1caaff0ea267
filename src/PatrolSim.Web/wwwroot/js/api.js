// The server (docs/web.md, "API"): the one place the page calls it. Errors come back as JSON {error, details[]}; they
// are kept exactly as sent.

/** A refusal or failure: the status (0 when the server did not answer), the server's message and its details. */
export class ApiError extends Error {
  constructor(status, message, details) {
    super(message);
    this.status = status;
    this.details = details || [];
  }
}

async function call(method, url, body, accept) {
  const init = { method, headers: { Accept: accept || 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw new ApiError(0, 'The PatrolSim server does not answer: is `patrolsim serve` still running?', []);
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    let details = [];
    try {
      const j = await response.json();
      if (j && typeof j.error === 'string') message = j.error;
      if (j && Array.isArray(j.details)) details = j.details.map(String);
    } catch (e) {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, message, details);
  }
  return accept === 'image/svg+xml' ? response.blob() : response.json();
}

/** The endpoints, relative to the page's address. */
export const api = {
  scenarios: () => call('GET', 'api/scenarios'),
  upload: (yaml, fileName) => call('POST', 'api/scenario', { yaml, fileName }),
  run: (req) => call('POST', 'api/run', req),
  compare: (req) => call('POST', 'api/compare', req),
  chart: (points, x) => call('POST', 'api/chart', { points, x }, 'image/svg+xml'),
  animate: (req) => call('POST', 'api/animate', req),
};
