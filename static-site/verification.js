// Verification steps 1 and 2: choose a method, then complete it by phone code, authenticator
// code or push notification.

import { callApi } from './api.js';
import { clearErrors, showErrors } from './errors.js';
import {
  byId, markProgress, renderConfig, reportApiError, runExclusive, setStatus, showScreen, showSupport,
} from './page.js';

const KNOWN_METHODS = ['sms', 'voice', 'push', 'totp'];
const PHONE_METHODS = ['sms', 'voice'];
const PUSH_POLL_INTERVAL_MS = 2000;
const DEFAULT_PUSH_LIFETIME_MS = 60_000;
const PUSH_EXPIRED_MESSAGE =
  'The notification expired before it was approved. Select Send Notification to send a new one.';

// Maximum server-given wait that the page trusts. A longer one usually means that the server
// clock (for example the local runner's dev clock) differs from the Date header. The page then
// shows no countdown and leaves the limit to the server.
const MAX_BELIEVABLE_WAIT_MS = 15 * 60_000;

/**
 * Hooks from the page: `resetPath(suffix)` builds an API path for the current reset,
 * `onPasswordStage(result)` runs when both verifications are done, and `startAgain()` cancels
 * the reset.
 */
let hooks = null;

const verification = {
  step: 1,
  methods: [],
  requireDistinctAuthenticators: true,
  method: null,
  phoneNumber: '',
  resendAllowedAt: 0,
  countdownTimer: null,
  pushTimer: null,
  pushDeadline: 0,
  // Incremented whenever the method panel resets, so that a push poll already in flight can
  // discard its stale response.
  generation: 0,
};

/** Wires the verification screen's controls. Call once at start-up. */
export function initVerification(pageHooks) {
  hooks = pageHooks;
  for (const radio of document.querySelectorAll('input[name="method"]')) {
    radio.addEventListener('change', () => {
      if (radio.checked) {
        selectMethod(radio.value);
      }
    });
  }

  const phoneForm = byId('phone-form');
  phoneForm.addEventListener('submit', (event) => {
    event.preventDefault();
    runExclusive(phoneForm, () => sendPhoneCode(byId('phone').value.trim()), errorOptions());
  });

  const codeForm = byId('code-form');
  codeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    runExclusive(codeForm, submitCode, errorOptions());
  });

  const pushButton = byId('push-send');
  pushButton.addEventListener('click', () => runExclusive(pushButton, sendPush, errorOptions()));

  const resendLink = byId('resend-link');
  resendLink.addEventListener('click', (event) => {
    event.preventDefault();
    runExclusive(resendLink, tryAgain, errorOptions());
  });
}

/**
 * Shows verification step 1 from an identify response, or step 2 from a verify response.
 * `body.methods` lists the methods the API allows for this step.
 */
export function showVerification(step, body, statusMessage = '') {
  stopVerificationTimers();
  verification.step = step;
  verification.methods = (Array.isArray(body.methods) ? body.methods : [])
    .filter((method) => method && KNOWN_METHODS.includes(method.type));
  if (typeof body.requireDistinctAuthenticators === 'boolean') {
    verification.requireDistinctAuthenticators = body.requireDistinctAuthenticators;
  }

  const heading = byId('verify-heading');
  markProgress(heading, step - 1);
  byId('verify-intro').textContent = introText(step);

  const available = new Set(verification.methods.map((method) => method.type));
  for (const wrapper of document.querySelectorAll('#method-fieldset .radio')) {
    const offered = available.has(wrapper.dataset.method);
    const radio = wrapper.querySelector('input');
    wrapper.hidden = !offered;
    radio.disabled = !offered;
    radio.checked = false;
  }
  resetMethodPanel();

  const noneLeft = available.size === 0;
  if (noneLeft && body.support) {
    renderConfig({ support: body.support });
  }
  byId('no-methods').hidden = !noneLeft;
  byId('verify-layout').hidden = noneLeft;
  byId('verify-intro').hidden = noneLeft;

  showScreen('screen-verify', heading, `Verification step ${step}`);
  if (noneLeft) {
    showSupport({ focus: false });
  }
  setStatus(statusMessage);
}

/** Stops the resend countdown and push polling. */
export function stopVerificationTimers() {
  verification.generation += 1;
  clearInterval(verification.countdownTimer);
  verification.countdownTimer = null;
  clearTimeout(verification.pushTimer);
  verification.pushTimer = null;
}

function introText(step) {
  const distinct = verification.requireDistinctAuthenticators
    ? ' Your mobile phone counts as one method and your authenticator app as another.'
    : '';
  if (step === 1) {
    return `To prove it is you, complete two different verification methods, one after the other.${distinct} Choose the first one.`;
  }
  return `Verification step 1 is complete. Choose a second, different method.${distinct}`;
}

function errorOptions(input = null) {
  return { input, startAgain: () => hooks.startAgain() };
}

