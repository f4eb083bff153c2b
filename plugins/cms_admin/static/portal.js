/*
 * Teaches the web editor (Sveltia CMS live, Decap CMS for `make cms`) the portal's file format and
 * photo syntax (loaded after sveltia-cms.js or decap-cms.js; both offer the same CMS.register* calls).
 *
 * 1. Format "pelican": the header every hand-written article has
 *    ("Title: …", "Tags: a, b", a blank line, then the body). Decap's own
 *    yaml-frontmatter format cannot read those files (an existing article
 *    opens with empty fields, and saving it would bury its header in the
 *    body), and would write YAML lists and quoting. With this format a file
 *    saved in the web editor is byte-for-byte the kind an editor types.
 *    Reading also accepts a "---" YAML block (lists, quotes), as the site does.
 * 2. Component "image": replaces Decap's built-in image (same id), which writes
 *    ![alt](anh.jpg): a path Pelican does not resolve, and no caption. This one
 *    writes the syntax the site reads (docs/anh-va-chu-thich.md):
 *
 *      ![Mô tả ảnh]({static}anh.jpg)
 *      /// caption
 *      Chú thích ảnh
 *      ///
 */
(function () {
  "use strict";

  // Whole block, no "m" flag (Decap refuses multiline patterns): image line, caption lines, closing ///.
  var FIGURE = /^!\[([^\]]*)\]\(\{static\}([^)\s]+)\)\n\/\/\/ caption\n([\s\S]*?)\n\/\/\/$/;

  function oneLine(text) {
    return String(text || "").replace(/\s+/g, " ").trim();
  }

  function escapeHtml(text) {
    return String(text || "").replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function captionLines(text) {
    // A blank line would end the caption block early: keep one line per line of text.
    return String(text || "")
      .split("\n")
      .map(function (line) { return line.trim(); })
      .filter(Boolean)
      .join("\n");
  }


  // Metadata in the order the editor guide explains it; other keys follow in file order.
  var FIELD_ORDER = ["title", "date", "modified", "category", "tags", "author", "unit", "summary", "cover",
    "related", "featured", "status", "slug", "sample"];
  var LISTS = { tags: true, related: true };
  var BOOLEANS = { featured: true, sample: true };
  var YES = ["yes", "true", "1", "có", "co"];

  function unquote(value) {
    var text = value.trim();
    if (text.length > 1 && text[0] === '"' && text[text.length - 1] === '"') {
      return text.slice(1, -1).replace(/\\"/g, '"');
    }
    if (text.length > 1 && text[0] === "'" && text[text.length - 1] === "'") {
      return text.slice(1, -1).replace(/''/g, "'");
    }
    return text === "[]" ? "" : text;
  }

  function typed(key, parts) {
    if (LISTS[key]) {
      return parts.join(",").split(",").map(function (item) { return item.trim(); }).filter(Boolean);
    }
    var text = parts.join(" ").replace(/\s+/g, " ").trim();
    if (BOOLEANS[key]) {
      return YES.indexOf(text.toLowerCase()) >= 0;
    }
    return text;
  }

  function fromFile(content) {
    var lines = String(content).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
    var fenced = lines[0].trim() === "---";
    var parts = {};
    var order = [];
    var key = null;
    var index = fenced ? 1 : 0;
    for (; index < lines.length; index += 1) {
      var line = lines[index];
      if (fenced && (line.trim() === "---" || line.trim() === "...")) {
        index += 1;
        break;
      }
      if (!line.trim()) {
        if (fenced) continue;
        break;
      }
      var item = /^\s*-\s+(.*)$/.exec(line);
      if (item && key) {
        parts[key].push(unquote(item[1]));
        continue;
      }
      if (/^\s/.test(line) && key) {
        parts[key].push(unquote(line));
        continue;
      }
      var match = /^([A-Za-z][\w-]*)\s*:(.*)$/.exec(line);
      if (!match) break;
      key = match[1].toLowerCase();
      if (!parts[key]) order.push(key);
      parts[key] = [unquote(match[2])].filter(Boolean);
    }
    var data = {};
    order.forEach(function (name) { data[name] = typed(name, parts[name]); });
    var body = lines.slice(index).join("\n").replace(/^\n+/, "");
    if (body.trim()) data.body = body;
    return data;
  }

  function toFile(data) {
    var keys = FIELD_ORDER.filter(function (name) { return name in data; }).concat(
      Object.keys(data).filter(function (name) { return name !== "body" && FIELD_ORDER.indexOf(name) < 0; })
    );
    var header = [];
    keys.forEach(function (name) {
      var value = data[name];
      if (Array.isArray(value)) {
        value = value.map(oneLine).filter(Boolean).join(", ");
      } else if (typeof value === "boolean") {
        value = value ? "yes" : "no";
      } else {
        value = oneLine(value);
      }
      if (value) header.push(name.charAt(0).toUpperCase() + name.slice(1) + ": " + value);
    });
    var body = String(data.body || "").replace(/^\n+/, "").replace(/\s+$/, "");
    return header.join("\n") + "\n\n" + body + "\n";
  }

  CMS.registerCustomFormat("pelican", "md", { fromFile: fromFile, toFile: toFile });

  CMS.registerEditorComponent({
    id: "image",
    label: "Ảnh có chú thích",
    fields: [
      { name: "image", label: "Ảnh", widget: "image", media_library: { allow_multiple: false } },
      {
        name: "alt",
        label: "Mô tả ảnh",
        widget: "string",
        hint: "Ảnh có gì, cho người khiếm thị và máy tìm kiếm (ví dụ: Đại biểu dự hội nghị).",
      },
      { name: "caption", label: "Chú thích ảnh", widget: "text", hint: "Hiện ngay dưới ảnh trên trang." },
    ],
    pattern: FIGURE,
    fromBlock: function (match) {
      return { alt: match[1], image: match[2], caption: match[3] };
    },
    toBlock: function (data) {
      var alt = oneLine(data.alt).replace(/[[\]]/g, "");
      var image = oneLine(data.image).replace(/^\{static\}/, "");
      return "![" + alt + "]({static}" + image + ")\n/// caption\n" + captionLines(data.caption) + "\n///";
    },
    toPreview: function (data, getAsset, fields) {
      if (typeof h !== "function") {
        // Sveltia CMS: an HTML string, and no asset lookup (it calls toPreview({}) once to test it).
        return "<figure><img src=\"" + escapeHtml(data.image) + "\" alt=\"" + escapeHtml(oneLine(data.alt)) +
          "\"><figcaption>" + escapeHtml(oneLine(data.caption)) + "</figcaption></figure>";
      }
      var field = fields && fields.find(function (f) { return f.get("widget") === "image"; });
      var src = data.image ? String(getAsset(data.image, field) || "") : "";
      return h("figure", {}, h("img", { src: src, alt: oneLine(data.alt) }), h("figcaption", {}, oneLine(data.caption)));
    },
  });
})();
