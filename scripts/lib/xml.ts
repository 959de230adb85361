/**
 * A small, strict XML reader for files we write ourselves (the add-in manifest): used by the
 * tests that check its structure and by the unified-manifest generator (scripts/m365). It
 * builds an element tree with namespaces resolved, and throws on anything malformed rather
 * than guessing. Not a general parser: no DTDs, no entities
 * beyond XML's five and character references.
 */
export interface XmlElement {
  /** The name as written, e.g. `bt:Image`. */
  name: string;
  /** The name without its prefix, e.g. `Image`. */
  local: string;
  /** The namespace URI the element is in ('' when none). */
  namespace: string;
  /** Attributes as written (prefixed names kept, values decoded). */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Direct text content, decoded and trimmed. */
  text: string;
  parent: XmlElement | undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const entity = ENTITIES[ref];
    if (entity === undefined) throw new Error(`unknown XML entity ${whole}`);
    return entity;
  });
}

const TOKEN =
  /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)/y;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses an XML document and returns its root element. */
export function parseXml(source: string): XmlElement {
  const scopes: Array<Record<string, string>> = [{ xml: 'http://www.w3.org/XML/1998/namespace' }];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  TOKEN.lastIndex = 0;
  let position = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (position < source.length) {
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(source);
    if (!match) throw new Error(`malformed XML at offset ${position}: ${source.slice(position, position + 40)}`);
    position = TOKEN.lastIndex;
    const [whole, cdata, closing, name, rawAttributes, selfClosing, text] = match;
    const current = stack[stack.length - 1];
    if (text !== undefined || cdata !== undefined) {
      const value = cdata ?? decode(text ?? '');
      if (current) current.text = `${current.text}${value}`;
      else if (value.trim()) throw new Error(`text outside the root element: ${value.trim().slice(0, 40)}`);
      continue;
    }
    if (!name) {
      if (whole.startsWith('<!--') && whole.slice(4, -3).includes('--')) throw new Error('"--" inside a comment');
      continue; // declaration, processing instruction or comment
    }
    if (closing) {
      if (!current || current.name !== name) throw new Error(`</${name}> does not close <${current?.name ?? '(nothing)'}>`);
      current.text = current.text.trim();
      stack.pop();
      scopes.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, attrName, doubleQuoted, singleQuoted] of (rawAttributes ?? '').matchAll(ATTRIBUTE)) {
      if (attrName === undefined) continue;
      if (attrName in attributes) throw new Error(`duplicate attribute ${attrName} on <${name}>`);
      attributes[attrName] = decode(doubleQuoted ?? singleQuoted ?? '');
    }
    const scope = { ...scopes[scopes.length - 1] };
    for (const [attrName, value] of Object.entries(attributes)) {
      if (attrName === 'xmlns') scope[''] = value;
      else if (attrName.startsWith('xmlns:')) scope[attrName.slice('xmlns:'.length)] = value;
    }
    const colon = name.indexOf(':');
    const prefix = colon >= 0 ? name.slice(0, colon) : '';
    const namespace = scope[prefix];
    if (namespace === undefined && prefix) throw new Error(`undeclared namespace prefix ${prefix} on <${name}>`);
    const element: XmlElement = {
      name,
      local: colon >= 0 ? name.slice(colon + 1) : name,
      namespace: namespace ?? '',
      attributes,
      children: [],
      text: '',
      parent: current,
    };
    if (current) current.children.push(element);
    else if (root) throw new Error('more than one root element');
    else root = element;
    if (!selfClosing) {
      stack.push(element);
      scopes.push(scope);
    }
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]?.name}> is not closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element below `element` (not itself), in document order. */
export function descendants(element: XmlElement): XmlElement[] {
  return element.children.flatMap((child) => [child, ...descendants(child)]);
}

/** The ancestors of `element`, nearest first. */
export function ancestors(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let e = element.parent; e; e = e.parent) out.push(e);
  return out;
}

/** The element's direct children with the given local name. */
export function childrenNamed(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter((child) => child.local === local);
}
