import type { MessageCatalog } from './catalog-types';

/** Messages of the stored S&OP what-if scenarios. */
export const sopScenarioMessages: MessageCatalog = {
  en: {
    'sop.scenario.problem.no_sop_run': 'No S&OP run to start from: run the planning cycle first (flowpilot plan, or the Run the cycle button).',
    'sop.scenario.problem.unknown_family': 'Family {family} is not in S&OP run {run}: pick one of {families}.',
    'sop.scenario.problem.name_taken': 'A scenario named "{name}" already exists: choose another name or delete that one.',
    'sop.scenario.problem.not_found': 'Scenario {id} does not exist in this organization.',
    'sop.scenario.problem.invalid_changes': 'The scenario\'s changes cannot be applied: {detail}. Fix the value and run it again.',
  },
  fr: {
    'sop.scenario.problem.no_sop_run': 'Aucun calcul de PIC sur lequel partir : lancez d\'abord le cycle de planification (flowpilot plan, ou le bouton Lancer le cycle).',
    'sop.scenario.problem.unknown_family': 'La famille {family} n\'est pas dans le calcul de PIC {run} : choisissez parmi {families}.',
    'sop.scenario.problem.name_taken': 'Un scénario nommé « {name} » existe déjà : choisissez un autre nom ou supprimez celui-là.',
    'sop.scenario.problem.not_found': 'Le scénario {id} n\'existe pas dans cette organisation.',
    'sop.scenario.problem.invalid_changes': 'Les changements du scénario ne s\'appliquent pas : {detail}. Corrigez la valeur et relancez.',
  },
};
