import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OwnerColumn, TimestampColumn } from './columns';
import type { Owned } from './owned';
import { PROJECT_DESCRIPTION_MAX, PROJECT_NAME_MAX } from '../domain/text-limits';

@Entity('projects')
export class ProjectEntity implements Owned {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @OwnerColumn()
  ownerId!: string;

  @Column({ type: 'varchar', length: PROJECT_NAME_MAX })
  name!: string;

  @Column({ type: 'varchar', length: PROJECT_DESCRIPTION_MAX, nullable: true })
  description!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
