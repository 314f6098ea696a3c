import type { MessageCatalog } from './catalog-types';

/** Singular names of the entities, as used inside sentences ("Unknown item …"). */
export const entityMessages: MessageCatalog = {
  en: {
    'entity.unit_of_measure': 'unit of measure', 'entity.item_family': 'item family', 'entity.item': 'item', 'entity.uom_conversion': 'unit conversion',
    'entity.location': 'location', 'entity.stock_point': 'stock point', 'entity.stock_lot': 'stock lot', 'entity.storage_bin': 'storage bin', 'entity.bom': 'bill of materials',
    'entity.bom_line': 'BOM line', 'entity.calendar': 'calendar', 'entity.calendar_shift': 'shift', 'entity.calendar_exception': 'calendar exception',
    'entity.work_center': 'work centre', 'entity.routing_operation': 'routing operation', 'entity.supplier': 'supplier', 'entity.supply_term': 'supply term',
    'entity.price_break': 'price break', 'entity.customer': 'customer', 'entity.sales_history': 'sales record', 'entity.sales_order': 'sales order',
    'entity.sales_order_line': 'sales order line', 'entity.purchase_order': 'purchase order', 'entity.purchase_order_line': 'purchase order line',
    'entity.production_order': 'production order', 'entity.transfer_order': 'transfer order', 'entity.distribution_lane': 'distribution lane', 'entity.inventory_movement': 'inventory movement',
    'entity.carrier': 'carrier', 'entity.carrier_tariff': 'tariff line', 'entity.vehicle': 'vehicle', 'entity.shipment': 'shipment',
    'entity.shipment_line': 'shipment line', 'entity.return_order': 'return',
    'entity.production_event': 'production event', 'entity.cost_entry': 'cost entry', 'entity.cost_budget': 'cost budget', 'entity.kpi_target': 'KPI target',
    'entity.customer_invoice': 'customer invoice', 'entity.supplier_invoice': 'supplier invoice', 'entity.forecast_snapshot': 'forecast snapshot',
  },
  fr: {
    'entity.unit_of_measure': 'unité de mesure', 'entity.item_family': "famille d'articles", 'entity.item': 'article', 'entity.uom_conversion': "conversion d'unités",
    'entity.location': 'site', 'entity.stock_point': 'point de stockage', 'entity.stock_lot': 'lot en stock', 'entity.storage_bin': 'emplacement', 'entity.bom': 'nomenclature',
    'entity.bom_line': 'ligne de nomenclature', 'entity.calendar': 'calendrier', 'entity.calendar_shift': 'équipe', 'entity.calendar_exception': 'exception de calendrier',
    'entity.work_center': 'poste de charge', 'entity.routing_operation': 'opération de gamme', 'entity.supplier': 'fournisseur', 'entity.supply_term': "condition d'achat",
    'entity.price_break': 'palier de prix', 'entity.customer': 'client', 'entity.sales_history': 'vente', 'entity.sales_order': 'commande client',
    'entity.sales_order_line': 'ligne de commande client', 'entity.purchase_order': "commande d'achat", 'entity.purchase_order_line': "ligne de commande d'achat",
    'entity.production_order': 'ordre de fabrication', 'entity.transfer_order': 'ordre de transfert', 'entity.distribution_lane': 'liaison de distribution', 'entity.inventory_movement': 'mouvement de stock',
    'entity.carrier': 'transporteur', 'entity.carrier_tariff': 'ligne de tarif', 'entity.vehicle': 'véhicule', 'entity.shipment': 'expédition',
    'entity.shipment_line': "ligne d'expédition", 'entity.return_order': 'retour',
    'entity.production_event': 'événement de production', 'entity.cost_entry': 'écriture de coût', 'entity.cost_budget': 'budget de coût', 'entity.kpi_target': "objectif d'indicateur",
    'entity.customer_invoice': 'facture client', 'entity.supplier_invoice': 'facture fournisseur', 'entity.forecast_snapshot': 'prévision passée',
  },
};
