import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { REDIS_CLIENT } from '@wealist/redis';
import type { Redis } from 'ioredis';
import type { BoardConfig } from '../board.config';

/** A cached board: the workspace (for the access check) and the response body, ready to send. */
export interface CachedBoard {
  workspaceId: string;
  json: string;
}

export interface CacheRead {
  hit: CachedBoard | null;
  /** The generation seen; a view built after this read may be stored only under it. */
  generation: string;
  /** Values of the extra keys asked for, read in the same round trip. */
  extra: (string | null)[];
}

const viewKey = (boardId: string) => `board:${boardId}:view`;
const genKey = (boardId: string) => `board:${boardId}:gen`;
const GENERATION_TTL_SECONDS = 7 * 86_400;

/** Stores the view only if no write bumped the generation since the reader looked. */
const PUT_IF_CURRENT = `
if (redis.call('GET', KEYS[2]) or '') == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0
`;

type CacheClient = Redis & { wealistPutBoardView(view: string, gen: string, generation: string, value: string, ttl: number): Promise<number> };

/**
 * Board views in Redis DB 1, shared by every instance. Each board has a generation counter that
 * every write bumps after its commit; an entry is valid only for the generation it was built
 * under. A reader that loaded the board before a concurrent write can therefore never leave a
 * stale view behind (its store is refused, or its entry is outdated at once), and the next read
 * through any instance after a write sees the write.
 */
@Injectable()
export class BoardCacheRepository {
  private readonly logger = new Logger(BoardCacheRepository.name);
  private readonly redis: CacheClient;

  constructor(
    @Inject(REDIS_CLIENT) redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: BoardConfig,
  ) {
    redis.defineCommand('wealistPutBoardView', { numberOfKeys: 2, lua: PUT_IF_CURRENT });
    this.redis = redis as CacheClient;
  }

  /** `extraKeys` ride along in the same MGET (the hot path reads the caller's cached role with it). */
  async read(boardId: string, extraKeys: readonly string[] = []): Promise<CacheRead> {
    const [entry, generation, ...extra] = await this.redis.mget(viewKey(boardId), genKey(boardId), ...extraKeys);
    const gen = generation ?? '';
    if (!entry) return { hit: null, generation: gen, extra };
    // Entry layout: "<generation>\n<workspaceId>\n<json>" (JSON never contains a raw newline).
    const first = entry.indexOf('\n');
    const second = entry.indexOf('\n', first + 1);
    if (first < 0 || second < 0 || entry.slice(0, first) !== gen) return { hit: null, generation: gen, extra };
    return { hit: { workspaceId: entry.slice(first + 1, second), json: entry.slice(second + 1) }, generation: gen, extra };
  }

  async store(boardId: string, generation: string, board: CachedBoard): Promise<void> {
    const value = `${generation}\n${board.workspaceId}\n${board.json}`;
    await this.redis.wealistPutBoardView(viewKey(boardId), genKey(boardId), generation, value, this.config.BOARD_CACHE_TTL_SECONDS);
  }

  /** Called after every committed write that changes what GET /api/boards/:id shows. */
  async invalidate(boardId: string): Promise<void> {
    try {
      await this.redis.multi().incr(genKey(boardId)).expire(genKey(boardId), GENERATION_TTL_SECONDS).del(viewKey(boardId)).exec();
    } catch (err) {
      // The write is committed; a view cached before it expires within BOARD_CACHE_TTL_SECONDS.
      this.logger.error(`board cache invalidation failed for ${boardId}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
