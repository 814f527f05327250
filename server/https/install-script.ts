// The install page's script (served as /install.js: the pages' CSP allows scripts from 'self' only).
// It shows this browser's OS first in the guide, then tests every few seconds whether the browser
// trusts the HTTPS origin — a fetch there fails on an untrusted certificate — and once it does,
// moves to the same page on https (its #fragment too). `next` is a path on this host, never another origin.

export const INSTALL_SCRIPT = `(function () {
  var box = document.getElementById('trust-status');
  var next = new URLSearchParams(location.search).get('next') || '/';
  if (next.charAt(0) !== '/' || next.charAt(1) === '/' || next.charAt(1) === '\\\\') next = '/';
  // A redirect keeps the page's #fragment on this page's URL; the server never saw it.
  if (next.indexOf('#') === -1) next += location.hash;
  var ua = navigator.userAgent;
  var os = /iPhone|iPad|iPod/.test(ua) ? 'iOS' : /Android/.test(ua) ? 'Android' : /Firefox\\//.test(ua) ? 'Firefox' : /Mac OS X/.test(ua) ? 'macOS' : /Windows/.test(ua) ? 'Windows' : '';
  var mine = os && document.querySelector('li[data-os="' + os + '"]');
  if (mine) { mine.classList.add('mine'); mine.parentNode.insertBefore(mine, mine.parentNode.firstChild); }
  function show(state) { box.setAttribute('data-state', state); box.textContent = box.getAttribute('data-' + state); }
  function probe() {
    fetch('https://' + location.host + '/https-probe', { mode: 'no-cors', cache: 'no-store' }).then(
      function () { show('trusted'); location.replace('https://' + location.host + next); },
      function () { show('untrusted'); setTimeout(probe, 3000); }
    );
  }
  probe();
})();
`;
