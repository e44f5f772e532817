import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { RpcClient, UserRpc } from '@wealist/messaging';
import { createTransport, type Transporter } from 'nodemailer';
import type { NotificationConfig } from '../notification.config';
import { DeliveryError } from './delivery-error';
import type { DueDelivery } from './deliveries.repository';

/** E-mail over SMTP (nodemailer); the address is asked from the user service at send time. */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    private readonly rpc: RpcClient,
  ) {
    this.transport = config.SMTP_HOST
      ? createTransport({
          host: config.SMTP_HOST,
          port: config.SMTP_PORT,
          secure: config.SMTP_SECURE,
          auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } : undefined,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        })
      : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(d: DueDelivery): Promise<{ statusCode: number | null }> {
    if (!this.transport) throw new DeliveryError('e-mail is not configured (SMTP_HOST)', null, true);
    const user = await this.rpc.call(UserRpc.findUser, { userId: d.userId });
    if (!user) throw new DeliveryError('recipient no longer exists', null, true);
    const n = d.notification;
    try {
      await this.transport.sendMail({
        from: this.config.SMTP_FROM,
        to: user.email,
        subject: n.title,
        text: [n.title, n.body, `Open Wealist: ${this.config.APP_URL}`].filter(Boolean).join('\n\n'),
        headers: { 'X-Wealist-Notification': n.id },
      });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode ?? null;
      // 5xx replies are permanent in SMTP (bad address, refused); anything else may pass later.
      throw new DeliveryError(err instanceof Error ? err.message : String(err), code, code !== null && code >= 500);
    }
    return { statusCode: 250 };
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
