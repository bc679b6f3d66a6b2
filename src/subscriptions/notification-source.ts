/** What a notification source tells the hub: notifications, and losing or regaining them. */
export interface NotificationHandlers {
  notify(channel: string, payload: string): void;
  /** The listening connection is gone: notifications sent meanwhile are lost. */
  down(): void;
  up(): void;
}

/** Where an instance hears the database's NOTIFYs: a dedicated connection, or PGlite's session. */
export interface NotificationSource {
  /** Resolves once listening (rejects if the first connection fails). */
  start(handlers: NotificationHandlers): Promise<void>;
  close(): Promise<void>;
}
