import { parseTwiml as parseDocument, type TwimlNode } from '../../src/simulator/twiml-document.js';

export type { TwimlNode };

/** Parses a TwiML document, failing the test when it is not well-formed XML with a <Response> root. */
export function parseTwiml(xml: string): TwimlNode {
  return parseDocument(xml);
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
