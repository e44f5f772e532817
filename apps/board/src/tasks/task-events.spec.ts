import { excerpt, taskRef } from './task-events';
import type { TaskEntity } from './task.entity';

describe('task event payloads', () => {
  it('carries where the task lives and who cares about it', () => {
    const task = { id: 't', boardId: 'b', projectId: 'p', workspaceId: 'w', title: 'T', createdBy: 'c', assigneeId: null, position: 3 } as unknown as TaskEntity;
    expect(taskRef(task)).toEqual({ taskId: 't', boardId: 'b', projectId: 'p', workspaceId: 'w', title: 'T', createdBy: 'c', assigneeId: null });
  });

  it('flattens whitespace and cuts long comments for notifications', () => {
    expect(excerpt('  a\n\n b\tc ')).toBe('a b c');
    const long = excerpt('x'.repeat(500));
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
  });
});
