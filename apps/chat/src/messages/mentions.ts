const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
// `<@id>` (what clients insert when a name is picked) or a bare `@id`.
const MENTION = new RegExp(`<@(${UUID})>|(?<![\\w@])@(${UUID})(?![\\w-])`, 'gi');

/**
 * User ids mentioned in a message body, lower-cased, first occurrence order, without duplicates
 * and without the author. Chat knows users by id only (names live in the user service), so
 * clients write mentions as ids and render names themselves.
 */
export function parseMentions(body: string, authorId: string): string[] {
  const found = new Set<string>();
  for (const match of body.matchAll(MENTION)) found.add((match[1] ?? match[2]).toLowerCase());
  found.delete(authorId.toLowerCase());
  return [...found];
}

/** The start of a message for a notification, on one line. */
export function excerpt(body: string, max = 200): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
