import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@wealist/telemetry';
import type { Counter, Gauge } from 'prom-client';
import { Gauge as PromGauge } from 'prom-client';

/** Business metrics of chat, on the service's own registry. */
@Injectable()
export class ChatMetrics {
  readonly stored: Counter;
  readonly delivered: Counter;
  readonly refused: Counter<'reason'>;
  readonly gapReads: Counter<'level'>;
  readonly connections: Gauge;

  constructor(metrics: ServiceMetrics) {
    this.stored = metrics.counter('chat_messages_stored_total', 'Messages stored (each one got the next sequence of its room)');
    this.delivered = metrics.counter('chat_messages_delivered_total', 'Messages emitted to sockets (one per socket per message)');
    this.refused = metrics.counter('chat_socket_refusals_total', 'Socket requests refused, by reason', ['reason']);
    this.gapReads = metrics.counter('chat_gap_reads_total', 'Reads from PostgreSQL to fill a gap or a backlog, by level (room, socket)', ['level']);
    this.connections = new PromGauge({ name: 'chat_socket_connections', help: 'Open socket.io connections on this instance', registers: [metrics.registry] });
  }
}
