import { Module } from '@nestjs/common';
import { QuotaRepository } from './quota.repository';
import { QuotaService } from './quota.service';

@Module({ providers: [QuotaRepository, QuotaService], exports: [QuotaService] })
export class QuotaModule {}
