import fc from 'fast-check';
import {
  CreateProject,
  CreateTag,
  CreateTask,
  DeleteProject,
  DeleteTag,
  DeleteTask,
  ListProjects,
  ListTags,
  ListTasks,
  RenameProject,
  UpdateTask,
  type Real,
} from './commands';
import type { Model, OrderField, Priority, Ref } from './model';

const PRIORITIES: Priority[] = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];
const ORDER_FIELDS: OrderField[] = ['CREATED_AT', 'UPDATED_AT', 'DUE_AT', 'PRIORITY', 'TITLE'];
// Titles and searches with LIKE's wildcards and escape in them: they must match literally.
const TITLES = ['alpha', 'Beta', 'a%b', 'a_b', 'axb', '100%', 'x\\y', 'gamma delta'];
const SEARCHES = ['a', 'A', '%', '_', 'a%', 'a_b', '\\', 'x\\', 'ta', 'zz', 'under_'];
const DESCRIPTIONS = ['has A%B', 'under_score', 'plain'];
const DATES = ['2029-06-01T12:00:00.000Z', '2030-01-01T00:00:00.000Z', '2031-03-03T03:03:03.000Z'];
// Lower-case and distinct: every collation sorts them alike.
const TAG_NAMES = ['red', 'blue', 'green', 'gold', 'gray'];

/** Every step a run may take, weighted by repetition; refs mostly name the actor's own records. */
export function stepArbitraries(users: number): fc.Arbitrary<fc.AsyncCommand<Model, Real>>[] {
  const actor = fc.nat(users - 1);
  const refTo = (ownWeight: number): fc.Arbitrary<Ref> =>
    fc.record({
      owner: fc.oneof(
        { arbitrary: fc.constant('self' as const), weight: ownWeight },
        { arbitrary: fc.integer({ min: 1, max: users - 1 }), weight: 1 },
      ),
      index: fc.nat(9),
    });
  // The record a step acts on: now and then another user's.
  const ref = refTo(3);
  // A project or tag a task links to, or a filter names: mostly the actor's own, so that
  // most writes succeed and lists fill up; the rest must fail or match nothing.
  const link = refTo(6);
  const priority = fc.constantFrom(...PRIORITIES);
  const date = fc.constantFrom(...DATES);
  const spec = fc.record({
    title: fc.constantFrom(...TITLES),
    description: fc.option(fc.constantFrom(...DESCRIPTIONS), { nil: null }),
    priority,
    dueAt: fc.option(date, { nil: null }),
    project: fc.option(link, { nil: null, freq: 2 }),
    tags: fc.array(link, { maxLength: 3 }),
  });
  const changes = fc.record(
    {
      title: fc.constantFrom(...TITLES),
      description: fc.option(fc.constantFrom(...DESCRIPTIONS), { nil: null }),
      completed: fc.boolean(),
      priority,
      dueAt: fc.option(date, { nil: null }),
      project: fc.option(link, { nil: null, freq: 3 }),
      tags: fc.option(fc.array(link, { maxLength: 3 }), { nil: null, freq: 4 }),
    },
    { requiredKeys: [] },
  );
  const filterKeys = fc.record(
    {
      completed: fc.boolean(),
      priority,
      project: link,
      tag: link,
      search: fc.constantFrom(...SEARCHES),
      dueBefore: date,
      dueAfter: date,
    },
    { requiredKeys: [] },
  );
  // Mostly no filter or one condition: many conditions at once match nothing.
  const list = fc.oneof(
    { arbitrary: fc.constant({}), weight: 2 },
    { arbitrary: filterKeys.filter((f) => Object.keys(f).length === 1), weight: 4 },
    { arbitrary: filterKeys, weight: 1 },
  );
  const order = fc.option(
    fc.record({
      field: fc.constantFrom(...ORDER_FIELDS),
      direction: fc.constantFrom('ASC', 'DESC'),
    }),
    { nil: null },
  );
  const createTask = fc.tuple(actor, spec).map(([a, s]) => new CreateTask(a, s));
  const createTag = fc
    .tuple(actor, fc.constantFrom(...TAG_NAMES))
    .map(([a, n]) => new CreateTag(a, n));
  const updateTask = fc.tuple(actor, ref, changes).map(([a, r, c]) => new UpdateTask(a, r, c));
  const listTasks = fc
    .tuple(actor, list, order, fc.integer({ min: 1, max: 4 }))
    .map(([a, l, o, first]) => new ListTasks(a, { ...l, order: o, first }));
  return [
    fc
      .tuple(actor, fc.constantFrom('home', 'work', 'misc'))
      .map(([a, n]) => new CreateProject(a, n)),
    fc
      .tuple(actor, fc.constantFrom('home', 'work', 'misc'))
      .map(([a, n]) => new CreateProject(a, n)),
    fc
      .tuple(actor, ref, fc.constantFrom('renamed', 'other'))
      .map(([a, r, n]) => new RenameProject(a, r, n)),
    fc.tuple(actor, ref).map(([a, r]) => new DeleteProject(a, r)),
    createTag,
    createTag,
    createTag,
    fc.tuple(actor, ref).map(([a, r]) => new DeleteTag(a, r)),
    createTask,
    createTask,
    createTask,
    createTask,
    createTask,
    updateTask,
    updateTask,
    updateTask,
    fc.tuple(actor, ref).map(([a, r]) => new DeleteTask(a, r)),
    listTasks,
    listTasks,
    listTasks,
    fc.tuple(actor, fc.integer({ min: 1, max: 3 })).map(([a, first]) => new ListProjects(a, first)),
    actor.map((a) => new ListTags(a)),
  ];
}
