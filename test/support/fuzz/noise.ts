import { dataOf } from '../isolation/graphql';
import type { World } from '../isolation/world';

/**
 * B's data changing under A's feet: a project, a tag and two tasks (one in B's own
 * project) that appear and disappear in turn. Whatever A is answered must not change
 * with them; a count that included B's rows, say, would.
 */
export class Noise {
  private made: { project: string; tag: string; task: string } | undefined;
  private round = 0;

  constructor(private readonly b: World) {}

  async toggle(): Promise<void> {
    if (this.made) {
      await this.clear();
      return;
    }
    const name = `noise ${this.round++} ${this.b.canary}`;
    const { p, g } = dataOf(
      await this.b.user.gql(
        'mutation($n: String!) { p: createProject(input: {name: $n}) { id } g: createTag(input: {name: $n}) { id } }',
        { n: name },
      ),
    );
    const { inOwn } = dataOf(
      await this.b.user.gql(
        `mutation($n: String!, $p: ID!, $own: ID!, $g: ID!, $red: ID!) {
          inNew: createTask(input: {title: $n, projectId: $p, tagIds: [$g, $red]}) { id }
          inOwn: createTask(input: {title: $n, projectId: $own, tagIds: [$g], priority: URGENT}) { id }
        }`,
        { n: name, p: p.id, own: this.b.projects[0]!.id, g: g.id, red: this.b.tags[0]!.id },
      ),
    );
    this.made = { project: p.id, tag: g.id, task: inOwn.id };
  }

  /** Leaves B's data as seeded. */
  async clear(): Promise<void> {
    if (!this.made) return;
    const { project, tag, task } = this.made;
    dataOf(
      await this.b.user.gql(
        'mutation($p: ID!, $g: ID!, $t: ID!) { deleteTask(id: $t) deleteTag(id: $g) deleteProject(id: $p) }',
        { p: project, g: tag, t: task },
      ),
    );
    this.made = undefined;
  }
}
