// Written by hand to match what `npx graphql-codegen --config examples/apollo-client/codegen.yml`
// emits (typescript, typescript-operations and typed-document-node in graphQLTag mode); running
// the generator replaces it. test/unit/examples/apollo-operations.test.ts fails when these
// documents drift from operations/*.graphql or from schema.graphql.
import { gql } from '@apollo/client';
import type { TypedDocumentNode as DocumentNode } from '@apollo/client';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string };
  String: { input: string; output: string };
  Boolean: { input: boolean; output: boolean };
  Int: { input: number; output: number };
  Float: { input: number; output: number };
  DateTime: { input: string; output: string };
};

export type CreateTaskInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  priority?: InputMaybe<Priority>;
  projectId?: InputMaybe<Scalars['ID']['input']>;
  tagIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  title: Scalars['String']['input'];
};

export type Priority = 'HIGH' | 'LOW' | 'MEDIUM' | 'URGENT';

export type SortDirection = 'ASC' | 'DESC';

/** A filter naming a project or tag that is not the caller's matches nothing. */
export type TaskFilter = {
  completed?: InputMaybe<Scalars['Boolean']['input']>;
  /** Matches dueAt > value. */
  dueAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Matches dueAt < value. */
  dueBefore?: InputMaybe<Scalars['DateTime']['input']>;
  priority?: InputMaybe<Priority>;
  projectId?: InputMaybe<Scalars['ID']['input']>;
  /** Case-insensitive match in title or description (at most 200 characters). */
  search?: InputMaybe<Scalars['String']['input']>;
  tagId?: InputMaybe<Scalars['ID']['input']>;
};

/** Ties are broken by id, so pages never skip or repeat. */
export type TaskOrder = {
  direction?: SortDirection;
  field: TaskOrderField;
};

export type TaskOrderField = 'CREATED_AT' | 'DUE_AT' | 'PRIORITY' | 'TITLE' | 'UPDATED_AT';

export type UpdateTaskInput = {
  completed?: InputMaybe<Scalars['Boolean']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  priority?: InputMaybe<Priority>;
  projectId?: InputMaybe<Scalars['ID']['input']>;
  tagIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  title?: InputMaybe<Scalars['String']['input']>;
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
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TaskFilter>;
  orderBy?: InputMaybe<TaskOrder>;
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
  id: Scalars['ID']['input'];
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
  id: Scalars['ID']['input'];
}>;

export type DeleteTaskMutation = { deleteTask: string };

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
