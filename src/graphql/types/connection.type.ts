import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ConnectionSource } from '../../pagination/page';
import { PageInfo } from './page-info.type';

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

/**
 * The Relay-style connection for a node type: `XEdge` and a base class for `XConnection`,
 * whose fields load from the source only when asked for (one page query, one count).
 */
export function connectionOf<TNode extends object, TRow>(name: string, nodeType: ClassType<TNode>) {
  @ObjectType(`${name}Edge`, {
    description: `One ${name.toLowerCase()} of a page, with its cursor.`,
  })
  class EdgeType {
    @Field({ description: 'Opaque; valid only for the same list and order, as after or before.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name.toLowerCase()}.` })
    node!: TNode;
  }

  // Only the named subclasses are reachable from resolvers, so only they enter the schema.
  @ObjectType()
  abstract class ConnectionType {
    constructor(private readonly source: ConnectionSource<TRow>) {}

    @Field(() => [EdgeType], { description: "The page, in the list's order, with cursors." })
    async edges(): Promise<Edge<TRow>[]> {
      const page = await this.source.page();
      return page.nodes.map((node, i) => ({ node, cursor: page.cursors[i]! }));
    }

    @Field(() => [nodeType], { description: "The page, in the list's order, without cursors." })
    async nodes(): Promise<TRow[]> {
      return (await this.source.page()).nodes;
    }

    @Field(() => PageInfo, { description: 'Cursors and whether more rows follow or precede.' })
    async pageInfo(): Promise<PageInfo> {
      const page = await this.source.page();
      return {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: page.cursors[0] ?? null,
        endCursor: page.cursors.at(-1) ?? null,
      };
    }

    @Field(() => Int, {
      description: 'Rows in the whole list (with its filter), whatever the page and cursors.',
    })
    totalCount(): Promise<number> {
      return this.source.totalCount();
    }
  }

  return ConnectionType;
}
