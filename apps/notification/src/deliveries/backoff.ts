/** Wait before retry `attempt + 1` after `attempt` failed: base, 2x base, 4x base ... capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(attempt - 1, 0), maxMs);
}
