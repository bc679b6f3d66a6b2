import { registerEnumType } from 'type-graphql';

export enum Priority {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}

registerEnumType(Priority, {
  name: 'Priority',
  description: 'How urgent a task is, ordered LOW < MEDIUM < HIGH < URGENT.',
  valuesConfig: {
    LOW: { description: 'Can wait.' },
    MEDIUM: { description: 'The default.' },
    HIGH: { description: 'Soon.' },
    URGENT: { description: 'Now.' },
  },
});

/** Stored as a small integer so that ORDER BY priority follows LOW < MEDIUM < HIGH < URGENT. */
export const PRIORITY_RANK: Record<Priority, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, URGENT: 3 };
const BY_RANK = [Priority.LOW, Priority.MEDIUM, Priority.HIGH, Priority.URGENT];

export function priorityFromRank(rank: number): Priority {
  const priority = BY_RANK[rank];
  if (!priority) throw new Error(`Unknown priority rank ${rank}`);
  return priority;
}
