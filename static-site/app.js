// Self-service password reset page: who are you, two verifications, new password, done.
// The reset id lives in sessionStorage under `sspr.resetId` so that it survives only this tab.

import { callApi, formatInstant } from './api.js';
import { clearErrors, createActionButton, showErrors } from './errors.js';
import {
  byId, markProgress, renderConfig, reportApiError, runExclusive, setStatus, showScreen, showSupport,
} from './page.js';
import { countCharacters, evaluatePassword } from './password-rules.js';
import { initVerification, showVerification, stopVerificationTimers } from './verification.js';
import {
  WAF_TOKEN_HEADER, allowedScriptUrl, describePuzzleError, loadWafSdk, renderWafPuzzle, sdkToken,
} from './waf-captcha.js';

const RESET_ID_KEY = 'sspr.resetId';
const RULES_ANNOUNCE_DELAY_MS = 1200;

const page = {
  resetId: null,
  policy: null,
  rulesAnnounceTimer: null,
  captchaAudioUrl: null,
  // 'builtin' (picture and audio typed into a box) or 'waf' (AWS WAF's puzzle), as the last
  // POST /v1/resets returned it.
  captchaProvider: 'builtin',
  // Promise of the GET /v1/config body, or of null when that request failed.
  configRequest: null,
  // The token from the last solved WAF puzzle, sent with identify until WAF rejects it.
  wafToken: null,
  // Counts rendered WAF puzzles, so that a callback of a replaced puzzle is ignored.
  wafPuzzleNumber: 0,
};

function resetPath(suffix) {
  return `v1/resets/${encodeURIComponent(page.resetId)}/${suffix}`;
}

function errorOptions(input = null) {
  return { input, startAgain: cancelReset };
}

function storeResetId(resetId) {
  page.resetId = resetId;
  try {
    if (resetId) {
      sessionStorage.setItem(RESET_ID_KEY, resetId);
    } else {
      sessionStorage.removeItem(RESET_ID_KEY);
    }
  } catch (error) {
    // Storage can be blocked by browser settings. The page keeps working from memory.
    console.warn('sessionStorage is not available', error);
  }
}

// ---- Screen 1: who are you ----

/** Creates a reset and shows its CAPTCHA picture, or prepares for the WAF puzzle. */
async function startReset() {
  storeResetId(null);
  const result = await callApi('POST', 'v1/resets', {});
  if (result.status === 201 && result.body?.resetId) {
    storeResetId(result.body.resetId);
    const provider = result.body.captcha?.provider === 'waf' ? 'waf' : 'builtin';
    showCaptchaProvider(provider);
    if (provider === 'builtin') {
      showCaptchaImage(result.body.captcha?.image);
    }
  } else {
    reportApiError(result, errorOptions());
  }
}

/**
 * Shows the elements of one CAPTCHA provider, marked in the HTML with data-captcha-provider,
 * and hides those of the other. A WAF puzzle on screen is removed.
 */
function showCaptchaProvider(provider) {
  page.captchaProvider = provider;
  for (const element of document.querySelectorAll('[data-captcha-provider]')) {
    element.hidden = element.dataset.captchaProvider !== provider;
  }
  hideWafPuzzle();
}

function showCaptchaImage(dataUrl) {
  const image = byId('captcha-image');
  clearCaptchaAudio();
  if (typeof dataUrl === 'string' && dataUrl.startsWith('data:image/')) {
    image.src = dataUrl;
    image.alt = 'CAPTCHA picture of characters to type into the box below. If you cannot read '
      + 'it, select Play the audio version or Get a new picture.';
  } else {
    image.removeAttribute('src');
    image.alt = 'The CAPTCHA picture could not be loaded. Select Get a new picture.';
  }
}

function clearCaptchaAudio() {
  const audio = byId('captcha-audio');
  audio.pause();
  audio.removeAttribute('src');
  audio.hidden = true;
  byId('captcha-audio-message').hidden = true;
  if (page.captchaAudioUrl) {
    URL.revokeObjectURL(page.captchaAudioUrl);
    page.captchaAudioUrl = null;
  }
}

async function getNewCaptcha() {
  clearErrors();
  if (!page.resetId) {
    await startReset();
    return;
  }
  const result = await callApi('POST', resetPath('captcha'), {});
  if (result.status === 200 && result.body?.captcha) {
    showCaptchaImage(result.body.captcha.image);
    byId('captcha').value = '';
    setStatus('A new picture is shown.');
  } else {
    reportApiError(result, errorOptions());
  }
}

