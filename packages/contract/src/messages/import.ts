import type { MessageCatalog } from './catalog-types';

/** Messages of imports and data-quality checks. Each says what is wrong and how to fix it. */
export const importMessages: MessageCatalog = {
  en: {},
  fr: {},
};
