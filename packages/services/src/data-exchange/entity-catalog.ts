/**
 * One descriptor per importable entity: its file names (English and French), its columns with
 * headers in both languages, types, bounds and references. Import, validation, export and the
 * documentation in docs/data-formats.md are all driven by this table.
 */
import { KPI_CATALOG } from '@flowpilot/core';

export type ColumnType = 'code' | 'text' | 'integer' | 'decimal' | 'date' | 'boolean' | 'time' | 'enum';

export type ColumnSpec = {
  /** Database column, also the English header. */
  name: string;
  /** French header. */
  headerFr: string;
  type: ColumnType;
  required?: boolean;
  /** Allowed values for enum columns. */
  values?: readonly string[];
  min?: number;
  /** When true, the value must be strictly greater than `min`. */
  minExclusive?: boolean;
  max?: number;
  /** Entity whose key this column names (single-column key references). */
  references?: EntityName;
  /** Value used when the cell is empty. */
  defaultValue?: string;
  descriptionEn: string;
  descriptionFr: string;
};

export type EntityName =
  | 'unit_of_measure' | 'item_family' | 'item' | 'uom_conversion' | 'location' | 'stock_point' | 'stock_lot' | 'storage_bin'
  | 'bom' | 'bom_line' | 'calendar' | 'calendar_shift' | 'calendar_exception' | 'work_center' | 'routing_operation'
  | 'supplier' | 'supply_term' | 'price_break' | 'customer' | 'sales_history' | 'sales_order' | 'sales_order_line'
  | 'purchase_order' | 'purchase_order_line' | 'production_order' | 'transfer_order' | 'distribution_lane' | 'inventory_movement'
  | 'carrier' | 'carrier_tariff' | 'vehicle' | 'shipment' | 'shipment_line' | 'return_order'
  | 'production_event' | 'cost_entry' | 'cost_budget' | 'kpi_target'
  | 'customer_invoice' | 'supplier_invoice' | 'forecast_snapshot';

export type EntityDescriptor = {
  name: EntityName;
  /** File base names that import recognises (English first, then French). */
  fileNames: readonly string[];
  labelEn: string;
  labelFr: string;
  columns: readonly ColumnSpec[];
  /** Columns that identify a row within an organization; empty for the append-only ledger. */
  key: readonly string[];
  /** Multi-column references to a parent entity's key (e.g. bom_line → bom). */
  compositeReferences?: readonly { columns: readonly string[]; entity: EntityName }[];
  /** Append-only: rows are added, never replaced (inventory ledger). */
  appendOnly?: boolean;
  /** Column groups given all together or not at all (a vehicle body: length, width and height); a row error otherwise. */
  allOrNone?: readonly (readonly string[])[];
};

const c = (
  name: string, headerFr: string, type: ColumnType, descriptionEn: string, descriptionFr: string,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ name, headerFr, type, descriptionEn, descriptionFr, ...extra });

const code = (name: string, headerFr: string, en: string, fr: string, extra: Partial<ColumnSpec> = {}): ColumnSpec =>
  c(name, headerFr, 'code', en, fr, { required: true, ...extra });
const ref = (name: string, headerFr: string, entity: EntityName, en: string, fr: string, extra: Partial<ColumnSpec> = {}): ColumnSpec =>
  c(name, headerFr, 'code', en, fr, { required: true, references: entity, ...extra });
const qty = (name: string, headerFr: string, en: string, fr: string, extra: Partial<ColumnSpec> = {}): ColumnSpec =>
  c(name, headerFr, 'decimal', en, fr, { min: 0, ...extra });
const latitude = c('latitude', 'latitude', 'decimal', 'Latitude in decimal degrees (WGS84)', 'Latitude en degrés décimaux (WGS84)', { min: -90, max: 90 });
const longitude = c('longitude', 'longitude', 'decimal', 'Longitude in decimal degrees (WGS84)', 'Longitude en degrés décimaux (WGS84)', { min: -180, max: 180 });
const currency = c('currency', 'devise', 'text', 'ISO 4217 currency code', 'Code devise ISO 4217', { defaultValue: 'EUR' });

export const ITEM_TYPES = ['finished_good', 'semi_finished', 'component', 'raw_material'] as const;
export const LOT_SIZE_RULES = ['lot_for_lot', 'fixed_quantity', 'eoq', 'periods_of_supply', 'wagner_whitin', 'silver_meal', 'least_unit_cost', 'part_period_balancing'] as const;
export const MOVEMENT_TYPES = ['opening_balance', 'receipt', 'issue', 'shipment', 'production_receipt', 'consumption', 'transfer_out', 'transfer_in', 'adjustment', 'count_adjustment', 'return_receipt', 'scrap'] as const;

