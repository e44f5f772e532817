import { ConflictException } from '@nestjs/common';

/**
 * Optimistic concurrency: every update names the version it was based on. The row is locked
 * while comparing, so two updates from the same version cannot both win.
 */
export function assertVersion(what: string, current: number, sent: number | undefined): void {
  if (sent !== undefined && current !== sent) {
    throw new ConflictException(`${what} was changed by someone else: current version is ${current}, you sent ${sent}; reload and retry`);
  }
}

export function assertNotArchived(what: string, archivedAt: Date | null): void {
  if (archivedAt) throw new ConflictException(`${what} is archived; restore it first`);
}
