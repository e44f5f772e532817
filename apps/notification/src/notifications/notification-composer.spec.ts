import { composeChatMentioned, composeTaskAssigned, composeTaskCommented, composeTaskDueSoon, composeTradingSignal } from './notification-composer';

const task = { taskId: 't', boardId: 'b', projectId: 'p', workspaceId: 'w', title: 'Ship it', createdBy: 'creator', assigneeId: 'assignee' };

describe('notification composer', () => {
  it('notifies the assignee of an assignment, unless they assigned themselves', () => {
    expect(composeTaskAssigned({ ...task, previousAssigneeId: null, assignedBy: 'creator' })).toEqual([
      expect.objectContaining({ userId: 'assignee', type: 'task.assigned', title: 'You were assigned “Ship it”' }),
    ]);
    expect(composeTaskAssigned({ ...task, previousAssigneeId: null, assignedBy: 'assignee' })).toEqual([]);
    expect(composeTaskAssigned({ ...task, assigneeId: null, previousAssigneeId: 'x', assignedBy: 'creator' })).toEqual([]);
  });

  it('notifies assignee and creator of a comment, never its author, once each', () => {
    const comment = { ...task, commentId: 'c', authorId: 'creator', excerpt: 'looks good' };
    expect(composeTaskCommented(comment).map((d) => d.userId)).toEqual(['assignee']);
    expect(composeTaskCommented({ ...comment, authorId: 'someone' }).map((d) => d.userId)).toEqual(['assignee', 'creator']);
    expect(composeTaskCommented({ ...comment, authorId: 'x', createdBy: 'assignee' }).map((d) => d.userId)).toEqual(['assignee']);
  });

  it('tells the assignee (or the creator of an unassigned task) that it is due soon', () => {
    expect(composeTaskDueSoon({ ...task, dueDate: '2030-01-01' })[0]).toMatchObject({ userId: 'assignee', title: '“Ship it” is due 2030-01-01' });
    expect(composeTaskDueSoon({ ...task, assigneeId: null, dueDate: '2030-01-01' })[0].userId).toBe('creator');
  });

  it('names the room of a mention, or says it was a direct message', () => {
    const mention = { messageId: 'm', roomId: 'r', roomName: 'general', workspaceId: 'w', seq: 3, senderId: 's', senderName: 'Sam', mentionedUserIds: ['a', 's', 'a'], excerpt: 'hi' };
    expect(composeChatMentioned(mention)).toEqual([expect.objectContaining({ userId: 'a', title: 'Sam mentioned you in #general', body: 'hi' })]);
    expect(composeChatMentioned({ ...mention, roomName: null })[0].title).toBe('Sam mentioned you in a direct message');
  });

  it('tells whoever activated a live strategy of its signal, with the signal in the data', () => {
    const signal = {
      signalId: 'sig',
      liveStrategyId: 'live',
      workspaceId: 'w',
      strategyName: 'SMA cross',
      symbol: 'AAPL',
      name: 'golden-cross',
      barTime: '2030-01-01T00:00:00.000Z',
      data: { fast: 10 },
      recipientIds: ['u', 'u'],
    };
    expect(composeTradingSignal(signal)).toEqual([
      {
        userId: 'u',
        type: 'trading.signal',
        workspaceId: 'w',
        title: 'SMA cross: golden-cross on AAPL',
        body: '{"fast":10}',
        data: { signalId: 'sig', liveStrategyId: 'live', symbol: 'AAPL', name: 'golden-cross', barTime: '2030-01-01T00:00:00.000Z', data: { fast: 10 } },
      },
    ]);
    expect(composeTradingSignal({ ...signal, data: {} })[0].body).toBe('');
    expect(composeTradingSignal({ ...signal, recipientIds: [] })).toEqual([]);
  });
});
