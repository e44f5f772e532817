import { describeEdits, normalizeLabels, taskEdits, type EditableTaskFields } from './task-changes';

describe('task changes', () => {
  const current: EditableTaskFields = {
    title: 'Fix login',
    description: 'long text',
    assigneeId: null,
    labels: ['bug'],
    priority: 'medium',
    dueDate: new Date('2030-01-01T00:00:00.000Z'),
  };

  it('normalizes labels: trimmed, lower-case, no duplicates, order kept', () => {
    expect(normalizeLabels([' Bug', 'UI', 'bug', '  ', 'ui '])).toEqual(['bug', 'ui']);
  });

  it('keeps only the fields that change', () => {
    expect(taskEdits(current, { title: 'Fix login', labels: ['BUG'], dueDate: '2030-01-01T00:00:00Z' })).toEqual({});
    expect(taskEdits(current, { title: 'Fix sign-in', assigneeId: 'u1', dueDate: null, priority: 'high' })).toEqual({
      title: 'Fix sign-in',
      assigneeId: 'u1',
      dueDate: null,
      priority: 'high',
    });
  });

  it('describes an edit for the activity log without copying long descriptions', () => {
    expect(describeEdits(current, { title: 'New', description: 'x', dueDate: null })).toEqual({
      title: { from: 'Fix login', to: 'New' },
      descriptionChanged: true,
      dueDate: { from: '2030-01-01T00:00:00.000Z', to: null },
    });
  });
});
