/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@apollo/client';
import { gql } from '@apollo/client';
/**
 * Limits: title 1-200 characters, description up to 5000, at most 20 tags.
 * projectId and tagIds must be the caller's own, else NOT_FOUND and nothing is written.
 */
export type CreateTaskInput = {
  /** Free text; null for none. */
  description?: string | null | undefined;
  /** When the task is due; null for never. */
  dueAt?: string | null | undefined;
  /** MEDIUM unless given. */
  priority?: Priority | null | undefined;
  /** One of the caller's projects to put the task in. */
  projectId?: string | number | null | undefined;
  /** The caller's tags for the task. */
  tagIds?: Array<string | number> | null | undefined;
  /** The title, trimmed. */
  title: string;
};

/** How urgent a task is, ordered LOW < MEDIUM < HIGH < URGENT. */
export type Priority =
  /** Soon. */
  | 'HIGH'
  /** Can wait. */
  | 'LOW'
  /** The default. */
  | 'MEDIUM'
  /** Now. */
  | 'URGENT';

/** The direction of an order. */
export type SortDirection =
  /** Smallest, earliest or first in byte order first. */
  | 'ASC'
  /** Largest, latest or last in byte order first. */
  | 'DESC';

/** What a committed change did to a task. */
export type TaskChangeKind =
  /** The task was created. */
  | 'CREATED'
  /** The task was deleted (itself, or with its project). */
  | 'DELETED'
  /** The task changed, or which tags it carries, or the name of its project or of one of its tags. */
  | 'UPDATED';

/** A filter naming a project or tag that is not the caller's matches nothing. */
export type TaskFilter = {
  /** Only done (true) or open (false) tasks. */
  completed?: boolean | null | undefined;
  /** Matches dueAt > value. */
  dueAfter?: string | null | undefined;
  /** Matches dueAt < value. */
  dueBefore?: string | null | undefined;
  /** Only the tasks of this priority. */
  priority?: Priority | null | undefined;
  /** Only the tasks in this project. */
  projectId?: string | number | null | undefined;
  /** Case-insensitive match in title or description (at most 200 characters). */
  search?: string | null | undefined;
  /** Only the tasks carrying this tag. */
  tagId?: string | number | null | undefined;
};

/** The order of a list of tasks. Ties are broken by id, so pages never skip or repeat. */
export type TaskOrder = {
  /** Ascending by default. */
  direction?: SortDirection;
  /** The value to order by. */
  field: TaskOrderField;
};

/** What a list of tasks can be ordered by. */
export type TaskOrderField =
  /** When the task was created. */
  | 'CREATED_AT'
  /** The due date; tasks without one come last in either direction. */
  | 'DUE_AT'
  /** LOW < MEDIUM < HIGH < URGENT. */
  | 'PRIORITY'
  /** The title, by its UTF-8 bytes (case-sensitive, the same everywhere). */
  | 'TITLE'
  /** When the task was last changed. */
  | 'UPDATED_AT';

/**
 * Limits: title 1-200 characters, description up to 5000, at most 20 tags.
 * projectId and tagIds must be the caller's own, else NOT_FOUND and nothing is written.
 * Omitted fields are left as they are; null clears description, dueAt, projectId and tagIds.
 */
export type UpdateTaskInput = {
  /** Marks the task done or open. */
  completed?: boolean | null | undefined;
  /** New free text; null clears it. */
  description?: string | null | undefined;
  /** A new due date; null clears it. */
  dueAt?: string | null | undefined;
  /** A new priority. */
  priority?: Priority | null | undefined;
  /** Moves the task to this project; null takes it out of any. */
  projectId?: string | number | null | undefined;
  /** Replaces the task's tags; null or [] removes them all. */
  tagIds?: Array<string | number> | null | undefined;
  /** A new title, trimmed; null is refused. */
  title?: string | null | undefined;
};