/**
 * Plays the audio form of the CAPTCHA. The audio is fetched first so that a missing endpoint
 * (404 or 501) gives a clear message. The player needs `media-src blob:` in a Content Security
 * Policy that restricts media.
 */
async function playCaptchaAudio({ afterNewPicture = false } = {}) {
  clearErrors();
  clearCaptchaAudio();
  if (!page.resetId) {
    return;
  }
  const message = byId('captcha-audio-message');
  let response;
  try {
    response = await fetch(resetPath('captcha/audio'), { cache: 'no-store' });
  } catch (error) {
    reportApiError(error, errorOptions());
    return;
  }

  if (!response.ok) {
    const body = (response.headers.get('Content-Type') || '').includes('json')
      ? await response.json().catch(() => null)
      : null;
    if (response.status === 429 && body?.reason === 'captcha_audio_plays' && !afterNewPicture) {
      // Each picture's audio can be fetched 5 times. A new picture brings new audio.
      await replaceCaptchaForAudio();
      return;
    }
    if (body?.error === 'reset_not_found' || ![404, 501].includes(response.status)) {
      reportApiError({ status: response.status, body }, errorOptions());
      return;
    }
    message.textContent = 'The audio version is not available. Use the picture, or select Get a new picture.';
    message.hidden = false;
    setStatus(message.textContent);
    return;
  }

  page.captchaAudioUrl = URL.createObjectURL(await response.blob());
  const audio = byId('captcha-audio');
  audio.src = page.captchaAudioUrl;
  audio.hidden = false;
  try {
    await audio.play();
  } catch (error) {
    // Autoplay can be blocked. The visible player lets the person start it.
    console.info('Audio did not start by itself', error);
    message.textContent = 'Use the Play control of the audio player to listen.';
    message.hidden = false;
  }
}

/** Replaces the picture after its audio was played the allowed number of times, then plays the new audio. */
async function replaceCaptchaForAudio() {
  const result = await callApi('POST', resetPath('captcha'), {});
  if (result.status !== 200 || !result.body?.captcha) {
    reportApiError(result, errorOptions());
    return;
  }
  showCaptchaImage(result.body.captcha.image);
  byId('captcha').value = '';
  await playCaptchaAudio({ afterNewPicture: true });
  const message = byId('captcha-audio-message');
  message.textContent = 'That audio was played 5 times, so here is a new CAPTCHA. Listen to the new audio, '
    + 'or read the new picture.';
  message.hidden = false;
  setStatus(message.textContent);
}

async function submitIdentify() {
  if (page.captchaProvider === 'waf') {
    await submitIdentifyWithWaf();
    return;
  }
  clearErrors();
  const usernameInput = byId('username');
  const captchaInput = byId('captcha');
  const username = usernameInput.value;
  const captcha = captchaInput.value.trim();

  const errors = [];
  if (!username.trim()) {
    errors.push({ input: usernameInput, message: 'Enter your email or username.' });
  }
  if (!captcha) {
    errors.push({
      input: captchaInput,
      message: 'Enter the characters in the picture or the words in the audio.',
    });
  }
  if (errors.length > 0) {
    showErrors(errors);
    return;
  }
  if (!page.resetId) {
    await startReset();
    if (!page.resetId) {
      return;
    }
  }

  const result = await callApi('POST', resetPath('identify'), { username, captcha });
  if (result.status === 200) {
    showVerification(1, result.body || {});
  } else if (result.body?.error === 'captcha_invalid') {
    showCaptchaImage(result.body.captcha?.image);
    captchaInput.value = '';
    reportApiError(result, errorOptions(captchaInput));
  } else {
    reportApiError(result, errorOptions());
  }
}

// ---- Screen 1 with the AWS WAF CAPTCHA ----

/**
 * Sends identify with the username alone and the WAF token, when the page has one. AWS WAF
 * rejects a request without a valid token with status 405, and then the page shows the puzzle,
 * whose onSuccess sends identify again.
 */
