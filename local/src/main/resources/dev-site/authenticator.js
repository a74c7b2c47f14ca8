// The authenticator app of the demo user cs0101, played in a browser tab of the local runner.
//
// It signs every request as the real app does with the key it enrolled: ECDSA P-256 with
// SHA-256, in the 64-byte r||s form that WebCrypto returns, over the text
// METHOD + "\n" + PATH + "\n" + TIMESTAMP + "\n" + base64(SHA-256(body)). The server checks the
// signature in DeviceSignatures and rejects a timestamp more than 5 minutes off its clock.

const POLL_INTERVAL_MS = 2000;
const TWO_DIGITS = /^[0-9]{2}$/;

const RESULT_TEXT = {
  approved: 'Approved',
  denied: 'Denied',
  mismatch: 'The number did not match, so the request was refused',
  gone: 'This request expired or was already answered',
  expired: 'This request expired before it was answered',
};

const device = {
  id: null,
  key: null,
  // Seconds to add to the browser clock to get the runner's clock. Only non-zero when the runner
  // runs with --dev-clock and its clock was moved.
  clockOffsetSeconds: 0,
};

/** Request cards by challenge id: {section, form, input, result, open, busy}. */
const cards = new Map();

const byId = (id) => document.getElementById(id);
const encoder = new TextEncoder();
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' });

start();

async function start() {
  if (!window.crypto?.subtle) {
    showProblem('This browser offers WebCrypto only on HTTPS pages and on localhost. Open this page at '
      + `http://localhost:${window.location.port || '80'}/authenticator.html instead.`);
    return;
  }
  try {
    await loadDevice();
  } catch (error) {
    console.error('Loading the demo device failed', error);
    showProblem(`The demo device could not be loaded: ${error.message}. Check that the local runner `
      + 'is running, then reload this page.');
    return;
  }
  await poll();
}

/** Fetches the demo device and imports its private key, which this page cannot export again. */
async function loadDevice() {
  const response = await fetch('/dev/devices/demo', { cache: 'no-store', credentials: 'omit' });
  if (!response.ok) {
    throw new Error(`GET /dev/devices/demo returned HTTP ${response.status}`);
  }
  const demo = await response.json();
  device.key = await crypto.subtle.importKey('jwk', demo.privateKeyJwk,
    { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  device.id = demo.deviceId;
  byId('account').textContent = `Account ${demo.username}, device ${demo.deviceId}`;
  await syncClock();
}

/** Reads the runner's clock when --dev-clock exposes it, so that signatures stay in its window. */
async function syncClock() {
  try {
    const response = await fetch('/dev/clock', { cache: 'no-store', credentials: 'omit' });
    if (!response.ok) {
      device.clockOffsetSeconds = 0;
      return;
    }
    const serverSeconds = Date.parse((await response.json()).now) / 1000;
    device.clockOffsetSeconds = Number.isFinite(serverSeconds)
      ? Math.round(serverSeconds - Date.now() / 1000)
      : 0;
  } catch (error) {
    console.warn('Reading /dev/clock failed, so the browser clock is used', error);
    device.clockOffsetSeconds = 0;
  }
}

function challengesPath() {
  return `/v1/devices/${encodeURIComponent(device.id)}/challenges`;
}

/**
 * Sends a signed request and resolves to {status, body}, where body is the parsed JSON or null.
 * Rejects only when no response arrived.
 */
async function signedFetch(method, path, bodyText) {
  const timestamp = String(Math.floor(Date.now() / 1000) + device.clockOffsetSeconds);
  const bodyBytes = encoder.encode(bodyText);
  const bodyHash = base64(await crypto.subtle.digest('SHA-256', bodyBytes));
  const signedText = `${method}\n${path}\n${timestamp}\n${bodyHash}`;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, device.key,
    encoder.encode(signedText));

  const headers = {
    Accept: 'application/json',
    'X-Device-Timestamp': timestamp,
    'X-Device-Signature': base64(signature),
  };
  const init = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    // The bytes sent are the bytes hashed above.
    init.body = bodyBytes;
  }
  const response = await fetch(path, init);
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return { status: response.status, body };
}

