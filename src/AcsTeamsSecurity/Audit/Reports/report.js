// The HTML report's filter script (HtmlReport): embedded in the module and inlined into each report, whose
// Content-Security-Policy allows exactly this text by its hash. The page is complete without it.
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
