import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OwnerColumn, TimestampColumn } from './columns';
import { Priority, PRIORITY_RANK, priorityFromRank } from '../domain/priority';
import type { Owned } from './owned';
import { TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from '../domain/text-limits';

@Entity('tasks')
export class TaskEntity implements Owned {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @OwnerColumn()
  ownerId!: string;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId!: string | null;

  @Column({ type: 'varchar', length: TASK_TITLE_MAX })
  title!: string;

  @Column({ type: 'varchar', length: TASK_DESCRIPTION_MAX, nullable: true })
  description!: string | null;

  @Column({ type: 'boolean' })
  completed!: boolean;

  @Column({
    type: 'smallint',
    transformer: {
      to: (value: Priority | undefined) => (value === undefined ? undefined : PRIORITY_RANK[value]),
      from: (value: number) => priorityFromRank(value),
    },
  })
  priority!: Priority;

  @Column({ name: 'due_at', type: 'timestamptz', precision: 3, nullable: true })
  dueAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
