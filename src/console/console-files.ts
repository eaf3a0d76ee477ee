import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { adminBaseFrom, pageWithAdminBase } from './console-page.js';

/** Where the console is mounted and where the admin API it calls is, under the host's global prefix. */
export interface ConsolePaths {
  readonly console: string;
  readonly admin: string;
}

/** The console's built files; the page is read once, with the admin API's address filled in. */
export class ConsoleFiles {
  private cachedPage?: Promise<string | undefined>;

  constructor(
    private readonly build: string | undefined,
    private readonly paths: ConsolePaths,
  ) {}

  page(): Promise<string | undefined> {
    const build = this.build;
    if (build === undefined) return Promise.resolve(undefined);
    this.cachedPage ??= readFile(join(build, 'index.html'), 'utf8').then((html) =>
      pageWithAdminBase(html, adminBaseFrom(this.paths.console, this.paths.admin)),
    );
    return this.cachedPage;
  }

  assetsFolder(): string | undefined {
    return this.build && join(this.build, 'assets');
  }
}
