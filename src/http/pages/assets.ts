/**
 * The few static files the pages load: one stylesheet (mobile first, with a print layout), htmx
 * (read once from node_modules, never from a CDN) and a tiny script for the print button. Each is
 * linked with a version hash in its URL and cached for a year.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Written for a 360 px phone first; wider screens get more columns. No framework, system fonts.
 * Print: no navigation, filters or buttons; black on white; tables keep their columns.
 */
export const STYLESHEET = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1b1b1b;background:#f6f6f2}
a{color:#0b5394}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #f4b400;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem;z-index:9}.skip:focus{left:.5rem}
header.top{background:#14532d;color:#fff}
header.top .bar{display:flex;flex-wrap:wrap;gap:.25rem .75rem;justify-content:space-between;align-items:center;padding:.5rem .75rem}
header.top a{color:#fff}.brand{font-weight:700;text-decoration:none;font-size:1.1rem}
header.top .who{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;font-size:.9rem}
header.top button{margin:0;background:#0d3b20;padding:.35rem .6rem;font-size:.9rem}
nav.main{background:#0f4024;overflow-x:auto}
nav.main ul{display:flex;gap:0;margin:0;padding:0 .25rem;list-style:none;white-space:nowrap}
nav.main a{display:block;padding:.6rem .65rem;color:#e8f5e9;text-decoration:none;font-size:.95rem}
nav.main a[aria-current=page]{background:#f6f6f2;color:#14532d;font-weight:600}
main{max-width:72rem;margin:0 auto;padding:.75rem}
h1{font-size:1.35rem;margin:.5rem 0 .75rem}h2{font-size:1.15rem;margin:.25rem 0 .5rem}h3{font-size:1rem;margin:.5rem 0}
.sub{color:#555;margin:-.5rem 0 .75rem;font-size:.95rem}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.75rem;margin:.75rem 0}
.grid{display:grid;gap:.75rem;grid-template-columns:1fr}
.figures{display:grid;gap:.5rem;grid-template-columns:1fr 1fr;margin:.5rem 0}
.figure{background:#f3f7f4;border-radius:4px;padding:.5rem}.figure .label{display:block;font-size:.85rem;color:#444}
.figure .value{display:block;font-size:1.1rem;font-weight:600;font-variant-numeric:tabular-nums}
.slot .value{color:#777}.slot .why{font-size:.8rem;color:#666}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}.scroll>table{min-width:34rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{border-bottom:1px solid #e2e2e2;padding:.35rem .45rem;text-align:left;vertical-align:top}
th{background:#f0f0ea;font-weight:600}tfoot td,tfoot th{font-weight:700;border-top:2px solid #999}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.hl td{background:#fff7d6}
.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.8rem;word-break:break-all}
.muted{color:#666}.small{font-size:.85rem}
.ok{color:#14532d;font-weight:600}.bad{color:#b91c1c;font-weight:700}
.error,.note,.done{padding:.5rem .75rem;margin:.75rem 0;border-radius:4px}
.error{background:#fde8e8;border-left:4px solid #b91c1c}.note{background:#fff7d6;border-left:4px solid #b7791f}
.done{background:#e6f4ea;border-left:4px solid #14532d}
.error ul{margin:.25rem 0;padding-left:1.2rem}
form.inline{display:inline}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}
.hint{display:block;font-size:.85rem;color:#555;font-weight:400}
input,select,textarea,button{font:inherit;padding:.5rem;max-width:100%}
input,select,textarea{width:100%;border:1px solid #888;border-radius:4px;background:#fff}
input[aria-invalid=true],select[aria-invalid=true]{border:2px solid #b91c1c}
.field-error{color:#b91c1c;font-size:.9rem;margin:.2rem 0 0}
button,.button{display:inline-block;background:#14532d;color:#fff;border:0;border-radius:4px;cursor:pointer;margin-top:.75rem;padding:.55rem .9rem;text-decoration:none}
button.secondary,.button.secondary{background:#e7ece8;color:#14532d;border:1px solid #14532d}
button.danger{background:#9b1c1c}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.filters{display:grid;gap:0 .75rem;grid-template-columns:1fr 1fr}
.filters .wide{grid-column:1/-1}
.lines fieldset{border:1px solid #ddd;border-radius:4px;margin:.5rem 0;padding:.25rem .5rem .5rem}
.lines legend{font-weight:600;font-size:.9rem;padding:0 .25rem}
.line-grid{display:grid;gap:0 .5rem;grid-template-columns:1fr 1fr}
.line-grid .acc,.line-grid .party{grid-column:1/-1}
.check{margin:.5rem 0;padding:.5rem;background:#f3f7f4;border-radius:4px}
.chart svg{max-width:100%;height:auto;display:block}
dl.kv{display:grid;grid-template-columns:auto 1fr;gap:.2rem .75rem;margin:.5rem 0}dl.kv dt{font-weight:600}dl.kv dd{margin:0}
.pager{display:flex;gap:1rem;margin:.75rem 0}
details>summary{cursor:pointer;color:#0b5394;padding:.25rem 0}details[open]>summary{font-weight:600}
.print-only{display:none}
.doc{background:#fff;border:1px solid #ccc;padding:1rem;max-width:48rem;margin:0 auto;font-family:"Times New Roman",Times,serif;font-size:15px}
.doc .head{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.doc .form-no{text-align:center;font-size:13px}.doc .form-no strong{font-size:15px}
.doc h1{text-align:center;font-size:1.5rem;margin:1rem 0 0;letter-spacing:.05em}
.doc .dateline{text-align:center;font-style:italic;margin:.2rem 0 .5rem}
.doc .refs{display:flex;justify-content:flex-end}.doc .refs dl{margin:0}
.doc p{margin:.35rem 0}.doc .dots{border-bottom:1px dotted #555;display:inline-block;min-width:12rem}
.doc .words{font-style:italic}
.doc .signs{display:grid;grid-template-columns:repeat(5,1fr);gap:.25rem;text-align:center;margin-top:1rem;font-size:13px}
.doc .signs strong{display:block;font-size:12px}.doc .signs .space{height:4.5rem}
.sheet-13td table.sheet td,.sheet-13td table.sheet th{border:1px solid #777}.sheet-13td .sign{min-width:7rem}.sheet-13td tbody td{height:2.2rem}
.doc .signs.three{grid-template-columns:repeat(3,1fr)}.doc .signs em{display:block;font-size:11px}
@media (min-width:40rem){
 main{padding:1rem 1.25rem}
 .figures{grid-template-columns:repeat(3,1fr)}
 .filters{grid-template-columns:repeat(4,1fr)}
 .line-grid{grid-template-columns:3fr 2fr 2fr 2fr}.line-grid .acc,.line-grid .party{grid-column:auto}
}
@media (min-width:64rem){.grid.two{grid-template-columns:1fr 1fr}.figures{grid-template-columns:repeat(5,1fr)}}
@media print{
 @page{margin:12mm}
 body{background:#fff;color:#000;font-size:12pt}
 header.top,nav.main,.skip,.no-print,button,.button,form.filters,.pager,.actions{display:none!important}
 .print-only{display:block}
 main{max-width:none;padding:0}
 .card{border:0;padding:0;margin:0 0 .75rem}
 a{color:#000;text-decoration:none}
 .scroll{overflow:visible}
 table{font-size:10pt}th{background:#eee}
 .doc{border:0;max-width:none;padding:0}
 .doc .signs .space{height:3cm}
 .sheet-13td{font-size:11pt}.sheet-13td .scroll>table{min-width:0}.sheet-13td tbody td{height:1.1cm}
}
`;

function versionOf(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export const STYLESHEET_HREF = `/assets/soquy.css?v=${versionOf(STYLESHEET)}`;

/** The print button: the only script of our own. No inline handlers (CSP). */
export const SOQUY_JS = `document.addEventListener('click',function(e){var t=e.target;if(t&&t.closest&&t.closest('[data-print]')){e.preventDefault();window.print();}});\n`;
export const SOQUY_JS_HREF = `/assets/soquy.js?v=${versionOf(SOQUY_JS)}`;

let htmx: { body: Buffer; href: string } | undefined;

/** htmx, from node_modules (htmx.org/dist/htmx.min.js), read on first use. */
export function htmxAsset(): { body: Buffer; href: string } {
  if (!htmx) {
    const path = createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js');
    const body = readFileSync(path);
    htmx = { body, href: `/assets/htmx.min.js?v=${versionOf(body)}` };
  }
  return htmx;
}

/** A year, immutable: the URL changes when the content does. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
