import { BadGatewayException, Inject, Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { ServiceMetrics } from '@wealist/telemetry';
import { RoomServiceClient, TwirpError } from 'livekit-server-sdk';
import type { Counter } from 'prom-client';
import type { VideoConfig } from '../video.config';

/**
 * LiveKit's RoomService (Twirp over HTTP, authenticated with short-lived admin JWTs the SDK
 * signs). Its failures become platform errors: a room or participant LiveKit does not know is
 * a 404, an unreachable LiveKit a 503, any other refusal a 502 (logged, not shown).
 */
@Injectable()
export class LiveKitRooms {
  private readonly logger = new Logger('LiveKitRooms');
  private readonly client: RoomServiceClient;
  private readonly calls: Counter<'method' | 'result'>;

  constructor(@Inject(SERVICE_CONFIG) config: VideoConfig, metrics: ServiceMetrics) {
    this.client = new RoomServiceClient(config.LIVEKIT_API_URL ?? config.LIVEKIT_URL, config.LIVEKIT_API_KEY, config.LIVEKIT_API_SECRET, {
      requestTimeout: config.LIVEKIT_REQUEST_TIMEOUT_SECONDS,
      failover: false,
    });
    this.calls = metrics.counter('video_livekit_requests_total', 'RoomService calls to LiveKit, by method and result', ['method', 'result']);
  }

  /** Disconnects everyone and closes the room; a room that is not running is already ended. */
  async endRoom(roomName: string): Promise<void> {
    try {
      await this.call('DeleteRoom', () => this.client.deleteRoom(roomName));
    } catch (err) {
      if (!(err instanceof NotFoundException)) throw err;
    }
  }

  async removeParticipant(roomName: string, identity: string): Promise<void> {
    await this.call('RemoveParticipant', () => this.client.removeParticipant(roomName, identity), 'Participant is not in the room');
  }

  private async call<T>(method: string, work: () => Promise<T>, notFound = 'Room is not active'): Promise<T> {
    try {
      const result = await work();
      this.calls.inc({ method, result: 'ok' });
      return result;
    } catch (err) {
      if (err instanceof TwirpError && (err.code === 'not_found' || err.status === 404)) {
        this.calls.inc({ method, result: 'not_found' });
        throw new NotFoundException(notFound);
      }
      this.calls.inc({ method, result: 'error' });
      if (err instanceof TwirpError) {
        this.logger.error(`LiveKit ${method} refused: ${err.status} ${err.code ?? ''} ${err.message}`);
        throw new BadGatewayException('LiveKit refused the request');
      }
      this.logger.warn(`LiveKit ${method} unreachable: ${err instanceof Error ? err.message : String(err)}`);
      throw new ServiceUnavailableException('LiveKit is unavailable');
    }
  }
}
