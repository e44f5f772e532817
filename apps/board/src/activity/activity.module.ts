import { Global, Module } from '@nestjs/common';
import { ActivityRepository } from './activity.repository';

/** Every feature records history through ActivityRepository; the routes live with boards and tasks. */
@Global()
@Module({ providers: [ActivityRepository], exports: [ActivityRepository] })
export class ActivityModule {}
