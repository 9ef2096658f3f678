// The inline stylesheet and script of the HTML report. They are hashed into the page's
// Content-Security-Policy, so nothing else (no injected script, no external request) can run.
export const CSS = `
:root{--fg:#1d2430;--muted:#667085;--line:#e4e7ec;--bg:#f7f8fa;--card:#fff;
--critical:#8b1a89;--high:#c62828;--medium:#e08a00;--low:#2f7bbf;--info:#777}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#101828;color:#fff;padding:20px 32px}
header h1{margin:0 0 4px;font-size:22px}
header p{margin:0;color:#cfd4dc}
main{padding:20px 32px;max-width:1500px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin:0 0 18px}
h2{font-size:17px;margin:0 0 12px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:120px;background:#fff}
.card b{display:block;font-size:24px}
.card.critical b{color:var(--critical)}.card.high b{color:var(--high)}.card.medium b{color:var(--medium)}
.card.low b{color:var(--low)}.card.info b{color:var(--info)}
.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{font-weight:600;background:#fafbfc;position:sticky;top:0}
td.msg{max-width:520px;overflow-wrap:anywhere}
.path-ev{color:#b42318;font-size:12.5px}
td.path,code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px;overflow-wrap:anywhere}
.sev{display:inline-block;border-radius:4px;padding:1px 7px;font-size:12px;font-weight:600;color:#fff}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}
.sev-low{background:var(--low)}.sev-info{background:var(--info)}
.tag{display:inline-block;background:#eef2f6;border-radius:4px;padding:0 5px;margin:1px 2px 1px 0;font-size:11.5px}
.filters{display:flex;gap:10px;align-items:center;margin:0 0 10px;flex-wrap:wrap}
.filters input[type=search]{padding:6px 10px;border:1px solid var(--line);border-radius:6px;min-width:260px}
.filters select{padding:5px;border:1px solid var(--line);border-radius:6px}
.scroll{max-height:640px;overflow:auto}
details summary{cursor:pointer;color:var(--muted)}
.graph-wrap{overflow:auto;max-height:720px;border:1px solid var(--line);border-radius:8px;background:#fcfcfd}
svg.graph .edge{fill:none;stroke:#a3acb9;stroke-width:1.4}
svg.graph .edge.hl{stroke:#d92d20;stroke-width:2.6}
svg.graph .node{cursor:pointer}
svg.graph .node.hl rect{stroke:#d92d20;stroke-width:3}
svg.graph .nl{font-size:12px;font-weight:600;fill:#1d2430}
svg.graph .nk{font-size:11px;fill:#475467}
.legend .lg{margin-right:10px;white-space:nowrap}
footer{padding:0 32px 24px;color:var(--muted);font-size:12px}
@media print{.filters{display:none}.scroll,.graph-wrap{max-height:none;overflow:visible}section{break-inside:avoid-page}}
`;

export const JS = `
(function () {
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  all('[data-filter]').forEach(function (box) {
    var table = document.getElementById(box.getAttribute('data-filter'));
    if (!table) return;
    var q = box.querySelector('input[type=search]');
    var sel = box.querySelector('select');
    var sup = box.querySelector('input[type=checkbox]');
    var count = box.querySelector('.count');
    function apply() {
      var needle = q ? q.value.toLowerCase() : '';
      var want = sel ? sel.value : '';
      var shown = 0;
      all('tbody tr', table).forEach(function (row) {
        var ok = (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0) &&
          (!want || row.getAttribute('data-cat') === want) &&
          (!row.hasAttribute('data-suppressed') || (sup && sup.checked));
        row.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = shown + ' shown';
    }
    box.addEventListener('input', apply);
    box.addEventListener('change', apply);
    apply();
  });
  all('svg.graph .node').forEach(function (node) {
    function toggle() {
      var id = node.getAttribute('data-id');
      var on = !node.classList.contains('hl');
      all('svg.graph .hl').forEach(function (e) { e.classList.remove('hl'); });
      if (!on) return;
      node.classList.add('hl');
      all('svg.graph .edge').forEach(function (e) {
        if (e.getAttribute('data-from') === id || e.getAttribute('data-to') === id) e.classList.add('hl');
      });
    }
    node.addEventListener('click', toggle);
    node.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') toggle(); });
  });
})();
`;
