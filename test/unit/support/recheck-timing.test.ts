import { ANSWERS_DIFFER, recheckTiming } from '../../support/fuzz/oracle';
import type { FuzzPools } from '../../support/fuzz/pools';
import type { World } from '../../support/isolation/world';
import type { GraphQLResponse } from '../../support/test-server';

const world = (name: string, id: string): World =>
  ({
    user: { id },
    canary: `canary-${name}`,
    projects: [],
    tags: [],
    tasks: [],
    commonTagName: 'common',
  }) as unknown as World;

const pools = {
  a: world('a', 'user-a'),
  b: world('b', 'user-b'),
  aUuids: new Set<string>(),
} as unknown as FuzzPools;

const values = { foreign: ['id-of-b'], standIn: ['id-of-nothing'] };

const nulled = (...messages: string[]): GraphQLResponse =>
  ({
    status: 200,
    body: {
      data: null,
      errors: messages.map((message) => ({ message, extensions: { code: 'BAD_USER_INPUT' } })),
    },
  }) as unknown as GraphQLResponse;

describe('recheckTiming', () => {
  it('should drop the difference once both sides meet in some answer', async () => {
    // Either side sometimes reports a sibling's error as well: timing, not B's values.
    const one = nulled('after is bad');
    const both = nulled('after is bad', 'before is bad');
    const queues = { foreign: [one, both], standIn: [one, one] };
    const problems = await recheckTiming(
      pools,
      { foreign: both, standIn: one },
      async (side) => queues[side].shift()!,
      values,
    );
    expect(problems).toEqual([]);
  });

  it('should keep the difference when B’s values always make another answer', async () => {
    const problems = await recheckTiming(
      pools,
      { foreign: nulled('Task exists'), standIn: nulled('Task not found') },
      async (side) => (side === 'foreign' ? nulled('Task exists') : nulled('Task not found')),
      values,
    );
    expect(problems).toEqual([ANSWERS_DIFFER]);
  });

  it('should keep what any answer sent again shows of B, even when the sides meet', async () => {
    const leaking = nulled('after is bad', 'canary-b');
    const problems = await recheckTiming(
      pools,
      { foreign: nulled('after is bad'), standIn: nulled('after is bad', 'before is bad') },
      async (side) => (side === 'foreign' ? leaking : nulled('after is bad')),
      values,
    );
    expect(problems).toEqual(["with B's values: B's data in the answer: canary-b"]);
  });
});
