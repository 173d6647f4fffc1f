// The built-in locales other than English: modules beside this file's package folder
// (wasm-bindgen copies `locales/*.js` into the same snippets folder as this file). Each is
// imported by a literal path, so bundlers (Vite's dev server and build, Rollup, webpack,
// esbuild) follow it, and a plain page finds it relative to this module.
const LOCALES = {
  de: () => import("../../locales/de.js"),
  fr: () => import("../../locales/fr.js"),
  es: () => import("../../locales/es.js"),
  "pt-BR": () => import("../../locales/pt-BR.js"),
  ja: () => import("../../locales/ja.js"),
  "zh-Hans": () => import("../../locales/zh-Hans.js"),
  ar: () => import("../../locales/ar.js"),
};

/** The table of `tag`; rejects with "URL (what the server said)" when it cannot be loaded. */
export async function loadLocale(tag) {
  try {
    return (await LOCALES[tag]()).default;
  } catch {
    const url = new URL(`../../locales/${tag}.js`, import.meta.url).href;
    let answer = "no answer";
    try {
      answer = `HTTP ${(await fetch(url, { method: "HEAD", cache: "no-store" })).status}`;
    } catch {}
    throw `${url} (${answer})`;
  }
}
