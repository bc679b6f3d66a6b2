import { committedChange } from '../../../bench/committed-change';
import { DeliveryLedger } from '../../../bench/delivery-ledger';
import { evaluateTargets, type TargetInputs } from '../../../bench/targets';

const ALICE = 'bench-000001';
const BOB = 'bench-000002';
const CAROL = 'bench-000003';
const T1 = '00000000-0000-4000-8000-000000000001';
const T2 = '00000000-0000-4000-8000-000000000002';
const title = (owner: string) => `task 1 of ${owner}`;

describe('bench live delivery ledger', () => {
  it('should pair an answer with its event and measure from the send', () => {
    const ledger = new DeliveryLedger([ALICE]);
    ledger.committed(ALICE, { kind: 'UPDATED', taskId: T1 }, 100);
    expect(ledger.pending).toBe(1);
    ledger.delivered(ALICE, { kind: 'UPDATED', taskId: T1, title: title(ALICE) }, 130);
    expect(ledger.result()).toMatchObject({
      sent: 1,
      received: 1,
      matched: 1,
      lost: 0,
      foreign: 0,
      unmatched: 0,
      beforeAnswer: 0,
      latencyMs: { p50: 30, p99: 30 },
    });
  });

  it('should pair an event that overtook its answer', () => {
    const ledger = new DeliveryLedger([ALICE]);
    ledger.delivered(ALICE, { kind: 'CREATED', taskId: T1, title: title(ALICE) }, 120);
    ledger.committed(ALICE, { kind: 'CREATED', taskId: T1 }, 100);
    expect(ledger.result()).toMatchObject({ matched: 1, lost: 0, unmatched: 0, beforeAnswer: 1 });
    expect(ledger.result().latencyMs.p50).toBe(20);
  });

  it('should count a committed change whose event never came as lost', () => {
    const ledger = new DeliveryLedger([ALICE]);
    ledger.committed(ALICE, { kind: 'UPDATED', taskId: T1 }, 100);
    ledger.committed(ALICE, { kind: 'UPDATED', taskId: T1 }, 110);
    ledger.delivered(ALICE, { kind: 'UPDATED', taskId: T1, title: title(ALICE) }, 150);
    // An event of another kind does not stand in for the missing one.
    ledger.delivered(ALICE, { kind: 'DELETED', taskId: T1, title: null }, 160);
    expect(ledger.result()).toMatchObject({ sent: 2, matched: 1, lost: 1, unmatched: 1 });
    expect(ledger.result().unmatchedByKind).toEqual({ DELETED: 1 });
  });

  it("should count another user's task as foreign by its title or its known owner", () => {
    const ledger = new DeliveryLedger([ALICE, BOB]);
    ledger.committed(BOB, { kind: 'UPDATED', taskId: T2 }, 100);
    ledger.delivered(BOB, { kind: 'UPDATED', taskId: T2, title: title(BOB) }, 110);
    ledger.delivered(ALICE, { kind: 'UPDATED', taskId: T2, title: null }, 111);
    ledger.delivered(ALICE, { kind: 'UPDATED', taskId: T1, title: title(CAROL) }, 112);
    expect(ledger.result()).toMatchObject({ received: 3, matched: 1, foreign: 2, lost: 0 });
  });

  it("should judge an early event as foreign once the other user's answer names its task", () => {
    const ledger = new DeliveryLedger([ALICE]);
    ledger.delivered(ALICE, { kind: 'CREATED', taskId: T2, title: null }, 105);
    // CAROL has no socket: her change is not expected anywhere, but its owner is now known.
    ledger.committed(CAROL, { kind: 'CREATED', taskId: T2 }, 100);
    expect(ledger.result()).toMatchObject({ sent: 0, foreign: 1, unmatched: 0 });
  });

  it('should fail the live target on a lost or foreign event and pass a clean run', () => {
    const base: TargetInputs = {
      runs: new Map(),
      sequentialAuthP50: undefined,
      authCost: undefined,
      openingCost: undefined,
      smallScaleList: undefined,
      smallUsers: 1000,
      users: 200,
      memory: undefined,
    };
    const verdict = (ledger: DeliveryLedger | undefined) =>
      evaluateTargets({ ...base, live: ledger?.result() }).find((t) => t.name.startsWith('live'))
        ?.pass;
    const clean = new DeliveryLedger([ALICE]);
    clean.committed(ALICE, { kind: 'UPDATED', taskId: T1 }, 1);
    clean.delivered(ALICE, { kind: 'UPDATED', taskId: T1, title: title(ALICE) }, 2);
    const lost = new DeliveryLedger([ALICE]);
    lost.committed(ALICE, { kind: 'UPDATED', taskId: T1 }, 1);
    const foreign = new DeliveryLedger([ALICE]);
    foreign.committed(ALICE, { kind: 'UPDATED', taskId: T1 }, 1);
    foreign.delivered(ALICE, { kind: 'UPDATED', taskId: T1, title: title(ALICE) }, 2);
    foreign.delivered(ALICE, { kind: 'UPDATED', taskId: T2, title: title(BOB) }, 3);
    expect(verdict(clean)).toBe(true);
    expect(verdict(lost)).toBe(false);
    expect(verdict(foreign)).toBe(false);
    expect(verdict(new DeliveryLedger([ALICE]))).toBeUndefined();
    expect(verdict(undefined)).toBeUndefined();
  });
});

describe('bench committed changes', () => {
  const answer = (data: unknown, errors?: unknown[]) => JSON.stringify({ data, errors });

  it('should read the task a create or an update answered as committed', () => {
    expect(committedChange('create', 200, answer({ createTask: { id: T1 } }))).toEqual({
      kind: 'CREATED',
      taskId: T1,
    });
    expect(committedChange('update', 200, answer({ updateTask: { id: T2 } }))).toEqual({
      kind: 'UPDATED',
      taskId: T2,
    });
  });

  it('should see no change in reads, refusals, conflicts or broken answers', () => {
    const conflict = answer(null, [{ extensions: { code: 'CONFLICT' } }]);
    expect(committedChange('list', 200, answer({ tasks: { nodes: [] } }))).toBeUndefined();
    expect(committedChange('update', 200, conflict)).toBeUndefined();
    expect(committedChange('probeWrite', 200, answer({ updateTask: { id: T1 } }))).toBeUndefined();
    expect(committedChange('update', 503, answer({ updateTask: { id: T1 } }))).toBeUndefined();
    expect(committedChange('create', 200, 'not json')).toBeUndefined();
    expect(committedChange('create', 200, answer({ createTask: null }))).toBeUndefined();
  });
});
