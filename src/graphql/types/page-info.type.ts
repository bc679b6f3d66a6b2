import { Field, ObjectType } from 'type-graphql';

@ObjectType('PageInfo', {
  description:
    "Where a page sits in its list (Relay cursor connections). The far side is reported only in the page's reading direction: a page taken with first says false for hasPreviousPage, one taken with last says false for hasNextPage.",
})
export class PageInfo {
  @Field({ description: 'More rows follow this page (known for pages taken with first).' })
  hasNextPage!: boolean;

  @Field({ description: 'More rows precede this page (known for pages taken with last).' })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The first edge's cursor, for before; null on an empty page.",
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The last edge's cursor, for after; null on an empty page.",
  })
  endCursor!: string | null;
}
