import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ChatMetrics } from '../fanout/chat.metrics';
import { RoomBus } from '../fanout/room-bus';
import type { ChatMessage, RoomEvent } from '../fanout/room-events';
import { MessagesService } from '../messages/messages.service';
import { RoomsRepository } from '../rooms/rooms.repository';
import { GaplessSequencer } from './gapless-sequencer';

/** One socket's view of one room (see RoomCursor). */
export interface RoomSubscriber {
  readonly socketId: string;
  readonly userId: string;
  readonly sequencer: GaplessSequencer<ChatMessage>;
  signal(event: RoomEvent): void;
}

/** Sends one encoded message to many sockets of this instance. */
export type Broadcast = (socketIds: string[], message: ChatMessage) => void;

/**
 * This instance's subscription to one room: the room's messages from Redis (and from local
 * sends) go through one sequencer, so a gap costs one read however many sockets are in the room.
 */
class RoomFeed {
  readonly subscribers = new Set<RoomSubscriber>();
  sequencer?: GaplessSequencer<ChatMessage>;
  ready: Promise<void> = Promise.resolve();
  private early: ChatMessage[] = [];

  start(sequencer: GaplessSequencer<ChatMessage>): void {
    this.sequencer = sequencer;
    for (const message of this.early.splice(0)) sequencer.push(message);
  }

  receive(message: ChatMessage): void {
    if (this.sequencer) this.sequencer.push(message);
    else this.early.push(message);
  }
}

@Injectable()
export class RoomFeeds implements OnModuleInit {
  private readonly logger = new Logger('RoomFeeds');
  private readonly feeds = new Map<string, RoomFeed>();
  private broadcast: Broadcast = () => undefined;

  constructor(
    private readonly bus: RoomBus,
    private readonly messages: MessagesService,
    private readonly rooms: RoomsRepository,
    private readonly metrics: ChatMetrics,
  ) {}

  onModuleInit(): void {
    this.bus.listen(
      (roomId, event) => this.dispatch(roomId, event),
      () => this.resyncAll(),
    );
  }

  useBroadcast(broadcast: Broadcast): void {
    this.broadcast = broadcast;
  }

  /** Adds a subscriber, subscribing this instance to the room first if it is the room's first here. */
  async attach(roomId: string, subscriber: RoomSubscriber): Promise<void> {
    let feed = this.feeds.get(roomId);
    if (!feed) {
      feed = new RoomFeed();
      this.feeds.set(roomId, feed);
      feed.ready = this.open(roomId, feed);
    }
    feed.subscribers.add(subscriber);
    try {
      await feed.ready;
    } catch (err) {
      this.detach(roomId, subscriber);
      throw err;
    }
  }

  detach(roomId: string, subscriber: RoomSubscriber): void {
    const feed = this.feeds.get(roomId);
    if (!feed || !feed.subscribers.delete(subscriber) || feed.subscribers.size > 0) return;
    this.feeds.delete(roomId);
    feed.sequencer?.close();
    this.bus.unsubscribe(roomId).catch((err: unknown) => this.logger.warn(`unsubscribing ${roomId} failed: ${String(err)}`));
  }

  /** Subscribes, then reads where the room stands: everything after that arrives over the channel. */
  private async open(roomId: string, feed: RoomFeed): Promise<void> {
    await this.bus.subscribe(roomId);
    const start = await this.rooms.lastSeq(roomId);
    if (this.feeds.get(roomId) !== feed) return;
    feed.start(
      new GaplessSequencer<ChatMessage>(
        start,
        (after, upTo) => {
          this.metrics.gapReads.inc({ level: 'room' });
          return this.messages.range(roomId, after, upTo);
        },
        (message) => this.fanOut(feed, message),
        (err) => this.logger.warn(`filling a gap of room ${roomId} failed: ${String(err)}`),
      ),
    );
  }

  private dispatch(roomId: string, event: RoomEvent): void {
    const feed = this.feeds.get(roomId);
    if (!feed) return;
    if (event.kind === 'message') {
      feed.receive(event.message);
      return;
    }
    for (const subscriber of feed.subscribers) subscriber.signal(event);
  }

  /** Sockets that are exactly one behind get one shared encoding; the rest catch up on their own. */
  private fanOut(feed: RoomFeed, message: ChatMessage): void {
    const direct: string[] = [];
    for (const subscriber of feed.subscribers) {
      if (subscriber.sequencer.tryAdvance(message.seq)) direct.push(subscriber.socketId);
      else subscriber.sequencer.push(message);
    }
    if (direct.length > 0) {
      this.broadcast(direct, message);
      this.metrics.delivered.inc(direct.length);
    }
  }

  private resyncAll(): void {
    for (const feed of this.feeds.values()) void feed.sequencer?.catchUp();
  }
}
