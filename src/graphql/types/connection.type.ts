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
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: TNode;
  }

  // Only the named subclasses are reachable from resolvers, so only they enter the schema.
  @ObjectType()
  abstract class ConnectionType {
    constructor(private readonly source: ConnectionSource<TRow>) {}

    @Field(() => [EdgeType])
    async edges(): Promise<Edge<TRow>[]> {
      const page = await this.source.page();
      return page.nodes.map((node, i) => ({ node, cursor: page.cursors[i]! }));
    }

    @Field(() => [nodeType])
    async nodes(): Promise<TRow[]> {
      return (await this.source.page()).nodes;
    }

    @Field(() => PageInfo)
    async pageInfo(): Promise<PageInfo> {
      const page = await this.source.page();
      return { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null };
    }

    @Field(() => Int)
    totalCount(): Promise<number> {
      return this.source.totalCount();
    }
  }

  return ConnectionType;
}
