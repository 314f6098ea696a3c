import type { PGlite } from '@electric-sql/pglite';

/**
 * Presents one PGlite instance as the small part of a `pg.Pool` that Kysely's PostgresDialect uses.
 * PGlite has a single connection, so "checkouts" are serialised: a transaction holds the
 * connection until it is released, and other queries wait their turn.
 */
export type PgliteAsPool = {
  connect(): Promise<{ query(text: string, params: unknown[]): Promise<unknown>; release(): void }>;
  end(): Promise<void>;
};

export function pgliteAsPool(db: PGlite, options: { closeOnEnd: boolean }): PgliteAsPool {
  let chain: Promise<void> = Promise.resolve();
  return {
    async connect() {
      let release!: () => void;
      const previous = chain;
      chain = new Promise<void>((resolve) => (release = resolve));
      await previous;
      return {
        async query(text: string, params: unknown[]) {
          const result = await db.query(text, params as unknown[]);
          const command = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase();
          return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
        },
        release: () => release(),
      };
    },
    async end() {
      if (options.closeOnEnd) await db.close();
    },
  };
}
