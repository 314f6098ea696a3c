import { CoreError } from '../shared/core-error';

export type AbcClass = 'A' | 'B' | 'C';

export type SalesLine = { productId: string; customerId: string; quantityUnits: number; revenue: number };

export type VolumeRevenueMatrixInput = {
  lines: SalesLine[];
  /** Cumulative share limits (fractions 0–1): A up to `a`, B up to `b`, C beyond. Default 0.8 / 0.95. */
  thresholds?: { a: number; b: number };
};

export type AbcEntry = {
  id: string;
  quantityUnits: number;
  revenue: number;
  volumeShare: number;
  revenueShare: number;
  volumeClass: AbcClass;
  revenueClass: AbcClass;
};

export type MatrixCell = { rowClass: AbcClass; columnClass: AbcClass; count: number; quantityUnits: number; revenue: number; ids: string[] };

export type VolumeRevenueMatrixResult = {
  totalQuantityUnits: number;
  totalRevenue: number;
  products: AbcEntry[];
  customers: AbcEntry[];
  /** Products by volume class (rows) × revenue class (columns): count, volume and revenue per cell. */
  productVolumeByRevenue: MatrixCell[];
  /** Customers by volume class (rows) × revenue class (columns). */
  customerVolumeByRevenue: MatrixCell[];
  /** Sales by product revenue class (rows) × customer revenue class (columns); ids are "product|customer". */
  productByCustomer: MatrixCell[];
};

const CLASSES: AbcClass[] = ['A', 'B', 'C'];

/**
 * Pareto (ABC) classes of `values`: sorted by value descending (ties by id), an entry is A while the
 * cumulative share *before* it is below `a`, B while below `b`, else C — so the largest entry is
 * always A. Source: the ABC rule (Pareto 80/20), e.g. Silver, Pyke & Thomas, *Inventory and
 * Production Management in Supply Chains*, ch. 2.
 */
