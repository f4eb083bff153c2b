// JS lint (make lint): ESLint's recommended rules on the theme's scripts. Formatting is Prettier's
// (.prettierrc.json). The three classic scripts stay ES5 (ecmaVersion 5 makes newer syntax an error);
// search.js is an ES module (<script type="module">), so it may use modern syntax.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["theme/static/js/*.js"],
    ignores: ["theme/static/js/search.js"],
    languageOptions: { ecmaVersion: 5, sourceType: "script", globals: globals.browser },
    rules: {
      strict: ["error", "function"],
      // ES5 has no `catch {}` without a binding: `catch (e)` with e unused is how it is written.
      "no-unused-vars": ["error", { caughtErrors: "none" }],
    },
  },
  {
    files: ["theme/static/js/search.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
    rules: { "no-var": "error", "prefer-const": "error" },
  },
  {
    files: ["*.config.mjs"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
];
