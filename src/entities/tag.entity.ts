import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Owned } from './owned';

@Entity('tags')
export class TagEntity implements Owned {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'owner_id', type: 'varchar', length: 255 })
  ownerId!: string;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({
    name: 'created_at',
    type: 'timestamptz',
    precision: 3,
    default: () => 'clock_timestamp()',
  })
  createdAt!: Date;
}
