import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Department } from './department.entity.js';
import { RoutingService } from './routing.service.js';
import { Settings } from './settings.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Department, Settings])],
  providers: [RoutingService],
  exports: [RoutingService],
})
export class RoutingModule {}