async function submitIdentifyWithWaf() {
  clearErrors();
  const usernameInput = byId('username');
  const username = usernameInput.value;
  if (!username.trim()) {
    showErrors([{ input: usernameInput, message: 'Enter your email or username.' }]);
    return;
  }
  if (!page.resetId) {
    await startReset();
    if (!page.resetId) {
      return;
    }
    if (page.captchaProvider !== 'waf') {
      // The deployment switched to the built-in CAPTCHA, so its box has to be filled in first.
      await submitIdentify();
      return;
    }
  }

  const token = (await sdkToken()) ?? page.wafToken;
  const headers = token ? { [WAF_TOKEN_HEADER]: token } : {};
  const result = await callApi('POST', resetPath('identify'), { username }, headers);
  if (result.status === 200) {
    showVerification(1, result.body || {});
  } else if (isWafChallenge(result)) {
    page.wafToken = null;
    await showWafPuzzle();
  } else {
    reportApiError(result, errorOptions());
  }
}

/**
 * Returns true when a response requires a solved WAF puzzle. AWS WAF's CAPTCHA action returns
 * 405 with the header x-amzn-waf-action: captcha and a body that is not the API's JSON. The
 * service returns captcha_required when a request reached it without WAF's check.
 */
function isWafChallenge(result) {
  if (result.body?.error === 'captcha_required') {
    return true;
  }
  return result.status === 405
    && (result.headers?.get('x-amzn-waf-action') === 'captcha' || !result.body?.error);
}

/** Loads the WAF SDK when needed and shows a new puzzle, or shows why it cannot. */
async function showWafPuzzle() {
  const settings = await loadWafSettings();
  if (!settings.scriptUrl || !settings.apiKey) {
    showPuzzleProblem('The puzzle that shows you are a person is not set up on this site, so '
      + 'your password cannot be reset here. Contact your administrator.', false);
    return;
  }
  const scriptUrl = allowedScriptUrl(settings.scriptUrl);
  if (!scriptUrl) {
    console.error('Rejected the WAF CAPTCHA script URL from GET /v1/config', settings.scriptUrl);
    showPuzzleProblem(`The puzzle that shows you are a person cannot be loaded, because its script `
      + `address ${settings.scriptUrl} is not an AWS WAF address (https on awswaf.com) or on this `
      + 'site. Contact your administrator.', false);
    return;
  }
  try {
    await loadWafSdk(scriptUrl);
  } catch (error) {
    console.error('Loading the WAF CAPTCHA script failed', error);
    showPuzzleProblem('The puzzle that shows you are a person could not be loaded. Check your '
      + 'connection, then select Try the puzzle again.', true);
    return;
  }

  page.wafPuzzleNumber += 1;
  const puzzleNumber = page.wafPuzzleNumber;
  const isCurrent = () => puzzleNumber === page.wafPuzzleNumber && page.captchaProvider === 'waf';
  const container = byId('waf-captcha-container');
  byId('waf-captcha').hidden = false;
  try {
    renderWafPuzzle(container, settings.apiKey, {
      onSuccess: (token) => {
        if (isCurrent()) {
          onPuzzleSolved(token);
        }
      },
      onError: (error) => {
        if (isCurrent()) {
          console.error('The WAF CAPTCHA puzzle failed', error);
          showPuzzleProblem(describePuzzleError(error), true);
        }
      },
    });
  } catch (error) {
    console.error('AwsWafCaptcha.renderCaptcha failed', error);
    showPuzzleProblem(describePuzzleError(error), true);
    return;
  }
  // The container's accessible name and description tell screen reader users what to do.
  container.focus();
}

/** Returns {scriptUrl, apiKey} from GET /v1/config, asking again when the first request failed. */
async function loadWafSettings() {
  let config = await page.configRequest;
  if (!config) {
    page.configRequest = loadConfig();
    config = await page.configRequest;
  }
  const captcha = config?.captcha;
  return {
    scriptUrl: captcha?.provider === 'waf' && typeof captcha.scriptUrl === 'string' ? captcha.scriptUrl : null,
    apiKey: captcha?.provider === 'waf' && typeof captcha.apiKey === 'string' ? captcha.apiKey : null,
  };
}

function onPuzzleSolved(token) {
  if (typeof token !== 'string' || !token) {
    showPuzzleProblem(describePuzzleError({ kind: 'token_error' }), true);
    return;
  }
  page.wafToken = token;
  const identifyForm = byId('identify-form');
  runExclusive(identifyForm, submitIdentifyWithWaf, errorOptions());
}

