// htmx requests carry the CSRF token the page was rendered with (forms carry it as a hidden field).
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="csrf-token"]');
  var header = document.querySelector('meta[name="csrf-header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});
// A confirmation asked by data-confirm on a form, for what cannot be undone (revoking a key or a certificate).
document.addEventListener('submit', function (event) {
  var message = event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
// After an htmx retry or replay, the row's outcome takes the focus the vanished button had, so that a keyboard or
// screen-reader user hears what happened and goes on from there.
document.addEventListener('htmx:afterSettle', function () {
  var outcome = document.querySelector('[data-outcome]');
  if (outcome) {
    outcome.removeAttribute('data-outcome');
    outcome.focus();
  }
});
