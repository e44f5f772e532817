import { domainEvent, serviceStream } from '../event.contract';

/** Stream of everything the chat service publishes. Consumers: notification (group `notification`). */
export const CHAT_EVENTS_STREAM = serviceStream('chat');

/** A stored message mentioned room members; one event per message, listing every mentioned user. */
export interface ChatMentionedEvent {
  messageId: string;
  roomId: string;
  /** null for a direct room. */
  roomName: string | null;
  workspaceId: string;
  seq: number;
  senderId: string;
  senderName: string;
  /** Room members named in the message, never the sender. */
  mentionedUserIds: string[];
  /** The first 200 characters of the message. */
  excerpt: string;
}

export const ChatEvents = {
  mentioned: domainEvent<ChatMentionedEvent>('chat.mentioned', CHAT_EVENTS_STREAM),
} as const;
