import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { PlanningRunSummary } from '@flowpilot/contract';
import { useApi } from './use-api';
import { useI18n } from '../i18n/i18n-context';

export type LatestRuns = {
  status: 'loading' | 'error' | 'ok';
  error?: Error;
  runs: PlanningRunSummary[];
  /** The newest succeeded run of a type (mrp, forecast, sop, mps, capacity, proposals, inventory_policy, data_quality). */
  latest: (runType: string) => PlanningRunSummary | undefined;
  reload: () => void;
};

const LatestRunsContext = createContext<LatestRuns | null>(null);

/** Loads the recent planning runs once for every page; pages call reload() after running the cycle. */
export function LatestRunsProvider({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  const state = useApi<{ items: PlanningRunSummary[] }>('/api/v1/planning-runs?pageSize=100', language);
  const value = useMemo<LatestRuns>(() => {
    const runs = state.data?.items ?? [];
    return {
      status: state.status,
      error: state.error,
      runs,
      latest: (runType) => runs.find((r) => r.runType === runType && r.status === 'succeeded'),
      reload: state.reload,
    };
  }, [state.status, state.data, state.error, state.reload]);
  return <LatestRunsContext.Provider value={value}>{children}</LatestRunsContext.Provider>;
}

export function useLatestRuns(): LatestRuns {
  const value = useContext(LatestRunsContext);
  if (!value) throw new Error('useLatestRuns outside LatestRunsProvider');
  return value;
}
