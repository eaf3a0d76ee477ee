import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface TwimlNode {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly text: string;
  readonly children: readonly TwimlNode[];
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function toNode(raw: OrderedNode): TwimlNode | null {
  const name = Object.keys(raw).find((key) => key !== ':@');
  if (!name || name === '#text' || name === '?xml') return null;
  const content = (raw[name] as OrderedNode[]) ?? [];
  const text = content
    .map((child) =>
      typeof child['#text'] === 'string' || typeof child['#text'] === 'number' ? String(child['#text']) : '',
    )
    .join('');
  const children = content.map(toNode).filter((child): child is TwimlNode => child !== null);
  return { name, attributes: raw[':@'] ?? {}, text, children };
}

/** Parses a TwiML document, failing the test when it is not well-formed XML with a <Response> root. */
export function parseTwiml(xml: string): TwimlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`Malformed TwiML: ${valid.err.msg}\n${xml}`);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
  });
  const root = (parser.parse(xml) as OrderedNode[]).map(toNode).find((node) => node !== null);
  if (!root || root.name !== 'Response') throw new Error(`TwiML root is not <Response>: ${xml}`);
  return root;
}

export function verbs(xml: string): string[] {
  return parseTwiml(xml).children.map((child) => child.name);
}

export function find(node: TwimlNode, name: string): TwimlNode | undefined {
  for (const child of node.children) {
    if (child.name === name) return child;
    const nested = find(child, name);
    if (nested) return nested;
  }
  return undefined;
}

export function findOrFail(xml: string, name: string): TwimlNode {
  const node = find(parseTwiml(xml), name);
  if (!node) throw new Error(`<${name}> not found in ${xml}`);
  return node;
}
