// @ts-check
/**
 * Building the page. Every piece of text from a function, the emulator or the user reaches the
 * DOM through el() (textContent and attributes), never through innerHTML.
 */

/**
 * @typedef {Record<string, string | number | boolean | null | undefined>} Attrs
 *   `text` becomes textContent, `class` the class name, anything else an attribute (`true`: present,
 *   `false`/null/undefined: left out).
 * @typedef {Node | string | number | null | undefined} Child
 */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = String(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  return node;
}

/**
 * The element with this id, of this type; a page that lacks it is broken, so this throws.
 * @template {typeof HTMLElement} T
 * @param {string} id
 * @param {T} type
 * @returns {InstanceType<T>}
 */
export function byId(id, type) {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`the page has no ${type.name} #${id}`);
  return /** @type {InstanceType<T>} */ (node);
}

/** A plain object (JSON's `{}`), as opposed to null, an array or a primitive. @param {unknown} value @returns {value is Record<string, unknown>} */
export function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A finite number, or undefined. @param {unknown} value */
export function numberOr(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Unix milliseconds as Beijing time (the platform's time zone), `YYYY-MM-DD HH:MM:SS`. @param {number} ms */
export function beijingTime(ms) {
  return new Date(ms).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' });
}
