/**
 * lit-html without the features the widgets do not use: the text edits, pinned to one lit-html
 * version (see trim-lit-html.ts for what goes and why). Plain JavaScript, so that both the CDN
 * build and the unit tests' runner (web-test-runner.config.mjs) apply the same edits: the tests
 * run the widget's modules on the lit-html the CDN file ships.
 */
const VERSION = '3.3.3';

/** [what it removes, lit-html.js text, replacement]; applied in order, each must match exactly once. */
/** @type {[string, string, string][]} */
const EDITS = [
  [
    'the ShadyDOM wrap() (the identity without the polyfill)',
    'const t=globalThis,i=t=>t,s=',
    'const t=globalThis,s=',
  ],
  [
    "lit-html's template scanner: its binding comment (templateHtml writes it)",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: lit-html's code, which has template literals
    'n="?"+o,r=`<${n}>`,l=document',
    'n="?"+o,l=document',
  ],
  [
    "lit-html's template scanner: its expressions",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: lit-html's code, which has template literals
    'f="[ \\t\\n\\f\\r]",v=/<(?:(!--|\\/[^a-zA-Z])|(\\/?[a-zA-Z][^>\\s]*)|(\\/?$))/g,_=/-->/g,m=/>/g,p=RegExp(`>|${f}(?:([^\\\\s"\'>=/]+)(${f}*=${f}*(?:[^ \\t\\n\\f\\r"\'\\`<>=]|("|\')|))|$)`,"g"),g=/\'/g,$=/"/g,',
    '',
  ],
  [
    'raw-text elements, svg``/mathml``, noChange',
    'y=/^(?:script|style|textarea|title)$/i,x=t=>(i,...s)=>({_$litType$:t,strings:i,values:s}),b=x(1),w=x(2),T=x(3),E=Symbol.for("lit-noChange"),',
    'b=(t,...i)=>({_$litType$:1,strings:t,values:i}),',
  ],
  [
    "lit-html's template scanner (getTemplateHtml) for templateHtml() below, which the build checks against it",
    'const N=(t,i)=>{const s=t.length-1,e=[];let n,l=2===i?"<svg>":3===i?"<math>":"",c=v;for(let i=0;i<s;i++){const s=t[i];let a,u,d=-1,f=0;for(;f<s.length&&(c.lastIndex=f,u=c.exec(s),null!==u);)f=c.lastIndex,c===v?"!--"===u[1]?c=_:void 0!==u[1]?c=m:void 0!==u[2]?(y.test(u[2])&&(n=RegExp("</"+u[2],"g")),c=p):void 0!==u[3]&&(c=p):c===p?">"===u[0]?(c=n??v,d=-1):void 0===u[1]?d=-2:(d=c.lastIndex-u[2].length,a=u[1],c=void 0===u[3]?p:\'"\'===u[3]?$:g):c===$||c===g?c=p:c===_||c===m?c=v:(c=p,n=void 0);const x=c===p&&t[i+1].startsWith("/>")?" ":"";l+=c===v?s+r:d>=0?(e.push(a),s.slice(0,d)+h+s.slice(d)+o+x):s+o+(-2===d?i:x)}return[V(t,l+(t[s]||"<?>")+(2===i?"</svg>":3===i?"</math>":"")),e]};',
    `const N=t=>V(t,(${templateHtml})(t,o));`,
  ],
  [
    'svg``/mathml``, the polyfill hook (Template.createElement)',
    'constructor({strings:t,_$litType$:i},e){let r;this.parts=[];let l=0,a=0;const u=t.length-1,d=this.parts,[f,v]=N(t,i);if(this.el=S.createElement(f,e),P.currentNode=this.el.content,2===i||3===i){const t=this.el.content.firstChild;t.replaceWith(...t.childNodes)}',
    'constructor({strings:t}){let r;this.parts=[];let l=0;const u=t.length-1,d=this.parts,f=N(t);this.el=document.createElement("template"),this.el.innerHTML=f,P.currentNode=this.el.content;',
  ],
  [
    "bound attributes' names as written and text around a binding (the build checks the names are lower case and each binding the whole value)",
    'const i=v[a++],s=r.getAttribute(t).split(o),e=/([.?@])?(.*)/.exec(i);d.push({type:1,index:l,name:e[2],strings:s,ctor:',
    'const e=/([.?@])?(.*)/.exec(t.slice(0,-5));d.push({type:1,index:l,name:e[2],ctor:',
  ],
  [
    'element bindings, raw-text elements, bindings in comments',
    'r.removeAttribute(t)}else t.startsWith(o)&&(d.push({type:6,index:l}),r.removeAttribute(t));if(y.test(r.tagName)){const t=r.textContent.split(o),i=t.length-1;if(i>0){r.textContent=s?s.emptyScript:"";for(let s=0;s<i;s++)r.append(t[s],c()),P.nextNode(),d.push({type:2,index:++l});r.append(t[i],c())}}}else if(8===r.nodeType)if(r.data===n)d.push({type:2,index:l});else{let t=-1;for(;-1!==(t=r.data.indexOf(o,t+1));)d.push({type:7,index:l}),t+=o.length-1}l++}}static createElement(t,i){const s=l.createElement("template");return s.innerHTML=t,s}}',
    'r.removeAttribute(t)}}else 8===r.nodeType&&r.data===n&&d.push({type:2,index:l});l++}}}',
  ],
  [
    'directives',
    'function M(t,i,s=t,e){if(i===E)return i;let h=void 0!==e?s._$Co?.[e]:s._$Cl;const o=a(i)?void 0:i._$litDirective$;return h?.constructor!==o&&(h?._$AO?.(!1),void 0===o?h=void 0:(h=new o(t),h._$AT(t,s,e)),void 0!==e?(s._$Co??=[])[e]=h:s._$Cl=h),void 0!==h&&(i=M(t,h._$AS(t,i.values),h,e)),i}',
    '',
  ],
  [
    "the directives' view of a template instance",
    'class R{constructor(t,i){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=i}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){const{el:{content:i},parts:s}=this._$AD,e=(t?.creationScope??l).importNode(i,!0);',
    'class R{constructor(t){this._$AV=[],this._$AD=t}u(t){const{el:{content:i},parts:s}=this._$AD,e=l.importNode(i,!0);',
  ],
  [
    'element bindings, bindings in comments (no part left undefined)',
    'let i;2===r.type?i=new k(h,h.nextSibling,this,t):1===r.type?i=new r.ctor(h,r.name,r.strings,this,t):6===r.type&&(i=new Z(h,this,t)),this._$AV.push(i)',
    'this._$AV.push(2===r.type?new k(h,h.nextSibling,t):new r.ctor(h,r.name,t))',
  ],
  [
    'directives (the part passed along)',
    'for(const s of this._$AV)void 0!==s&&(void 0!==s.strings?(s._$AI(t,s,i),i+=s.strings.length-2):s._$AI(t[i])),i++',
    'for(const s of this._$AV)s._$AI(t[i]),i++',
  ],
  [
    'directives, async directives (connection state, parent, part API)',
    'class k{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,i,s,e){this.type=2,this._$AH=A,this._$AN=void 0,this._$AA=t,this._$AB=i,this._$AM=s,this.options=e,this._$Cv=e?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode;const i=this._$AM;return void 0!==i&&11===t?.nodeType&&(t=i.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,i=this){t=M(this,t,i),a(t)?',
    'class k{constructor(t,i,e){this._$AH=A,this._$AA=t,this._$AB=i,this.options=e}_$AI(t){a(t)?',
  ],
  ['noChange', 't!==this._$AH&&t!==E&&this._(t)', 't!==this._$AH&&this._(t)'],
  [
    'compiled templates, the polyfill hook, creationScope',
    '$(t){const{values:i,_$litType$:s}=t,e="number"==typeof s?this._$AC(t):(void 0===s.el&&(s.el=S.createElement(V(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===e)this._$AH.p(i);else{const t=new R(e,this),',
    '$(t){const i=t.values,e=this._$AC(t);if(this._$AH?._$AD===e)this._$AH.p(i);else{const t=new R(e),',
  ],
  [
    'directives (the parent)',
    'i.push(s=new k(this.O(c()),this.O(c()),this,this.options))',
    'i.push(s=new k(this.O(c()),this.O(c()),this.options))',
  ],
  ['async directives', 'this._$AR(s&&s._$AB.nextSibling,e)', 'this._$AR(s&&s._$AB.nextSibling)'],
  [
    'async directives, the ShadyDOM wrap()',
    '_$AR(t=this._$AA.nextSibling,s){for(this._$AP?.(!1,!0,s);t!==this._$AB;){const s=i(t).nextSibling;i(t).remove(),t=s}}setConnected(t){void 0===this._$AM&&(this._$Cv=t,this._$AP?.(t))}}',
    '_$AR(t=this._$AA.nextSibling){for(;t!==this._$AB;){const s=t.nextSibling;t.remove(),t=s}}}',
  ],
  [
    'directives, async directives, the part API, attribute values with text around the binding',
    'class H{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,i,s,e,h){this.type=1,this._$AH=A,this._$AN=void 0,this.element=t,this.name=i,this._$AM=e,this.options=h,s.length>2||""!==s[0]||""!==s[1]?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=A}',
    'class H{constructor(t,i,h){this.element=t,this.name=i,this.options=h,this._$AH=A}',
  ],
  [
    'directives, noChange, attribute values with text around the binding, SSR (no commit while hydrating)',
    '_$AI(t,i=this,s,e){const h=this.strings;let o=!1;if(void 0===h)t=M(this,t,i,0),o=!a(t)||t!==this._$AH&&t!==E,o&&(this._$AH=t);else{const e=t;let n,r;for(t=h[0],n=0;n<h.length-1;n++)r=M(this,e[s+n],i,n),r===E&&(r=this._$AH[n]),o||=!a(r)||r!==this._$AH[n],r===A?t=A:t!==A&&(t+=(r??"")+h[n+1]),this._$AH[n]=r}o&&!e&&this.j(t)}',
    '_$AI(t){(!a(t)||t!==this._$AH)&&(this._$AH=t,this.j(t))}',
  ],
  [
    'the part API (type)',
    'class I extends H{constructor(){super(...arguments),this.type=3}',
    'class I extends H{',
  ],
  [
    'the part API (type)',
    'class L extends H{constructor(){super(...arguments),this.type=4}',
    'class L extends H{',
  ],
  [
    'the part API (type), directives, noChange, listener objects and options (a binding is a function)',
    'class z extends H{constructor(t,i,s,e,h){super(t,i,s,e,h),this.type=5}_$AI(t,i=this){if((t=M(this,t,i,0)??A)===E)return;const s=this._$AH,e=t===A&&s!==A||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive,h=t!==A&&(s===A||e);e&&this.element.removeEventListener(this.name,this,s),h&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){"function"==typeof this._$AH?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}}',
    'class z extends H{_$AI(t){this._$AH===A&&this.element.addEventListener(this.name,this),this._$AH=t}handleEvent(t){this._$AH.call(this.options?.host??this.element,t)}}',
  ],
  [
    'element bindings, private exports, the polyfill hook',
    'class Z{constructor(t,i,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=i,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(t){M(this,t)}}const j={M:h,P:o,A:n,C:1,L:N,R,D:d,V:M,I:k,H,N:L,U:z,B:I,F:Z},B=t.litHtmlPolyfillSupport;B?.(S,k),',
    '',
  ],
  [
    // Lit's registry of the versions on a page, for its warnings: this runtime is no longer lit-html 3.3.3.
    'the version registry',
    '(t.litHtmlVersions??=[]).push("3.3.3");',
    '',
  ],
  [
    'renderBefore, the root part returned',
    'const D=(t,i,s)=>{const e=s?.renderBefore??i;let h=e._$litPart$;if(void 0===h){const t=s?.renderBefore??null;e._$litPart$=h=new k(i.insertBefore(c(),t),t,void 0,s??{})}return h._$AI(t),h};',
    'const D=(t,i,s)=>{(i._$litPart$??=new k(i.appendChild(c()),null,s))._$AI(t)};',
  ],
  [
    'svg``/mathml``, noChange, private exports',
    'export{j as _$LH,b as html,T as mathml,E as noChange,A as nothing,D as render,w as svg};',
    'export{b as html,A as nothing,D as render};',
  ],
];

