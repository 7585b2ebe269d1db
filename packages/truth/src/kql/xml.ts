// parse_xml(): XML text to the JSON shape the documentation gives (SOURCES.md): `<e/>` -> {"e": null},
// `<e>text</e>` -> {"e": "text"}, attributes as "@name", text beside attributes or children as "#text", repeated
// child elements as an array. Only elements, attributes and text (CDATA included) are translated; declarations,
// comments and processing instructions are skipped. Invalid XML gives null. Text stays text (assumption A3).

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class XmlSyntax extends Error {}

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(code);
    }
    const v = ENTITIES[e];
    if (v === undefined) throw new XmlSyntax(`unknown entity ${all}`);
    return v;
  });
}

interface Element {
  readonly name: string;
  readonly attrs: [string, string][];
  readonly children: (Element | string)[];
}

class XmlReader {
  private i = 0;
  constructor(private readonly s: string) {}

  document(): Element {
    this.misc();
    const root = this.element();
    this.misc();
    if (this.i !== this.s.length) throw new XmlSyntax('content after the root element');
    return root;
  }

  /** Skip whitespace, declarations, comments, processing instructions and DOCTYPE between top-level nodes. */
  private misc(): void {
    for (;;) {
      while (/\s/.test(this.s[this.i] ?? '')) this.i++;
      if (this.s.startsWith('<?', this.i)) this.skipTo('?>');
      else if (this.s.startsWith('<!--', this.i)) this.skipTo('-->');
      else if (this.s.startsWith('<!DOCTYPE', this.i)) this.skipTo('>');
      else return;
    }
  }

  private skipTo(end: string): void {
    const j = this.s.indexOf(end, this.i);
    if (j < 0) throw new XmlSyntax(`unterminated ${end}`);
    this.i = j + end.length;
  }

  private nameAt(): string {
    const m = /^[A-Za-z_:][-A-Za-z0-9_:.]*/.exec(this.s.slice(this.i, this.i + 256));
    if (!m) throw new XmlSyntax('expected a name');
    this.i += m[0].length;
    return m[0];
  }

  private element(): Element {
    if (this.s[this.i] !== '<') throw new XmlSyntax('expected an element');
    this.i++;
    const name = this.nameAt();
    const attrs: [string, string][] = [];
    for (;;) {
      while (/\s/.test(this.s[this.i] ?? '')) this.i++;
      if (this.s.startsWith('/>', this.i)) {
        this.i += 2;
        return { name, attrs, children: [] };
      }
      if (this.s[this.i] === '>') {
        this.i++;
        break;
      }
      const an = this.nameAt();
      while (/\s/.test(this.s[this.i] ?? '')) this.i++;
      if (this.s[this.i] !== '=') throw new XmlSyntax('expected = after an attribute name');
      this.i++;
      while (/\s/.test(this.s[this.i] ?? '')) this.i++;
      const q = this.s[this.i];
      if (q !== '"' && q !== "'") throw new XmlSyntax('expected a quoted attribute value');
      const end = this.s.indexOf(q, this.i + 1);
      if (end < 0) throw new XmlSyntax('unterminated attribute value');
      const raw = this.s.slice(this.i + 1, end);
      if (raw.includes('<')) throw new XmlSyntax('< in an attribute value');
      if (attrs.some(([n]) => n === an)) throw new XmlSyntax(`duplicate attribute ${an}`);
      attrs.push([an, decode(raw)]);
      this.i = end + 1;
    }
    const children: (Element | string)[] = [];
    let text = '';
    const flush = (): void => {
      if (text.trim() !== '') children.push(text);
      text = '';
    };
    for (;;) {
      if (this.i >= this.s.length) throw new XmlSyntax(`unclosed element ${name}`);
      if (this.s.startsWith('</', this.i)) {
        this.i += 2;
        const close = this.nameAt();
        if (close !== name) throw new XmlSyntax(`</${close}> closes <${name}>`);
        while (/\s/.test(this.s[this.i] ?? '')) this.i++;
        if (this.s[this.i] !== '>') throw new XmlSyntax('expected >');
        this.i++;
        flush();
        return { name, attrs, children };
      }
      if (this.s.startsWith('<![CDATA[', this.i)) {
        const end = this.s.indexOf(']]>', this.i);
        if (end < 0) throw new XmlSyntax('unterminated CDATA');
        text += this.s.slice(this.i + 9, end);
        this.i = end + 3;
        continue;
      }
      if (this.s.startsWith('<!--', this.i)) {
        this.skipTo('-->');
        continue;
      }
      if (this.s.startsWith('<?', this.i)) {
        this.skipTo('?>');
        continue;
      }
      if (this.s[this.i] === '<') {
        flush();
        children.push(this.element());
        continue;
      }
      const next = this.s.indexOf('<', this.i);
      const raw = this.s.slice(this.i, next < 0 ? this.s.length : next);
      text += decode(raw);
      this.i += raw.length;
    }
  }
}

function toJson(e: Element): unknown {
  const texts = e.children.filter((c): c is string => typeof c === 'string');
  const elems = e.children.filter((c): c is Element => typeof c !== 'string');
  if (e.attrs.length === 0 && elems.length === 0) {
    if (texts.length === 0) return null;
    return texts.length === 1 ? texts[0] : texts;
  }
  const out: Record<string, unknown> = {};
  for (const [n, v] of e.attrs) out['@' + n] = v;
  if (texts.length > 0) out['#text'] = texts.length === 1 ? texts[0] : texts;
  for (const c of elems) {
    const v = toJson(c);
    if (!Object.hasOwn(out, c.name)) out[c.name] = v;
    else {
      const prev = out[c.name];
      // Repeated elements become an array; remember which values are already arrays we built.
      if (Array.isArray(prev) && REPEATED.has(prev)) prev.push(v);
      else {
        const arr = [prev, v];
        REPEATED.add(arr);
        out[c.name] = arr;
      }
    }
  }
  return out;
}

const REPEATED = new WeakSet<unknown[]>();

/** The JSON value of an XML document (the root element's name is the one key), or null when it is not XML. */
export function parseXml(text: string): unknown {
  if (text.length > 1_048_576) return null;
  try {
    const root = new XmlReader(text).document();
    return { [root.name]: toJson(root) };
  } catch (e) {
    if (e instanceof XmlSyntax) return null;
    throw e;
  }
}
