/** `value` as a URL, or undefined when it is not one (the parser decides, not a prefix test). */
export function parsedUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** An http: or https: URL, however the scheme is spelled (`HTTPS://…` too). */
export function isHttpUrl(value: unknown, schemes: readonly string[] = ['http:', 'https:']): boolean {
  const url = parsedUrl(value);
  return url !== undefined && schemes.includes(url.protocol);
}