/** Shows a puzzle problem in the error summary, with a button to try again when that can help. */
function showPuzzleProblem(message, canRetry) {
  const actions = [];
  if (canRetry) {
    const retryButton = createActionButton('Try the puzzle again', () => {
      runExclusive(retryButton, async () => {
        clearErrors();
        await showWafPuzzle();
      }, errorOptions());
    });
    actions.push(retryButton);
  }
  showErrors([{ message }], actions);
}

function hideWafPuzzle() {
  page.wafPuzzleNumber += 1;
  byId('waf-captcha').hidden = true;
  byId('waf-captcha-container').replaceChildren();
}

function showIdentifyScreen(options) {
  showScreen('screen-identify', byId('identify-heading'), 'Who are you?', options);
}

// ---- Screen 6: new password ----

async function showPasswordScreen(verifyResult) {
  if (!page.policy) {
    try {
      const result = await callApi('GET', 'v1/password-policy');
      if (result.status === 200 && Array.isArray(result.body?.rules)) {
        page.policy = result.body;
      }
    } catch (error) {
      console.warn('Password policy could not be loaded', error);
    }
  }
  renderPasswordRules();

  const notice = byId('min-age-notice');
  const allowedAt = verifyResult.body?.passwordChangeAllowedAt;
  const allowedAtText = formatInstant(allowedAt);
  if (allowedAtText && Date.parse(allowedAt) > verifyResult.serverTime) {
    notice.textContent = 'Your password was changed less than 24 hours ago. You can change it '
      + `again after ${allowedAtText}.`;
    notice.hidden = false;
  } else {
    notice.hidden = true;
  }

  const heading = byId('password-heading');
  markProgress(heading, 2);
  showScreen('screen-password', heading, 'Choose a new password');
  setStatus('Verification step 2 is complete.');
}

function renderPasswordRules() {
  const list = byId('password-rules');
  if (!page.policy) {
    const item = document.createElement('li');
    item.textContent = 'The password rules could not be loaded. Your password is checked when '
      + 'you select Finish.';
    list.replaceChildren(item);
    return;
  }

  const items = page.policy.rules.map((rule) => {
    const item = document.createElement('li');
    item.className = 'rule';
    item.dataset.rule = rule.rule;
    const state = document.createElement('span');
    state.className = 'visually-hidden rule-state';
    item.append(state, String(rule.text ?? rule.rule));
    return item;
  });
  list.replaceChildren(...items);
  updatePasswordRules({ announce: false });
}

/** Updates the checklist marks and the character count as the person types. */
function updatePasswordRules({ announce }) {
  const password = byId('new-password').value;
  const count = countCharacters(password);
  byId('password-count').textContent = count === 1 ? 'You have typed 1 character.' : `You have typed ${count} characters.`;
  if (!page.policy) {
    return;
  }

  const results = evaluatePassword(password, page.policy);
  const items = byId('password-rules').querySelectorAll('.rule');
  results.forEach((result, index) => {
    const item = items[index];
    let state = 'server';
    if (result.met !== null) {
      state = result.met ? 'met' : 'unmet';
    }
    item.dataset.state = state;
    item.querySelector('.rule-state').textContent = {
      met: 'Met: ',
      unmet: 'Not met: ',
      server: 'Checked when you select Finish: ',
    }[state];
  });

  clearTimeout(page.rulesAnnounceTimer);
  if (announce) {
    const checkable = results.filter((result) => result.met !== null);
    const met = checkable.filter((result) => result.met).length;
    page.rulesAnnounceTimer = setTimeout(() => {
      byId('password-rules-status').textContent = met === checkable.length
        ? 'All password rules are met.'
        : `${met} of ${checkable.length} password rules are met.`;
    }, RULES_ANNOUNCE_DELAY_MS);
  }
}

