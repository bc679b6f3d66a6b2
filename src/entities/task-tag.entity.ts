import { Entity, PrimaryColumn } from 'typeorm';
import { OwnerColumn } from './columns';
import type { Owned } from './owned';

/** The link between a task and a tag; it carries the owner so RLS can guard it like any row. */
@Entity('task_tags')
export class TaskTagEntity implements Owned {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @PrimaryColumn({ name: 'tag_id', type: 'uuid' })
  tagId!: string;

  @OwnerColumn()
  ownerId!: string;
}
