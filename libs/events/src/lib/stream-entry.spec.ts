import { domainEvent, serviceStream } from './event.contract';
import { deadLetterStream, decodeEntry, encodeEntry, MalformedEntryError, streamKey } from './stream-entry';

describe('stream entry format', () => {
  const event = {
    id: '6f1c3c1e-93a8-4c1e-9a43-0f3b0f3c8e11',
    type: 'task.created',
    producer: 'board',
    occurredAt: '2025-01-02T03:04:05.678Z',
    payload: { taskId: 't', labels: ['a', 'b'], due: null },
  };

  it('round-trips an envelope through flat fields', () => {
    const fields = encodeEntry(event);
    expect(fields.filter((_, i) => i % 2 === 0)).toEqual(['id', 'type', 'producer', 'occurredAt', 'payload']);
    expect(decodeEntry(fields)).toEqual(event);
  });

  it('keeps an undefined payload as null rather than dropping the field', () => {
    expect(decodeEntry(encodeEntry({ ...event, payload: undefined })).payload).toBeNull();
  });

  it.each([
    [['id'], /odd number/],
    [['id', 'x', 'type', 't'], /missing producer, occurredAt, payload/],
    [encodeEntry(event).map((v, i, all) => (all[i - 1] === 'payload' ? '{not json' : v)), /payload is not JSON/],
  ])('refuses malformed entries %#', (fields, message) => {
    expect(() => decodeEntry(fields)).toThrow(MalformedEntryError);
    expect(() => decodeEntry(fields)).toThrow(message);
  });

  it('names streams and keys consistently', () => {
    expect(serviceStream('board')).toBe('events:board');
    expect(streamKey('test:x:', 'events:board')).toBe('test:x:events:board');
    expect(deadLetterStream('notification')).toBe('events:dead:notification');
    expect(domainEvent<{ a: number }>('task.moved', 'events:board')).toEqual({ type: 'task.moved', stream: 'events:board' });
  });
});
