import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EventBus, UserEvents } from '@wealist/events';
import { RoleCacheRepository } from './role-cache.repository';

/**
 * Drops cached roles when the user service reports a membership change (stream `events:user`,
 * consumer group `board`). Setting the marker is idempotent, so no dedup table is needed; one
 * instance of the group handles each event for all, since the cache is shared.
 */
@Injectable()
export class MembershipConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly bus: EventBus,
    private readonly roles: RoleCacheRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // '$': roles cached before the group existed expire by TTL; history needs no replay.
    await this.bus
      .consumer({ group: 'board', startFrom: '$', transactional: false })
      .on(UserEvents.workspaceMemberChanged, (event) => this.roles.markChanged(event.payload.workspaceId, event.payload.userId))
      .start();
  }
}
