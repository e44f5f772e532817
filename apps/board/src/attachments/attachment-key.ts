/** Where a task attachment lives in the bucket (PLATFORM.md: boards/{boardId}/attachments/...). */
export function attachmentKey(boardId: string, attachmentId: string): string {
  return `boards/${boardId}/attachments/${attachmentId}`;
}

/** A file name as stored and offered for download: no path, no control characters, bounded. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}
