// Runs once before the test files: prepares the migrated PGlite template that database tests load
// (initdb takes 5-10 s, loading the dumped template about 0.7 s).
export default async function setup(): Promise<void> {
  const { prepareTestTemplate } = await import('../packages/db/src/testing/template');
  await prepareTestTemplate();
}
