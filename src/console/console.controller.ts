import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ConsoleFiles } from './console-files.js';
import { CONSOLE_CONTENT_SECURITY_POLICY, isAssetName } from './console-page.js';

/** Headers of every console response: its own strict policy, whatever the host sets elsewhere. */
function secure(response: Response): Response {
  return response
    .setHeader('Content-Security-Policy', CONSOLE_CONTENT_SECURITY_POLICY)
    .setHeader('X-Content-Type-Options', 'nosniff')
    .setHeader('Referrer-Policy', 'no-referrer')
    .setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

/** The console's page and its assets: public static files (the data behind them is the admin API's, with its auth). */
@ApiExcludeController()
@Controller()
export class ConsoleController {
  constructor(@Inject(ConsoleFiles) private readonly files: ConsoleFiles) {}

  @Get()
  async page(@Req() request: Request, @Res() response: Response): Promise<void> {
    const url = new URL(request.originalUrl, 'http://console');
    // The page's relative asset and API addresses resolve from a folder URL.
    if (!url.pathname.endsWith('/')) return response.redirect(308, `${url.pathname}/${url.search}`);
    const page = await this.files.page();
    secure(response).setHeader('Cache-Control', 'no-cache');
    if (page === undefined) {
      response
        .status(503)
        .type('text/plain')
        .send('The console is not built: run `npm run build` (or `npm run build:console`) and reload.');
      return;
    }
    response.type('html').send(page);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() response: Response): void {
    const folder = this.files.assetsFolder();
    if (!folder || !isAssetName(file)) throw new NotFoundException();
    // Hashed names: a new build has new names, so a browser may keep these for a year.
    secure(response).sendFile(file, { root: folder, maxAge: '365d', immutable: true, dotfiles: 'deny' }, (error) => {
      if (error && !response.headersSent) response.status(404).type('text/plain').send('Not found');
    });
  }
}
