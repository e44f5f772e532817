import type { Socket } from 'socket.io';
import type { ChatMessage, RoomEvent } from '../fanout/room-events';
import { GaplessSequencer, type RangeReader } from './gapless-sequencer';
import type { RoomSubscriber } from './room-feeds';

/**
 * One socket in one room. Its sequencer starts at the last sequence the client saw, so the
 * backlog is read first and live messages wait behind it; from then on each message reaches
 * this socket exactly once and in order, whichever instance it was sent through.
 */
export class RoomCursor implements RoomSubscriber {
  readonly sequencer: GaplessSequencer<ChatMessage>;

  constructor(
    readonly roomId: string,
    private readonly socket: Socket,
    readonly userId: string,
    start: number,
    read: RangeReader<ChatMessage>,
    private readonly hooks: { delivered: () => void; removed: () => void; failed: (err: unknown) => void },
  ) {
    this.sequencer = new GaplessSequencer<ChatMessage>(
      start,
      read,
      (message) => {
        socket.emit('message', message);
        hooks.delivered();
      },
      hooks.failed,
    );
  }

  get socketId(): string {
    return this.socket.id;
  }

  signal(event: RoomEvent): void {
    switch (event.kind) {
      case 'message-updated':
        this.socket.emit('message:updated', event.message);
        break;
      case 'typing':
        if (event.userId !== this.userId) this.socket.emit('typing', { roomId: event.roomId, userId: event.userId, typing: event.typing });
        break;
      case 'presence':
        this.socket.emit('presence', { roomId: event.roomId, userId: event.userId, online: event.online });
        break;
      case 'room-updated':
        this.socket.emit('room:updated', { roomId: event.roomId, name: event.name, archived: event.archived });
        break;
      case 'member-removed':
        if (event.userId === this.userId) this.hooks.removed();
        break;
      case 'message':
        break;
    }
  }

  close(): void {
    this.sequencer.close();
  }
}
