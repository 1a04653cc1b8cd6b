// Reloads the list of pending requests on the activity page every few seconds, as a server-rendered fragment.
// Without this script the page still works: its refresh link reloads the whole page.
(function () {
  'use strict';
  var section = document.getElementById('pending');
  if (!section || !window.fetch) {
    return;
  }
  var url = section.getAttribute('data-refresh-url');
  var period = 5000;
  // Each refresh is a request of the session and would keep it alive for ever: refreshing stops after ten minutes,
  // so that an open page does not defeat the session timeout.
  var refreshesLeft = 120;
  function refresh() {
    window.fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var parsed = new DOMParser().parseFromString(html, 'text/html');
        var fresh = parsed.getElementById('pending');
        var current = document.getElementById('pending');
        if (fresh && current) {
          current.replaceWith(document.importNode(fresh, true));
        }
      })
      .catch(function () {
        // A failed refresh (a dropped connection, a session that ended) leaves the list as it was.
      })
      .finally(function () {
        refreshesLeft -= 1;
        if (refreshesLeft > 0) {
          window.setTimeout(refresh, period);
        }
      });
  }
  window.setTimeout(refresh, period);
}());
