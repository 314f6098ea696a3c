import type { DatabaseHandle } from '@flowpilot/db';
import { parseCsvText, runImport } from '@flowpilot/services';

// A small company for the workspace route tests: two pumps of one family made from a bought part, sold from a
// Paris warehouse to three customers (one without coordinates), two carriers and two vans.
const sales = ['item_code,location_code,sale_date,quantity'];
for (let week = 0; week < 30; week++) {
  const day = new Date(Date.UTC(2026, 3, 20 + 7 * week)).toISOString().slice(0, 10);
  sales.push(`F,W1,${day},${10 + (week % 3)}`);
  sales.push(`F2,W1,${day},${week % 4 === 0 ? 9 : 1}`);
}

export const WORKSPACE_FIXTURE_FILES: Record<string, string> = {
  'units.csv': 'code,name,dimension\nEA,Each,count\n',
  'item_families.csv': 'code,name\nFAM,Pumps\n',
  'items.csv': 'code,name,item_type,uom_code,family_code,make_or_buy,standard_cost,sale_price,weight_kg,volume_m3,lead_time_days\n'
    + 'F,Pump,finished_good,EA,FAM,make,20,40,12,0.05,7\nF2,Small pump,finished_good,EA,FAM,make,10,25,5,0.02,7\nA,Part A,component,EA,,buy,2,,0.5,0.001,7\n',
  'locations.csv': 'code,name,location_type,latitude,longitude\nW1,Warehouse,warehouse,48.8566,2.3522\nP1,Plant,plant,,\n',
  'stock_points.csv': 'item_code,location_code,review_period_days,target_service_level\nF,W1,7,0.95\nF2,W1,7,0.9\n',
  'on_hand.csv': 'item_code,location_code,lot_number,quantity\nF,W1,L1,30\nF2,W1,L2,10\n',
  'boms.csv': 'parent_item_code,version\nF,V1\nF2,V1\n',
  'bom_lines.csv': 'parent_item_code,bom_version,line_number,component_item_code,quantity_per\nF,V1,10,A,2\nF2,V1,10,A,1\n',
  'calendars.csv': 'code,name\nC,Days\n',
  'calendar_shifts.csv': 'calendar_code,weekday,shift_code,start_time,end_time\nC,1,D,08:00,16:00\nC,2,D,08:00,16:00\nC,3,D,08:00,16:00\nC,4,D,08:00,16:00\nC,5,D,08:00,16:00\n',
  'work_centers.csv': 'code,name,location_code,calendar_code,cost_per_hour\nWC,Assembly,P1,C,40\n',
  'routings.csv': 'item_code,operation_number,work_center_code,setup_hours,run_hours_per_unit\nF,10,WC,1,0.1\nF2,10,WC,1,0.05\n',
  'suppliers.csv': 'code,name,country\nS1,Supplier,FR\n',
  'supply_terms.csv': 'item_code,supplier_code,lead_time_days,unit_price,preferred\nA,S1,7,2,yes\n',
  'purchase_orders.csv': 'order_number,supplier_code,order_date,status\nPO1,S1,2026-11-01,approved\n',
  'purchase_order_lines.csv': 'order_number,line_number,item_code,location_code,quantity,unit_price,due_date\nPO1,1,A,P1,40,2,2027-03-01\n',
  'production_orders.csv': 'order_number,item_code,location_code,quantity,start_date,due_date,status\nMO1,F,P1,25,2027-02-15,2027-03-01,firm\n',
  'customers.csv': 'code,name,city,postal_code,latitude,longitude,service_minutes\n'
    + 'C1,Client One,Paris,75001,48.8666,2.3522,10\nC2,Client Two,Paris,75012,48.8466,2.3922,10\nC3,Client Three,Versailles,78000,48.8049,2.1204,15\nC4,Client Four,Lyon,69001,,,10\n',
  'sales_orders.csv': 'order_number,customer_code,order_date,status\nSO1,C1,2026-11-20,open\nSO2,C2,2026-11-21,open\nSO3,C3,2026-11-22,confirmed\nSO4,C4,2026-11-22,open\n',
  'sales_order_lines.csv': 'order_number,line_number,item_code,location_code,quantity,requested_date\n'
    + 'SO1,1,F,W1,10,2026-11-24\nSO2,1,F2,W1,20,2026-11-24\nSO3,1,F,W1,5,2026-11-25\nSO4,1,F,W1,2,2026-11-24\n',
  'carriers.csv': 'code,name,transport_mode,fuel_surcharge_rate\nTR1,Transports Un,road_ltl,0.1\nTR2,Transports Deux,road_ltl,0\nTR3,Transports Trois,road_ltl,0\n',
  'carrier_tariffs.csv': 'carrier_code,zone,min_weight_kg,max_weight_kg,price_per_100kg,minimum_charge,transit_days\n'
    + 'TR1,Z1,0,100,12,20,1\nTR1,Z1,100,500,10,20,1\nTR1,Z1,500,1000,8,20,2\nTR2,Z1,0,1000,11,15,2\nTR3,Z2,0,1000,5,0,3\n',
  'vehicles.csv': 'code,location_code,vehicle_type,capacity_kg,fixed_cost_per_day,cost_per_km,co2_kg_per_km\nV1,W1,van,300,50,0.5,0\nV2,W1,van,300,50,0.5,0\n',
  'sales_history.csv': sales.join('\n') + '\n',
};

/** Imports the fixture company into an organization (all-or-nothing; fails loudly on any issue). */
export async function seedWorkspaceFixture(handle: DatabaseHandle, organizationId: string): Promise<void> {
  const tables = Object.entries(WORKSPACE_FIXTURE_FILES).map(([name, text]) => parseCsvText(text, name, name.replace(/\.csv$/, '')));
  const report = await runImport(handle, { organizationId, tables, today: '2026-11-24' });
  if (report.errorCount > 0 || !report.written) throw new Error(`fixture import failed: ${JSON.stringify(report.issues.slice(0, 3))}`);
}
