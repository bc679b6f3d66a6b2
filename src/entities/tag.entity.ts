import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OwnerColumn, TimestampColumn } from './columns';
import type { Owned } from './owned';

@Entity('tags')
export class TagEntity implements Owned {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @OwnerColumn()
  ownerId!: string;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
