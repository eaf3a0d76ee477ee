import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Department } from './department.entity.js';
import { RoutingChangeListener } from './routing-change.listener.js';
import { RoutingService } from './routing.service.js';
import { Settings } from './settings.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Department, Settings])],
  providers: [RoutingService, RoutingChangeListener],
  exports: [RoutingService, TypeOrmModule],
})
export class RoutingModule {}
