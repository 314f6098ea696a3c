/** What an ABC analysis ranks items by: usage value (units x unit cost), volume (units) or margin (units x unit margin). */
export type AbcCriterion = 'usage-value' | 'volume' | 'margin';

/** One item as segmentation sees it. */
export type SegmentationItem = {
  itemId: string;
  /** Units used or sold over the analysis horizon (e.g. a year). Defaults to the sum of demandHistory. */
  annualDemandUnits?: number;
  unitCost?: number;
  unitMargin?: number;
  /** Demand per period (e.g. 12 months or 52 weeks), oldest first, for XYZ. */
  demandHistory?: number[];
};

/** A class and the cumulative share of the criterion at which it ends (ascending; the last should be 1). */
export type AbcClassBound = { label: string; cumulativeShare: number };

export type ReviewType = 'continuous' | 'periodic';

/** Which service a safety stock is sized for: alpha = P(no stockout in a cycle), beta = share of demand served from stock. */
export type ServiceTargetType = 'cycle-service-level' | 'fill-rate';

/** The default policy a segment gets. */
export type SegmentPolicy = {
  /** Alpha target, a fraction in (0, 1): used when serviceTargetType is 'cycle-service-level' (the default). */
  cycleServiceLevel: number;
  /** Which target sizes the safety stock (default 'cycle-service-level'). */
  serviceTargetType?: ServiceTargetType;
  /** Beta target, a fraction in (0, 1): used when serviceTargetType is 'fill-rate'. */
  fillRate?: number;
  reviewType: ReviewType;
  /** Name of the forecast model family to use (e.g. 'exponential-smoothing', 'croston'). */
  forecastModel: string;
  /** Review period in periods for periodic review. */
  reviewPeriods?: number;
};
