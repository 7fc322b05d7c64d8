// serve/assets/dom.js: elements built from data as text, never as HTML, so nothing a store holds
// can become markup or script.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function replace(container, ...children) {
  container.replaceChildren(...children.flat().filter((child) => child));
}

// "2019-06-01..open", as the CLI writes a period.
export function period(from, to) {
  if (!from && !to) return 'undated';
  return `${from || 'open'}..${to || 'open'}`;
}
