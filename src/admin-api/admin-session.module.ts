import { Module } from '@nestjs/common';
import { AdminSessionController } from './admin-session.controller.js';

/** GET /admin/me, under the admin path like the other admin routes. */
@Module({ controllers: [AdminSessionController] })
export class AdminSessionModule {}
