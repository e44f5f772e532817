import type { EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

const CALLBACKS = 'wealist.afterCommit';

type Data = Record<string, unknown> & { [CALLBACKS]?: (() => void)[] };

/**
 * Runs `work` once the transaction of `tx` has committed, and never if it rolls back: a push
 * or a worker wake-up must not announce a row that may still disappear.
 */
export function afterCommit(tx: EntityManager, work: () => void): void {
  const runner = tx.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('afterCommit needs an open transaction');
  const data = runner.data as Data;
  runner.data = { ...data, [CALLBACKS]: [...(data[CALLBACKS] ?? []), work] };
}

/** Registered on the DataSource; carries out what afterCommit() queued. */
export class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Data | undefined;
    const callbacks = data?.[CALLBACKS];
    if (!data || !callbacks) return;
    delete data[CALLBACKS];
    for (const callback of callbacks) callback();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const data = event.queryRunner.data as Data | undefined;
    if (data) delete data[CALLBACKS];
  }
}
