import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException, PayloadTooLargeException, BadRequestException } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { ChatEvents, OutboxWriter } from '@wealist/events';
import type { ChatConfig } from '../chat.config';
import type { ChatMessage } from '../fanout/room-events';
import { RoomBus } from '../fanout/room-bus';
import { RoomsRepository } from '../rooms/rooms.repository';
import { ChatMetrics } from '../fanout/chat.metrics';
import { excerpt, parseMentions } from './mentions';
import { MessagesRepository, type AfterInsert } from './messages.repository';

export interface Sender {
  id: string;
  name: string;
}

export interface HistoryPage {
  messages: ChatMessage[];
  /** Pass as `before` (or `after`) for the next page; null when there is none. */
  nextCursor: number | null;
}

const PAGE_MAX = 200;

@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly rooms: RoomsRepository,
    private readonly bus: RoomBus,
    private readonly outbox: OutboxWriter,
    private readonly metrics: ChatMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: ChatConfig,
  ) {}

  /** Stores the message, then tells the room: nobody hears of a message that is not committed. */
  async send(sender: Sender, roomId: string, body: string, clientMessageId: string | null = null): Promise<ChatMessage> {
    this.checkBody(body);
    const result = await this.messages.append(
      { roomId, senderId: sender.id, body, clientMessageId, mentions: parseMentions(body, sender.id) },
      this.recordMentions(sender),
    );
    if (result.status === 'not-member') throw new NotFoundException('Room not found');
    if (result.status === 'archived') throw new ConflictException('Room is archived');
    if (result.created) {
      this.metrics.stored.inc();
      await this.bus.publish(roomId, { kind: 'message', message: result.message });
    }
    return result.message;
  }

  async history(roomId: string, callerId: string, cursor: { before?: number; after?: number }, limit = 50): Promise<HistoryPage> {
    await this.requireMember(roomId, callerId);
    const size = Math.min(Math.max(limit, 1), PAGE_MAX);
    if (cursor.after !== undefined) {
      const page = await this.messages.range(roomId, cursor.after, null, size + 1);
      const messages = page.slice(0, size);
      return { messages, nextCursor: page.length > size ? messages[messages.length - 1].seq : null };
    }
    const page = await this.messages.before(roomId, cursor.before ?? null, size + 1);
    const messages = page.slice(-size);
    return { messages, nextCursor: page.length > size ? messages[0].seq : null };
  }

  async edit(roomId: string, seq: number, callerId: string, body: string): Promise<ChatMessage> {
    this.checkBody(body);
    await this.requireMember(roomId, callerId);
    const edited = await this.messages.edit(roomId, seq, callerId, body);
    if (!edited) throw await this.whyNotOwn(roomId, seq);
    await this.bus.publish(roomId, { kind: 'message-updated', message: edited });
    return edited;
  }

  async delete(roomId: string, seq: number, callerId: string): Promise<void> {
    await this.requireMember(roomId, callerId);
    const deleted = await this.messages.softDelete(roomId, seq, callerId);
    if (!deleted) throw await this.whyNotOwn(roomId, seq);
    await this.bus.publish(roomId, { kind: 'message-updated', message: deleted });
  }

  /** Raw page read for the sequencers: everything committed in `(after, upTo]`. */
  range(roomId: string, after: number, upTo: number | null): Promise<ChatMessage[]> {
    return this.messages.range(roomId, after, upTo, 500);
  }

  private checkBody(body: string): void {
    if (body.trim().length === 0) throw new BadRequestException('body must not be empty');
    const bytes = Buffer.byteLength(body, 'utf8');
    if (bytes > this.config.CHAT_MAX_MESSAGE_BYTES) {
      throw new PayloadTooLargeException(`body is ${bytes} bytes; the limit is ${this.config.CHAT_MAX_MESSAGE_BYTES}`);
    }
  }

  private async requireMember(roomId: string, userId: string): Promise<void> {
    if (!(await this.rooms.isMember(roomId, userId))) throw new NotFoundException('Room not found');
  }

  private async whyNotOwn(roomId: string, seq: number): Promise<Error> {
    const message = await this.messages.find(roomId, seq);
    if (!message) return new NotFoundException('Message not found');
    if (message.deletedAt) return new ConflictException('Message was deleted');
    return new ForbiddenException('Only the author can change a message');
  }

  /** A message naming room members becomes a `chat.mentioned` event in the same transaction. */
  private recordMentions(sender: Sender): AfterInsert {
    return async (m, message, room) => {
      if (message.mentions.length === 0) return;
      await this.outbox.record(m, ChatEvents.mentioned, {
        messageId: message.id,
        roomId: message.roomId,
        roomName: room.name,
        workspaceId: room.workspaceId,
        seq: message.seq,
        senderId: sender.id,
        senderName: sender.name,
        mentionedUserIds: message.mentions,
        excerpt: excerpt(message.body),
      });
    };
  }
}
