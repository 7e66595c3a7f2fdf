// Idle timeout warning (WCAG 2.2.1). Without script the page still says when the session ends and has a
// "Stay signed in" button; with it, a warning appears before the end and staying signed in needs no reload.
(function () {
  'use strict';
  var banner = document.getElementById('session-timeout');
  var dialog = document.getElementById('session-warning');
  if (!banner || !dialog || !window.fetch) {
    return;
  }

  var timeout = parseInt(banner.getAttribute('data-timeout-seconds'), 10) * 1000;
  var warning = parseInt(banner.getAttribute('data-warning-seconds'), 10) * 1000;
  var warnTimer;
  var endTimer;

  function signedOut() {
    window.location.href = '/account/sign-in?reason=idle&returnUrl=' + encodeURIComponent(window.location.pathname + window.location.search);
  }

  function schedule() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    dialog.hidden = true;
    warnTimer = window.setTimeout(function () {
      dialog.hidden = false;
      dialog.querySelector('button').focus();
    }, timeout - warning);
    endTimer = window.setTimeout(signedOut, timeout);
  }

  function stay(event) {
    event.preventDefault();
    var form = event.target;
    window.fetch(form.action, {
      method: 'POST',
      body: new FormData(form),
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'fetch' }
    }).then(function (response) {
      if (response.ok) {
        schedule();
      } else {
        signedOut();
      }
    }, signedOut);
  }

  banner.querySelector('form').addEventListener('submit', stay);
  dialog.querySelector('form').addEventListener('submit', stay);
  schedule();
}());
