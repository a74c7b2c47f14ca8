// Error summary and per-field error messages, shared by the reset page and the sign-in page.
//
// Markup contract: a summary element (role="alert", tabindex="-1") that contains a list with the
// id `error-summary-list` and a container with the id `error-summary-actions`, and inputs inside
// an element with the class "field".

const summary = () => document.getElementById('error-summary');

/**
 * Shows the error summary and moves focus to it so screen readers announce it.
 * Each error is {message, input?}. An error with an input links to that input and is also
 * shown next to it. `actions` are extra buttons to show under the list.
 */
export function showErrors(errors, actions = []) {
  clearErrors();
  const box = summary();
  const list = document.getElementById('error-summary-list');
  const actionArea = document.getElementById('error-summary-actions');

  box.hidden = false;
  for (const error of errors) {
    const item = document.createElement('li');
    if (error.input) {
      const link = document.createElement('a');
      link.href = `#${error.input.id}`;
      link.textContent = error.message;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        error.input.focus();
      });
      item.append(link);
      addFieldError(error.input, error.message);
    } else {
      item.textContent = error.message;
    }
    list.append(item);
  }
  for (const action of actions) {
    actionArea.append(action);
  }
  box.focus();
}

/** Removes the summary and every field error on the page. */
export function clearErrors() {
  const box = summary();
  box.hidden = true;
  document.getElementById('error-summary-list').replaceChildren();
  document.getElementById('error-summary-actions').replaceChildren();

  for (const message of document.querySelectorAll('.error-message')) {
    message.remove();
  }
  for (const input of document.querySelectorAll('[aria-invalid="true"]')) {
    input.removeAttribute('aria-invalid');
    const ids = (input.getAttribute('aria-describedby') || '')
      .split(/\s+/)
      .filter((id) => id && id !== `${input.id}-error`);
    if (ids.length > 0) {
      input.setAttribute('aria-describedby', ids.join(' '));
    } else {
      input.removeAttribute('aria-describedby');
    }
  }
  for (const field of document.querySelectorAll('.field-error')) {
    field.classList.remove('field-error');
  }
}

/**
 * Shows a message next to an input and marks the input invalid. A second message for the same
 * input is added to the first.
 */
function addFieldError(input, message) {
  const errorId = `${input.id}-error`;
  let element = document.getElementById(errorId);
  if (!element) {
    element = document.createElement('p');
    element.id = errorId;
    element.className = 'error-message';
    input.before(element);

    const ids = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    input.setAttribute('aria-describedby', [...ids, errorId].join(' '));
    input.setAttribute('aria-invalid', 'true');
    input.closest('.field')?.classList.add('field-error');
  }

  const line = document.createElement('span');
  line.className = 'error-message-line';
  const prefix = document.createElement('span');
  prefix.className = 'visually-hidden';
  prefix.textContent = 'Error: ';
  line.append(prefix, message);
  element.append(line);
}

/** Creates a button for the error summary. */
export function createActionButton(text, onClick) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button-secondary';
  button.textContent = text;
  button.addEventListener('click', onClick);
  return button;
}
