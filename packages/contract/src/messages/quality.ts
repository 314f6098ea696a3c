import type { MessageCatalog } from './catalog-types';

/** Data-quality checks on stored data: a title and a finding message per check, with what to do. */
export const qualityMessages: MessageCatalog = {
  en: {
    'quality.bom_cycle.title': 'Cycles in bills of materials', 'quality.bom_cycle.finding': 'BOM cycle {cycle}: MRP cannot explode it; correct one of the lines.',
    'quality.buy_item_without_supplier.title': 'Purchased items without a supplier', 'quality.buy_item_without_supplier.finding': 'bought item with no supply term: add one (lead time, MOQ, price) or it cannot be proposed for purchase.',
    'quality.make_item_without_bom.title': 'Manufactured items without an active BOM', 'quality.make_item_without_bom.finding': 'made item with no active bill of materials: its components will not be planned.',
    'quality.make_item_without_routing.title': 'Manufactured items without a routing', 'quality.make_item_without_routing.finding': 'made item with no routing: its load will be missing from capacity planning.',
    'quality.buy_item_zero_lead_time.title': 'Supply terms with a zero lead time', 'quality.buy_item_zero_lead_time.finding': 'lead time is 0 days: check it, a real supplier always needs time.',
    'quality.expired_stock.title': 'Expired stock still available', 'quality.expired_stock.finding': '{quantity} units expired on {expiry} but are still available: block or scrap them.',
    'quality.ledger_mismatch.title': 'On-hand not equal to the movement ledger', 'quality.ledger_mismatch.finding': 'on-hand {onHand} but the ledger sums to {ledger}: count the stock and post an adjustment.',
    'quality.customer_without_coordinates.title': 'Customers without coordinates', 'quality.customer_without_coordinates.finding': 'no latitude/longitude: routes cannot be planned for this customer.',
    'quality.supplier_price_zero.title': 'Supply terms with a zero price', 'quality.supplier_price_zero.finding': 'unit price is 0: costs and purchase orders will be wrong.',
    'quality.past_due_purchase.title': 'Past-due purchase order lines', 'quality.past_due_purchase.finding': '{quantity} units were due on {due} and are not received: expedite or re-date.',
    'quality.past_due_sales.title': 'Past-due customer order lines', 'quality.past_due_sales.finding': '{quantity} units were requested for {due} and are not shipped: ship or re-promise.',
    'quality.dead_stock.title': 'Finished goods in stock with no sale for a year', 'quality.dead_stock.finding': '{quantity} units in stock and no sale in 365 days: review for obsolescence.',
    'quality.sales_outlier.title': 'Unusual sales quantities', 'quality.sales_outlier.finding': 'unusual quantity {value} against a typical {typical}.',
  },
  fr: {
    'quality.bom_cycle.title': 'Cycles dans les nomenclatures', 'quality.bom_cycle.finding': 'cycle de nomenclature {cycle} : le CBN ne peut pas l’éclater ; corrigez une des lignes.',
    'quality.buy_item_without_supplier.title': 'Articles achetés sans fournisseur', 'quality.buy_item_without_supplier.finding': 'article acheté sans condition d’achat : ajoutez-en une (délai, minimum, prix) sinon aucun achat ne peut être proposé.',
    'quality.make_item_without_bom.title': 'Articles fabriqués sans nomenclature active', 'quality.make_item_without_bom.finding': 'article fabriqué sans nomenclature active : ses composants ne seront pas planifiés.',
    'quality.make_item_without_routing.title': 'Articles fabriqués sans gamme', 'quality.make_item_without_routing.finding': 'article fabriqué sans gamme : sa charge manquera au calcul des capacités.',
    'quality.buy_item_zero_lead_time.title': 'Conditions d’achat avec un délai nul', 'quality.buy_item_zero_lead_time.finding': 'délai de 0 jour : vérifiez-le, un fournisseur a toujours besoin de temps.',
    'quality.expired_stock.title': 'Stock périmé encore disponible', 'quality.expired_stock.finding': '{quantity} unités périmées le {expiry} mais encore disponibles : bloquez-les ou mettez-les au rebut.',
    'quality.ledger_mismatch.title': 'Stock différent du journal des mouvements', 'quality.ledger_mismatch.finding': 'stock {onHand} mais le journal totalise {ledger} : comptez le stock et passez un ajustement.',
    'quality.customer_without_coordinates.title': 'Clients sans coordonnées', 'quality.customer_without_coordinates.finding': 'pas de latitude/longitude : impossible de planifier les tournées de ce client.',
    'quality.supplier_price_zero.title': 'Conditions d’achat à prix nul', 'quality.supplier_price_zero.finding': 'prix unitaire nul : les coûts et les commandes seront faux.',
    'quality.past_due_purchase.title': 'Lignes de commande d’achat en retard', 'quality.past_due_purchase.finding': '{quantity} unités attendues le {due} et non reçues : relancez ou redatez.',
    'quality.past_due_sales.title': 'Lignes de commande client en retard', 'quality.past_due_sales.finding': '{quantity} unités demandées pour le {due} et non expédiées : expédiez ou repromettez.',
    'quality.dead_stock.title': 'Produits finis en stock sans vente depuis un an', 'quality.dead_stock.finding': '{quantity} unités en stock et aucune vente depuis 365 jours : à revoir (obsolescence).',
    'quality.sales_outlier.title': 'Quantités vendues inhabituelles', 'quality.sales_outlier.finding': 'quantité inhabituelle {value} pour une valeur typique de {typical}.',
  },
};
