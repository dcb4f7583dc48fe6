namespace AcsTeamsSecurity.Audit.Reports
{
    /// <summary>
    /// The inline style sheet, script and logo of the HTML report. They are constants so the page's
    /// Content-Security-Policy can allow exactly these blocks by hash, and nothing else.
    /// </summary>
    internal static class HtmlReportAssets
    {
        /// <summary>A small shield, inline SVG (no image is ever fetched).</summary>
        internal const string Logo =
            "<svg class=\"logo\" viewBox=\"0 0 32 32\" width=\"40\" height=\"40\" aria-hidden=\"true\" focusable=\"false\">"
            + "<path d=\"M16 2 4 6.5v8.2c0 7.4 5.1 13.3 12 15.3 6.9-2 12-7.9 12-15.3V6.5z\" fill=\"#fff\" fill-opacity=\".16\" stroke=\"#fff\" stroke-width=\"1.6\"/>"
            + "<path d=\"m10.5 16.2 3.7 3.7 7.4-7.6\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2.4\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>\n";

        /// <summary>The style sheet: system fonts only, print rules, colours paired with text and shapes.</summary>
        internal const string Style = @"
:root{--ink:#101828;--muted:#475467;--line:#d0d5dd;--soft:#f2f4f7;--bg:#f6f7f9;--brand:#1d2b53;--brand2:#2f4b8f;
--fail:#b42318;--fail-bg:#fef3f2;--error:#6941c6;--error-bg:#f4f3ff;--warn:#b54708;--warn-bg:#fffaeb;
--pass:#067647;--pass-bg:#ecfdf3;--na:#475467;--na-bg:#f2f4f7}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}
.mono,code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace;font-size:.9em}
.wrap,main,.foot{max-width:1100px;margin:0 auto;padding:0 24px}
.masthead{background:linear-gradient(120deg,var(--brand),var(--brand2));color:#fff;padding:28px 0 26px}
.masthead .wrap{display:flex;gap:18px;align-items:center}
.logo{flex:none}
.eyebrow{margin:0;font-size:12px;letter-spacing:.08em;text-transform:uppercase;opacity:.85}
h1{margin:2px 0 4px;font-size:28px;line-height:1.2;font-weight:650}
.subject{margin:0;font-size:17px}
.subject .tenant{font-weight:600}
.subject .env{display:inline-block;margin-left:8px;padding:1px 10px;border:1px solid rgba(255,255,255,.55);border-radius:999px;font-size:13px;vertical-align:2px}
main{padding-top:22px;padding-bottom:8px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:18px 22px;margin:0 0 18px}
h2{margin:0 0 12px;font-size:19px}
h3{margin:26px 0 10px;font-size:17px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3 .n{color:var(--muted);font-weight:400}
h4{margin:4px 0 0;font-size:16.5px;line-height:1.35}
h5{margin:12px 0 4px;font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.lead{margin:0 0 14px;font-size:16px}
.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:10px 24px;margin:0}
.meta dt{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.meta dd{margin:0;overflow-wrap:anywhere}
.tiles{list-style:none;margin:0 0 16px;padding:0;display:grid;grid-template-columns:repeat(5,1fr);gap:10px}
.tile{border:1px solid var(--line);border-left-width:6px;border-radius:8px;padding:10px 12px;background:#fff}
.tile-count{display:block;font-size:30px;font-weight:700;line-height:1.1}
.tile-label{font-size:13px;font-weight:600}
.tile.st-fail{border-left-color:var(--fail);background:var(--fail-bg)}.tile.st-fail .tile-count{color:var(--fail)}
.tile.st-error{border-left-color:var(--error);background:var(--error-bg)}.tile.st-error .tile-count{color:var(--error)}
.tile.st-warning{border-left-color:var(--warn);background:var(--warn-bg)}.tile.st-warning .tile-count{color:var(--warn)}
.tile.st-pass{border-left-color:var(--pass);background:var(--pass-bg)}.tile.st-pass .tile-count{color:var(--pass)}
.tile.st-notapplicable{border-left-color:var(--na);background:var(--na-bg)}.tile.st-notapplicable .tile-count{color:var(--na)}
.sym{display:inline-block;min-width:1em;margin-right:4px;font-weight:700;text-align:center}
table{border-collapse:collapse}
.matrix{width:100%;font-size:14px}
.matrix caption{text-align:left;font-weight:600;padding:0 0 6px;color:var(--muted)}
.matrix th,.matrix td{border:1px solid var(--line);padding:6px 10px;text-align:right}
.matrix th[scope=row],.matrix thead th:first-child{text-align:left}
.matrix thead th,.matrix tfoot th,.matrix tfoot td{background:var(--soft)}
.matrix td.zero{color:#98a2b3}
.matrix td.hot{background:var(--fail-bg);color:var(--fail);font-weight:700}
.matrix .total{font-weight:600}
.hint{color:var(--muted);margin:-4px 0 12px}
.fold>summary{cursor:pointer;list-style:none}
.fold>summary::-webkit-details-marker{display:none}
.fold>summary h3::before{content:'\25B8';display:inline-block;width:1.1em;color:var(--muted)}
.fold[open]>summary h3::before{content:'\25BE'}
.fold>summary:focus-visible{outline:2px solid var(--brand2);outline-offset:2px}
.fold-hint{margin-left:8px;color:var(--muted);font-size:13px;font-weight:400}
.fold[open] .fold-hint{display:none}
.filters{display:flex;flex-wrap:wrap;gap:10px 22px;align-items:center;background:#fff;border:1px solid var(--line);border-radius:10px;padding:10px 16px;margin:0 0 6px}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center}
.filters legend{float:left;margin-right:6px;font-weight:600;font-size:13px;color:var(--muted)}
.filters label{font-size:14px;white-space:nowrap;cursor:pointer}
.filters .n{color:var(--muted);font-size:12px}
.shown{margin:0 0 0 auto;color:var(--muted);font-size:13px}
.finding{background:#fff;border:1px solid var(--line);border-left:6px solid var(--na);border-radius:10px;padding:14px 18px 12px;margin:0 0 14px}
.finding.st-fail{border-left-color:var(--fail)}.finding.st-error{border-left-color:var(--error)}
.finding.st-warning{border-left-color:var(--warn)}.finding.st-pass{border-left-color:var(--pass)}
.badges{margin:0;display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.badge{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12.5px;font-weight:650;border:1px solid transparent;white-space:nowrap}
.badge.status.st-fail{background:var(--fail-bg);color:var(--fail);border-color:var(--fail)}
.badge.status.st-error{background:var(--error-bg);color:var(--error);border-color:var(--error)}
.badge.status.st-warning{background:var(--warn-bg);color:var(--warn);border-color:var(--warn)}
.badge.status.st-pass{background:var(--pass-bg);color:var(--pass);border-color:var(--pass)}
.badge.status.st-notapplicable{background:var(--na-bg);color:var(--na);border-color:var(--na);border-style:dashed}
.sev{font-weight:650}
.badge.sev{background:var(--soft);color:var(--ink);border-color:var(--line)}
.sev::before{content:'';display:inline-block;width:.62em;height:.62em;border-radius:50%;margin-right:6px;background:currentColor;vertical-align:.05em}
.sev-critical::before{background:#7a271a}.sev-high::before{background:#d92d20}.sev-medium::before{background:#f79009}
.sev-low::before{background:#2e90fa}.sev-informational::before{background:#98a2b3}
.rule-id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;color:var(--muted)}
.details{width:100%;margin-top:10px;font-size:14px}
.details th{width:150px;text-align:left;vertical-align:top;font-weight:600;color:var(--muted);padding:5px 12px 5px 0;border-top:1px solid var(--soft)}
.details td{padding:5px 0;border-top:1px solid var(--soft);overflow-wrap:anywhere}
.scope{font-weight:600}
.value{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;padding:1px 6px;border-radius:4px;background:var(--soft)}
.st-fail .value.actual{background:var(--fail-bg);color:var(--fail)}
.st-pass .value.actual{background:var(--pass-bg);color:var(--pass)}
.mappings{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
.mappings li{border:1px solid var(--line);border-radius:6px;padding:0 8px;font-size:13px}
.fw{color:var(--muted)}
.fix pre{margin:0;background:#0f172a;color:#e2e8f0;border-radius:8px;padding:10px 14px;white-space:pre-wrap;overflow-wrap:anywhere}
.fix .none{margin:0;color:var(--muted)}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.empty{color:var(--muted)}
.foot{color:var(--muted);font-size:12.5px;padding-top:6px;padding-bottom:30px}
@media (max-width:760px){.tiles{grid-template-columns:repeat(2,1fr)}.details th{width:110px}}
@media print{
body{background:#fff;font-size:11pt}
.filters{display:none!important}
.fold::details-content{content-visibility:visible!important;display:block!important}
.fold-hint,.fold>summary h3::before{display:none!important}
.masthead{background:none;color:#000;border-bottom:2px solid #000;padding:0 0 8px}
.logo path{stroke:#000;fill:none}
.subject .env{border-color:#000}
.wrap,main,.foot{max-width:none;padding:0}
.card,.finding,.tile{border-color:#000!important;background:#fff!important;box-shadow:none}
.finding{break-inside:avoid;page-break-inside:avoid;border-left-width:1px}
h2,h3,h4{break-after:avoid;page-break-after:avoid}
.tile .tile-count,.badge,.value,.matrix td.hot{color:#000!important;background:#fff!important}
.badge.status{border:1px solid #000!important}
.badge.status.st-fail{border-width:2px!important;font-weight:800}
.badge.status.st-error{border-style:double!important;border-width:3px!important}
.badge.status.st-warning{border-style:dashed!important}
.badge.status.st-notapplicable{border-style:dotted!important}
.matrix thead th,.matrix tfoot th,.matrix tfoot td{background:#fff}
.matrix th,.matrix td{border-color:#000}
.fix pre{background:#fff;color:#000;border:1px solid #000}
}
";

        /// <summary>Client-side filtering by status and severity; the page is complete without it.</summary>
        internal const string Script = @"
(function(){
var form=document.getElementById('filters');if(!form){return;}
var findings=document.querySelectorAll('article.finding');var groups=document.querySelectorAll('section.group');
var shown=document.getElementById('shown');
function checked(name){var on={};var boxes=form.querySelectorAll('input[name='+name+']');
for(var i=0;i<boxes.length;i++){on[boxes[i].value]=boxes[i].checked;}return on;}
function apply(){var st=checked('status'),sv=checked('severity'),n=0,i;
for(i=0;i<findings.length;i++){var f=findings[i];var v=st[f.getAttribute('data-status')]&&sv[f.getAttribute('data-severity')];f.hidden=!v;if(v){n++;}}
for(i=0;i<groups.length;i++){groups[i].hidden=!groups[i].querySelector('article.finding:not([hidden])');}
shown.textContent=n+' of '+findings.length+' findings shown';}
form.addEventListener('change',apply);form.hidden=false;apply();
})();
";
    }
}