/**
 * The HTML lit-html parses a template into, with a marker at each binding: what lit-html's scanner
 * (getTemplateHtml) makes of the widgets' templates, at a fraction of its size. A binding is in a
 * tag when the text before it has opened a tag and not closed it; there it is the value of the
 * attribute named just before it (`name=`, `name="`). The build checks every template of the
 * widgets against lit-html's own scanner and fails where the two differ (trim-lit-html.ts), so a
 * template this reading cannot handle (a `>` in an attribute's text, say) never ships.
 * @param {readonly string[]} strings a template's static strings
 * @param {string} marker lit-html's marker
 * @returns {string}
 */
export function templateHtml(strings, marker) {
  let html = '';
  let inTag = false;
  for (let i = 0; i < strings.length - 1; i++) {
    const text = strings[i];
    const open = text.lastIndexOf('<');
    const close = text.lastIndexOf('>');
    if (open !== close) inTag = open > close;
    html += inTag ? text.replace(/(=["']?)$/, '$$lit$$$1') + marker : `${text}<?${marker}>`;
  }
  return html + (strings[strings.length - 1] || '<?>');
}

/** @param {string} code lit-html's production lit-html.js @returns {string} */
export function trimLitHtml(code) {
  if (!code.includes(`.push("${VERSION}")`))
    throw new Error(`trim-lit-html: the edits are for lit-html ${VERSION}; check them against this version`);
  for (const [why, from, to] of EDITS) {
    const at = code.indexOf(from);
    if (at < 0 || code.indexOf(from, at + 1) >= 0)
      throw new Error(`trim-lit-html: the text to edit (${why}) is not in lit-html.js exactly once: ${from}`);
    code = code.slice(0, at) + to + code.slice(at + from.length);
  }
  return code;
}
