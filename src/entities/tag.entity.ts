import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OwnerColumn, TimestampColumn } from './columns';
import type { Owned } from './owned';
import { TAG_NAME_MAX } from '../domain/text-limits';

@Entity('tags')
export class TagEntity implements Owned {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @OwnerColumn()
  ownerId!: string;

  @Column({ type: 'varchar', length: TAG_NAME_MAX })
  name!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
