// Tiny DOM helpers. Text only ever goes in through textContent / text nodes.

/**
 * Create an element.
 * @param {string} tag
 * @param {{class?: string, text?: string, attrs?: Record<string, string>, hidden?: boolean}} [props]
 * @param {...(Node|string|null|undefined)} children
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.attrs) {
    for (const [name, value] of Object.entries(props.attrs)) node.setAttribute(name, value);
  }
  if (props.hidden) node.hidden = true;
  if (props.text !== undefined) node.textContent = props.text;
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** Look up an element by id; throws if the page is missing it. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`demo page: missing #${id}`);
  return node;
}

/** "HH:MM" in local time. */
export function clock(ms) {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The avatar letter for a nick: its first character (a whole code point). */
export function initial(nick) {
  const first = Array.from(String(nick).trim())[0];
  return first ? first.toUpperCase() : '?';
}

/** A stable hue class index for a nick (avatar colours). */
export function hueIndex(nick, buckets = 6) {
  let h = 0;
  for (const ch of String(nick)) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return h % buckets;
}
