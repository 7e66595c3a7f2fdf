// Single-key shortcuts on the coding page. Every shortcut is an accesskey in the page already (so it works without
// script, with the browser's modifier); this lets the key alone press it, except while typing in a box.
(function () {
  'use strict';
  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) {
      return;
    }

    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && target.type !== 'checkbox')) {
      return;
    }

    var key = event.key && event.key.length === 1 ? event.key.toLowerCase() : null;
    if (!key || !/^[0-9a-z]$/.test(key)) {
      return;
    }

    var element = document.querySelector('[accesskey="' + key + '"]');
    if (element) {
      event.preventDefault();
      element.focus();
      element.click();
    }
  });
}());
