/** A GraphiQL tab: the document, and its variables as JSON text. */
export interface PlaygroundTab {
  readonly query: string;
  readonly variables?: string;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** Operations whose missing $id the page fills with the task CreateTask created last. */
export const LAST_TASK_OPERATIONS: readonly string[] = ['CompleteTask', 'DeleteTask'];

/**
 * One tab per thing to try first; they follow ../shared/api-contract.graphql. One operation
 * per tab: GraphiQL 3 may send a tab's stale operation name after a tab switch, which a
 * document of several operations cannot recover from.
 */
export const PLAYGROUND_TABS: readonly PlaygroundTab[] = [
  {
    query: `# The Authorization header (below) holds a development token for demo-user:
# every request here runs as that user. A token pasted there instead applies to every
# tab, and stays across reloads. Run with Ctrl-Enter.
query MyTasks($first: Int = 10, $after: String) {
  me {
    id
    email
    name
  }
  tasks(first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      title
      completed
      priority
      dueAt
      project {
        id
        name
      }
      tags {
        id
        name
      }
    }
  }
}
`,
    variables: json({ first: 10 }),
  },
  {
    query: `# Live: run this, then CreateTask in another tab. Events arrive over a WebSocket
# (graphql-ws), authenticated with the same Authorization header.
subscription LiveChanges {
  taskChanged {
    kind
    taskId
    task {
      title
      completed
    }
  }
}
`,
  },
  {
    query: `mutation CreateTask($input: CreateTaskInput!) {
  createTask(input: $input) {
    id
    title
    priority
    dueAt
    completed
  }
}
`,
    variables: json({ input: { title: 'Try the API', priority: 'HIGH' } }),
  },
  {
    query: `# Run CreateTask (the tab before) first: with no id in the variables, this takes
# the task it created last. To pick another, set "id" to an id from MyTasks.
mutation CompleteTask($id: ID!) {
  updateTask(id: $id, input: { completed: true }) {
    id
    title
    completed
    updatedAt
  }
}
`,
    variables: json({}),
  },
  {
    query: `# Like CompleteTask: with no id in the variables, deletes the task CreateTask created last.
mutation DeleteTask($id: ID!) {
  deleteTask(id: $id)
}
`,
    variables: json({}),
  },
  {
    query: `mutation CreateProject($input: CreateProjectInput!) {
  createProject(input: $input) {
    id
    name
  }
}
`,
    variables: json({ input: { name: 'Home', description: 'Chores and errands' } }),
  },
  {
    query: `query ProjectsWithTasks {
  projects(first: 20) {
    totalCount
    nodes {
      id
      name
      tasks(first: 5) {
        totalCount
        nodes {
          id
          title
        }
      }
    }
  }
}
`,
  },
  {
    query: `query OpenUrgentTasks($search: String) {
  tasks(
    filter: { completed: false, priority: URGENT, search: $search }
    orderBy: { field: DUE_AT, direction: ASC }
    first: 20
  ) {
    totalCount
    nodes {
      id
      title
      dueAt
    }
  }
}
`,
    variables: json({ search: null }),
  },
];