function base64(buffer) {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

function serverMessage(result) {
  return typeof result.body?.message === 'string' && result.body.message
    ? result.body.message
    : `The local runner returned HTTP ${result.status}.`;
}

// ---- Polling ----

/** Lists the pending requests, then schedules the next check. */
async function poll() {
  try {
    const result = await signedFetch('GET', challengesPath(), '');
    if (result.status === 200 && Array.isArray(result.body?.challenges)) {
      showProblem('');
      renderChallenges(result.body.challenges);
    } else if (result.status === 401) {
      // The runner makes a new device key at every start, so a restart needs the new key.
      showProblem(`${serverMessage(result)} Loading the device key again.`);
      await loadDevice();
    } else {
      showProblem(`Checking for requests failed: ${serverMessage(result)}`);
    }
  } catch (error) {
    console.warn('Checking for requests failed', error);
    showProblem('The local runner could not be reached. This page keeps trying every 2 seconds.');
  }
  setTimeout(poll, POLL_INTERVAL_MS);
}

/** Sets the problem line, or hides it for an empty message. Unchanged text is not announced again. */
function showProblem(message) {
  const problem = byId('problem');
  if (problem.textContent !== message) {
    problem.textContent = message;
  }
  problem.hidden = !message;
}

/** Adds a card for each new request and closes the cards of requests no longer pending. */
function renderChallenges(challenges) {
  const pendingIds = new Set();
  for (const challenge of challenges) {
    if (typeof challenge?.challengeId !== 'string') {
      continue;
    }
    pendingIds.add(challenge.challengeId);
    if (!cards.has(challenge.challengeId)) {
      addCard(challenge);
      byId('announcer').textContent = `New password reset request from ${challenge.requestedFrom || 'an unknown address'}.`;
    }
  }
  for (const [challengeId, card] of cards) {
    if (card.open && !card.busy && !pendingIds.has(challengeId)) {
      closeCard(card, 'expired', RESULT_TEXT.expired);
    }
  }
  updateEmptyMessage();
}

function updateEmptyMessage() {
  byId('empty').hidden = [...cards.values()].some((card) => card.open);
}

// ---- Request cards ----

function addCard(challenge) {
  const id = challenge.challengeId;
  const section = byId('request-template').content.firstElementChild.cloneNode(true);
  const heading = section.querySelector('.request-heading');
  const input = section.querySelector('.number-input');
  const label = section.querySelector('.number-label');
  heading.id = `request-${id}`;
  section.setAttribute('aria-labelledby', heading.id);
  input.id = `number-${id}`;
  label.htmlFor = input.id;
  section.querySelector('.request-details').textContent = describeRequest(challenge);
  const expiresAt = formatTime(challenge.expiresAt);
  const expiry = section.querySelector('.request-expiry');
  expiry.textContent = expiresAt ? `It expires at ${expiresAt}.` : '';
  expiry.hidden = !expiresAt;

  const card = {
    section,
    form: section.querySelector('.request-form'),
    input,
    expiry,
    result: section.querySelector('.request-result'),
    open: true,
    busy: false,
  };
  card.form.addEventListener('submit', (event) => {
    event.preventDefault();
    decide(id, card, 'approve');
  });
  section.querySelector('.button-deny').addEventListener('click', () => decide(id, card, 'deny'));

  cards.set(id, card);
  byId('requests').prepend(section);
}

function describeRequest(challenge) {
  const requestedAt = formatTime(challenge.requestedAt) || 'an unknown time';
  const source = challenge.requestedFrom || 'an unknown address';
  return `Someone asked to reset the password of this account at ${requestedAt} from ${source}.`;
}

function formatTime(isoInstant) {
  const instant = new Date(isoInstant);
  return isoInstant && !Number.isNaN(instant.getTime()) ? timeFormat.format(instant) : null;
}

/** Sends the person's decision, approve with the typed number or deny, and shows the outcome. */
async function decide(challengeId, card, decision) {
  if (!card.open || card.busy) {
    return;
  }
  clearFieldError(card);
  const number = card.input.value.trim();
  if (decision === 'approve' && !TWO_DIGITS.test(number)) {
    showFieldError(card, 'Type the two-digit number shown on the reset page.');
    return;
  }

  card.busy = true;
  card.section.setAttribute('aria-busy', 'true');
  const body = decision === 'approve' ? { decision, number } : { decision };
  try {
    const result = await signedFetch('POST', `${challengesPath()}/${encodeURIComponent(challengeId)}`,
      JSON.stringify(body));
    showDecisionResult(card, result);
  } catch (error) {
    console.warn('Sending the decision failed', error);
    showFieldError(card, 'The local runner could not be reached. Try again.');
  } finally {
    card.busy = false;
    card.section.removeAttribute('aria-busy');
  }
}

function showDecisionResult(card, result) {
  const status = result.body?.status;
  const error = result.body?.error;
  if (result.status === 200 && status === 'approved') {
    closeCard(card, 'approved', RESULT_TEXT.approved);
  } else if (result.status === 200 && status === 'denied') {
    closeCard(card, 'denied', RESULT_TEXT.denied);
  } else if (error === 'number_mismatch') {
    closeCard(card, 'refused', RESULT_TEXT.mismatch);
  } else if (error === 'challenge_not_found') {
    closeCard(card, 'expired', RESULT_TEXT.gone);
  } else {
    // A rejected signature or an unexpected response leaves the request open to try again.
    showFieldError(card, serverMessage(result));
  }
}

/** Replaces the form with the outcome and moves focus to it, so that focus is not lost. */
function closeCard(card, outcome, text) {
  const hadFocus = card.section.contains(document.activeElement);
  card.open = false;
  card.form.hidden = true;
  card.expiry.hidden = true;
  card.section.dataset.outcome = outcome;
  card.result.textContent = text;
  if (hadFocus) {
    card.result.focus();
  }
  updateEmptyMessage();
}

function showFieldError(card, message) {
  const errorId = `${card.input.id}-error`;
  const error = document.createElement('p');
  error.id = errorId;
  error.className = 'error-message';
  error.textContent = message;
  card.input.before(error);
  card.input.setAttribute('aria-invalid', 'true');
  card.input.setAttribute('aria-describedby', errorId);
  card.input.focus();
}

function clearFieldError(card) {
  card.section.querySelector('.error-message')?.remove();
  card.input.removeAttribute('aria-invalid');
  card.input.removeAttribute('aria-describedby');
}