async function submitPassword() {
  clearErrors();
  const newInput = byId('new-password');
  const confirmInput = byId('confirm-password');
  const newPassword = newInput.value;
  const confirmPassword = confirmInput.value;

  const errors = [];
  if (!newPassword) {
    errors.push({ input: newInput, message: 'Enter a new password.' });
  }
  if (!confirmPassword) {
    errors.push({ input: confirmInput, message: 'Type your new password again to confirm it.' });
  } else if (newPassword && confirmPassword !== newPassword) {
    errors.push({
      input: confirmInput,
      message: 'The passwords do not match. Type the same password in both boxes.',
    });
  }
  if (errors.length > 0) {
    showErrors(errors);
    return;
  }

  const result = await callApi('POST', resetPath('password'), { newPassword, confirmPassword });
  if (result.status === 200 && result.body?.stage === 'DONE') {
    showDoneScreen();
  } else if (result.body?.error === 'password_policy' && Array.isArray(result.body.violations)) {
    const violations = result.body.violations.map((violation) => ({
      input: violation.rule === 'confirmation_mismatch' ? confirmInput : newInput,
      message: violation.message || ruleText(violation.rule) || result.body.message,
    }));
    showErrors(violations.length > 0 ? violations : [{ input: newInput, message: result.body.message }]);
  } else {
    reportApiError(result, errorOptions());
  }
}

function ruleText(ruleCode) {
  return page.policy?.rules.find((rule) => rule.rule === ruleCode)?.text;
}

function togglePasswordVisibility() {
  const type = byId('show-passwords').checked ? 'text' : 'password';
  byId('new-password').type = type;
  byId('confirm-password').type = type;
}

// ---- Screen 7: done ----

function showDoneScreen() {
  byId('new-password').value = '';
  byId('confirm-password').value = '';
  showScreen('screen-done', byId('done-heading'), 'Your password has been reset');
}

// ---- Cancel ----

/** Cancels the reset on the server, clears every field and starts again at "who are you". */
async function cancelReset() {
  stopVerificationTimers();
  clearTimeout(page.rulesAnnounceTimer);
  const cancelled = page.resetId;
  storeResetId(null);
  if (cancelled) {
    // Ends the reset on the server too, so nobody can finish it later on this computer. A reset
    // that is already finished or gone returns an error, which changes nothing here.
    try {
      await callApi('POST', `v1/resets/${encodeURIComponent(cancelled)}/cancel`, {});
    } catch (error) {
      console.warn('The reset could not be cancelled on the server', error);
    }
  }
  hideWafPuzzle();
  for (const form of document.querySelectorAll('form')) {
    form.reset();
  }
  togglePasswordVisibility();
  byId('password-rules-status').textContent = '';
  showIdentifyScreen();
  try {
    await startReset();
  } catch (error) {
    reportApiError(error, errorOptions());
  }
}

// ---- Start-up ----

/** Fetches GET /v1/config, shows its support contact, and resolves to its body or to null. */
async function loadConfig() {
  try {
    const result = await callApi('GET', 'v1/config');
    if (result.status === 200 && result.body) {
      renderConfig(result.body);
      return result.body;
    }
    console.warn(`GET v1/config returned HTTP ${result.status}`);
  } catch (error) {
    console.warn('The page settings could not be loaded', error);
  }
  return null;
}

function bindEvents() {
  const identifyForm = byId('identify-form');
  identifyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    runExclusive(identifyForm, submitIdentify, errorOptions());
  });

  const newCaptchaButton = byId('captcha-new-button');
  newCaptchaButton.addEventListener('click', () => runExclusive(newCaptchaButton, getNewCaptcha, errorOptions()));
  const audioButton = byId('captcha-audio-button');
  audioButton.addEventListener('click', () => runExclusive(audioButton, playCaptchaAudio, errorOptions()));

  const passwordForm = byId('password-form');
  passwordForm.addEventListener('submit', (event) => {
    event.preventDefault();
    runExclusive(passwordForm, submitPassword, errorOptions());
  });
  byId('new-password').addEventListener('input', () => updatePasswordRules({ announce: true }));
  byId('show-passwords').addEventListener('change', togglePasswordVisibility);

  for (const button of document.querySelectorAll('.js-cancel')) {
    button.addEventListener('click', () => cancelReset());
  }
  for (const link of document.querySelectorAll('.js-contact')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      showSupport({ focus: true });
    });
  }

  initVerification({
    resetPath,
    startAgain: cancelReset,
    onPasswordStage: showPasswordScreen,
  });
}

async function start() {
  bindEvents();
  showIdentifyScreen({ focus: false });
  page.configRequest = loadConfig();
  try {
    await startReset();
  } catch (error) {
    reportApiError(error, errorOptions());
  }
}

start();
