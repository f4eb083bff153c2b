// CSS lint (make lint): stylelint's standard config, plus the rule that keeps every colour a token.
// Raw colour values (hex, rgb() and the other colour functions, named colours) are allowed only
// inside the token block at the top of theme/static/css/site.css, which turns the rules off for itself.
// Formatting is Prettier's (.prettierrc.json); the rules below are about what the CSS says.
/** @type {import("stylelint").Config} */
export default {
  extends: ["stylelint-config-standard"],
  rules: {
    "color-no-hex": true,
    "color-named": "never",
    "function-disallowed-list": ["rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color"],
    // BEM class names (block__element--modifier), as the templates write them.
    "selector-class-pattern": [
      "^[a-z][a-z0-9]*(-[a-z0-9]+)*(__[a-z0-9]+(-[a-z0-9]+)*)?(--[a-z0-9]+(-[a-z0-9]+)*)?$",
      { message: "Expected a BEM class name (block__element--modifier)" },
    ],
    // Type scale steps may be negative: --step--1.
    "custom-property-pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*(--[0-9]+)?$",
    // min-width queries work in every browser the portal supports; the range syntax (width >= 40rem)
    // needs Safari 16.4.
    "media-feature-range-notation": "prefix",
    // iOS Safari still needs the prefixed text-size-adjust; clip hides .visually-hidden in old browsers.
    "property-no-vendor-prefix": [true, { ignoreProperties: ["/text-size-adjust$/"] }],
    "property-no-deprecated": [true, { ignoreProperties: ["clip"] }],
    // Font family names keep their spelling in the --font token as in font-family.
    "value-keyword-case": ["lower", { ignoreProperties: ["--font"], camelCaseSvgKeywords: true }],
    // The sheet is ordered by component (header, cards, article, …); this rule compares links in
    // unrelated components (.site-nav a:hover, .org-nav__list a) and reordering would change the cascade.
    "no-descending-specificity": null,
  },
};
