import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { AdminModule } from './admin/admin.module.js';
import { RequestIdMiddleware } from './common/request-id.middleware.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { VoiceModule } from './voice/voice.module.js';

@Module({
  imports: [ConfigModule, DatabaseModule, VoiceModule, AdminModule],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware).forRoutes('*path');
  }
}
