import type { MessageCatalog } from './catalog-types';

/** Messages shared by every boundary: core error codes, exit reasons, generic words. */
export const commonMessages: MessageCatalog = {
  en: {
    'core.invalid_input': 'Invalid input at {path}: {detail}',
    'core.empty_input': 'Nothing to work on at {path}: {detail}',
    'core.negative_value': 'Negative value at {path}: {detail}',
    'core.not_finite': 'Not a finite number at {path}: {detail}',
    'core.out_of_range': 'Value out of range at {path}: {detail}',
    'core.length_mismatch': 'Lengths do not match at {path}: {detail}',
    'core.cycle_detected': 'Cycle found at {path}: {detail}',
    'core.unknown_reference': 'Unknown reference at {path}: {detail}',
    'core.infeasible': 'No feasible solution: {detail}',
    'core.unsupported': 'Not supported: {detail}',
    'error.usage': 'Usage error: {detail}',
    'error.not_found': 'Not found: {detail}',
    'error.internal': 'Unexpected error: {detail}',
    'error.database': 'Database error ({kind}): {detail}',
    'error.file_not_found': 'File not found: {path}. Check the path and try again.',
  },
  fr: {
    'core.invalid_input': 'Donnée invalide en {path} : {detail}',
    'core.empty_input': 'Rien à traiter en {path} : {detail}',
    'core.negative_value': 'Valeur négative en {path} : {detail}',
    'core.not_finite': 'Nombre non fini en {path} : {detail}',
    'core.out_of_range': 'Valeur hors limites en {path} : {detail}',
    'core.length_mismatch': 'Longueurs différentes en {path} : {detail}',
    'core.cycle_detected': 'Cycle détecté en {path} : {detail}',
    'core.unknown_reference': 'Référence inconnue en {path} : {detail}',
    'core.infeasible': 'Aucune solution réalisable : {detail}',
    'core.unsupported': 'Non pris en charge : {detail}',
    'error.usage': "Erreur d'utilisation : {detail}",
    'error.not_found': 'Introuvable : {detail}',
    'error.internal': 'Erreur inattendue : {detail}',
    'error.database': 'Erreur de base de données ({kind}) : {detail}',
    'error.file_not_found': 'Fichier introuvable : {path}. Vérifiez le chemin et réessayez.',
  },
};
