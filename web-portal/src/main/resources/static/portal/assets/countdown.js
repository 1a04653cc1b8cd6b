// Counts down the seconds until a registration code expires. Without this script the page still shows the expiry
// time and the seconds left when it was loaded.
(function () {
  'use strict';
  var element = document.getElementById('expires-in');
  if (!element) {
    return;
  }
  var expiresAt = Date.parse(element.getAttribute('data-expires-at'));
  var one = element.getAttribute('data-template-one');
  var many = element.getAttribute('data-template-many');
  var expired = element.getAttribute('data-template-expired');
  var notice = document.getElementById('expired-notice');
  var qr = document.getElementById('qr-code');
  function update() {
    var left = Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000));
    if (left === 0) {
      element.textContent = expired;
      if (notice) {
        notice.hidden = false;
      }
      if (qr) {
        qr.classList.add('expired');
      }
      return;
    }
    element.textContent = (left === 1) ? one : many.replace('{n}', String(left));
    window.setTimeout(update, 1000);
  }
  update();
}());
