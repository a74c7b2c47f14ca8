// Loading and rendering the AWS WAF CAPTCHA puzzle through AWS's CAPTCHA JavaScript API, for
// deployments that set CaptchaMode to waf.
//
// The API is documented at
// https://docs.aws.amazon.com/waf/latest/developerguide/waf-js-captcha-api-specification.html:
// the SDK script defines window.AwsWafCaptcha.renderCaptcha(container, {apiKey, onSuccess,
// onError}) and window.AwsWafIntegration with getToken() and hasToken().

/** Request header that carries the WAF token, as AWS WAF reads it. */
export const WAF_TOKEN_HEADER = 'x-aws-waf-token';

const AWS_WAF_HOST_SUFFIX = '.awswaf.com';

let sdkLoad = null;

/**
 * Parses a configured SDK script URL and returns it as a URL object when the page may load it,
 * or null. Allowed are https URLs on a host under awswaf.com, where AWS serves the SDK, and
 * http or https URLs on the page's own origin, where the local runner serves its stand-in.
 */
export function allowedScriptUrl(scriptUrl, pageUrl = window.location.href) {
  if (typeof scriptUrl !== 'string' || !scriptUrl.trim()) {
    return null;
  }
  let url;
  try {
    url = new URL(scriptUrl.trim(), pageUrl);
  } catch {
    return null;
  }
  const page = new URL(pageUrl);
  if (url.protocol === 'https:' && url.hostname.endsWith(AWS_WAF_HOST_SUFFIX)) {
    return url;
  }
  if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin === page.origin) {
    return url;
  }
  return null;
}

/**
 * Adds the SDK's script element to the page once and resolves when the script has defined
 * AwsWafCaptcha.renderCaptcha. A failed load is forgotten, so a later call tries again.
 * The page's Content Security Policy must allow the script's origin in script-src and, for the
 * real SDK, https://*.awswaf.com in connect-src.
 */
export function loadWafSdk(url) {
  if (!sdkLoad) {
    sdkLoad = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url.href;
      script.async = true;
      script.addEventListener('load', () => {
        if (typeof window.AwsWafCaptcha?.renderCaptcha === 'function') {
          resolve();
        } else {
          reject(new Error(`The script ${url.href} loaded but did not define AwsWafCaptcha.renderCaptcha`));
        }
      });
      script.addEventListener('error', () => {
        script.remove();
        reject(new Error(`The script ${url.href} could not be loaded`));
      });
      document.head.append(script);
    });
    sdkLoad.catch(() => {
      sdkLoad = null;
    });
  }
  return sdkLoad;
}

/**
 * Returns the WAF token the SDK stores, or null when there is none or the SDK is not loaded.
 * The SDK's getToken() can reject, for example when it cannot reach AWS WAF, and then null is
 * returned as well.
 */
export async function sdkToken() {
  const integration = window.AwsWafIntegration;
  if (typeof integration?.hasToken !== 'function' || !integration.hasToken()) {
    return null;
  }
  try {
    const token = await integration.getToken();
    return typeof token === 'string' && token ? token : null;
  } catch (error) {
    console.warn('AwsWafIntegration.getToken failed', error);
    return null;
  }
}

/**
 * Shows a new puzzle in `container`, replacing what it showed before. `onSuccess` receives the
 * token, and `onError` receives the SDK's error, which has a `kind` and sometimes a `statusCode`.
 */
export function renderWafPuzzle(container, apiKey, { onSuccess, onError }) {
  container.replaceChildren();
  window.AwsWafCaptcha.renderCaptcha(container, { apiKey, onSuccess, onError });
}

/** Describes an onError value of the SDK as a sentence for the error summary. */
export function describePuzzleError(error) {
  const kind = typeof error?.kind === 'string' ? error.kind : 'unknown_error';
  const status = Number.isInteger(error?.statusCode) ? `, HTTP ${error.statusCode}` : '';
  if (kind === 'network_error') {
    return 'The puzzle could not reach its service. Check your connection, then select Try the '
      + 'puzzle again.';
  }
  return `The puzzle failed (${kind}${status}). Select Try the puzzle again. If it keeps failing, `
    + 'contact your administrator.';
}
