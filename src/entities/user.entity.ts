import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from './columns';

/** A user as first seen in a token: the id is the token's `sub`. */
@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  id!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
