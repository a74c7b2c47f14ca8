// HTTP client for the SSPR API and the wording of its errors for people.
//
// Paths are relative (for example "v1/resets"), so the page calls the API at its own origin
// and works under any path prefix that serves both.

/** Failure to get any HTTP response, for example because the network is down. */
export class NetworkError extends Error {}

/**
 * Sends a JSON request and resolves to {status, ok, body, headers, serverTime} for every HTTP
 * response, errors included. `body` is the parsed JSON or null, and `headers` is the response's
 * Headers object. `serverTime` is the response's Date header in epoch milliseconds, or the
 * browser's clock when the header is missing. `extraHeaders` are added to the request, for
 * example the AWS WAF token. Rejects with NetworkError only when no response arrived.
 */
export async function callApi(method, path, body, extraHeaders = {}) {
  const init = {
    method,
    headers: { ...extraHeaders, Accept: 'application/json' },
    credentials: 'same-origin',
    cache: 'no-store',
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new NetworkError(`Request ${method} ${path} failed: ${cause}`);
  }

  let parsed = null;
  const contentType = response.headers.get('Content-Type') || '';
  if (contentType.includes('json')) {
    try {
      parsed = await response.json();
    } catch {
      parsed = null;
    }
  }

  // The Date header has whole seconds, so half a second is added to estimate the server time.
  const dateHeader = Date.parse(response.headers.get('Date') || '');
  return {
    status: response.status,
    ok: response.ok,
    body: parsed,
    headers: response.headers,
    serverTime: Number.isNaN(dateHeader) ? Date.now() : dateHeader + 500,
  };
}

/**
 * Formats an ISO-8601 instant as a local time for a sentence, adding the date when it is not
 * today. Returns null for a missing or invalid value.
 */
export function formatInstant(isoInstant) {
  const instant = new Date(isoInstant);
  if (!isoInstant || Number.isNaN(instant.getTime())) {
    return null;
  }
  const sameDay = instant.toDateString() === new Date().toDateString();
  const options = sameDay
    ? { hour: 'numeric', minute: '2-digit' }
    : { day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' };
  return new Intl.DateTimeFormat(undefined, options).format(instant);
}

const NETWORK_MESSAGE =
  'The password reset service could not be reached. Check your connection and try again.';

/**
 * Turns a failed API call (a result from callApi or a thrown error) into what the page shows:
 * {code, message, startAgain}. `startAgain` is true when the reset cannot continue, because it
 * expired or the steps went out of order.
 */
export function describeApiError(resultOrError) {
  if (resultOrError instanceof NetworkError) {
    return { code: 'network', message: NETWORK_MESSAGE, startAgain: false };
  }
  if (resultOrError instanceof Error) {
    return {
      code: 'unexpected',
      message: 'Something went wrong on this page. Select Cancel and try again.',
      startAgain: false,
    };
  }

  const { status, body } = resultOrError;
  const code = body && typeof body.error === 'string' ? body.error : `http_${status}`;
  let message = body && typeof body.message === 'string' && body.message.trim()
    ? body.message.trim()
    : `The service returned an unexpected response (HTTP ${status}). Try again later.`;
  let startAgain = false;

  if (code === 'reset_not_found') {
    message = 'Your password reset has expired or was not found. Select Start again to begin a new one.';
    startAgain = true;
  } else if (code === 'step_not_allowed') {
    message = `${message} Select Start again to begin a new password reset.`;
    startAgain = true;
  }

  const retryAt = body ? formatInstant(body.retryAfter) : null;
  if (retryAt) {
    message = `${message} You can try again after ${retryAt}.`;
  }
  if (body && typeof body.reference === 'string' && body.reference) {
    message = `${message} Reference: ${body.reference}.`;
  }
  return { code, message, startAgain };
}
