// Kysely table types, written by hand next to the migrations. numeric columns are strings
// (every digit kept), dates are ISO 'YYYY-MM-DD' strings, timestamps are Date.
export type Database = {
  organization: { id: string };
};
