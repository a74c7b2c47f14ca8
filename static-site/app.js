// Self-service password reset page: who are you, two verifications, new password, done.
// The reset id lives in sessionStorage under `sspr.resetId` so that it survives only this tab.

import { callApi, formatInstant } from './api.js';
import { clearErrors, showErrors } from './errors.js';
import {
  byId, markProgress, renderConfig, reportApiError, runExclusive, setStatus, showScreen, showSupport,
} from './page.js';
import { countCharacters, evaluatePassword } from './password-rules.js';
import { initVerification, showVerification, stopVerificationTimers } from './verification.js';

const RESET_ID_KEY = 'sspr.resetId';
const RULES_ANNOUNCE_DELAY_MS = 1200;

const page = {
  resetId: null,
  policy: null,
  rulesAnnounceTimer: null,
  captchaAudioUrl: null,
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

/** Creates a reset and shows its CAPTCHA picture. */
async function startReset() {
  storeResetId(null);
  const result = await callApi('POST', 'v1/resets', {});
  if (result.status === 201 && result.body?.resetId) {
    storeResetId(result.body.resetId);
    showCaptchaImage(result.body.captcha?.image);
  } else {
    reportApiError(result, errorOptions());
  }
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
async function playCaptchaAudio() {
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

async function submitIdentify() {
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

/** Forgets the reset, clears every field and starts again at "who are you". */
async function cancelReset() {
  stopVerificationTimers();
  clearTimeout(page.rulesAnnounceTimer);
  storeResetId(null);
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

async function loadConfig() {
  try {
    const result = await callApi('GET', 'v1/config');
    if (result.status === 200) {
      renderConfig(result.body);
    }
  } catch (error) {
    console.warn('Support contact could not be loaded', error);
  }
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
  loadConfig();
  try {
    await startReset();
  } catch (error) {
    reportApiError(error, errorOptions());
  }
}

start();
