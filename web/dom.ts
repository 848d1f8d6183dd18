/** A small element builder: the page needs no framework, only this and textContent (never innerHTML). */

type Child = Node | string | false | null | undefined;
type Attributes = Readonly<Record<string, string | boolean | undefined>>;

/** `h('a', { href, class: 'button' }, '下载')`: attributes set as attributes, children appended as text or nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== false && child !== null && child !== undefined) element.append(child);
  return element;
}
