/** Who is connected to each other node, as this node last heard (bus messages, refreshed from Redis every heartbeat). */
export class RemotePresence {
  private readonly byNode = new Map<string, Map<number, number>>();

  nodes(): string[] {
    return [...this.byNode.keys()];
  }

  usersOf(node: string): number[] {
    return [...(this.byNode.get(node)?.keys() ?? [])];
  }

  has(userId: number): boolean {
    for (const users of this.byNode.values()) if (users.has(userId)) return true;
    return false;
  }

  *all(): Iterable<number> {
    const seen = new Set<number>();
    for (const users of this.byNode.values()) {
      for (const id of users.keys()) {
        if (!seen.has(id)) {
          seen.add(id);
          yield id;
        }
      }
    }
  }

  /** Connections of the user summed over the other nodes. */
  connections(userId: number): number {
    let n = 0;
    for (const users of this.byNode.values()) n += users.get(userId) ?? 0;
    return n;
  }

  change(node: string, online: ReadonlyArray<readonly [number, number]>, offline: readonly number[]): void {
    let users = this.byNode.get(node);
    if (!users) this.byNode.set(node, (users = new Map()));
    for (const [id, count] of online) users.set(id, count);
    for (const id of offline) users.delete(id);
  }

  /** The node's whole list, read from Redis. */
  replace(node: string, users: Map<number, number>): void {
    this.byNode.set(node, users);
  }

  drop(node: string): void {
    this.byNode.delete(node);
  }
}
