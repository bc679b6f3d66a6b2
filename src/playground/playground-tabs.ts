/** A GraphiQL tab: the document, and its variables as JSON text. */
export interface PlaygroundTab {
  readonly query: string;
  readonly variables?: string;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** One tab per thing to try first; they follow ../shared/api-contract.graphql. */
export const PLAYGROUND_TABS: readonly PlaygroundTab[] = [
  {
    query: `# The Authorization header (below) holds a development token for demo-user:
# every request here runs as that user. Run with Ctrl-Enter.
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
    query: `# Paste an id from MyTasks into the variables.
mutation CompleteTask($id: ID!) {
  updateTask(id: $id, input: { completed: true }) {
    id
    title
    completed
    updatedAt
  }
}

mutation DeleteTask($id: ID!) {
  deleteTask(id: $id)
}
`,
    variables: json({ id: 'paste-a-task-id' }),
  },
  {
    query: `mutation CreateProject($input: CreateProjectInput!) {
  createProject(input: $input) {
    id
    name
  }
}

query ProjectsWithTasks {
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
    variables: json({ input: { name: 'Home', description: 'Chores and errands' } }),
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