export type TaskFieldsFragment = {
  __typename: 'Task';
  id: string;
  title: string;
  description: string | null;
  completed: boolean;
  priority: Priority;
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type MeQueryVariables = Exact<{ [key: string]: never }>;

export type MeQuery = {
  me: { __typename: 'User'; id: string; email: string | null; name: string | null };
};

export type TasksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: TaskFilter | null | undefined;
  orderBy?: TaskOrder | null | undefined;
}>;

export type TasksQuery = {
  tasks: {
    __typename: 'TaskConnection';
    totalCount: number;
    pageInfo: { __typename: 'PageInfo'; hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      __typename: 'TaskEdge';
      cursor: string;
      node: {
        __typename: 'Task';
        id: string;
        title: string;
        description: string | null;
        completed: boolean;
        priority: Priority;
        dueAt: string | null;
        createdAt: string;
        updatedAt: string;
      };
    }>;
  };
};

export type CreateTaskMutationVariables = Exact<{
  input: CreateTaskInput;
}>;

export type CreateTaskMutation = {
  createTask: {
    __typename: 'Task';
    id: string;
    title: string;
    description: string | null;
    completed: boolean;
    priority: Priority;
    dueAt: string | null;
    createdAt: string;
    updatedAt: string;
  };
};

export type UpdateTaskMutationVariables = Exact<{
  id: string | number;
  input: UpdateTaskInput;
}>;

export type UpdateTaskMutation = {
  updateTask: {
    __typename: 'Task';
    id: string;
    title: string;
    description: string | null;
    completed: boolean;
    priority: Priority;
    dueAt: string | null;
    createdAt: string;
    updatedAt: string;
  };
};

export type DeleteTaskMutationVariables = Exact<{
  id: string | number;
}>;

export type DeleteTaskMutation = { deleteTask: string };

export type TaskChangedSubscriptionVariables = Exact<{
  projectId?: string | number | null | undefined;
}>;

export type TaskChangedSubscription = {
  taskChanged: {
    __typename: 'TaskChange';
    kind: TaskChangeKind;
    taskId: string;
    task: {
      __typename: 'Task';
      id: string;
      title: string;
      completed: boolean;
      updatedAt: string;
    } | null;
  };
};

export const TaskFieldsFragmentDoc = gql`
  fragment TaskFields on Task {
    id
    title
    description
    completed
    priority
    dueAt
    createdAt
    updatedAt
  }
` as unknown as DocumentNode<TaskFieldsFragment, unknown>;
export const MeDocument = gql`
  query Me {
    me {
      id
      email
      name
    }
  }
` as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const TasksDocument = gql`
  query Tasks($first: Int = 20, $after: String, $filter: TaskFilter, $orderBy: TaskOrder) {
    tasks(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...TaskFields
        }
      }
    }
  }
  ${TaskFieldsFragmentDoc}
` as unknown as DocumentNode<TasksQuery, TasksQueryVariables>;
export const CreateTaskDocument = gql`
  mutation CreateTask($input: CreateTaskInput!) {
    createTask(input: $input) {
      ...TaskFields
    }
  }
  ${TaskFieldsFragmentDoc}
` as unknown as DocumentNode<CreateTaskMutation, CreateTaskMutationVariables>;
export const UpdateTaskDocument = gql`
  mutation UpdateTask($id: ID!, $input: UpdateTaskInput!) {
    updateTask(id: $id, input: $input) {
      ...TaskFields
    }
  }
  ${TaskFieldsFragmentDoc}
` as unknown as DocumentNode<UpdateTaskMutation, UpdateTaskMutationVariables>;
export const DeleteTaskDocument = gql`
  mutation DeleteTask($id: ID!) {
    deleteTask(id: $id)
  }
` as unknown as DocumentNode<DeleteTaskMutation, DeleteTaskMutationVariables>;
export const TaskChangedDocument = gql`
  subscription TaskChanged($projectId: ID) {
    taskChanged(projectId: $projectId) {
      kind
      taskId
      task {
        id
        title
        completed
        updatedAt
      }
    }
  }
` as unknown as DocumentNode<TaskChangedSubscription, TaskChangedSubscriptionVariables>;
