import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { JOB_KINDS, type JobKind } from './job-types';

/** Partitions still to run (pending or running) of live jobs of these kinds, all organizations (a worker's "is there work?"). */
export async function countOpenJobPartitions(handle: DatabaseHandle, kinds: readonly JobKind[] = JOB_KINDS): Promise<number> {
  const row = (await sql<{ n: string }>`select count(*)::text as n from job_partition p join job j on j.id = p.job_id
    where p.status in ('pending', 'running') and j.status in ('queued', 'running') and j.kind in (${sql.join([...kinds])})`.execute(handle.db)).rows[0];
  return Number(row?.n ?? 0);
}
