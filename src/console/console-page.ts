// What the console's page is given by the server: pure, so that the paths and the policy are unit-tested.

/**
 * Everything the console loads is its own (scripts, styles, API calls to the same origin): no inline script or
 * style, no other origin, no framing. `data:` images only for the empty favicon.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A mount path's segments: `/ops/console/` → ['ops', 'console']. */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/**
 * The admin API's address relative to the console's page (`<console>/`): both sit under the host's global prefix,
 * so climbing out of the console's own segments reaches it, whatever the prefix.
 */
export function adminBaseFrom(consolePath: string, adminPath: string): string {
  return `${'../'.repeat(pathSegments(consolePath).length)}${pathSegments(adminPath).join('/')}`;
}

const ADMIN_BASE_META = /(<meta name="ivr-admin-base" content=")[^"]*(")/;

/** The built index.html with the admin API's address filled in. */
export function pageWithAdminBase(html: string, adminBase: string): string {
  if (!ADMIN_BASE_META.test(html)) throw new Error('The console build has no ivr-admin-base meta tag');
  return html.replace(ADMIN_BASE_META, (_match, start: string, end: string) => `${start}${adminBase}${end}`);
}

/** Vite's hashed asset names (`index-BXRgch-C.js`): nothing else is served from the assets folder. */
export function isAssetName(name: string): boolean {
  return /^[\w-]+(\.[\w-]+)*\.(js|css|svg|woff2|png)$/.test(name);
}
