#include "server/web/assets.h"

#include <cstdint>

namespace kedja::server::web {
namespace {

// System fonts; contrast ≥ 4.5:1 for text (WCAG 2.1 AA 1.4.3); focus always
// visible (2.4.7); status by word and shape, colour only as an extra.
constexpr std::string_view css = R"css(
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:100%;line-height:1.45;color:#1b1b1b;background:#fff}
body{margin:0;overflow-wrap:break-word}
a{color:#0b4f9c}
a:visited{color:#5a2d82}
a:hover{color:#062c58}
:focus-visible{outline:3px solid #ffbf47;outline-offset:2px;box-shadow:0 0 0 5px #1b1b1b}
input[type=date]:focus-within{outline:3px solid #ffbf47;outline-offset:2px;box-shadow:0 0 0 5px #1b1b1b}
.skip{position:absolute;left:-999px;top:0;background:#ffbf47;color:#1b1b1b;padding:.5rem 1rem;z-index:10}
.skip:focus{left:0}
header.site{background:#123d6a;color:#fff;padding:.6rem 1.25rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
header.site a{color:#fff}
.brand{font-weight:700;font-size:1.25rem;text-decoration:none}
.who{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
.who .unit{font-weight:600}
.who .role{opacity:.95}
nav.main{background:#e8eef5;padding:0 1.25rem;border-bottom:1px solid #b8c6d6}
nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:1.5rem}
nav.main a{display:inline-block;padding:.55rem 0;font-weight:600;text-decoration:none;color:#123d6a}
nav.main a[aria-current=page]{border-bottom:4px solid #123d6a}
main{padding:1rem 1.25rem 3rem;max-width:90rem}
h1{font-size:1.75rem;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:1.75rem 0 .6rem}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}
.lead{font-size:1.05rem;color:#3b3b3b;margin-top:-.5rem}
button,.button{font:inherit;font-weight:600;background:#1d6b35;color:#fff;border:2px solid #1d6b35;border-radius:4px;padding:.35rem .8rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:#123d6a;border-color:#123d6a}
button.danger{background:#a4161a;border-color:#a4161a}
button.link{background:none;border:none;color:inherit;text-decoration:underline;padding:0;font-weight:400}
button:hover{filter:brightness(1.1)}
label{font-weight:600;display:block;margin-bottom:.2rem}
.hint{color:#4a4a4a;font-size:.95rem;margin:.1rem 0 .3rem}
input[type=text],input[type=password],input[type=date],select,textarea{font:inherit;border:2px solid #1b1b1b;border-radius:0;padding:.3rem .4rem;max-width:100%}
input[type=password]{width:26rem}
fieldset{border:none;margin:0 0 .8rem;padding:0}
legend{font-weight:600;padding:0;margin-bottom:.2rem}
.field{margin-bottom:.9rem}
.choices{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem}
.choices label{font-weight:400;display:inline-flex;gap:.35rem;align-items:center}
.field-error{color:#a4161a;font-weight:600;margin:.1rem 0 .3rem}
.has-error input,.has-error select,.has-error textarea{border-color:#a4161a}
.has-error{border-left:5px solid #a4161a;padding-left:.75rem}
.error-summary{border:4px solid #a4161a;padding:.75rem 1rem;margin:0 0 1.25rem}
.error-summary h2{margin-top:0;font-size:1.2rem}
.error-summary a{color:#a4161a;font-weight:600}
.notice{border-left:6px solid #1d6b35;background:#eef7f0;padding:.6rem 1rem;margin:0 0 1rem}
.message{border-left:6px solid #a4161a;background:#fbeeee;padding:.6rem 1rem;margin:0 0 1rem}
.tabs{list-style:none;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.25rem;border-bottom:2px solid #123d6a}
.tabs a{display:inline-block;padding:.45rem .9rem;text-decoration:none;color:#123d6a;font-weight:600;border:2px solid transparent;border-bottom:none}
.tabs a[aria-current=page]{background:#123d6a;color:#fff}
.count{display:inline-block;min-width:1.6rem;text-align:center;margin-left:.35rem;padding:0 .35rem;border-radius:1rem;background:#e8eef5;color:#123d6a}
.tabs a[aria-current=page] .count{background:#fff}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;background:#f3f5f8;padding:.75rem;margin-bottom:1rem}
form.filters .field{margin:0;min-width:0;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.95rem}
.scroll{overflow-x:auto;max-width:100%;margin:0 0 1rem;position:relative}
form.question{display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
.scroll:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #c9ced6}
table.work tbody th{overflow-wrap:anywhere;min-width:10rem}
thead th{border-bottom:2px solid #1b1b1b;white-space:nowrap}
th a{color:inherit}
td.num,th.num{text-align:right}
tbody tr:nth-child(even){background:#f7f8fa}
.late,table.overdue td:nth-child(7){color:#a4161a;font-weight:600}
.soon{color:#7a4a00}
form.inline{display:flex;flex-wrap:wrap;gap:.3rem .5rem;align-items:flex-end}
form.inline label{font-weight:400;font-size:.85rem;margin:0}
form.inline button{font-size:.9rem;padding:.2rem .5rem}
table.work td:nth-child(2){text-align:right}
table.work td form{display:flex;flex-wrap:wrap;gap:.3rem .5rem;align-items:flex-end}
table.work td label,table.work td legend{font-weight:400;font-size:.85rem;margin:0}
table.work td fieldset{margin:0}
table.work td label{display:inline-flex;gap:.3rem;align-items:center}
table.work td>button{margin:.1rem .3rem .1rem 0}
table.work td button{font-size:.9rem;padding:.2rem .5rem}
.pager{display:flex;gap:1rem;align-items:center;margin:1rem 0}
.downloads{margin:1rem 0;display:flex;gap:1rem;flex-wrap:wrap}
.person{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem 1.25rem;margin:0 0 1rem}
.person dt{font-weight:600}
.person dd{margin:0;overflow-wrap:anywhere}
@media (max-width:30rem){.person{grid-template-columns:minmax(0,1fr)}.person dd{margin-bottom:.3rem}}
fieldset.person-row{border-top:1px solid #c9ced6;padding-top:.5rem}
.row-fields{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}
ul.plain{margin:0;padding-left:1.1rem}
ol.timeline{list-style:none;margin:0;padding:0;border-left:3px solid #8a97a8}
ol.timeline li{position:relative;margin:0 0 .75rem;padding:.1rem 0 .1rem 1.6rem}
ol.timeline li::before{position:absolute;left:-.8rem;top:.15rem;width:1.4rem;height:1.4rem;line-height:1.4rem;text-align:center;border-radius:50%;background:#fff;border:2px solid #1b1b1b;font-weight:700;font-size:.8rem}
ol.timeline li.done::before{content:"\2713";background:#1d6b35;color:#fff;border-color:#1d6b35}
ol.timeline li.open::before{content:"\25CB"}
ol.timeline li.overdue::before{content:"!";background:#a4161a;color:#fff;border-color:#a4161a;border-radius:2px}
ol.timeline li.declined::before{content:"\2013"}
ol.timeline li.cancelled::before{content:"\00D7"}
.status{font-weight:700}
.events del{color:#4a4a4a}
.events .void-reason{font-style:italic}
details{border:1px solid #b8c6d6;margin:0 0 .5rem;padding:.3rem .75rem}
details[open]{padding-bottom:.75rem}
summary{cursor:pointer;font-weight:600;padding:.2rem 0}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(18rem,2fr);gap:2rem}
@media (max-width:60rem){.cols{display:block}}
.overview td a{font-weight:600}
.chart-pair{display:grid;grid-template-columns:minmax(16rem,1fr) minmax(0,max-content);gap:1.5rem;align-items:start;margin-bottom:1rem}
@media (max-width:60rem){.chart-pair{display:block}}
figure{margin:0 0 1rem}
figcaption{color:#3b3b3b;font-size:.9rem;margin-top:.3rem}
svg.chart{max-width:100%;height:auto}
svg.chart text{font-family:inherit;font-size:13px;fill:#1b1b1b}
svg.chart text.axis{font-size:11px;fill:#3b3b3b}
svg.chart text.target-label{font-weight:700;fill:#a4161a}
svg.chart .bar{fill:#123d6a}
svg.chart .grid{stroke:#c9ced6;stroke-width:1}
svg.chart .target{stroke:#a4161a;stroke-width:2;stroke-dasharray:6 4}
table.numbers caption{font-size:1rem}
table.compact th,table.compact td{padding:.2rem .4rem}
input[type=number]{font:inherit;border:2px solid #1b1b1b;border-radius:0;padding:.3rem .4rem;width:6rem}
input[type=file]{font:inherit;border:2px solid #1b1b1b;padding:.3rem;max-width:100%}
.warning{border-left:6px solid #8a5a00;background:#fdf5e6;padding:.6rem 1rem;margin:0 0 1rem}
.actions{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;margin:1rem 0}
.muted{color:#4a4a4a}
.login{max-width:34rem}
footer.site{border-top:1px solid #c9ced6;padding:1rem 1.25rem;color:#4a4a4a;font-size:.9rem}
@media print{
  @page{size:A4;margin:12mm}
  header.site,nav.main,.skip,form,.tabs,.pager,.downloads,footer.site,button,.actions,.no-print,table.act tr>:last-child{display:none!important}
  .chart-pair{display:block}
  .scroll{overflow:visible}
  svg.chart{break-inside:avoid}
  html{font-size:10pt;color:#000}
  main{padding:0;max-width:none}
  a{color:#000;text-decoration:none}
  table{font-size:9pt}
  th,td{padding:2pt 4pt;border-bottom:.5pt solid #777}
  tbody tr:nth-child(even){background:none}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  .print-only{display:block!important}
}
.print-only{display:none}
[hidden]{display:none!important}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.new-secret{border:4px solid #123d6a;padding:.75rem 1rem;margin:0 0 1.5rem;max-width:60rem}
.new-secret h2{margin-top:0}
input.secret{width:100%;font-family:ui-monospace,Consolas,monospace;font-size:.9rem}
.copy{display:flex;gap:1rem;align-items:center}
)css";

// Progressive enhancement: after a post's answer, the keyboard starts at
// what it says, so a screen reader reads it and Tab goes on from there: the
// [data-fokus] of the lowest rank (1 the error summary, 2 a secret shown
// once, 3 the one-shot notice); and
// [data-kopiera] buttons, shown only when the script runs, copy the field
// they name and say so in their status element.
constexpr std::string_view js = R"js(
(function () {
  var said = null;
  Array.prototype.forEach.call(document.querySelectorAll("[data-fokus]"), function (element) {
    if (!said || element.getAttribute("data-fokus") < said.getAttribute("data-fokus")) said = element;
  });
  if (said) said.focus();

  var buttons = document.querySelectorAll("button[data-kopiera]");
  Array.prototype.forEach.call(buttons, function (button) {
    var field = document.getElementById(button.getAttribute("data-kopiera"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!field) return;
    var say = function (text) { if (status) status.textContent = text; };
    var copied = "Kopierat. Klistra in med Ctrl+V.";
    var by_hand = "Markerat: tryck Ctrl+C för att kopiera.";
    button.hidden = false;
    button.addEventListener("click", function () {
      field.focus();
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { say(copied); },
          function () { say(document.execCommand("copy") ? copied : by_hand); });
      } else {
        say(document.execCommand("copy") ? copied : by_hand);
      }
    });
  });
})();
)js";

std::string fnv1a_hex(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) out[static_cast<std::size_t>(i)] = hex[hash & 0xF];
  return out;
}

}  // namespace

std::string_view stylesheet() { return css; }

const std::string& stylesheet_path() {
  static const std::string path = "/static/kedja-" + fnv1a_hex(css) + ".css";
  return path;
}

std::string_view script() { return js; }

const std::string& script_path() {
  static const std::string path = "/static/kedja-" + fnv1a_hex(js) + ".js";
  return path;
}

}  // namespace kedja::server::web
