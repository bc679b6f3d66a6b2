/** A user's place among their open sockets, held while the socket lives. */
export interface SocketLease {
  /** Gives the place back; later calls do nothing. */
  release(): void;
}

/** WS_MAX_SOCKETS_PER_USER: where a socket takes its place, and whether one is left. */
export interface SocketPlaces {
  /** The user's lease, or undefined when the user is at the limit. */
  take(userId: string): Promise<SocketLease | undefined>;
  /** Stops what keeps leases alive (the leases of open sockets are released as they close). */
  close(): void;
}
