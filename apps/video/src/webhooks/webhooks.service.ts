import { BadRequestException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { ServiceMetrics } from '@wealist/telemetry';
import { WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import type { Counter } from 'prom-client';
import { CallsRepository } from '../calls/calls.repository';
import { RoomStateStore } from '../presence/room-state.store';
import { RoomsRepository } from '../rooms/rooms.repository';
import type { VideoConfig } from '../video.config';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** LiveKit timestamps are unix seconds (bigint); fall back to the event's own time, then now. */
function at(...seconds: (bigint | number | undefined)[]): Date {
  const s = seconds.find((v) => v !== undefined && Number(v) > 0);
  return s === undefined ? new Date() : new Date(Number(s) * 1000);
}

/**
 * Applies LiveKit's room and participant events to the live state (Redis) and the call history
 * (PostgreSQL). Events for rooms this service does not know (other apps on the same LiveKit)
 * are acknowledged and ignored, so LiveKit does not retry them.
 */
@Injectable()
export class WebhooksService {
  private readonly receiver: WebhookReceiver;
  private readonly events: Counter<'event' | 'result'>;

  constructor(
    @Inject(SERVICE_CONFIG) config: VideoConfig,
    private readonly rooms: RoomsRepository,
    private readonly state: RoomStateStore,
    private readonly calls: CallsRepository,
    metrics: ServiceMetrics,
  ) {
    this.receiver = new WebhookReceiver(config.LIVEKIT_API_KEY, config.LIVEKIT_API_SECRET);
    this.events = metrics.counter('video_webhooks_total', 'LiveKit webhooks, by event and result (applied, ignored, rejected)', ['event', 'result']);
  }

  async receive(body: string, authorization: string | undefined): Promise<'applied' | 'ignored'> {
    const event = await this.verify(body, authorization);
    const result = await this.apply(event);
    this.events.inc({ event: event.event || 'unknown', result });
    return result;
  }

  /** Signature (JWT signed with the API secret) and body hash must both match, or it is a 401. */
  private async verify(body: string, authorization: string | undefined): Promise<WebhookEvent> {
    try {
      return await this.receiver.receive(body, authorization);
    } catch (err) {
      this.events.inc({ event: 'unknown', result: 'rejected' });
      if (err instanceof SyntaxError) throw new BadRequestException('Webhook body is not valid JSON');
      throw new UnauthorizedException('Invalid webhook signature');
    }
  }

  private async apply(event: WebhookEvent): Promise<'applied' | 'ignored'> {
    const roomId = event.room?.name ?? '';
    const roomSid = event.room?.sid ?? '';
    if (!UUID.test(roomId) || !roomSid || !(await this.rooms.findById(roomId))) return 'ignored';
    const when = at(event.createdAt);
    const p = event.participant;
    switch (event.event) {
      case 'room_started': {
        const startedAt = at(event.room?.creationTime, event.createdAt);
        await this.calls.ensureCall(roomId, roomSid, startedAt);
        await this.state.started(roomId, roomSid, startedAt);
        return 'applied';
      }
      case 'participant_joined': {
        if (!p) return 'ignored';
        const joinedAt = at(p.joinedAt, event.createdAt);
        const callId = await this.calls.ensureCall(roomId, roomSid, at(event.room?.creationTime, event.createdAt));
        await this.calls.upsertParticipant(callId, { identity: p.identity, name: p.name || null, participantSid: p.sid, joinedAt, leftAt: null });
        await this.state.joined(roomId, roomSid, { identity: p.identity, name: p.name, participantSid: p.sid, joinedAt: joinedAt.toISOString() });
        return 'applied';
      }
      case 'participant_left':
      case 'participant_connection_aborted': {
        if (!p) return 'ignored';
        const callId = await this.calls.ensureCall(roomId, roomSid, at(event.room?.creationTime, event.createdAt));
        await this.calls.upsertParticipant(callId, { identity: p.identity, name: p.name || null, participantSid: p.sid, joinedAt: at(p.joinedAt, event.createdAt), leftAt: when });
        await this.state.left(roomId, p.identity, p.sid);
        return 'applied';
      }
      case 'room_finished':
        await this.calls.endCalls(roomId, when, roomSid);
        await this.state.ended(roomId, when, roomSid);
        return 'applied';
      default:
        return 'ignored';
    }
  }
}