export const ENTITY_CATALOG: readonly EntityDescriptor[] = [
  {
    name: 'unit_of_measure', fileNames: ['units', 'unites'], labelEn: 'Units of measure', labelFr: 'Unités de mesure', key: ['code'],
    columns: [
      code('code', 'code', 'Unit code (e.g. EA, KG, M)', 'Code unité (ex. EA, KG, M)'),
      c('name', 'libelle', 'text', 'Unit name', "Libellé de l'unité", { required: true }),
      c('dimension', 'dimension', 'enum', 'What it measures', 'Ce qu’elle mesure', { required: true, values: ['count', 'mass', 'volume', 'length', 'time'] }),
    ],
  },
  {
    name: 'item_family', fileNames: ['item_families', 'familles'], labelEn: 'Item families', labelFr: "Familles d'articles", key: ['code'],
    columns: [code('code', 'code', 'Family code', 'Code famille'), c('name', 'libelle', 'text', 'Family name', 'Libellé de la famille', { required: true })],
  },
  {
    name: 'item', fileNames: ['items', 'articles'], labelEn: 'Items', labelFr: 'Articles', key: ['code'],
    columns: [
      code('code', 'code_article', 'Item code (SKU)', 'Code article'),
      c('name', 'designation', 'text', 'Item description', 'Désignation', { required: true }),
      c('item_type', 'type_article', 'enum', 'finished_good, semi_finished, component or raw_material', 'produit fini (finished_good), semi-fini (semi_finished), composant (component) ou matière première (raw_material)', { required: true, values: ITEM_TYPES }),
      ref('uom_code', 'unite', 'unit_of_measure', 'Stock unit (a code of units.csv)', 'Unité de stock (un code de unites.csv)'),
      ref('family_code', 'famille', 'item_family', 'Family code (optional)', 'Code famille (facultatif)', { required: false }),
      c('make_or_buy', 'fabrique_achete', 'enum', 'make or buy', 'make (fabriqué) ou buy (acheté)', { required: true, values: ['make', 'buy'] }),
      qty('standard_cost', 'cout_standard', 'Standard unit cost', 'Coût standard unitaire', { defaultValue: '0' }),
      qty('sale_price', 'prix_vente', 'Unit sale price', 'Prix de vente unitaire'),
      qty('weight_kg', 'poids_kg', 'Unit weight in kg', 'Poids unitaire en kg'),
      qty('volume_m3', 'volume_m3', 'Unit volume in m³', 'Volume unitaire en m³'),
      c('shelf_life_days', 'duree_vie_jours', 'integer', 'Shelf life in days (empty if none)', 'Durée de vie en jours (vide si aucune)', { min: 0, minExclusive: true }),
      c('lead_time_days', 'delai_jours', 'integer', 'Production or default lead time in days', 'Délai de fabrication ou par défaut en jours', { required: true, min: 0 }),
      qty('safety_stock_qty', 'stock_securite', 'Safety stock in stock units', 'Stock de sécurité en unités de stock', { defaultValue: '0' }),
      c('lot_size_rule', 'regle_lot', 'enum', 'Lot-sizing rule for MRP', 'Règle de lotissement pour le CBN', { values: LOT_SIZE_RULES, defaultValue: 'lot_for_lot' }),
      qty('lot_size_qty', 'taille_lot', 'Fixed lot size, or periods for periods_of_supply', 'Taille de lot fixe, ou nombre de périodes pour periods_of_supply', { minExclusive: true }),
      qty('min_order_qty', 'qte_min', 'Minimum order quantity', 'Quantité minimale de commande'),
      qty('order_multiple', 'multiple', 'Order multiple', 'Multiple de commande', { minExclusive: true }),
      c('yield_rate', 'rendement', 'decimal', 'Process yield, fraction in (0, 1]', 'Rendement, fraction dans ]0, 1]', { min: 0, minExclusive: true, max: 1, defaultValue: '1' }),
      c('planner_code', 'planificateur', 'text', 'Planner in charge', 'Planificateur responsable'),
      c('buyer_code', 'acheteur', 'text', 'Buyer in charge', 'Acheteur responsable'),
      c('active', 'actif', 'boolean', 'Active item', 'Article actif', { defaultValue: 'true' }),
      c('replenishment_method', 'methode_reappro', 'enum', 'mrp (planned by MRP), reorder_point ((s, Q) on each stock point) or periodic_review ((R, S) on each stock point); a policy item is not proposed from MRP', 'mrp (planifié par le CBN), reorder_point (point de commande (s, Q) sur chaque point de stockage) ou periodic_review (recomplètement périodique (R, S) sur chaque point de stockage) ; un article en politique n’est pas proposé depuis le CBN', { values: ['mrp', 'reorder_point', 'periodic_review'], defaultValue: 'mrp' }),
    ],
  },
  {
    name: 'uom_conversion', fileNames: ['uom_conversions', 'conversions_unites'], labelEn: 'Unit conversions', labelFr: "Conversions d'unités", key: ['item_code', 'from_uom_code', 'to_uom_code'],
    columns: [
      c('item_code', 'code_article', 'code', 'Item the conversion is specific to (empty for all items)', "Article concerné (vide pour tous)", { references: 'item', defaultValue: '' }),
      ref('from_uom_code', 'unite_depuis', 'unit_of_measure', 'From unit', 'Unité de départ'),
      ref('to_uom_code', 'unite_vers', 'unit_of_measure', 'To unit', "Unité d'arrivée"),
      c('factor', 'facteur', 'decimal', 'Quantity in to-units for one from-unit', "Quantité en unité d'arrivée pour une unité de départ", { required: true, min: 0, minExclusive: true }),
    ],
  },
  {
    name: 'location', fileNames: ['locations', 'sites'], labelEn: 'Locations', labelFr: 'Sites', key: ['code'],
    columns: [
      code('code', 'code_site', 'Location code', 'Code site'),
      c('name', 'nom', 'text', 'Location name', 'Nom du site', { required: true }),
      c('location_type', 'type_site', 'enum', 'plant, warehouse or distribution_center', 'usine (plant), entrepôt (warehouse) ou plate-forme (distribution_center)', { required: true, values: ['plant', 'warehouse', 'distribution_center'] }),
      c('city', 'ville', 'text', 'City', 'Ville'), c('postal_code', 'code_postal', 'text', 'Postal code', 'Code postal'),
      c('country', 'pays', 'text', 'ISO 3166 country code', 'Code pays ISO 3166', { defaultValue: 'FR' }), latitude, longitude,
    ],
  },
  {
    name: 'stock_point', fileNames: ['stock_points', 'points_stockage'], labelEn: 'Stock points (item at location)', labelFr: 'Points de stockage (article × site)', key: ['item_code', 'location_code'],
    columns: [
      ref('item_code', 'code_article', 'item', 'Item code', 'Code article'), ref('location_code', 'code_site', 'location', 'Location code', 'Code site'),
      qty('safety_stock_qty', 'stock_securite', 'Safety stock at this location', 'Stock de sécurité sur ce site'),
      qty('reorder_point_qty', 'point_commande', 'Reorder point', 'Point de commande'),
      qty('max_stock_qty', 'stock_max', 'Maximum stock', 'Stock maximum'),
      c('review_period_days', 'periode_revue_jours', 'integer', 'Review period in days', 'Période de revue en jours', { min: 0, minExclusive: true }),
      c('target_service_level', 'taux_service_cible', 'decimal', 'Service target, fraction in (0, 1): a cycle service level, or a fill rate when service_target_type is fill_rate (empty: the ABC × XYZ segment’s)', 'Objectif de service, fraction dans ]0, 1[ : taux de service par cycle, ou taux de satisfaction si type_objectif_service vaut fill_rate (vide : celui du segment ABC × XYZ)', { min: 0, minExclusive: true, max: 0.999999 }),
      c('service_target_type', 'type_objectif_service', 'enum', 'What target_service_level states: cycle_service_level (alpha, no stockout in a cycle) or fill_rate (beta, share of demand served); empty: the segment’s', 'Ce que fixe taux_service_cible : cycle_service_level (alpha, pas de rupture sur un cycle) ou fill_rate (bêta, part de la demande servie) ; vide : celui du segment', { values: ['cycle_service_level', 'fill_rate'] }),
      c('review_type', 'type_revue', 'enum', 'continuous (s, Q) or periodic (R, S) review; empty: periodic when review_period_days is set, else the segment’s', 'Revue continue (continuous, (s, Q)) ou périodique (periodic, (R, S)) ; vide : périodique si periode_revue_jours est renseignée, sinon celle du segment', { values: ['continuous', 'periodic'] }),
      qty('order_qty', 'qte_commande', 'Order quantity Q of a reorder_point item (ordered in lots of Q when the inventory position is at or below reorder_point_qty)', 'Quantité de commande Q d’un article en reorder_point (commandée par lots de Q quand la position de stock est au plus point_commande)', { minExclusive: true }),
      c('review_anchor_date', 'date_revue_reference', 'date', 'One review date of a periodic_review item; the others fall every review_period_days (empty: every planning cycle is a review)', 'Une date de revue d’un article en periodic_review ; les autres tombent toutes les periode_revue_jours (vide : chaque cycle de planification est une revue)'),
    ],
  },
  {
    name: 'stock_lot', fileNames: ['on_hand', 'stock'], labelEn: 'On-hand stock by lot', labelFr: 'Stock disponible par lot', key: ['item_code', 'location_code', 'lot_number', 'serial_number'],
    columns: [
      ref('item_code', 'code_article', 'item', 'Item code', 'Code article'), ref('location_code', 'code_site', 'location', 'Location code', 'Code site'),
      c('lot_number', 'lot', 'text', 'Lot number (empty if not lot-controlled)', 'Numéro de lot (vide si non géré)', { defaultValue: '' }),
      c('serial_number', 'numero_serie', 'text', 'Serial number (empty if none)', 'Numéro de série (vide si aucun)', { defaultValue: '' }),
      qty('quantity', 'quantite', 'Quantity on hand in stock units (never negative)', 'Quantité en stock en unités de stock (jamais négative)', { required: true }),
      c('expiry_date', 'date_peremption', 'date', 'Expiry date', 'Date de péremption'),
      c('received_date', 'date_reception', 'date', 'Receipt date', 'Date de réception'),
      c('status', 'statut', 'enum', 'available, quarantine or blocked', 'disponible (available), quarantaine (quarantine) ou bloqué (blocked)', { values: ['available', 'quarantine', 'blocked'], defaultValue: 'available' }),
    ],
  },
  {
    name: 'storage_bin', fileNames: ['storage_bins', 'emplacements'], labelEn: 'Storage bins (where an item is kept in a location; count sheets walk them in order)', labelFr: 'Emplacements (où un article est rangé sur un site ; les fiches de comptage les parcourent dans l’ordre)', key: ['item_code', 'location_code'],
    columns: [
      ref('item_code', 'code_article', 'item', 'Item code', 'Code article'), ref('location_code', 'code_site', 'location', 'Location code', 'Code site'),
      code('bin_code', 'code_emplacement', 'Bin code (aisle-rack-level, e.g. A-01-2); count sheets sort by it', 'Code emplacement (allée-rack-niveau, ex. A-01-2) ; les fiches de comptage sont triées par ce code'),
    ],
  },
  {
    name: 'bom', fileNames: ['boms', 'nomenclatures'], labelEn: 'Bills of materials', labelFr: 'Nomenclatures', key: ['parent_item_code', 'version'],
    columns: [
      ref('parent_item_code', 'article_parent', 'item', 'Parent item code', 'Code article parent'),
      code('version', 'version', 'BOM version', 'Version de nomenclature'),
      c('status', 'statut', 'enum', 'draft, active or obsolete', 'brouillon (draft), active ou obsolète (obsolete)', { values: ['draft', 'active', 'obsolete'], defaultValue: 'active' }),
      c('valid_from', 'valide_du', 'date', 'Effective from', 'Valide à partir du'), c('valid_to', 'valide_au', 'date', 'Effective to', "Valide jusqu'au"),
    ],
  },
  {
    name: 'bom_line', fileNames: ['bom_lines', 'lignes_nomenclature'], labelEn: 'BOM lines', labelFr: 'Lignes de nomenclature', key: ['parent_item_code', 'bom_version', 'line_number'],
    compositeReferences: [{ columns: ['parent_item_code', 'bom_version'], entity: 'bom' }],
    columns: [
      ref('parent_item_code', 'article_parent', 'item', 'Parent item code', 'Code article parent'),
      code('bom_version', 'version', 'BOM version (a version of boms.csv)', 'Version (une version de nomenclatures.csv)'),
      c('line_number', 'ligne', 'integer', 'Line number', 'Numéro de ligne', { required: true, min: 0, minExclusive: true }),
      ref('component_item_code', 'article_composant', 'item', 'Component item code', 'Code article composant'),
      c('quantity_per', 'quantite_par', 'decimal', 'Component quantity per parent unit', 'Quantité de composant par unité de parent', { required: true, min: 0, minExclusive: true }),
      c('scrap_rate', 'taux_rebut', 'decimal', 'Scrap rate, fraction in [0, 1)', 'Taux de rebut, fraction dans [0, 1[', { min: 0, max: 0.999999, defaultValue: '0' }),
      c('valid_from', 'valide_du', 'date', 'Effective from', 'Valide à partir du'), c('valid_to', 'valide_au', 'date', 'Effective to', "Valide jusqu'au"),
    ],
  },
  {
    name: 'calendar', fileNames: ['calendars', 'calendriers'], labelEn: 'Calendars', labelFr: 'Calendriers', key: ['code'],
    columns: [code('code', 'code', 'Calendar code', 'Code calendrier'), c('name', 'libelle', 'text', 'Calendar name', 'Libellé', { required: true })],
  },
  {
    name: 'calendar_shift', fileNames: ['calendar_shifts', 'equipes'], labelEn: 'Calendar shifts', labelFr: 'Équipes', key: ['calendar_code', 'weekday', 'shift_code'],
    columns: [
      ref('calendar_code', 'calendrier', 'calendar', 'Calendar code', 'Code calendrier'),
      c('weekday', 'jour_semaine', 'integer', 'ISO weekday, 1 = Monday … 7 = Sunday', 'Jour ISO, 1 = lundi … 7 = dimanche', { required: true, min: 1, max: 7 }),
      code('shift_code', 'equipe', 'Shift code', "Code d'équipe"),
      c('start_time', 'debut', 'time', 'Start time HH:MM', 'Heure de début HH:MM', { required: true }),
      c('end_time', 'fin', 'time', 'End time HH:MM (earlier than start = crosses midnight)', 'Heure de fin HH:MM (avant le début = passe minuit)', { required: true }),
    ],
  },
  {
    name: 'calendar_exception', fileNames: ['calendar_exceptions', 'exceptions_calendrier'], labelEn: 'Calendar exceptions', labelFr: 'Exceptions de calendrier', key: ['calendar_code', 'exception_date'],
    columns: [
      ref('calendar_code', 'calendrier', 'calendar', 'Calendar code', 'Code calendrier'),
      c('exception_date', 'date', 'date', 'Date', 'Date', { required: true }),
      c('available_hours', 'heures_disponibles', 'decimal', 'Hours available that day (0 = closed)', 'Heures disponibles ce jour (0 = fermé)', { required: true, min: 0, max: 24 }),
      c('reason', 'motif', 'text', 'Reason (holiday, maintenance…)', 'Motif (férié, maintenance…)'),
    ],
  },
  {
    name: 'work_center', fileNames: ['work_centers', 'postes_charge'], labelEn: 'Work centres', labelFr: 'Postes de charge', key: ['code'],
    columns: [
      code('code', 'code_poste', 'Work centre code', 'Code du poste'), c('name', 'libelle', 'text', 'Name', 'Libellé', { required: true }),
      ref('location_code', 'code_site', 'location', 'Plant', 'Usine'), ref('calendar_code', 'calendrier', 'calendar', 'Calendar code', 'Code calendrier'),
      c('machine_count', 'nb_machines', 'integer', 'Parallel machines or lines', 'Machines ou lignes en parallèle', { min: 0, minExclusive: true, defaultValue: '1' }),
      c('efficiency', 'efficience', 'decimal', 'Efficiency factor', "Facteur d'efficience", { min: 0, minExclusive: true, defaultValue: '1' }),
      c('utilization', 'utilisation', 'decimal', 'Utilisation, fraction in (0, 1]', 'Utilisation, fraction dans ]0, 1]', { min: 0, minExclusive: true, max: 1, defaultValue: '1' }),
      qty('cost_per_hour', 'cout_horaire', 'Cost per hour', 'Coût horaire'),
    ],
  },
  {
    name: 'routing_operation', fileNames: ['routings', 'gammes'], labelEn: 'Routing operations', labelFr: 'Opérations de gamme', key: ['item_code', 'operation_number'],
    columns: [
      ref('item_code', 'code_article', 'item', 'Item made', 'Article fabriqué'),
      c('operation_number', 'operation', 'integer', 'Operation number (10, 20…)', "Numéro d'opération (10, 20…)", { required: true, min: 0, minExclusive: true }),
      ref('work_center_code', 'code_poste', 'work_center', 'Work centre', 'Poste de charge'),
      c('description', 'description', 'text', 'Description', 'Description'),
      qty('setup_hours', 'temps_reglage_h', 'Setup time in hours per order', 'Temps de réglage en heures par ordre', { defaultValue: '0' }),
      qty('run_hours_per_unit', 'temps_unitaire_h', 'Run time in hours per unit', 'Temps opératoire en heures par unité', { required: true }),
    ],
  },
  {
    name: 'supplier', fileNames: ['suppliers', 'fournisseurs'], labelEn: 'Suppliers', labelFr: 'Fournisseurs', key: ['code'],
    columns: [
      code('code', 'code_fournisseur', 'Supplier code', 'Code fournisseur'), c('name', 'raison_sociale', 'text', 'Name', 'Raison sociale', { required: true }),
      c('country', 'pays', 'text', 'ISO 3166 country code', 'Code pays ISO 3166', { required: true }), c('city', 'ville', 'text', 'City', 'Ville'),
      latitude, longitude, currency,
    ],
  },
  {
    name: 'supply_term', fileNames: ['supply_terms', 'conditions_achat'], labelEn: 'Supply terms (item × supplier)', labelFr: "Conditions d'achat (article × fournisseur)", key: ['item_code', 'supplier_code'],
    columns: [
      ref('item_code', 'code_article', 'item', 'Item code', 'Code article'), ref('supplier_code', 'code_fournisseur', 'supplier', 'Supplier code', 'Code fournisseur'),
      c('lead_time_days', 'delai_jours', 'decimal', 'Mean supplier lead time in days (required, not negative)', 'Délai fournisseur moyen en jours (obligatoire, non négatif)', { required: true, min: 0 }),
      qty('lead_time_std_days', 'ecart_type_delai_jours', 'Standard deviation of the lead time in days', 'Écart-type du délai en jours', { defaultValue: '0' }),
      qty('min_order_qty', 'qte_min', 'Minimum order quantity (MOQ)', 'Quantité minimale de commande', { defaultValue: '0' }),
      qty('order_multiple', 'multiple', 'Order multiple', 'Multiple de commande', { minExclusive: true, defaultValue: '1' }),
      qty('unit_price', 'prix_unitaire', 'Unit purchase price', "Prix d'achat unitaire", { required: true }),
      currency,
      c('preferred', 'prefere', 'boolean', 'Preferred supplier for this item', 'Fournisseur préféré pour cet article', { defaultValue: 'false' }),
    ],
  },
  {
    name: 'price_break', fileNames: ['price_breaks', 'paliers_prix'], labelEn: 'Price breaks', labelFr: 'Paliers de prix', key: ['item_code', 'supplier_code', 'min_quantity'],
    compositeReferences: [{ columns: ['item_code', 'supplier_code'], entity: 'supply_term' }],
    columns: [
      ref('item_code', 'code_article', 'item', 'Item code', 'Code article'), ref('supplier_code', 'code_fournisseur', 'supplier', 'Supplier code', 'Code fournisseur'),
      qty('min_quantity', 'qte_min', 'Quantity from which the price applies', "Quantité à partir de laquelle le prix s'applique", { required: true }),
      qty('unit_price', 'prix_unitaire', 'Unit price', 'Prix unitaire', { required: true }),
    ],
  },
  {
    name: 'customer', fileNames: ['customers', 'clients'], labelEn: 'Customers', labelFr: 'Clients', key: ['code'],
    columns: [
      code('code', 'code_client', 'Customer code', 'Code client'), c('name', 'raison_sociale', 'text', 'Name', 'Raison sociale', { required: true }),
      c('city', 'ville', 'text', 'City', 'Ville'), c('postal_code', 'code_postal', 'text', 'Postal code', 'Code postal'),
      c('country', 'pays', 'text', 'ISO 3166 country code', 'Code pays ISO 3166', { defaultValue: 'FR' }), latitude, longitude,
      c('priority_class', 'classe_priorite', 'enum', 'Service priority A (highest), B or C', 'Priorité de service A (la plus haute), B ou C', { values: ['A', 'B', 'C'], defaultValue: 'B' }),
      c('delivery_window_start', 'debut_livraison', 'time', 'Delivery window opens HH:MM', 'Ouverture de la fenêtre de livraison HH:MM'),
      c('delivery_window_end', 'fin_livraison', 'time', 'Delivery window closes HH:MM', 'Fermeture de la fenêtre de livraison HH:MM'),
      c('service_minutes', 'duree_service_min', 'integer', 'Unloading time in minutes', 'Temps de déchargement en minutes', { min: 0, defaultValue: '15' }),
    ],
  },
  {
    name: 'sales_history', fileNames: ['sales_history', 'historique_ventes'], labelEn: 'Sales history', labelFr: 'Historique des ventes', key: ['item_code', 'location_code', 'sale_date'],
    columns: [
      ref('item_code', 'code_article', 'item', 'Item code', 'Code article'), ref('location_code', 'code_site', 'location', 'Shipping location', "Site d'expédition"),
      c('sale_date', 'date', 'date', 'Day of the sale', 'Jour de la vente', { required: true }),
      c('quantity', 'quantite', 'decimal', 'Quantity sold (negative = net returns)', 'Quantité vendue (négative = retours nets)', { required: true }),
      c('promotion', 'promotion', 'boolean', 'Sold under a promotion', 'Vendu en promotion', { defaultValue: 'false' }),
    ],
  },
  {
    name: 'sales_order', fileNames: ['sales_orders', 'commandes_clients'], labelEn: 'Sales orders', labelFr: 'Commandes clients', key: ['order_number'],
    columns: [
      code('order_number', 'numero_commande', 'Order number', 'Numéro de commande'), ref('customer_code', 'code_client', 'customer', 'Customer code', 'Code client'),
      c('order_date', 'date_commande', 'date', 'Order date', 'Date de commande', { required: true }),
      c('status', 'statut', 'enum', 'Order status', 'Statut de la commande', { values: ['open', 'confirmed', 'partially_shipped', 'shipped', 'closed', 'cancelled'], defaultValue: 'open' }),
    ],
  },
  {
    name: 'sales_order_line', fileNames: ['sales_order_lines', 'lignes_commandes_clients'], labelEn: 'Sales order lines', labelFr: 'Lignes de commandes clients', key: ['order_number', 'line_number'],
    columns: [
      ref('order_number', 'numero_commande', 'sales_order', 'Order number', 'Numéro de commande'),
      c('line_number', 'ligne', 'integer', 'Line number', 'Numéro de ligne', { required: true, min: 0, minExclusive: true }),
      ref('item_code', 'code_article', 'item', 'Item code', 'Code article'), ref('location_code', 'code_site', 'location', 'Shipping location', "Site d'expédition"),
      qty('quantity', 'quantite', 'Ordered quantity', 'Quantité commandée', { required: true, minExclusive: true }),
      qty('shipped_quantity', 'quantite_expediee', 'Quantity already shipped', 'Quantité déjà expédiée', { defaultValue: '0' }),
      c('requested_date', 'date_demandee', 'date', 'Requested delivery date', 'Date de livraison demandée', { required: true }),
      c('promised_date', 'date_promise', 'date', 'Promised date', 'Date promise'),
      c('priority', 'priorite', 'integer', 'Priority 1 (highest) to 9', 'Priorité de 1 (la plus haute) à 9', { min: 1, max: 9, defaultValue: '3' }),
      qty('unit_price', 'prix_unitaire', 'Unit price', 'Prix unitaire'),
    ],
  },
  {
    name: 'purchase_order', fileNames: ['purchase_orders', 'commandes_achat'], labelEn: 'Purchase orders', labelFr: "Commandes d'achat", key: ['order_number'],
    columns: [
      code('order_number', 'numero_commande', 'Order number', 'Numéro de commande'), ref('supplier_code', 'code_fournisseur', 'supplier', 'Supplier code', 'Code fournisseur'),
      c('order_date', 'date_commande', 'date', 'Order date', 'Date de commande', { required: true }),
      c('status', 'statut', 'enum', 'Order status', 'Statut', { values: ['draft', 'approved', 'sent', 'partially_received', 'received', 'cancelled'], defaultValue: 'draft' }),
      currency,
    ],
  },
  {
    name: 'purchase_order_line', fileNames: ['purchase_order_lines', 'lignes_commandes_achat'], labelEn: 'Purchase order lines', labelFr: "Lignes de commandes d'achat", key: ['order_number', 'line_number'],
    columns: [
      ref('order_number', 'numero_commande', 'purchase_order', 'Order number', 'Numéro de commande'),
      c('line_number', 'ligne', 'integer', 'Line number', 'Numéro de ligne', { required: true, min: 0, minExclusive: true }),
      ref('item_code', 'code_article', 'item', 'Item code', 'Code article'), ref('location_code', 'code_site', 'location', 'Receiving location', 'Site de réception'),
      qty('quantity', 'quantite', 'Ordered quantity', 'Quantité commandée', { required: true, minExclusive: true }),
      qty('received_quantity', 'quantite_recue', 'Quantity received so far', 'Quantité déjà reçue', { defaultValue: '0' }),
      qty('unit_price', 'prix_unitaire', 'Unit price', 'Prix unitaire', { required: true }),
      c('due_date', 'date_prevue', 'date', 'Due date', 'Date de réception prévue', { required: true }),
    ],
  },
  {
    name: 'production_order', fileNames: ['production_orders', 'ordres_fabrication'], labelEn: 'Production orders', labelFr: 'Ordres de fabrication', key: ['order_number'],
    columns: [
      code('order_number', 'numero_of', 'Order number', "Numéro d'OF"), ref('item_code', 'code_article', 'item', 'Item made', 'Article fabriqué'),
      ref('location_code', 'code_site', 'location', 'Plant', 'Usine'),
      qty('quantity', 'quantite', 'Quantity to make', 'Quantité à fabriquer', { required: true, minExclusive: true }),
      qty('completed_quantity', 'quantite_terminee', 'Quantity completed', 'Quantité terminée', { defaultValue: '0' }),
      c('start_date', 'date_debut', 'date', 'Start date', 'Date de début', { required: true }), c('due_date', 'date_fin', 'date', 'Due date', 'Date de fin', { required: true }),
      c('status', 'statut', 'enum', 'Order status', 'Statut', { values: ['planned', 'firm', 'released', 'completed', 'cancelled'], defaultValue: 'firm' }),
    ],
  },
  {
    name: 'transfer_order', fileNames: ['transfer_orders', 'ordres_transfert'], labelEn: 'Transfer orders', labelFr: 'Ordres de transfert', key: ['order_number'],
    columns: [
      code('order_number', 'numero_ordre', 'Order number', "Numéro d'ordre"), ref('item_code', 'code_article', 'item', 'Item code', 'Code article'),
      ref('from_location_code', 'site_depart', 'location', 'From location', 'Site de départ'), ref('to_location_code', 'site_arrivee', 'location', 'To location', "Site d'arrivée"),
      qty('quantity', 'quantite', 'Quantity', 'Quantité', { required: true, minExclusive: true }),
      c('ship_date', 'date_expedition', 'date', 'Ship date', "Date d'expédition", { required: true }), c('due_date', 'date_arrivee', 'date', 'Arrival date', "Date d'arrivée", { required: true }),
      c('status', 'statut', 'enum', 'Order status', 'Statut', { values: ['planned', 'released', 'in_transit', 'received', 'cancelled'], defaultValue: 'planned' }),
    ],
  },
  {
    name: 'distribution_lane', fileNames: ['distribution_lanes', 'reseau_distribution'], labelEn: 'Distribution network (replenishment lanes, DRP)', labelFr: 'Réseau de distribution (liaisons de réapprovisionnement, DRP)', key: ['to_location_code', 'item_code'],
    columns: [
      ref('to_location_code', 'site_reapprovisionne', 'location', 'Location replenished (warehouse, distribution centre)', 'Site réapprovisionné (entrepôt, plateforme)'),
      c('item_code', 'code_article', 'code', 'Item the lane applies to (empty: every item)', 'Article concerné (vide : tous les articles)', { references: 'item', defaultValue: '' }),
      ref('from_location_code', 'site_source', 'location', 'Source location that ships (plant or upstream warehouse)', 'Site source qui expédie (usine ou entrepôt amont)'),
      c('transit_lead_time_days', 'delai_transit_jours', 'integer', 'Transit lead time in days (shipping to receipt)', "Délai de transit en jours (de l'expédition à la réception)", { required: true, min: 0 }),
      qty('fixed_shipment_qty', 'lot_expedition', 'Ship whole lots of this quantity', 'Expédier par lots entiers de cette quantité', { minExclusive: true }),
      qty('min_shipment_qty', 'expedition_min', 'Minimum shipment quantity', "Quantité minimale d'expédition"),
      qty('shipment_multiple', 'multiple_expedition', 'Shipment quantity multiple', "Multiple de quantité d'expédition", { minExclusive: true }),
    ],
  },
  {
    name: 'inventory_movement', fileNames: ['inventory_movements', 'mouvements_stock'], labelEn: 'Inventory movements (ledger)', labelFr: 'Mouvements de stock (journal)', key: [], appendOnly: true,
    columns: [
      ref('item_code', 'code_article', 'item', 'Item code', 'Code article'), ref('location_code', 'code_site', 'location', 'Location', 'Site'),
      c('lot_number', 'lot', 'text', 'Lot number', 'Numéro de lot', { defaultValue: '' }),
      c('movement_type', 'type_mouvement', 'enum', 'Kind of movement', 'Type de mouvement', { required: true, values: MOVEMENT_TYPES }),
      c('quantity', 'quantite', 'decimal', 'Signed quantity: + in, − out (never zero)', 'Quantité signée : + entrée, − sortie (jamais zéro)', { required: true }),
      qty('unit_cost', 'cout_unitaire', 'Unit cost', 'Coût unitaire'),
      c('occurred_at', 'date_mouvement', 'date', 'Date of the movement', 'Date du mouvement', { required: true }),
      c('reference', 'reference', 'text', 'Document reference', 'Référence du document'), c('reason', 'motif', 'text', 'Reason', 'Motif'),
    ],
  },
  {
    name: 'carrier', fileNames: ['carriers', 'transporteurs'], labelEn: 'Carriers', labelFr: 'Transporteurs', key: ['code'],
    columns: [
      code('code', 'code_transporteur', 'Carrier code', 'Code transporteur'), c('name', 'nom', 'text', 'Name', 'Nom', { required: true }),
      c('transport_mode', 'mode', 'enum', 'Transport mode', 'Mode de transport', { required: true, values: ['road_ftl', 'road_ltl', 'parcel', 'rail', 'sea', 'air', 'intermodal'] }),
      qty('fuel_surcharge_rate', 'surcharge_carburant', 'Fuel surcharge as a fraction of the freight', 'Surcharge carburant en fraction du fret', { defaultValue: '0' }),
      c('on_time_rate', 'taux_ponctualite', 'decimal', 'Historical on-time rate, fraction', 'Taux de ponctualité historique, fraction', { min: 0, max: 1 }),
    ],
  },
  {
    name: 'carrier_tariff', fileNames: ['carrier_tariffs', 'grilles_tarifaires'], labelEn: 'Carrier tariff grids', labelFr: 'Grilles tarifaires', key: ['carrier_code', 'zone', 'min_weight_kg'],
    columns: [
      ref('carrier_code', 'code_transporteur', 'carrier', 'Carrier code', 'Code transporteur'),
      code('zone', 'zone', 'Destination zone (French département number, or a zone code)', 'Zone de destination (numéro de département, ou code de zone)'),
      qty('min_weight_kg', 'poids_min_kg', 'Weight break from (kg)', 'Tranche de poids à partir de (kg)', { required: true }),
      qty('max_weight_kg', 'poids_max_kg', 'Weight break up to (kg)', "Tranche de poids jusqu'à (kg)", { required: true, minExclusive: true }),
      qty('price_per_100kg', 'prix_100kg', 'Price per 100 kg', 'Prix aux 100 kg', { required: true }),
      qty('minimum_charge', 'minimum_perception', 'Minimum charge per shipment', 'Minimum de perception par envoi', { defaultValue: '0' }),
      c('transit_days', 'delai_jours', 'integer', 'Transit time in days', 'Délai de transit en jours', { required: true, min: 0 }),
    ],
  },
  {
    name: 'vehicle', fileNames: ['vehicles', 'vehicules'], labelEn: 'Vehicles', labelFr: 'Véhicules', key: ['code'],
    columns: [
      code('code', 'code_vehicule', 'Vehicle code', 'Code véhicule'), ref('location_code', 'code_site', 'location', 'Home depot', 'Dépôt de rattachement'),
      ref('carrier_code', 'code_transporteur', 'carrier', 'Carrier (empty for own fleet)', 'Transporteur (vide pour la flotte propre)', { required: false }),
      c('vehicle_type', 'type_vehicule', 'text', 'Vehicle type (van, rigid 19t, semi-trailer…)', 'Type (VUL, porteur 19 t, semi-remorque…)', { required: true }),
      qty('capacity_kg', 'capacite_kg', 'Payload in kg', 'Charge utile en kg', { required: true, minExclusive: true }),
      qty('capacity_m3', 'capacite_m3', 'Volume in m³', 'Volume en m³', { minExclusive: true }),
      c('capacity_pallets', 'capacite_palettes', 'integer', 'Pallet places', 'Places palettes', { min: 0, minExclusive: true }),
      qty('fixed_cost_per_day', 'cout_fixe_jour', 'Fixed cost per day used', 'Coût fixe par jour utilisé', { defaultValue: '0' }),
      qty('cost_per_km', 'cout_km', 'Cost per km', 'Coût au km', { defaultValue: '0' }),
      qty('co2_kg_per_km', 'co2_kg_km', 'Well-to-wheel CO2e in kg per km', 'CO2e du puits à la roue en kg par km', { defaultValue: '0' }),
      qty('max_route_hours', 'duree_max_h', 'Maximum route duration in hours', 'Durée maximale de tournée en heures', { minExclusive: true }),
      qty('body_length_cm', 'longueur_utile_cm', 'Inner body length in cm (the 3D load uses it; empty: assumed from capacity_m3)', 'Longueur utile de la caisse en cm (utilisée par le chargement 3D ; vide : déduite de capacite_m3)', { minExclusive: true }),
      qty('body_width_cm', 'largeur_utile_cm', 'Inner body width in cm (with length and height, or none)', 'Largeur utile de la caisse en cm (avec longueur et hauteur, ou aucune)', { minExclusive: true }),
      qty('body_height_cm', 'hauteur_utile_cm', 'Inner body height in cm (with length and width, or none)', 'Hauteur utile de la caisse en cm (avec longueur et largeur, ou aucune)', { minExclusive: true }),
    ],
    allOrNone: [['body_length_cm', 'body_width_cm', 'body_height_cm']],
  },
  {
    name: 'shipment', fileNames: ['shipments', 'expeditions'], labelEn: 'Shipments', labelFr: 'Expéditions', key: ['shipment_number'],
    columns: [
      code('shipment_number', 'numero_expedition', 'Shipment number', "Numéro d'expédition"), ref('from_location_code', 'site_depart', 'location', 'From location', 'Site de départ'),
      ref('customer_code', 'code_client', 'customer', 'Customer', 'Client'), ref('carrier_code', 'code_transporteur', 'carrier', 'Carrier', 'Transporteur', { required: false }),
      c('ship_date', 'date_expedition', 'date', 'Ship date', "Date d'expédition", { required: true }),
      c('planned_delivery_date', 'date_livraison_prevue', 'date', 'Planned delivery date', 'Date de livraison prévue'),
      c('delivered_date', 'date_livraison', 'date', 'Actual delivery date', 'Date de livraison réelle'),
      c('status', 'statut', 'enum', 'Shipment status', 'Statut', { values: ['planned', 'loaded', 'dispatched', 'delivered', 'cancelled'], defaultValue: 'planned' }),
      qty('weight_kg', 'poids_kg', 'Gross weight in kg', 'Poids brut en kg'), qty('freight_cost', 'cout_transport', 'Freight cost', 'Coût de transport'),
      qty('co2_kg', 'co2_kg', 'CO2e emitted in kg (ISO 14083)', 'CO2e émis en kg (ISO 14083)'),
    ],
  },
  {
    name: 'shipment_line', fileNames: ['shipment_lines', 'lignes_expeditions'], labelEn: 'Shipment lines', labelFr: "Lignes d'expédition", key: ['shipment_number', 'line_number'],
    columns: [
      ref('shipment_number', 'numero_expedition', 'shipment', 'Shipment number', "Numéro d'expédition"),
      c('line_number', 'ligne', 'integer', 'Line number', 'Numéro de ligne', { required: true, min: 0, minExclusive: true }),
      c('sales_order_number', 'numero_commande', 'code', 'Sales order number', 'Numéro de commande client', { references: 'sales_order' }),
      c('sales_order_line_number', 'ligne_commande', 'integer', 'Sales order line number', 'Ligne de commande client', { min: 0, minExclusive: true }),
      ref('item_code', 'code_article', 'item', 'Item code', 'Code article'),
      c('lot_number', 'lot', 'text', 'Lot shipped', 'Lot expédié', { defaultValue: '' }),
      qty('quantity', 'quantite', 'Quantity shipped', 'Quantité expédiée', { required: true, minExclusive: true }),
    ],
  },
  {
    name: 'return_order', fileNames: ['returns', 'retours'], labelEn: 'Returns (RMA)', labelFr: 'Retours (RMA)', key: ['rma_number'],
    columns: [
      code('rma_number', 'numero_retour', 'Return authorisation number', "Numéro d'autorisation de retour"), ref('customer_code', 'code_client', 'customer', 'Customer', 'Client'),
      ref('item_code', 'code_article', 'item', 'Item', 'Article'), c('lot_number', 'lot', 'text', 'Lot', 'Lot', { defaultValue: '' }),
      qty('quantity', 'quantite', 'Quantity returned', 'Quantité retournée', { required: true, minExclusive: true }),
      c('reason', 'motif', 'enum', 'Return reason', 'Motif de retour', { required: true, values: ['damaged', 'defective', 'wrong_item', 'not_needed', 'expired', 'other'] }),
      c('status', 'statut', 'enum', 'Return status', 'Statut', { values: ['authorized', 'received', 'inspected', 'closed', 'cancelled'], defaultValue: 'authorized' }),
      c('disposition', 'decision', 'enum', 'Disposition', 'Décision', { values: ['restock', 'refurbish', 'return_to_supplier', 'recycle', 'scrap'] }),
      c('authorized_date', 'date_autorisation', 'date', 'Authorisation date', "Date d'autorisation", { required: true }),
      c('received_date', 'date_reception', 'date', 'Receipt date', 'Date de réception'),
      ref('location_code', 'code_site', 'location', 'Receiving location', 'Site de réception', { required: false }),
      c('inspected_date', 'date_inspection', 'date', 'Inspection date', "Date d'inspection"),
      c('inspection_result', 'resultat_inspection', 'enum', 'Inspection result', "Résultat de l'inspection", { values: ['as_new', 'repairable', 'unusable'] }),
      c('inspection_note', 'note_inspection', 'text', 'Inspection note', "Note d'inspection"),
      c('disposed_date', 'date_decision', 'date', 'Date the disposition was carried out', 'Date de mise en œuvre de la décision'),
      qty('return_cost_eur', 'cout_retour_eur', 'Cost of the return in EUR (transport, handling, repair)', 'Coût du retour en EUR (transport, manutention, réparation)', { defaultValue: '0' }),
      qty('credit_amount_eur', 'avoir_eur', 'Credit note granted to the customer in EUR', 'Avoir accordé au client en EUR'),
    ],
  },
  {
    name: 'production_event', fileNames: ['production_events', 'evenements_production'], labelEn: 'Production events (OEE)', labelFr: 'Événements de production (TRS)', key: ['event_number'],
    columns: [
      code('event_number', 'numero_evenement', 'Event number (one per shift × work centre run)', 'Numéro d’événement (un par équipe × poste)'),
      ref('work_center_code', 'code_poste', 'work_center', 'Work centre', 'Poste de charge'),
      c('production_order_number', 'numero_of', 'code', 'Production order', 'Ordre de fabrication', { references: 'production_order' }),
      c('item_code', 'code_article', 'code', 'Item made', 'Article fabriqué', { references: 'item' }),
      c('event_date', 'date_evenement', 'date', 'Date of the run', 'Date de la production', { required: true }),
      c('shift_code', 'equipe', 'text', 'Shift', 'Équipe', { defaultValue: '' }),
      qty('planned_minutes', 'temps_requis_min', 'Planned production time in minutes (shift minus planned stops)', 'Temps requis en minutes (équipe moins arrêts planifiés)', { required: true }),
      qty('downtime_minutes', 'arrets_min', 'Unplanned stops and changeovers in minutes', 'Arrêts non planifiés et changements de série en minutes', { defaultValue: '0' }),
      qty('ideal_cycle_minutes', 'temps_cycle_ideal_min', 'Ideal cycle time per unit in minutes', 'Temps de cycle idéal par unité en minutes', { required: true }),
      qty('total_units', 'quantite_totale', 'Units made', 'Unités produites', { required: true }),
      qty('good_units', 'quantite_bonne', 'Good units (first pass)', 'Unités bonnes du premier coup', { required: true }),
      qty('available_minutes', 'temps_ouverture_min', 'Calendar time available in minutes (capacity utilisation)', 'Temps d’ouverture en minutes (taux de charge)'),
    ],
  },
  {
    name: 'cost_entry', fileNames: ['cost_entries', 'couts_logistiques'], labelEn: 'Logistics cost entries', labelFr: 'Coûts logistiques', key: ['entry_number'],
    columns: [
      code('entry_number', 'numero_ecriture', 'Entry number', 'Numéro d’écriture'),
      c('entry_date', 'date_ecriture', 'date', 'Date of the cost', 'Date du coût', { required: true }),
      c('category', 'categorie', 'enum', 'Cost category', 'Catégorie de coût', { required: true, values: ['procurement', 'storage', 'handling', 'transport', 'financial', 'returns', 'other'] }),
      c('amount_eur', 'montant_eur', 'decimal', 'Amount in EUR (negative for a credit)', 'Montant en EUR (négatif pour un avoir)', { required: true }),
      c('customer_code', 'code_client', 'code', 'Customer the cost is for (cost to serve)', 'Client concerné (coût de service)', { references: 'customer' }),
      c('location_code', 'code_site', 'code', 'Site', 'Site', { references: 'location' }),
      c('carrier_code', 'code_transporteur', 'code', 'Carrier', 'Transporteur', { references: 'carrier' }),
      c('item_code', 'code_article', 'code', 'Item', 'Article', { references: 'item' }),
      c('reference', 'reference', 'text', 'Document reference (invoice…)', 'Référence du document (facture…)'),
      c('description', 'libelle', 'text', 'Description', 'Libellé'),
    ],
  },
  {
    name: 'cost_budget', fileNames: ['cost_budgets', 'budgets_couts'], labelEn: 'Logistics cost budgets (monthly)', labelFr: 'Budgets de coûts logistiques (mensuels)', key: ['budget_month', 'category'],
    columns: [
      c('budget_month', 'mois', 'date', 'First day of the budget month', 'Premier jour du mois budgété', { required: true }),
      c('category', 'categorie', 'enum', 'Cost category', 'Catégorie de coût', { required: true, values: ['procurement', 'storage', 'handling', 'transport', 'financial', 'returns', 'other'] }),
      qty('amount_eur', 'montant_eur', 'Budget in EUR', 'Budget en EUR', { required: true }),
    ],
  },
  {
    name: 'kpi_target', fileNames: ['kpi_targets', 'objectifs_indicateurs'], labelEn: 'KPI targets', labelFr: 'Objectifs des indicateurs', key: ['kpi_id'],
    columns: [
      c('kpi_id', 'indicateur', 'enum', 'KPI (see docs/kpi-definitions.md)', 'Indicateur (voir docs/kpi-definitions.md)', { required: true, values: KPI_CATALOG.map((d) => d.id) }),
      c('target_value', 'objectif', 'decimal', 'Target (fractions in 0–1, days, EUR…)', 'Objectif (fractions entre 0 et 1, jours, EUR…)'),
      c('alert_threshold', 'seuil_alerte', 'decimal', 'Alert threshold beyond the target', 'Seuil d’alerte au-delà de l’objectif'),
    ],
  },
  {
    name: 'customer_invoice', fileNames: ['customer_invoices', 'factures_clients'], labelEn: 'Customer invoices (receivables)', labelFr: 'Factures clients (créances)', key: ['invoice_number'],
    columns: [
      code('invoice_number', 'numero_facture', 'Invoice or credit-note number', "Numéro de facture ou d'avoir"),
      ref('customer_code', 'code_client', 'customer', 'Customer invoiced', 'Client facturé'),
      c('invoice_date', 'date_facture', 'date', 'Invoice date', 'Date de facture', { required: true }),
      c('due_date', 'date_echeance', 'date', 'Due date (invoice date + payment terms)', "Date d'échéance (date de facture + délai de paiement)", { required: true }),
      c('amount_eur', 'montant_ht_eur', 'decimal', 'Amount excluding VAT in EUR (negative for a credit note)', 'Montant HT en EUR (négatif pour un avoir)', { required: true }),
      c('payment_date', 'date_reglement', 'date', 'Date the invoice was paid (empty while open)', 'Date de règlement (vide tant que la facture est ouverte)'),
      c('sales_order_number', 'numero_commande', 'code', 'Sales order invoiced', 'Commande client facturée', { references: 'sales_order' }),
      c('shipment_number', 'numero_expedition', 'code', 'Shipment invoiced', 'Expédition facturée', { references: 'shipment' }),
    ],
  },
  {
    name: 'supplier_invoice', fileNames: ['supplier_invoices', 'factures_fournisseurs'], labelEn: 'Supplier invoices (payables)', labelFr: 'Factures fournisseurs (dettes)', key: ['supplier_code', 'invoice_number'],
    columns: [
      ref('supplier_code', 'code_fournisseur', 'supplier', 'Supplier', 'Fournisseur'),
      code('invoice_number', 'numero_facture', "Supplier's invoice or credit-note number", "Numéro de facture ou d'avoir du fournisseur"),
      c('invoice_date', 'date_facture', 'date', 'Invoice date', 'Date de facture', { required: true }),
      // Optional so that invoices received by EDI (amount in their currency, no due date) export and import back.
      c('due_date', 'date_echeance', 'date', 'Due date (invoice date + payment terms)', "Date d'échéance (date de facture + délai de paiement)"),
      c('amount_eur', 'montant_ht_eur', 'decimal', 'Amount excluding VAT in EUR (negative for a credit note); empty: the EUR total of an EDI invoice', 'Montant HT en EUR (négatif pour un avoir) ; vide : le total en EUR d’une facture EDI'),
      c('payment_date', 'date_reglement', 'date', 'Date the invoice was paid (empty while open)', 'Date de règlement (vide tant que la facture est ouverte)'),
      c('purchase_order_number', 'numero_commande_achat', 'code', 'Purchase order invoiced', "Commande d'achat facturée", { references: 'purchase_order' }),
    ],
  },
  {
    name: 'forecast_snapshot', fileNames: ['forecast_snapshots', 'historique_previsions'], labelEn: 'Forecast snapshots (past forecasts)', labelFr: 'Historique des prévisions (prévisions passées)',
    key: ['item_code', 'location_code', 'as_of_date', 'period_start'],
    columns: [
      ref('item_code', 'code_article', 'item', 'Item forecast', 'Article prévu'), ref('location_code', 'code_site', 'location', 'Location forecast', 'Site prévu'),
      c('as_of_date', 'date_prevision', 'date', 'Day the forecast was made', 'Jour où la prévision a été faite', { required: true }),
      c('period_start', 'debut_semaine', 'date', 'Monday of the week forecast', 'Lundi de la semaine prévue', { required: true }),
      qty('forecast_quantity', 'quantite_prevue', 'Quantity forecast for the week', 'Quantité prévue pour la semaine', { required: true }),
      c('method', 'methode', 'text', 'Forecasting method used', 'Méthode de prévision utilisée'),
    ],
  },
];