function resetMethodPanel() {
  stopVerificationTimers();
  verification.method = null;
  verification.phoneNumber = '';
  verification.resendAllowedAt = 0;
  for (const id of ['method-panel', 'phone-form', 'push-part', 'push-number-box', 'code-form', 'code-links']) {
    byId(id).hidden = true;
  }
  byId('phone').value = '';
  byId('code').value = '';
  byId('push-number').textContent = '';
  byId('resend-countdown').textContent = '';
  byId('resend-link').removeAttribute('aria-disabled');
  byId('support').hidden = true;
  clearErrors();
}

function selectMethod(type) {
  resetMethodPanel();
  setStatus('');
  verification.method = verification.methods.find((method) => method.type === type) || { type };
  byId('method-panel').hidden = false;

  if (PHONE_METHODS.includes(type)) {
    const masked = verification.method.maskedPhone || 'not shown';
    const delivery = type === 'sms'
      ? 'We will then text a verification code to that number.'
      : 'We will then call that number, and a voice will read a verification code to you twice.';
    byId('phone-instructions').textContent = 'To protect your account, type your whole mobile '
      + `phone number. It must match the number we have for you, ${masked}. ${delivery}`;
    byId('phone-submit').textContent = type === 'sms' ? 'Text' : 'Call';
    byId('phone-form').hidden = false;
  } else if (type === 'totp') {
    byId('code-instructions').textContent = 'Open the authenticator app on your phone and '
      + 'type the 6-digit code that it shows for this account.';
    byId('code-form').hidden = false;
    byId('code-links').hidden = false;
  } else if (type === 'push') {
    byId('push-part').hidden = false;
  }
}

/** Sends or resends the SMS or voice code. The code always goes to the number on record. */
async function sendPhoneCode(phoneNumber) {
  clearErrors();
  const phoneInput = byId('phone');
  if (!phoneNumber) {
    showErrors([{ input: phoneInput, message: 'Enter your phone number.' }]);
    return;
  }

  const type = verification.method.type;
  const result = await callApi('POST', hooks.resetPath('challenge'), { method: type, phoneNumber });
  if (result.status === 202) {
    verification.phoneNumber = phoneNumber;
    startResendCountdown(result.body?.resendAfter, result.serverTime);

    const lifetime = describeLifetime(result.body?.expiresAt, result.serverTime);
    byId('code-instructions').textContent = type === 'sms'
      ? `We sent a text message with a 6-digit verification code to your phone.${lifetime}`
      : `We are calling your phone. A voice reads a 6-digit verification code twice.${lifetime}`;
    byId('code-form').hidden = false;
    byId('code-links').hidden = false;
    byId('code').value = '';
    setStatus(type === 'sms' ? 'We sent you a text message with a code.' : 'We are calling your phone.');
    byId('code').focus();
  } else if (result.body?.error === 'phone_mismatch') {
    reportApiError(result, errorOptions(phoneInput));
  } else {
    reportApiError(result, errorOptions());
  }
}

function describeLifetime(expiresAt, serverTime) {
  const remainingMs = Date.parse(expiresAt) - serverTime;
  if (!(remainingMs > 0 && remainingMs <= MAX_BELIEVABLE_WAIT_MS)) {
    return '';
  }
  const minutes = Math.round(remainingMs / 60_000);
  return minutes >= 1 ? ` The code expires in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.` : '';
}

function startResendCountdown(resendAfter, serverTime) {
  clearInterval(verification.countdownTimer);
  const waitMs = Date.parse(resendAfter) - serverTime;
  verification.resendAllowedAt = waitMs > 0 && waitMs <= MAX_BELIEVABLE_WAIT_MS
    ? Date.now() + waitMs
    : 0;
  updateResendCountdown();
  if (verification.resendAllowedAt > 0) {
    verification.countdownTimer = setInterval(updateResendCountdown, 1000);
  }
}

function secondsUntilResend() {
  return Math.max(0, Math.ceil((verification.resendAllowedAt - Date.now()) / 1000));
}

function updateResendCountdown() {
  const seconds = secondsUntilResend();
  const link = byId('resend-link');
  const countdown = byId('resend-countdown');
  if (seconds > 0) {
    link.setAttribute('aria-disabled', 'true');
    const resent = verification.method?.type === 'push' ? 'notification' : 'code';
    countdown.textContent = `(you can ask for a new ${resent} in ${seconds}\u00a0s)`;
  } else {
    link.removeAttribute('aria-disabled');
    countdown.textContent = '';
    clearInterval(verification.countdownTimer);
    verification.countdownTimer = null;
  }
}

/** Handles "Try again": resends a phone code, prompts for a fresh app code, or resends the push. */
async function tryAgain() {
  const type = verification.method?.type;
  if (PHONE_METHODS.includes(type)) {
    const seconds = secondsUntilResend();
    if (seconds > 0) {
      setStatus(`You can ask for a new code in ${seconds} seconds.`);
      return;
    }
    await sendPhoneCode(verification.phoneNumber);
  } else if (type === 'totp') {
    clearErrors();
    byId('code').value = '';
    setStatus('Type the code that your authenticator app shows now. It shows a new code every 30 seconds.');
    byId('code').focus();
  } else if (type === 'push') {
    const seconds = secondsUntilResend();
    if (seconds > 0) {
      setStatus(`You can send a new notification in ${seconds} seconds.`);
      return;
    }
    await sendPush();
  }
}

