/* Cổng public site: the reader's text size (80–200 %) and high-contrast mode (both remembered in this
   browser), the print and copy-link buttons, share links and the page address printed at the foot of the
   page. Loaded with defer; every page works without it. */
(function () {
  'use strict';

  var KEY = 'cong.textScale';
  var CONTRAST_KEY = 'cong.contrast';
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

  // A wide table scrolls inside its frame; keyboard users need to reach that frame to scroll it. Whether it
  // scrolls depends on the window and the text size, so this runs again when either changes.
  function reachableTables() {
    each('.table-wrap', function (frame) {
      if (frame.scrollWidth <= frame.clientWidth || frame.hasAttribute('tabindex')) return;
      frame.setAttribute('tabindex', '0');
      frame.setAttribute('role', 'region');
      frame.setAttribute('aria-label', 'Bảng (cuộn ngang để xem hết)');
    });
  }
  window.addEventListener('resize', reachableTables);

  function apply() {
    if (scale === 100) root.style.removeProperty('--text-scale');
    else root.style.setProperty('--text-scale', String(scale / 100));
    each('[data-text-size-value]', function (el) { el.textContent = scale + '%'; });
    each('[data-text-size-step]', function (button) {
      var step = parseInt(button.getAttribute('data-text-size-step'), 10);
      button.disabled = step < 0 ? scale <= MIN : scale >= MAX;
    });
    reachableTables();
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

  // High contrast: a class on <html>, so the stylesheet alone decides what it looks like.
  function loadContrast() {
    try { return window.localStorage.getItem(CONTRAST_KEY) === 'high'; } catch (e) { return false; }
  }

  var contrast = loadContrast();

  function applyContrast() {
    root.classList.toggle('high-contrast', contrast);
    each('[data-contrast-toggle]', function (button) {
      button.setAttribute('aria-pressed', contrast ? 'true' : 'false');
    });
  }

  each('[data-contrast-toggle]', function (button) {
    button.addEventListener('click', function () {
      contrast = !contrast;
      try {
        if (contrast) window.localStorage.setItem(CONTRAST_KEY, 'high');
        else window.localStorage.removeItem(CONTRAST_KEY);
      } catch (e) { /* ignored: the mode still applies to this page */ }
      applyContrast();
    });
  });

  // Share links carry the page address the server knew; the browser's own address is the one to share.
  var here = window.location.href.split('#')[0];
  each('[data-share-prefix]', function (link) {
    link.href = link.getAttribute('data-share-prefix') + encodeURIComponent(here);
  });

  function announce(text) {
    each('[data-copy-status]', function (el) { el.textContent = text; });
  }

  function copyFallback() {
    var field = document.createElement('textarea');
    field.value = here;
    field.setAttribute('readonly', '');
    field.style.position = 'absolute';
    field.style.left = '-9999px';
    document.body.appendChild(field);
    field.select();
    var done = false;
    try { done = document.execCommand('copy'); } catch (e) { done = false; }
    document.body.removeChild(field);
    return done;
  }

  each('[data-copy-link]', function (button) {
    button.addEventListener('click', function () {
      var ok = function () { announce('Đã sao chép liên kết'); };
      var fail = function () { announce(copyFallback() ? 'Đã sao chép liên kết' : 'Không sao chép được: ' + here); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(here).then(ok, fail);
      else fail();
    });
  });

  // The server knows only the path when the site has no host configured; the browser knows the rest.
  each('[data-page-url]', function (el) { el.textContent = window.location.href; });

  // The controls are hidden in the HTML so that nothing inert shows when scripts do not run.
  each('[data-needs-js]', function (el) { el.hidden = false; });

  apply();
  applyContrast();
})();
