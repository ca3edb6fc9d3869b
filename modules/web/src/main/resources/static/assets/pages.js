// smp-ledger pages: the scalp map's zones show their explanation when focused, clicked or tapped.
(function () {
  function show(zone) {
    var panel = document.getElementById('zone-detail');
    if (!panel) { return; }
    var id = zone.getAttribute('data-zone');
    var explanation = document.getElementById('zone-expl-' + id);
    panel.textContent = '';
    var title = document.createElement('p');
    var strong = document.createElement('strong');
    strong.textContent = zone.getAttribute('aria-label');
    title.appendChild(strong);
    panel.appendChild(title);
    if (explanation) {
      var text = document.createElement('p');
      text.textContent = explanation.textContent;
      panel.appendChild(text);
    }
    document.querySelectorAll('svg.scalp .zone.selected').forEach(function (other) { other.classList.remove('selected'); });
    zone.classList.add('selected');
  }
  function bind(root) {
    root.querySelectorAll('svg.scalp .zone').forEach(function (zone) {
      zone.addEventListener('focus', function () { show(zone); });
      zone.addEventListener('click', function () { show(zone); });
      zone.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); show(zone); }
      });
    });
    var summary = root.querySelector('#refusal') || root.querySelector('#error-summary');
    if (summary) { summary.focus(); }
  }
  document.addEventListener('DOMContentLoaded', function () { bind(document); });
  document.addEventListener('htmx:afterSwap', function (event) { bind(event.target); });
}());
