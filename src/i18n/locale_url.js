// Where a locale's texts are: `locales/` beside the bundle's JS module. This file ships as
// `snippets/<crate>/src/i18n/locale_url.js`, four folders below it.
export function localeUrl(tag) {
  return new URL(`../../../../locales/${tag}.json`, import.meta.url).href;
}
