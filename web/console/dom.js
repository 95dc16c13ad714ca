/*
 * Building the page safely. Every value reaches the DOM as a text node or through a DOM property or
 * setAttribute, never as HTML: there is no innerHTML, insertAdjacentHTML or document.write anywhere
 * in the console, so a visitor who types markup only ever sees it shown as text.
 */

const PROPERTIES = new Set(['id', 'type', 'name', 'value', 'checked', 'selected', 'disabled', 'hidden', 'required',
  'readOnly', 'multiple', 'htmlFor', 'href', 'download', 'min', 'max', 'maxLength', 'minLength', 'placeholder',
  'autocomplete', 'pattern', 'rows', 'open', 'tabIndex', 'noValidate', 'inputMode', 'spellcheck', 'lang', 'title',
  'colSpan']);

/**
 * h('button', { class: 'primary', type: 'button', on: { click } }, 'Save') — an element. Children are
 * nodes, strings (as text) or arrays of them; null, undefined and false are skipped.
 */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false && !PROPERTIES.has(key)) { continue; }
      if (key === 'class') {
        node.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
      } else if (key === 'text') {
        node.textContent = String(value);
      } else if (key === 'on') {
        for (const [event, handler] of Object.entries(value)) { node.addEventListener(event, handler); }
      } else if (key === 'data') {
        for (const [k, v] of Object.entries(value)) { node.dataset[k] = String(v); }
      } else if (key === 'href') {
        node.setAttribute('href', safeHref(value));
      } else if (PROPERTIES.has(key)) {
        node[key] = value;
      } else {
        node.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) { continue; }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Empties a node and fills it again. */
export function replace(node, ...children) {
  node.textContent = '';
  return append(node, children);
}

/** Only in-app routes, relative paths, blob: downloads and http(s) links; anything else becomes '#'. */
export function safeHref(value) {
  const s = String(value);
  if (s.startsWith('#') || s.startsWith('blob:')) { return s; }
  try {
    const u = new URL(s, document.baseURI);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : '#';
  } catch (e) {
    return '#';
  }
}

/** A select's options from [value, label] pairs. */
export function options(pairs, selected) {
  return pairs.map(([value, label]) => h('option', { value, selected: String(value) === String(selected ?? '') }, label));
}

let uid = 0;
/** A unique id for label/aria wiring. */
export function nextId(prefix) {
  uid += 1;
  return (prefix || 'f') + '-' + uid;
}

/** A labelled form field: <div class="field"><label for>…</label>control hint</div>. */
export function field(label, control, hint) {
  if (!control.id) { control.id = nextId('field'); }
  const parts = [h('label', { htmlFor: control.id }, label), control];
  if (hint) {
    const hintId = nextId('hint');
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('p', { class: 'field-hint', id: hintId }, hint));
  }
  return h('div', { class: 'field' }, parts);
}

/** A definition list from [term, value] pairs; values may be nodes. Empty values show a dash. */
export function facts(pairs, className) {
  return h('dl', { class: ['facts', className] }, pairs.filter(Boolean).map(([term, value]) => [
    h('dt', null, term),
    h('dd', null, value === null || value === undefined || value === '' ? '—' : value),
  ]));
}
