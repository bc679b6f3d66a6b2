import { Column } from 'typeorm';

/** The owner of a row: a user's id (the token's `sub`). */
export const OwnerColumn = () => Column({ name: 'owner_id', type: 'varchar', length: 255 });

/**
 * Millisecond precision, so a timestamp survives the round trip through a JS Date and a
 * cursor exactly; clock_timestamp() so rows created in one transaction still differ.
 */
export const TimestampColumn = (name: string) =>
  Column({ name, type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' });
