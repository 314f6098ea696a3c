import type { DatabaseHandle } from '@flowpilot/db';
import { parseCsvText } from '../data-exchange/read-tables';
import { runImport } from '../data-exchange/run-import';

// A small planning model for the planning cycle's tests (the use case and the planning_cycle job): 2 finished
// goods, 3 bought components, BOMs, routings on one work centre with a calendar, 60 weeks of sales history,
// one sales order and one PO. As of Tuesday 2026-11-24 (bucket 0 starts Monday 2026-11-23).

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function smallPlanningModelFiles(): Record<string, string> {
  const history = ['item_code,location_code,sale_date,quantity'];
  for (let week = 60; week >= 1; week--) {
    const wednesday = addDays('2026-11-25', -7 * week);
    history.push(`FG1,W1,${wednesday},${20 + (week % 4) * 3}`);
    history.push(`FG2,W1,${wednesday},${8 + (week % 3) * 2}`);
  }
  return {
    'units.csv': 'code,name,dimension\nEA,Each,count\n',
    'item_families.csv': 'code,name\nGARDEN,Garden machines\n',
    'items.csv': [
      'code,name,item_type,uom_code,family_code,make_or_buy,lead_time_days,standard_cost',
      'FG1,Pump,finished_good,EA,GARDEN,make,7,50',
      'FG2,Mower,finished_good,EA,GARDEN,make,7,80',
      'C1,Motor,component,EA,,buy,14,20',
      'C2,Housing,component,EA,,buy,7,5',
      'C3,Blade,component,EA,,buy,21,3',
    ].join('\n') + '\n',
    'locations.csv': 'code,name,location_type\nPL1,Plant,plant\nW1,Warehouse,warehouse\n',
    'calendars.csv': 'code,name\nCAL1,One shift\n',
    'calendar_shifts.csv': 'calendar_code,weekday,shift_code,start_time,end_time\n' + [1, 2, 3, 4, 5].map((d) => `CAL1,${d},DAY,07:00,15:00`).join('\n') + '\n',
    'calendar_exceptions.csv': 'calendar_code,exception_date,available_hours,reason\nCAL1,2026-12-25,0,Christmas\n',
    'work_centers.csv': 'code,name,location_code,calendar_code,machine_count,efficiency,utilization,cost_per_hour\nWC1,Assembly,PL1,CAL1,1,1,1,50\n',
    'routings.csv': 'item_code,operation_number,work_center_code,setup_hours,run_hours_per_unit\nFG1,10,WC1,1,0.1\nFG2,10,WC1,0.5,0.2\n',
    'boms.csv': 'parent_item_code,version\nFG1,V1\nFG2,V1\n',
    'bom_lines.csv': 'parent_item_code,bom_version,line_number,component_item_code,quantity_per\nFG1,V1,10,C1,1\nFG1,V1,20,C2,2\nFG2,V1,10,C2,1\nFG2,V1,20,C3,4\n',
    'suppliers.csv': 'code,name,country\nS1,Motors Inc,FR\nS2,Blades Ltd,DE\n',
    'supply_terms.csv': 'item_code,supplier_code,lead_time_days,unit_price,preferred\nC1,S1,14,20,true\nC2,S1,7,5,true\nC3,S2,21,3,true\n',
    'on_hand.csv': 'item_code,location_code,lot_number,quantity\nFG1,W1,L1,30\nC1,PL1,L2,40\n',
    'inventory_movements.csv': 'item_code,location_code,lot_number,movement_type,quantity,occurred_at\nFG1,W1,L1,opening_balance,30,2026-11-01\nC1,PL1,L2,opening_balance,40,2026-11-01\n',
    'customers.csv': 'code,name,latitude,longitude\nCU1,Garden shop,48.85,2.35\n',
    'sales_orders.csv': 'order_number,customer_code,order_date,status\nSO1,CU1,2026-11-20,confirmed\n',
    'sales_order_lines.csv': 'order_number,line_number,item_code,location_code,quantity,requested_date\nSO1,1,FG2,W1,60,2026-12-09\n',
    'purchase_orders.csv': 'order_number,supplier_code,order_date,status\nPO1,S1,2026-11-10,sent\n',
    'purchase_order_lines.csv': 'order_number,line_number,item_code,location_code,quantity,unit_price,due_date\nPO1,1,C2,PL1,100,5,2026-12-02\n',
    'sales_history.csv': history.join('\n') + '\n',
  };
}

/** Imports the small model into an organization; fails loudly on any issue. */
export async function importSmallPlanningModel(handle: DatabaseHandle, organizationId: string): Promise<void> {
  const tables = Object.entries(smallPlanningModelFiles()).map(([name, text]) => parseCsvText(text, name, name.replace(/\.csv$/, '')));
  const report = await runImport(handle, { organizationId, tables, today: '2026-11-24' });
  if (report.errorCount > 0 || !report.written) throw new Error(`small model import failed: ${JSON.stringify(report.issues.slice(0, 3))}`);
}
