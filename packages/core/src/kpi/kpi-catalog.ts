import type { KpiActuals } from './types';

/** Identifiers of the KPIs in the catalogue. */
export type KpiId =
  | 'otif'
  | 'fill-rate-unit'
  | 'fill-rate-line'
  | 'fill-rate-order'
  | 'perfect-order-rate'
  | 'order-cycle-time'
  | 'mape'
  | 'wape'
  | 'forecast-bias'
  | 'mase'
  | 'inventory-turns'
  | 'days-of-supply'
  | 'stock-out-rate'
  | 'inventory-record-accuracy'
  | 'supplier-on-time-rate'
  | 'supplier-lead-time'
  | 'oee'
  | 'capacity-utilisation'
  | 'logistics-cost-per-order'
  | 'logistics-cost-per-unit'
  | 'logistics-cost-share-of-sales'
  | 'cash-to-cash-cycle'
  | 'co2-per-unit-shipped';

/** Unit of a KPI value: `fraction` is 0–1 (shown as %), `currency` is the data's currency. */
export type KpiUnit = 'fraction' | 'days' | 'turns-per-year' | 'ratio' | 'currency-per-order' | 'currency-per-unit' | 'kg-co2e-per-unit';

/** Which way is good: higher, lower, or closest to zero (bias). */
export type KpiDirection = 'higher-is-better' | 'lower-is-better' | 'closer-to-zero';

export type KpiDataset = keyof KpiActuals;

/** One KPI of the catalogue: what it means, how it is computed, where it comes from, what is good. */
export type KpiDefinition = {
  id: KpiId;
  name: { en: string; fr: string };
  definition: { en: string; fr: string };
  formula: string;
  source: string;
  unit: KpiUnit;
  direction: KpiDirection;
  /** Default target; null where it depends on the business (currency amounts). */
  target: number | null;
  /** Beyond this the KPI is in alert; between target and alert it is a warning. */
  alertThreshold: number | null;
  /** Record lists the KPI reads. */
  datasets: KpiDataset[];
};

/** The date field that places each record in a period (ISO week or month). */
export const KPI_DATASET_DATE_FIELDS: Record<KpiDataset, string> = {
  orderLines: 'requestedDate',
  forecasts: 'periodDate',
  inventorySnapshots: 'date',
  movements: 'date',
  counts: 'date',
  supplierReceipts: 'dueDate',
  productionEvents: 'date',
  shipments: 'date',
  costs: 'date',
  financials: 'date',
};

const d = (
  id: KpiId,
  nameEn: string,
  nameFr: string,
  definitionEn: string,
  definitionFr: string,
  formula: string,
  source: string,
  unit: KpiUnit,
  direction: KpiDirection,
  target: number | null,
  alertThreshold: number | null,
  datasets: KpiDataset[],
): KpiDefinition => ({ id, name: { en: nameEn, fr: nameFr }, definition: { en: definitionEn, fr: definitionFr }, formula, source, unit, direction, target, alertThreshold, datasets });