function classify(values: Map<string, number>, a: number, b: number): Map<string, AbcClass> {
  const total = [...values.values()].reduce((sum, value) => sum + value, 0);
  const sorted = [...values.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const classes = new Map<string, AbcClass>();
  let cumulative = 0;
  for (const [id, value] of sorted) {
    const before = total > 0 ? cumulative / total : 0;
    classes.set(id, total === 0 ? 'C' : before < a ? 'A' : before < b ? 'B' : 'C');
    cumulative += value;
  }
  return classes;
}

function entries(totals: Map<string, { quantity: number; revenue: number }>, a: number, b: number, totalQuantity: number, totalRevenue: number): AbcEntry[] {
  const volumeClass = classify(new Map([...totals].map(([id, t]) => [id, t.quantity])), a, b);
  const revenueClass = classify(new Map([...totals].map(([id, t]) => [id, t.revenue])), a, b);
  return [...totals.entries()]
    .map(([id, t]) => ({
      id,
      quantityUnits: t.quantity,
      revenue: t.revenue,
      volumeShare: totalQuantity > 0 ? t.quantity / totalQuantity : 0,
      revenueShare: totalRevenue > 0 ? t.revenue / totalRevenue : 0,
      volumeClass: volumeClass.get(id) as AbcClass,
      revenueClass: revenueClass.get(id) as AbcClass,
    }))
    .sort((x, y) => y.revenue - x.revenue || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

function emptyMatrix(): MatrixCell[] {
  return CLASSES.flatMap((rowClass) => CLASSES.map((columnClass) => ({ rowClass, columnClass, count: 0, quantityUnits: 0, revenue: 0, ids: [] as string[] })));
}

function cellOf(matrix: MatrixCell[], rowClass: AbcClass, columnClass: AbcClass): MatrixCell {
  return matrix[CLASSES.indexOf(rowClass) * 3 + CLASSES.indexOf(columnClass)] as MatrixCell;
}

/**
 * Computes the volume × revenue matrix that frames the S&OP plan: ABC classes of products and of
 * customers on both axes (units sold and revenue), and the 3×3 product-class × customer-class table
 * of sales. Example: products P1 (revenue 800), P2 (150), P3 (50) → A, B, C with limits 0.8/0.95.
 * Throws CoreError empty_input, negative_value, not_finite, invalid_input, out_of_range.
 */
export function computeVolumeRevenueMatrix(input: VolumeRevenueMatrixInput): VolumeRevenueMatrixResult {
  if (!Array.isArray(input?.lines)) throw new CoreError('invalid_input', 'expected an array of sales lines', { path: 'lines' });
  if (input.lines.length === 0) throw new CoreError('empty_input', 'no sales lines', { path: 'lines' });
  const a = input.thresholds?.a ?? 0.8;
  const b = input.thresholds?.b ?? 0.95;
  if (!(a > 0 && a <= b && b <= 1)) throw new CoreError('out_of_range', 'thresholds must satisfy 0 < a ≤ b ≤ 1', { path: 'thresholds' });
  const products = new Map<string, { quantity: number; revenue: number }>();
  const customers = new Map<string, { quantity: number; revenue: number }>();
  const pairs = new Map<string, { product: string; customer: string; quantity: number; revenue: number }>();
  let totalQuantity = 0;
  let totalRevenue = 0;
  input.lines.forEach((line, index) => {
    const path = `lines[${index}]`;
    if (typeof line.productId !== 'string' || line.productId === '') throw new CoreError('invalid_input', 'product id is required', { path: `${path}.productId` });
    if (typeof line.customerId !== 'string' || line.customerId === '') throw new CoreError('invalid_input', 'customer id is required', { path: `${path}.customerId` });
    for (const key of ['quantityUnits', 'revenue'] as const) {
      const value = line[key];
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new CoreError('not_finite', `${key} must be a finite number`, { path: `${path}.${key}` });
      if (value < 0) throw new CoreError('negative_value', `${key} must be ≥ 0`, { path: `${path}.${key}` });
    }
    const add = (map: Map<string, { quantity: number; revenue: number }>, id: string): void => {
      const current = map.get(id) ?? { quantity: 0, revenue: 0 };
      current.quantity += line.quantityUnits;
      current.revenue += line.revenue;
      map.set(id, current);
    };
    add(products, line.productId);
    add(customers, line.customerId);
    const key = `${line.productId}|${line.customerId}`;
    const pair = pairs.get(key) ?? { product: line.productId, customer: line.customerId, quantity: 0, revenue: 0 };
    pair.quantity += line.quantityUnits;
    pair.revenue += line.revenue;
    pairs.set(key, pair);
    totalQuantity += line.quantityUnits;
    totalRevenue += line.revenue;
  });
  const productEntries = entries(products, a, b, totalQuantity, totalRevenue);
  const customerEntries = entries(customers, a, b, totalQuantity, totalRevenue);
  const byVolumeRevenue = (list: AbcEntry[]): MatrixCell[] => {
    const matrix = emptyMatrix();
    for (const entry of list) {
      const cell = cellOf(matrix, entry.volumeClass, entry.revenueClass);
      cell.count += 1;
      cell.quantityUnits += entry.quantityUnits;
      cell.revenue += entry.revenue;
      cell.ids.push(entry.id);
    }
    return matrix;
  };
  const productClass = new Map(productEntries.map((entry) => [entry.id, entry.revenueClass]));
  const customerClass = new Map(customerEntries.map((entry) => [entry.id, entry.revenueClass]));
  const productByCustomer = emptyMatrix();
  for (const [key, pair] of [...pairs.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    const cell = cellOf(productByCustomer, productClass.get(pair.product) as AbcClass, customerClass.get(pair.customer) as AbcClass);
    cell.count += 1;
    cell.quantityUnits += pair.quantity;
    cell.revenue += pair.revenue;
    cell.ids.push(key);
  }
  return {
    totalQuantityUnits: totalQuantity,
    totalRevenue,
    products: productEntries,
    customers: customerEntries,
    productVolumeByRevenue: byVolumeRevenue(productEntries),
    customerVolumeByRevenue: byVolumeRevenue(customerEntries),
    productByCustomer,
  };
}
