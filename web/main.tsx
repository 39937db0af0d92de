/// <reference lib="dom" />
/**
 * The spectator page's entry, bundled by the server with `deno bundle`
 * (`Deno.bundle`) and served as `/app.js`.
 * @module
 */
import { render } from "preact";
import { App } from "./app.tsx";

const root = document.getElementById("app");
if (root !== null) {
  root.textContent = "";
  render(<App />, root);
}
