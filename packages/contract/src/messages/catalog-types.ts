/** A language the product speaks. Every message exists in both. */
export type Language = 'en' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'fr'];

/** Messages of one domain: the same keys in English and French; `{name}` marks a parameter. */
export type MessageCatalog = { en: Record<string, string>; fr: Record<string, string> };
