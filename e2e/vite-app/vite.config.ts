import { defineConfig } from "vite";

// Pages from one install: index.html is README's snippet (MSAL signs in), demo.html the same
// element with the local Graph's demo token, dev.html the same under `vite` dev with the Graph
// and locale from the query, msal.html README's MSAL helper with MSAL's token call stubbed.
// Nothing here is for graph-change-password: it needs no configuration.
export default defineConfig({
  build: {
    rollupOptions: {
      input: { main: "index.html", demo: "demo.html", dev: "dev.html", msal: "msal.html" },
    },
  },
});
