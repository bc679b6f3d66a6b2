import type { TestUser } from '../test-server';
import { dataOf } from './graphql';

const SNAPSHOT = `{
  me { id email name createdAt }
  projects(first: 100) {
    totalCount pageInfo { hasNextPage }
    nodes { id name description createdAt updatedAt tasks(first: 100) { totalCount nodes { id } } }
  }
  tasks(first: 100) {
    totalCount pageInfo { hasNextPage }
    nodes {
      id title description completed priority dueAt createdAt updatedAt
      project { id } tags { id name }
    }
  }
  tags { id name tasks(first: 100) { totalCount nodes { id } } }
}`;

/**
 * Everything a user has, as the user sees it through the API (timestamps included, so a
 * write that changed nothing visible but still touched a row shows up too).
 */
export async function snapshotOf(user: TestUser): Promise<unknown> {
  const data = dataOf(await user.gql(SNAPSHOT));
  if (data.projects.pageInfo.hasNextPage || data.tasks.pageInfo.hasNextPage) {
    throw new Error('snapshot: more than 100 records; the snapshot would be partial');
  }
  return data;
}