/** The KPI catalogue, in display order. Targets are defaults; a company overrides them per KPI. */
export const KPI_CATALOG: readonly KpiDefinition[] = [
  d('otif', 'On time in full (OTIF)', 'Service OTIF (à l’heure, en totalité)',
    'Share of order lines delivered inside the due window with the full ordered quantity.',
    'Part des lignes de commande livrées dans la fenêtre due avec la totalité de la quantité commandée.',
    'OTIF = count(lines on time ∧ in full) / count(lines due)', 'SCOR RL.2.1 "% orders delivered in full" and RL.2.2 "delivery performance to customer commit date" (ASCM SCOR 12.0); APICS Dictionary',
    'fraction', 'higher-is-better', 0.95, 0.9, ['orderLines']),
  d('fill-rate-unit', 'Unit fill rate', 'Taux de service en quantité',
    'Share of ordered units that were delivered, whatever the date.', 'Part des unités commandées qui ont été livrées, quelle que soit la date.',
    'Σ min(delivered, ordered) / Σ ordered', 'APICS Dictionary "fill rate"; Silver, Pyke & Thomas (2017) ch. 7', 'fraction', 'higher-is-better', 0.98, 0.95, ['orderLines']),
  d('fill-rate-line', 'Line fill rate', 'Taux de service en lignes',
    'Share of order lines delivered complete.', 'Part des lignes de commande livrées complètes.',
    'count(lines with delivered ≥ ordered) / count(lines)', 'APICS Dictionary "fill rate"', 'fraction', 'higher-is-better', 0.95, 0.9, ['orderLines']),
  d('fill-rate-order', 'Order fill rate', 'Taux de service en commandes',
    'Share of orders whose every line was delivered complete.', 'Part des commandes dont toutes les lignes ont été livrées complètes.',
    'count(orders with all lines complete) / count(orders)', 'APICS Dictionary "fill rate"; SCOR RL.2.1', 'fraction', 'higher-is-better', 0.9, 0.85, ['orderLines']),
  d('perfect-order-rate', 'Perfect order fulfilment', 'Commandes parfaites',
    'Share of orders delivered on time, in full, undamaged and with correct documents.',
    'Part des commandes livrées à l’heure, complètes, sans dommage et avec des documents exacts.',
    'count(orders with every line OTIF ∧ damage free ∧ documents correct) / count(orders)', 'SCOR RL.1.1 "Perfect Order Fulfillment" (ASCM SCOR 12.0)',
    'fraction', 'higher-is-better', 0.9, 0.8, ['orderLines']),
  d('order-cycle-time', 'Order fulfilment cycle time', 'Délai d’exécution des commandes',
    'Average days from order placement to the last delivery, over delivered orders.', 'Nombre moyen de jours entre la prise de commande et la dernière livraison, sur les commandes livrées.',
    'Σ (max deliveredDate − orderDate) / count(delivered orders)', 'SCOR RS.1.1 "Order Fulfillment Cycle Time"', 'days', 'lower-is-better', 5, 10, ['orderLines']),
  d('mape', 'Forecast MAPE', 'MAPE de la prévision',
    'Mean absolute error as a share of actual demand, per item-period (periods with zero demand excluded).',
    'Erreur absolue moyenne rapportée à la demande réelle, par article-période (périodes à demande nulle exclues).',
    'mean(|actual − forecast| / actual) over actual > 0', 'Hyndman & Athanasopoulos, Forecasting: Principles and Practice (3rd ed.) §5.8', 'fraction', 'lower-is-better', 0.25, 0.4, ['forecasts']),
  d('wape', 'Forecast WAPE', 'WAPE de la prévision',
    'Total absolute forecast error as a share of total actual demand.', 'Erreur absolue totale de prévision rapportée à la demande réelle totale.',
    'Σ|actual − forecast| / Σ actual', 'Kolassa & Schütz (2007), Foresight 6', 'fraction', 'lower-is-better', 0.2, 0.35, ['forecasts']),
  d('forecast-bias', 'Forecast bias', 'Biais de prévision',
    'Net over- (positive) or under-forecast (negative) as a share of actual demand.', 'Sur-prévision (positive) ou sous-prévision (négative) nette rapportée à la demande réelle.',
    'Σ(forecast − actual) / Σ actual', 'Hyndman & Athanasopoulos, FPP3 §5.8 (mean error, scaled)', 'fraction', 'closer-to-zero', 0.05, 0.15, ['forecasts']),
  d('mase', 'Forecast MASE', 'MASE de la prévision',
    'Mean absolute error scaled by the error of the naive forecast on the item’s history; below 1 beats the naive forecast.',
    'Erreur absolue moyenne divisée par celle de la prévision naïve sur l’historique de l’article ; sous 1, meilleure que la prévision naïve.',
    'mean(|actual − forecast| / naiveMAE(item)), naiveMAE = mean |a_t − a_{t−m}|', 'Hyndman & Koehler (2006), International Journal of Forecasting 22(4)', 'ratio', 'lower-is-better', 1, 1.2, ['forecasts']),
  d('inventory-turns', 'Inventory turns', 'Rotation des stocks',
    'Cost of goods sold in a year divided by the average inventory value (window COGS annualised).',
    'Coût des ventes annuel divisé par la valeur moyenne du stock (coût des ventes de la fenêtre annualisé).',
    '(Σ issued qty × unit cost) × 365 / windowDays / mean(stock value)', 'APICS Dictionary "inventory turnover"', 'turns-per-year', 'higher-is-better', 8, 4, ['inventorySnapshots', 'movements']),
  d('days-of-supply', 'Inventory days of supply', 'Couverture du stock (jours)',
    'Days the average stock would last at the average daily cost of goods sold.', 'Nombre de jours que durerait le stock moyen au rythme moyen des sorties valorisées.',
    'mean(stock value) / (COGS / windowDays)', 'SCOR AM.2.2 "Inventory Days of Supply"', 'days', 'lower-is-better', 30, 60, ['inventorySnapshots', 'movements']),
  d('stock-out-rate', 'Stock-out rate', 'Taux de rupture',
    'Share of item-site-day stock positions with nothing on hand.', 'Part des positions de stock article-site-jour à zéro.',
    'count(onHand ≤ 0) / count(snapshots)', 'APICS Dictionary "stockout"', 'fraction', 'lower-is-better', 0.02, 0.05, ['inventorySnapshots']),
  d('inventory-record-accuracy', 'Inventory record accuracy', 'Exactitude des stocks',
    'Share of cycle counts whose counted quantity matches the system within tolerance.', 'Part des comptages tournants dont la quantité comptée correspond au système, à la tolérance près.',
    'count(|counted − system| ≤ max(tolUnits, tolFraction × system)) / count(counts)', 'APICS Dictionary "inventory accuracy"; Brooks & Wilson (2007)',
    'fraction', 'higher-is-better', 0.95, 0.9, ['counts']),
  d('supplier-on-time-rate', 'Supplier on-time delivery', 'Ponctualité fournisseurs',
    'Share of purchase receipts received on or before their due date.', 'Part des réceptions d’achat reçues au plus tard à la date due.',
    'count(receivedDate ≤ dueDate + tolerance) / count(receipts)', 'SCOR Source-process metric "% orders received on time"', 'fraction', 'higher-is-better', 0.95, 0.9, ['supplierReceipts']),
  d('supplier-lead-time', 'Supplier lead time', 'Délai fournisseur',
    'Average days from purchase order to receipt.', 'Nombre moyen de jours entre la commande d’achat et la réception.',
    'Σ (receivedDate − orderDate) / count(receipts)', 'APICS Dictionary "purchasing lead time"', 'days', 'lower-is-better', 14, 21, ['supplierReceipts']),
  d('oee', 'Overall equipment effectiveness (OEE)', 'Taux de rendement synthétique (TRS)',
    'Availability × performance × quality: the share of planned time spent making good units at ideal speed.',
    'Disponibilité × performance × qualité : part du temps planifié passée à produire des pièces bonnes à la cadence idéale.',
    'OEE = (run / planned) × (ideal × total / run) × (good / total) = Σ(ideal × good) / Σ planned', 'Nakajima, Introduction to TPM (1988)',
    'fraction', 'higher-is-better', 0.85, 0.6, ['productionEvents']),
  d('capacity-utilisation', 'Capacity utilisation', 'Taux d’utilisation de la capacité',
    'Share of available capacity time the resources actually ran.', 'Part du temps de capacité disponible pendant laquelle les ressources ont réellement tourné.',
    'Σ run time / Σ available time', 'APICS Dictionary "utilization"', 'fraction', 'higher-is-better', 0.85, 0.7, ['productionEvents']),
  d('logistics-cost-per-order', 'Logistics cost per order', 'Coût logistique par commande',
    'Logistics costs of the period divided by the orders delivered.', 'Coûts logistiques de la période divisés par le nombre de commandes livrées.',
    'Σ logistics costs / count(distinct delivered orders)', 'SCOR CO.1.1 "Total Cost to Serve", per order', 'currency-per-order', 'lower-is-better', null, null, ['costs', 'orderLines']),
  d('logistics-cost-per-unit', 'Logistics cost per unit', 'Coût logistique par unité',
    'Logistics costs of the period divided by the units delivered.', 'Coûts logistiques de la période divisés par les unités livrées.',
    'Σ logistics costs / Σ delivered quantity', 'SCOR CO.1.1 "Total Cost to Serve", per unit', 'currency-per-unit', 'lower-is-better', null, null, ['costs', 'orderLines']),
  d('logistics-cost-share-of-sales', 'Logistics cost / sales', 'Coût logistique / chiffre d’affaires',
    'Logistics costs as a share of net sales.', 'Coûts logistiques rapportés au chiffre d’affaires net.',
    'Σ logistics costs / Σ line revenue', 'European Logistics Association / AT Kearney logistics cost benchmark', 'fraction', 'lower-is-better', 0.08, 0.12, ['costs', 'orderLines']),
  d('cash-to-cash-cycle', 'Cash-to-cash cycle time', 'Cycle de conversion de trésorerie',
    'Days between paying suppliers and being paid by customers: inventory days + receivable days − payable days.',
    'Jours entre le paiement des fournisseurs et l’encaissement des clients : jours de stock + jours clients − jours fournisseurs.',
    'C2C = DIO + DSO − DPO', 'SCOR AM.1.1 "Cash-to-Cash Cycle Time"', 'days', 'lower-is-better', 30, 60, ['financials']),
  d('co2-per-unit-shipped', 'CO2 per unit shipped', 'CO2 par unité expédiée',
    'Greenhouse-gas emissions of outbound transport per unit shipped.', 'Émissions de gaz à effet de serre du transport aval par unité expédiée.',
    'Σ shipment kg CO2e / Σ shipped units', 'GLEC Framework v3 (2023); EN ISO 14083:2023', 'kg-co2e-per-unit', 'lower-is-better', null, null, ['shipments']),
];

/** The catalogue entry of a KPI id, or undefined. */
export function findKpiDefinition(id: string): KpiDefinition | undefined {
  return KPI_CATALOG.find((definition) => definition.id === id);
}