const byName = new Map(ENTITY_CATALOG.map((d) => [d.name, d]));

/** The descriptor of an entity; throws on an unknown name (a bug, not user input). */
export function getEntityDescriptor(name: EntityName): EntityDescriptor {
  const descriptor = byName.get(name);
  if (!descriptor) throw new Error(`unknown entity ${name}`);
  return descriptor;
}

/** Finds the entity a file base name stands for (English or French, case- and accent-insensitive). */
export function findEntityByFileName(baseName: string): EntityDescriptor | undefined {
  const wanted = normalizeHeader(baseName);
  return ENTITY_CATALOG.find((d) => d.fileNames.some((f) => normalizeHeader(f) === wanted) || normalizeHeader(d.name) === wanted);
}

/** Lower-case, accents removed, spaces and dashes as underscores: 'Date de réception' → 'date_de_reception'. */
export function normalizeHeader(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase().replace(/[\s\-./]+/g, '_').replace(/^\ufeff/, '');
}

/** Entities in an order where every referenced entity comes before the ones that reference it. */
export function entitiesInDependencyOrder(): EntityDescriptor[] {
  const ordered: EntityDescriptor[] = [];
  const seen = new Set<EntityName>();
  const visit = (d: EntityDescriptor): void => {
    if (seen.has(d.name)) return;
    seen.add(d.name);
    for (const column of d.columns) if (column.references && column.references !== d.name) visit(getEntityDescriptor(column.references));
    for (const r of d.compositeReferences ?? []) visit(getEntityDescriptor(r.entity));
    ordered.push(d);
  };
  for (const d of ENTITY_CATALOG) visit(d);
  return ordered;
}
