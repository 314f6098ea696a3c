import type { MessageCatalog } from './catalog-types';

/** Messages of the command line: help texts and summaries. */
export const cliMessages: MessageCatalog = {
  en: {
    'cli.description': 'flowpilot: plan and pilot supply chain flows (forecast, S&OP, MPS, MRP, inventory, transport).',
    'cli.option.json': 'print the result as JSON (for scripts)',
    'cli.db.migrate.done': 'Database migrated ({count} migration(s) applied) at {target}.',
    'cli.db.reset.done': 'Database reset at {target}.',
    'cli.db.backup.done': 'Backup written to {path} ({rows} rows).',
    'cli.db.restore.done': 'Backup {path} restored ({rows} rows).',
  },
  fr: {
    'cli.description': 'flowpilot : planifier et piloter les flux logistiques (prévision, PIC, PDP, CBN, stocks, transport).',
    'cli.option.json': 'affiche le résultat en JSON (pour les scripts)',
    'cli.db.migrate.done': 'Base migrée ({count} migration(s) appliquée(s)) : {target}.',
    'cli.db.reset.done': 'Base réinitialisée : {target}.',
    'cli.db.backup.done': 'Sauvegarde écrite dans {path} ({rows} lignes).',
    'cli.db.restore.done': 'Sauvegarde {path} restaurée ({rows} lignes).',
  },
};
