import { defineConfig } from "vite";

// Two pages from one install: index.html is README's snippet (MSAL signs in), demo.html the same
// element with the local Graph's demo token.
export default defineConfig({
  build: {
    rollupOptions: {
      input: { main: "index.html", demo: "demo.html" },
    },
  },
});
