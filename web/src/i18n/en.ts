// Every area's strings in one language (one file per area in ./en/, so pages are translated beside each other),
// bundled as one chunk: a visitor downloads one language. test/portal-i18n.test.ts checks no key is in two files.
const areas = import.meta.glob<Record<string, string>>('./en/*.json', { eager: true, import: 'default' });

export default Object.assign({}, ...Object.values(areas)) as Record<string, string>;
