/** What the thread starting the embedded database hands its worker. */
export interface EmbeddedWorkerData {
  /** Undefined keeps the database in memory. */
  readonly dataDir: string | undefined;
  readonly socketPath: string;
  readonly maxConnections: number;
}
