// The locale tables as the component ships them: `locales/<tag>.js`, each `export default {…}`.
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const dir = resolve(import.meta.dirname, "../locales");

/** English, the source of truth of every key. */
export const english = (await import(join(dir, "en.js"))).default;

/** Every built-in locale's table, by tag. */
export const tables = Object.fromEntries(
  await Promise.all(readdirSync(dir).filter((f) => f.endsWith(".js"))
    .map(async (f) => [f.slice(0, -3), (await import(join(dir, f))).default])),
);
