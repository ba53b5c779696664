/* Cổng public site: the reader's text size (80–200 %, remembered in this browser), the print button and
   the page address printed at the foot of the page. Loaded with defer; every page works without it. */
(function () {
  'use strict';

  var KEY = 'cong.textScale';
  var MIN = 80;
  var MAX = 200;
  var STEP = 10;
  var root = document.documentElement;

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  // Storage may be blocked (private mode, policies); the control then simply forgets between pages.
  function load() {
    try {
      var value = parseInt(window.localStorage.getItem(KEY), 10);
      if (value >= MIN && value <= MAX && value % STEP === 0) return value;
    } catch (e) { /* ignored: fall back to 100 % */ }
    return 100;
  }

  function save(value) {
    try {
      if (value === 100) window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, String(value));
    } catch (e) { /* ignored: the size still applies to this page */ }
  }

  var scale = load();

  function apply() {
    if (scale === 100) root.style.removeProperty('--text-scale');
    else root.style.setProperty('--text-scale', String(scale / 100));
    each('[data-text-size-value]', function (el) { el.textContent = scale + '%'; });
    each('[data-text-size-step]', function (button) {
      var step = parseInt(button.getAttribute('data-text-size-step'), 10);
      button.disabled = step < 0 ? scale <= MIN : scale >= MAX;
    });
  }

  each('[data-text-size-step]', function (button) {
    button.addEventListener('click', function () {
      var step = parseInt(button.getAttribute('data-text-size-step'), 10) < 0 ? -STEP : STEP;
      var next = Math.min(MAX, Math.max(MIN, scale + step));
      if (next === scale) return;
      scale = next;
      save(scale);
      apply();
    });
  });

  each('[data-print]', function (button) {
    button.addEventListener('click', function () { window.print(); });
  });

  // The server knows only the path when the site has no host configured; the browser knows the rest.
  each('[data-page-url]', function (el) { el.textContent = window.location.href; });

  // The controls are hidden in the HTML so that nothing inert shows when scripts do not run.
  each('[data-needs-js]', function (el) { el.hidden = false; });

  apply();
})();
