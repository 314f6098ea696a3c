import type { MessageCatalog } from './catalog-types';

/** Messages of vehicle routing (`flowpilot route`). */
export const routingMessages: MessageCatalog = {
  en: {
    'route.description': 'Plan vehicle routes (CVRP, VRPTW) for a CVRPLIB .vrp, Solomon .txt or flowpilot JSON instance.',
    'route.option.instance': 'instance file: CVRPLIB/TSPLIB .vrp, Solomon .txt or flowpilot routing JSON',
    'route.option.objective': 'objective: distance (fixed + distance costs) or vehicles-then-distance',
    'route.option.timeLimit': 'wall-clock time limit in seconds (default 10)',
    'route.option.seed': 'random seed (thread k uses seed + k)',
    'route.option.threads': 'number of parallel searches (default: 2)',
    'route.option.maxIterations': 'iteration limit per search (with no time limit: reproducible run)',
    'route.error.objective': 'Unknown objective "{value}": use distance or vehicles-then-distance.',
    'route.error.number': 'Option {option} needs a positive number, got "{value}".',
    'route.summary': '{name}: {status}, cost {cost}, distance {distance}, {vehicles} vehicle(s), {seconds} s.',
    'route.row': 'Route {index} ({vehicleType}): {stops} | load {load}, distance {distance}, duration {duration}',
    'route.issue': 'Problem: {message}',
    'route.status.feasible': 'feasible',
    'route.status.infeasible': 'INFEASIBLE',
    'route.progress': 'Searching routes',
  },
  fr: {
    'route.description': 'Planifier des tournées de véhicules (CVRP, VRPTW) pour une instance CVRPLIB .vrp, Solomon .txt ou JSON flowpilot.',
    'route.option.instance': "fichier d'instance : CVRPLIB/TSPLIB .vrp, Solomon .txt ou JSON de tournées flowpilot",
    'route.option.objective': 'objectif : distance (coûts fixes + distance) ou vehicles-then-distance (véhicules puis distance)',
    'route.option.timeLimit': 'limite de temps réel en secondes (10 par défaut)',
    'route.option.seed': 'graine aléatoire (le fil k utilise graine + k)',
    'route.option.threads': 'nombre de recherches en parallèle (2 par défaut)',
    'route.option.maxIterations': "limite d'itérations par recherche (sans limite de temps : exécution reproductible)",
    'route.error.objective': 'Objectif inconnu « {value} » : utilisez distance ou vehicles-then-distance.',
    'route.error.number': "L'option {option} attend un nombre positif, reçu « {value} ».",
    'route.summary': '{name} : {status}, coût {cost}, distance {distance}, {vehicles} véhicule(s), {seconds} s.',
    'route.row': 'Tournée {index} ({vehicleType}) : {stops} | charge {load}, distance {distance}, durée {duration}',
    'route.issue': 'Problème : {message}',
    'route.status.feasible': 'réalisable',
    'route.status.infeasible': 'NON RÉALISABLE',
    'route.progress': 'Recherche des tournées',
  },
};
