// Regenerates the demo company CSVs from the seeded generator: `npx tsx examples/demo-company/generate.ts [seed]`.
import { writeFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoCompany, toDemoCompanyCsvFiles } from '@flowpilot/services';

const seed = Number(process.argv[2] ?? 2026);
const dir = import.meta.dirname;
for (const file of readdirSync(dir)) if (file.endsWith('.csv')) rmSync(join(dir, file));
const files = toDemoCompanyCsvFiles(generateDemoCompany(seed));
for (const [name, text] of files) writeFileSync(join(dir, name), text);
console.log(`wrote ${files.size} files to ${dir}`);
