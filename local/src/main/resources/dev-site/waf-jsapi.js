// Local stand-in for the AWS WAF CAPTCHA JavaScript API, served by the local runner at
// /dev/waf/jsapi.js when it runs with --captcha waf. It defines the same globals as AWS's SDK,
// AwsWafCaptcha.renderCaptcha and AwsWafIntegration (getToken, hasToken, fetch), but shows a
// button instead of a puzzle. The button gets a token from the runner's POST /dev/waf/token,
// which the runner then accepts in the x-aws-waf-token header for 300 seconds of its clock.
//
// Unlike AWS's SDK, the stand-in keeps the token in memory only and sets no aws-waf-token
// cookie, so requests pass the runner's WAF check only when the page sends the header itself.

(() => {
  'use strict';

  const TOKEN_HEADER = 'x-aws-waf-token';
  // document.currentScript is set only while this file first runs, so the URL is read here.
  const TOKEN_URL = new URL('token', document.currentScript?.src || `${window.location.origin}/dev/waf/`).href;

  let currentToken = null;

  /** The error that onError receives, shaped like the SDK's CaptchaError. */
  class CaptchaError extends Error {
    constructor(kind, message, statusCode) {
      super(message);
      this.name = 'CaptchaError';
      this.kind = kind;
      if (statusCode !== undefined) {
        this.statusCode = statusCode;
      }
    }
  }

  /** Requests a token for `apiKey` from the runner. Resolves to the token or rejects with a CaptchaError. */
  async function requestToken(apiKey) {
    let response;
    try {
      response = await window.fetch(TOKEN_URL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ apiKey }),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (cause) {
      throw new CaptchaError('network_error', `POST ${TOKEN_URL} failed: ${cause}`);
    }
    if (!response.ok) {
      throw new CaptchaError('client_error', `POST ${TOKEN_URL} returned HTTP ${response.status}`,
        response.status);
    }
    const body = await response.json().catch(() => null);
    if (typeof body?.token !== 'string' || !body.token) {
      throw new CaptchaError('token_error', `POST ${TOKEN_URL} returned no token`, response.status);
    }
    return body.token;
  }

  function renderCaptcha(container, configuration) {
    if (!(container instanceof Element)) {
      throw new TypeError('Invalid container for renderCaptcha: pass an Element as the first argument');
    }
    const { apiKey, onSuccess, onError } = configuration || {};
    if (typeof apiKey !== 'string' || !apiKey) {
      throw new TypeError('Missing configuration.apiKey for renderCaptcha: pass the API key of the CAPTCHA integration');
    }
    if (typeof onSuccess !== 'function') {
      throw new TypeError('Missing configuration.onSuccess for renderCaptcha: pass a function that receives the token');
    }

    const label = document.createElement('p');
    label.className = 'notice';
    label.textContent = 'Local stand-in for the AWS WAF CAPTCHA. In AWS a puzzle appears here. '
      + 'The local runner only needs you to select the button.';

    const button = document.createElement('button');
    // A button inside a form would otherwise submit it.
    button.type = 'button';
    button.className = 'button';
    button.textContent = 'Solve the stand-in puzzle';

    const actions = document.createElement('div');
    actions.className = 'actions';
    actions.append(button);

    const result = document.createElement('p');
    result.className = 'hint';
    result.setAttribute('role', 'status');

    button.addEventListener('click', async () => {
      if (button.getAttribute('aria-busy') === 'true') {
        return;
      }
      button.setAttribute('aria-busy', 'true');
      result.textContent = '';
      try {
        currentToken = await requestToken(apiKey);
      } catch (error) {
        result.textContent = 'The stand-in puzzle failed. Select the button to try again.';
        if (typeof onError === 'function') {
          onError(error);
        } else {
          console.error('The stand-in WAF CAPTCHA failed and no onError was given', error);
        }
        return;
      } finally {
        button.removeAttribute('aria-busy');
      }
      result.textContent = 'Solved.';
      onSuccess(currentToken);
    });

    container.replaceChildren(label, actions, result);
  }

  /**
   * Resolves to the token from the last solved stand-in puzzle. AWS's SDK would get a token
   * through a silent challenge when it has none, but the stand-in cannot, so it rejects.
   */
  function getToken() {
    if (currentToken) {
      return Promise.resolve(currentToken);
    }
    return Promise.reject(new Error('The WAF stand-in has no token yet: solve the stand-in puzzle first'));
  }

  function hasToken() {
    return currentToken !== null;
  }

  /** Calls window.fetch with the x-aws-waf-token header added when the stand-in has a token. */
  function fetchWithToken(input, init = {}) {
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    if (currentToken) {
      headers.set(TOKEN_HEADER, currentToken);
    }
    return window.fetch(input, { ...init, headers });
  }

  window.AwsWafCaptcha = Object.freeze({ renderCaptcha });
  window.AwsWafIntegration = Object.freeze({ getToken, hasToken, fetch: fetchWithToken });
})();
