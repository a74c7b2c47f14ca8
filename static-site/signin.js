// Sign-in check: sends the username and password to POST /v1/signin and shows the result.

import { callApi, describeApiError } from './api.js';
import { clearErrors, showErrors } from './errors.js';

const form = document.getElementById('signin-form');
const usernameInput = document.getElementById('signin-username');
const passwordInput = document.getElementById('signin-password');
const success = document.getElementById('signin-success');

async function signIn() {
  clearErrors();
  success.hidden = true;

  const username = usernameInput.value;
  const password = passwordInput.value;
  const errors = [];
  if (!username.trim()) {
    errors.push({ input: usernameInput, message: 'Enter your email or username.' });
  }
  if (!password) {
    errors.push({ input: passwordInput, message: 'Enter your password.' });
  }
  if (errors.length > 0) {
    showErrors(errors);
    return;
  }

  let result;
  try {
    result = await callApi('POST', 'v1/signin', { username, password });
  } catch (error) {
    showErrors([{ message: describeApiError(error).message }]);
    return;
  }

  if (result.status === 200 && result.body?.authenticated === true) {
    passwordInput.value = '';
    success.hidden = false;
    success.focus();
  } else if (result.status === 401) {
    passwordInput.value = '';
    const message = result.body?.message || 'The username or password is not correct.';
    showErrors([{ input: passwordInput, message }]);
  } else {
    showErrors([{ message: describeApiError(result).message }]);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (form.getAttribute('aria-busy') === 'true') {
    return;
  }
  form.setAttribute('aria-busy', 'true');
  signIn().finally(() => form.removeAttribute('aria-busy'));
});
