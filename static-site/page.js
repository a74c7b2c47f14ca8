// Screen switching, status messages and API error reporting for the reset page.

import { describeApiError } from './api.js';
import { clearErrors, createActionButton, showErrors } from './errors.js';

export const byId = (id) => document.getElementById(id);

const SERVICE_NAME = 'Reset your password';

/**
 * Shows one screen (a `.screen` section) and hides the others, sets the document title, clears
 * old errors and status, and moves focus to `heading` unless `focus` is false.
 */
export function showScreen(screenId, heading, title, { focus = true } = {}) {
  for (const screen of document.querySelectorAll('.screen')) {
    screen.hidden = screen.id !== screenId;
  }
  document.title = `${title} – ${SERVICE_NAME}`;
  byId('support').hidden = true;
  clearErrors();
  setStatus('');
  if (focus) {
    heading.focus();
  }
}

/**
 * Marks the current step of a progress heading with aria-current="step" and the earlier steps
 * as done. `currentIndex` counts from 0.
 */
export function markProgress(heading, currentIndex) {
  heading.querySelectorAll('.progress-step').forEach((step, index) => {
    if (index === currentIndex) {
      step.setAttribute('aria-current', 'step');
    } else {
      step.removeAttribute('aria-current');
    }
    step.classList.toggle('progress-step-done', index < currentIndex);
  });
}

/** Shows a message in the polite status region, or clears it for an empty string. */
export function setStatus(message) {
  byId('status').textContent = message;
}

/**
 * Shows a failed API call in the error summary. `input`, when given, is the field the error
 * belongs to. `startAgain` is the action behind the "Start again" button that the summary offers
 * when the reset cannot continue.
 */
export function reportApiError(resultOrError, { input = null, startAgain = null } = {}) {
  if (resultOrError instanceof Error) {
    console.error('Password reset request failed', resultOrError);
  }
  const description = describeApiError(resultOrError);
  const actions = description.startAgain && startAgain
    ? [createActionButton('Start again', startAgain)]
    : [];
  showErrors([{ message: description.message, input }], actions);
  return description;
}

/**
 * Runs an async action unless the same element is still running one, so a double click sends
 * one request. The old status message is cleared first. Thrown errors (for example a network
 * failure) go to the error summary.
 * Buttons stay enabled while busy because disabling them would drop keyboard focus.
 */
export async function runExclusive(element, action, reportOptions = {}) {
  if (element.getAttribute('aria-busy') === 'true') {
    return;
  }
  element.setAttribute('aria-busy', 'true');
  setStatus('');
  try {
    await action();
  } catch (error) {
    reportApiError(error, reportOptions);
  } finally {
    element.removeAttribute('aria-busy');
  }
}

/** Shows the support contact section and, when `focus` is true, moves focus to it. */
export function showSupport({ focus }) {
  const support = byId('support');
  support.hidden = false;
  if (focus) {
    support.focus();
  }
}

/** Fills the support contact section and the email domain hint from GET /v1/config. */
export function renderConfig(config) {
  const support = config && typeof config.support === 'object' && config.support ? config.support : {};
  if (typeof support.text === 'string' && support.text.trim()) {
    byId('support-text').textContent = support.text.trim();
  }

  const details = [];
  if (typeof support.phone === 'string' && support.phone.trim()) {
    details.push(createContactItem('Phone: ', `tel:${support.phone.replace(/[^\d+]/g, '')}`, support.phone.trim()));
  }
  if (typeof support.email === 'string' && support.email.includes('@')) {
    details.push(createContactItem('Email: ', `mailto:${support.email.trim()}`, support.email.trim()));
  }
  // Only web links, so a misconfigured value cannot become a javascript: URL.
  if (typeof support.url === 'string' && /^https?:\/\//i.test(support.url.trim())) {
    details.push(createContactItem('Website: ', support.url.trim(), support.url.trim()));
  }
  byId('support-details').replaceChildren(...details);

  if (typeof config?.emailDomain === 'string' && config.emailDomain.trim()) {
    const domain = byId('email-domain');
    if (domain) {
      domain.textContent = config.emailDomain.trim();
    }
  }
}

function createContactItem(label, href, text) {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = href;
  link.textContent = text;
  item.append(label, link);
  return item;
}
