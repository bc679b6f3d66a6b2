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
  description?: string | null | undefined;
  dueAt?: string | null | undefined;
  priority?: Priority | null | undefined;
  projectId?: string | number | null | undefined;
  tagIds?: Array<string | number> | null | undefined;
  title: string;
};

export type Priority = 'HIGH' | 'LOW' | 'MEDIUM' | 'URGENT';

export type SortDirection = 'ASC' | 'DESC';

export type TaskChangeKind = 'CREATED' | 'DELETED' | 'UPDATED';

/** A filter naming a project or tag that is not the caller's matches nothing. */
export type TaskFilter = {
  completed?: boolean | null | undefined;
  /** Matches dueAt > value. */
  dueAfter?: string | null | undefined;
  /** Matches dueAt < value. */
  dueBefore?: string | null | undefined;
  priority?: Priority | null | undefined;
  projectId?: string | number | null | undefined;
  /** Case-insensitive match in title or description (at most 200 characters). */
  search?: string | null | undefined;
  tagId?: string | number | null | undefined;
};

/** Ties are broken by id, so pages never skip or repeat. */
export type TaskOrder = {
  direction?: SortDirection;
  field: TaskOrderField;
};

export type TaskOrderField = 'CREATED_AT' | 'DUE_AT' | 'PRIORITY' | 'TITLE' | 'UPDATED_AT';

/**
 * Limits: title 1-200 characters, description up to 5000, at most 20 tags.
 * projectId and tagIds must be the caller's own, else NOT_FOUND and nothing is written.
 * Omitted fields are left as they are; null clears description, dueAt, projectId and tagIds.
 */
export type UpdateTaskInput = {
  completed?: boolean | null | undefined;
  description?: string | null | undefined;
  dueAt?: string | null | undefined;
  priority?: Priority | null | undefined;
  projectId?: string | number | null | undefined;
  tagIds?: Array<string | number> | null | undefined;
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
