// The XSS corpus: every payload that could run calls `window.__xss(<its number>)` (or sets
// `window.__pwned`), so the page-level trap names the one that got through. Script tags, event
// handlers, javascript:/data:/vbscript: URLs, SVG and MathML, broken markup and mutation tricks,
// template syntaxes (Lit's own markers included), CSS expressions and Unicode tricks.

const HANDLERS = [
  ['img src=x', 'onerror'], ['svg', 'onload'], ['body', 'onload'], ['input autofocus', 'onfocus'], ['details open', 'ontoggle'],
  ['video><source', 'onerror'], ['audio src=x', 'onerror'], ['iframe', 'onload'], ['marquee', 'onstart'], ['select autofocus', 'onfocus'],
  ['textarea autofocus', 'onfocus'], ['div style="animation-name:x"', 'onanimationstart'], ['a href=#', 'onmouseover'], ['object data=x', 'onerror'],
  ['style', 'onload'], ['link rel=stylesheet href=x', 'onerror'], ['embed src=x', 'onerror'], ['image src=x', 'onerror'], ['svg><animate attributeName=x dur=1s', 'onbegin'],
  ['form><button', 'onfocus'], ['keygen autofocus', 'onfocus'], ['isindex type=image src=x', 'onerror'], ['frameset', 'onload'], ['x contenteditable autofocus', 'onfocusin'],
];

const FIXED = (n) => [
  `<script>window.__xss(${n})</script>`,
  `"><script>window.__xss(${n + 1})</script>`,
  `'><script>window.__xss(${n + 2})</script>`,
  `</script><script>window.__xss(${n + 3})</script>`,
  `</title></style></textarea><script>window.__xss(${n + 4})</script>`,
  `<scr<script>ipt>window.__xss(${n + 5})</scr</script>ipt>`,
  `<SCRIPT SRC=data:,window.__xss(${n + 6})></SCRIPT>`,
  `<script>import('data:text/javascript,window.__xss(${n + 7})')</script>`,
  `javascript:window.__xss(${n + 8})`,
  ` javascript:window.__xss(${n + 9})`,
  `JaVaScRiPt:window.__xss(${n + 10})`,
  `java\tscript:window.__xss(${n + 11})`,
  `javascript&colon;window.__xss(${n + 12})`,
  `&#106;avascript:window.__xss(${n + 13})`,
  `%6A%61vascript:window.__xss(${n + 14})`,
  `data:text/html,<script>parent.__xss(${n + 15})</script>`,
  `data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoMSk8L3NjcmlwdD4=#${n + 16}`,
  `vbscript:msgbox(${n + 17})`,
  `<a href="javascript:window.__xss(${n + 18})">cliquez</a>`,
  `<a href="data:text/html,<script>parent.__xss(${n + 19})</script>">lien</a>`,
  `<iframe src="javascript:parent.__xss(${n + 20})"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss(${n + 21})</script>"></iframe>`,
  `<object data="javascript:window.__xss(${n + 22})"></object>`,
  `<embed src="javascript:window.__xss(${n + 23})">`,
  `<form action="javascript:window.__xss(${n + 24})"><button>Envoyer</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__xss(${n + 25})">`,
  `<base href="javascript:window.__xss(${n + 26})//">`,
  `<svg><script>window.__xss(${n + 27})</script></svg>`,
  `<svg><a xlink:href="javascript:window.__xss(${n + 28})"><text x=9 y=9>x</text></a></svg>`,
  `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='window.__xss(${n + 29})'/></svg>#x"/></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss(${n + 30})>`,
  `<math href="javascript:window.__xss(${n + 31})">CLICK</math>`,
  `<noscript><p title="</noscript><img src=x onerror=window.__xss(${n + 32})>">`,
  `<!--<img src=x onerror=window.__xss(${n + 33})>-->`,
  `<![CDATA[<img src=x onerror=window.__xss(${n + 34})>]]>`,
  `<img src="x" onerror="window.__xss(${n + 35})"`,
  `<img src=x onerror=window.__xss(${n + 36})//`,
  `<<img src=x onerror=window.__xss(${n + 37})>>`,
  `<img/src/onerror=window.__xss(${n + 38})>`,
  `<img src=x:alert(alt) onerror=eval(src) alt=${n + 39}>`,
  `<style>@import 'javascript:window.__xss(${n + 40})';</style>`,
  `<div style="background:url(javascript:window.__xss(${n + 41}))">x</div>`,
  `<div style="width:expression(window.__xss(${n + 42}))">x</div>`,
  `}</style><img src=x onerror=window.__xss(${n + 43})>`,
  `*{background:url("javascript:window.__xss(${n + 44})")}`,
  `<link rel=stylesheet href="data:text/css,*{x:expression(window.__xss(${n + 45}))}">`,
  `{{constructor.constructor('window.__xss(${n + 46})')()}}`,
  `\${window.__xss(${n + 47})}`,
  `#{window.__xss(${n + 48})} <%= window.__xss(${n + 49}) %>`,
  `<!--?lit$123456789$--><img src=x onerror=window.__xss(${n + 50})>`,
  `<?lit$1$>{{x}}<template><img src=x onerror=window.__xss(${n + 51})></template>`,
  `<template shadowrootmode="open"><img src=x onerror=window.__xss(${n + 52})></template>`,
  `\u202E<img src=x onerror=window.__xss(${n + 53})>gpj.exe`,
  `<scr\u200Bipt>window.__xss(${n + 54})</scr\u200Bipt>`,
  `\uFF4Aavascript:window.__xss(${n + 55})`,
  `\uFF1Cscript\uFF1Ewindow.__xss(${n + 56})\uFF1C/script\uFF1E`,
  `<img src=x onerror=window.__xss(${n + 57})\u0000>`,
  `java\u0000script:window.__xss(${n + 58})`,
  `&lt;script&gt;window.__xss(${n + 59})&lt;/script&gt;`,
  `\u2028\u2029<img src=x onerror=window.__xss(${n + 60})>`,
  `\\u003cimg src=x onerror=window.__xss(${n + 61})\\u003e`,
  `';window.__xss(${n + 62});//`,
  `";window.__xss(${n + 63});//`,
  `\`;window.__xss(${n + 64});//`,
  `<img src=x onerror="window.__pwned='${n + 65}'">`,
  `<details open ontoggle="window['__x'+'ss'](${n + 66})">`,
  `<svg/onload=window.__xss(${n + 67})>`,
  `<img src=1 href=1 onerror="javascript:window.__xss(${n + 68})"></img>`,
  `<a href=" &#14;  javascript:window.__xss(${n + 69})">x</a>`,
];

/** Numbered payloads (the number is what `window.__xss` reports). */
export function payloads() {
  const list = FIXED(1);
  let n = list.length + 1;
  for (const [tag, handler] of HANDLERS) {
    list.push(`<${tag} ${handler}=window.__xss(${n++})>`);
    list.push(`"><${tag} ${handler}="window.__xss(${n++})">`);
  }
  return list;
}

/** URLs a host would never allow as links (refused by the API; also forced into the database). */
export const HOSTILE_URLS = [
  'javascript:window.__xss(900)', ' javascript:window.__xss(901)', 'JAVASCRIPT:window.__xss(902)', 'java\tscript:window.__xss(903)',
  'data:text/html,<script>parent.__xss(904)</script>', 'vbscript:msgbox(905)', '\uFF4Aavascript:window.__xss(906)', '//evil.example/907',
  'javascript://%0awindow.__xss(908)', 'file:///etc/passwd',
];
