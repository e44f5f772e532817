import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { BROKER } from './broker.types';
import { PaperAccountsController } from './paper-accounts.controller';
import { PaperAccountsRepository } from './paper-accounts.repository';
import { PaperAccountsService } from './paper-accounts.service';
import { PaperOrdersRepository } from './paper-orders.repository';
import { PaperOrdersService } from './paper-orders.service';
import { PaperBroker } from './paper.broker';
import { PaperFillFeed } from './paper-fill.feed';

/** The paper broker is the default behind BROKER; an IB adapter would be bound there instead. */
@Module({
  imports: [AccessModule],
  controllers: [PaperAccountsController],
  providers: [
    PaperAccountsRepository,
    PaperOrdersRepository,
    PaperBroker,
    { provide: BROKER, useExisting: PaperBroker },
    PaperAccountsService,
    PaperOrdersService,
    PaperFillFeed,
  ],
  exports: [BROKER, PaperBroker, PaperAccountsRepository, PaperOrdersRepository, PaperAccountsService],
})
export class BrokerModule {}
