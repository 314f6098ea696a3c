/** Costs of one product family's aggregate plan (currency units of the input). */
export type AggregatePlanCosts = {
  /** Regular-time labour cost per hour (Red Tomato: 4). */
  regularCostPerHour: number;
  /** Overtime labour cost per hour (Red Tomato: 6). */
  overtimeCostPerHour: number;
  /** One-off cost per worker hired (Red Tomato: 300). */
  hiringCostPerWorker: number;
  /** One-off cost per worker laid off (Red Tomato: 500). */
  layoffCostPerWorker: number;
  /** Material cost per unit produced in house (Red Tomato: 10). */
  materialCostPerUnit: number;
  /** Holding cost per unit in ending inventory per period (Red Tomato: 2). */
  holdingCostPerUnitPerPeriod: number;
  /** Backlog (stockout) cost per unit short at the end of a period (Red Tomato: 5). */
  backlogCostPerUnitPerPeriod: number;
  /** Price per unit bought from a subcontractor, material included (Red Tomato: 30). */
  subcontractCostPerUnit: number;
};

/** Optional limits; a number applies to every period, an array gives one value per period. */
export type AggregatePlanLimits = {
  minWorkforce?: number | number[];
  maxWorkforce?: number | number[];
  maxHiresPerPeriod?: number | number[];
  maxLayoffsPerPeriod?: number | number[];
  maxSubcontractUnitsPerPeriod?: number | number[];
  maxInventoryUnits?: number | number[];
  /** Largest backlog allowed at the end of a period; 0 forbids backlog. Default: unlimited. */
  maxBacklogUnits?: number | number[];
};

/** One product family's aggregate planning problem (S&OP / PIC), one value per period (usually months). */
export type AggregatePlanInput = {
  familyId?: string;
  /** Labels shown in results, e.g. ["2027-01", …]; default "P1", "P2", … */
  periodLabels?: string[];
  demandUnits: number[];
  initialWorkforce: number;
  initialInventoryUnits: number;
  initialBacklogUnits?: number;
  /** Target: inventory at the end of the horizon is at least this (Red Tomato: 500). */
  endingInventoryMinUnits?: number;
  /** Target: backlog at the end of the horizon is at most this (default 0). */
  endingBacklogMaxUnits?: number;
  /** Worker hours per unit (Red Tomato: 4). */
  laborHoursPerUnit: number;
  /** Regular hours one worker works in a period (Red Tomato: 20 days × 8 h = 160); per period when months differ. */
  regularHoursPerWorkerPerPeriod: number | number[];
  /** Largest overtime per worker per period (Red Tomato: 10). */
  maxOvertimeHoursPerWorkerPerPeriod: number | number[];
  costs: AggregatePlanCosts;
  limits?: AggregatePlanLimits;
};

/** The classic strategies: level (constant workforce), chase (capacity follows demand), optimal (LP/MIP). */
export type AggregateStrategy = 'level' | 'chase' | 'optimal';

/** Continuous workforce (LP) or whole workers (MIP). */
export type WorkforceMode = 'continuous' | 'integer';

export type AggregatePlanOptions = {
  strategy?: AggregateStrategy;
  workforceMode?: WorkforceMode;
  /** HiGHS time limit in seconds (default 30). */
  timeLimitSeconds?: number;
  /** Relative MIP gap accepted (default 1e-6). */
  mipRelativeGap?: number;
};

export type AggregatePlanPeriod = {
  period: string;
  demandUnits: number;
  workforce: number;
  hiredWorkers: number;
  laidOffWorkers: number;
  overtimeHours: number;
  productionUnits: number;
  subcontractUnits: number;
  endingInventoryUnits: number;
  endingBacklogUnits: number;
  /** Regular capacity (workforce × regular hours ÷ hours per unit) not used. */
  idleRegularCapacityUnits: number;
};

export type AggregateCostBreakdown = {
  regularLabor: number;
  overtimeLabor: number;
  hiring: number;
  layoff: number;
  material: number;
  holding: number;
  backlog: number;
  subcontract: number;
  total: number;
};

export type AggregatePlanException = {
  /** infeasible: no plan meets the limits; time_limit: best plan found, optimality not proved; backlog: demand served late. */
  code: 'infeasible' | 'time_limit' | 'solver_failure' | 'backlog';
  period?: string;
  message: string;
  quantity?: number;
};

export type AggregatePlanResult = {
  familyId: string | undefined;
  strategy: AggregateStrategy;
  workforceMode: WorkforceMode;
  status: 'optimal' | 'feasible' | 'infeasible' | 'failed';
  /** Total cost of the plan (sum of the breakdown); NaN only when status is infeasible/failed. */
  totalCost: number;
  costs: AggregateCostBreakdown;
  periods: AggregatePlanPeriod[];
  exceptions: AggregatePlanException[];
  /** Solver facts kept so any number can be explained. */
  solver: { name: 'highs'; modelStatus: string; columns: number; rows: number; objectiveValue: number | null };
};
