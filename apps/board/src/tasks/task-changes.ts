import type { TaskEntity } from './task.entity';

export type FieldChange = { from: unknown; to: unknown };
export type EditableTaskFields = Pick<TaskEntity, 'title' | 'description' | 'assigneeId' | 'labels' | 'priority' | 'dueDate'>;

/** Labels as stored: trimmed, lower-case, first occurrence kept, order kept. */
export function normalizeLabels(labels: readonly string[]): string[] {
  return [...new Set(labels.map((l) => l.trim().toLowerCase()).filter(Boolean))];
}

/** The edits of a PATCH that actually change something (absent fields are left as they are). */
export function taskEdits(
  current: EditableTaskFields,
  input: { title?: string; description?: string; assigneeId?: string | null; labels?: string[]; priority?: TaskEntity['priority']; dueDate?: string | null },
): Partial<EditableTaskFields> {
  const next: Partial<EditableTaskFields> = {};
  if (input.title !== undefined && input.title !== current.title) next.title = input.title;
  if (input.description !== undefined && input.description !== current.description) next.description = input.description;
  if (input.assigneeId !== undefined && input.assigneeId !== current.assigneeId) next.assigneeId = input.assigneeId;
  if (input.priority !== undefined && input.priority !== current.priority) next.priority = input.priority;
  if (input.labels !== undefined) {
    const labels = normalizeLabels(input.labels);
    if (labels.join('\n') !== current.labels.join('\n')) next.labels = labels;
  }
  if (input.dueDate !== undefined) {
    const due = input.dueDate === null ? null : new Date(input.dueDate);
    if ((due?.getTime() ?? null) !== (current.dueDate?.getTime() ?? null)) next.dueDate = due;
  }
  return next;
}

/** The activity details of an edit: each changed field from -> to (descriptions only flagged, they can be long). */
export function describeEdits(current: EditableTaskFields, edits: Partial<EditableTaskFields>): Record<string, FieldChange | boolean> {
  const out: Record<string, FieldChange | boolean> = {};
  for (const [field, to] of Object.entries(edits) as [keyof EditableTaskFields, unknown][]) {
    if (field === 'description') out['descriptionChanged'] = true;
    else out[field] = { from: serialize(current[field]), to: serialize(to) };
  }
  return out;
}

function serialize(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