async function submitCode() {
  clearErrors();
  const codeInput = byId('code');
  const code = codeInput.value.trim();
  if (!code) {
    showErrors([{ input: codeInput, message: 'Enter your verification code.' }]);
    return;
  }

  const type = verification.method.type;
  const result = await callApi('POST', hooks.resetPath('verify'), { method: type, code });
  if (result.status === 200) {
    await handleVerified(result);
    return;
  }

  const error = result.body?.error;
  if (error === 'code_invalid' && result.body.attemptsRemaining === 0) {
    // A new code keeps the count of wrong entries, so offering one would only lead to the same end.
    showErrors([{
      input: codeInput,
      message: 'That code is not correct, and this method has no tries left. Choose another '
        + 'verification method or start again.',
    }]);
  } else if (error === 'code_invalid') {
    const remaining = result.body.attemptsRemaining;
    const description = reportApiError(result, errorOptions(codeInput));
    if (Number.isInteger(remaining) && !description.message.includes(String(remaining))) {
      setStatus(remaining === 1 ? 'You have 1 try left.' : `You have ${remaining} tries left.`);
    }
  } else if (error === 'code_expired') {
    reportApiError(result, errorOptions(codeInput));
    setStatus('Select Try again to get a new code.');
  } else {
    reportApiError(result, errorOptions(codeInput));
  }
}

/** Moves on after a successful verification, to step 2 or to the new password. */
async function handleVerified(result) {
  const body = result.body || {};
  stopVerificationTimers();
  if (body.stage === 'VERIFY_2') {
    showVerification(2, body, 'Verification step 1 is complete.');
  } else if (body.stage === 'NEW_PASSWORD') {
    await hooks.onPasswordStage(result);
  } else {
    reportApiError(result, errorOptions());
  }
}

async function sendPush() {
  clearErrors();
  stopVerificationTimers();
  byId('push-number-box').hidden = true;

  const result = await callApi('POST', hooks.resetPath('challenge'), { method: 'push' });
  if (result.status !== 202 || !result.body?.numberToMatch) {
    reportApiError(result, errorOptions());
    return;
  }

  const number = String(result.body.numberToMatch);
  byId('push-number').textContent = number;
  byId('push-number-box').hidden = false;
  byId('code-links').hidden = false;
  setStatus(`We sent a notification. Type ${number} in your authenticator app and approve.`);
  startResendCountdown(result.body.resendAfter, result.serverTime);

  const lifetimeMs = Date.parse(result.body.expiresAt) - result.serverTime;
  verification.pushDeadline = Date.now()
    + (lifetimeMs > 0 && lifetimeMs <= MAX_BELIEVABLE_WAIT_MS ? lifetimeMs : DEFAULT_PUSH_LIFETIME_MS);
  schedulePushPoll(verification.generation);
}

function schedulePushPoll(generation) {
  verification.pushTimer = setTimeout(() => pollPush(generation), PUSH_POLL_INTERVAL_MS);
}

/** Asks the API whether the push was approved, until it is, fails or expires. */
async function pollPush(generation) {
  verification.pushTimer = null;
  if (generation !== verification.generation) {
    return;
  }
  if (Date.now() > verification.pushDeadline) {
    endPush();
    showErrors([{ message: PUSH_EXPIRED_MESSAGE }]);
    return;
  }

  let result;
  try {
    // A push verify carries no code. The API returns 200 {"status": "pending"} until the app
    // approves, then 200 with the next stage.
    result = await callApi('POST', hooks.resetPath('verify'), { method: 'push' });
  } catch (error) {
    // A dropped connection while waiting is retried until the deadline.
    console.warn('Push status check failed, retrying', error);
    schedulePushPoll(generation);
    return;
  }
  if (generation !== verification.generation) {
    return;
  }

  if (result.status === 200 && result.body?.status === 'pending') {
    schedulePushPoll(generation);
  } else if (result.status === 200) {
    await handleVerified(result);
  } else {
    endPush();
    reportPushFailure(result);
  }
}

/**
 * Hides the number, its status message and the resend countdown, because the server no longer
 * waits for this push.
 */
function endPush() {
  byId('push-number-box').hidden = true;
  setStatus('');
  verification.resendAllowedAt = 0;
  updateResendCountdown();
}

/** Explains a refused or expired push in its own words, since the API reports them as codes. */
function reportPushFailure(result) {
  const error = result.body?.error;
  if (error === 'code_invalid') {
    const remaining = result.body.attemptsRemaining;
    const next = remaining === 0
      ? 'Choose another verification method.'
      : 'Select Send Notification to try again.';
    showErrors([{
      message: `The request was denied in your authenticator app, or the number typed there did not match. ${next}`,
    }]);
  } else if (error === 'code_expired') {
    showErrors([{ message: PUSH_EXPIRED_MESSAGE }]);
  } else {
    reportApiError(result, errorOptions());
  }
}
