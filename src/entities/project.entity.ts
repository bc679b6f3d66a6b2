import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OwnerColumn, TimestampColumn } from './columns';
import type { Owned } from './owned';

@Entity('projects')
export class ProjectEntity implements Owned {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @OwnerColumn()
  ownerId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
