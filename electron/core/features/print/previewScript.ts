// The script of the print view (the browser host serves it as /print-helper.js; it is the only script
// a printed document may run). It wires the 打印 button and, on screen, shows the documents as the
// A4 sheets they will print on: a form that runs to two pages looked like one tall sheet.
//
// The sheets are a paginated copy for the screen only: print CSS hides them and prints the original
// sections, whose breaks Chromium decides itself, so the preview can never spoil the paper. The
// copy breaks where the print does — between blocks, between table rows with the header row
// repeated, never inside a row, a signature block or a `.keep` block that fits a page, and never
// right after a section heading — so the sheets match the printed pages (checked against pdfinfo in
// tests/integration/paperPages.test.ts).
//
// Plain ES2017, no modules: it runs as it is in the browser and in the desktop's preview window.
export const printViewScript = String.raw`(function () {
  'use strict';
  var button = document.getElementById('print-now');
  if (button) button.addEventListener('click', function () { window.print(); });

  var docs = Array.prototype.slice.call(document.querySelectorAll('section.doc'));
  if (docs.length === 0) return;
  var mm = 96 / 25.4;
  // A4 less the page margins of print/layout.ts (16 mm top, 18 mm bottom).
  var pageHeight = Math.floor((297 - 16 - 18) * mm);

  var preview = document.createElement('div');
  preview.className = 'preview';
  preview.setAttribute('aria-label', '打印预览');
  document.body.appendChild(preview);

  var sheets = [];
  var body = null;
  var current = null;

  function newSheet() {
    var sheet = document.createElement('div');
    sheet.className = 'sheet';
    sheet.setAttribute('data-kind', current.getAttribute('data-kind') || '');
    var content = document.createElement('div');
    content.className = 'sheet-body';
    sheet.appendChild(content);
    var footer = document.createElement('div');
    footer.className = 'sheet-footer';
    var left = document.createElement('span');
    var info = current.querySelector('.doc-screen-footer');
    left.textContent = info ? info.textContent : '';
    var right = document.createElement('span');
    right.className = 'sheet-number';
    footer.appendChild(left);
    footer.appendChild(right);
    sheet.appendChild(footer);
    preview.appendChild(sheet);
    sheets.push(sheet);
    body = content;
  }

  function fits() { return body.offsetHeight <= pageHeight; }
  function isHeading(node) { return node && node.classList && (node.classList.contains('form-section') || node.classList.contains('official-title')); }
  function freshPage() {
    for (var i = 0; i < body.children.length; i++) if (!isHeading(body.children[i])) return false;
    return true;
  }

  // A heading stays with what follows it: it moves to the next sheet with the block that did not fit.
  function nextSheet() {
    var carry = [];
    while (body.lastElementChild && isHeading(body.lastElementChild) && body.children.length > carry.length) {
      if (body.children.length === 1) break;
      carry.unshift(body.removeChild(body.lastElementChild));
    }
    newSheet();
    carry.forEach(function (c) { body.appendChild(c); });
  }

  function tableShell(table) {
    var shell = table.cloneNode(false);
    // The column widths too: without them a fixed-layout table (the 花名册) wraps other lines.
    Array.prototype.forEach.call(table.children, function (c) { if (c.tagName === 'COLGROUP') shell.appendChild(c.cloneNode(true)); });
    if (table.tHead) shell.appendChild(table.tHead.cloneNode(true));
    shell.appendChild(document.createElement('tbody'));
    return shell;
  }

  function rowsOf(table) {
    var rows = [];
    Array.prototype.forEach.call(table.tBodies, function (tb) { rows = rows.concat(Array.prototype.slice.call(tb.rows)); });
    return rows;
  }

  function splitTable(table) {
    var part = tableShell(table);
    body.appendChild(part);
    rowsOf(table).forEach(function (row) {
      var tbody = part.tBodies[0];
      tbody.appendChild(row);
      if (fits()) return;
      tbody.removeChild(row);
      if (tbody.rows.length === 0) body.removeChild(part);
      nextSheet();
      part = tableShell(table);
      body.appendChild(part);
      part.tBodies[0].appendChild(row);
    });
  }

  function place(node) {
    body.appendChild(node);
    if (fits()) return;
    body.removeChild(node);
    if (node.tagName === 'TABLE' && rowsOf(node).length > 1) {
      if (!freshPage() && rowsOf(node).length < 4) nextSheet();
      splitTable(node);
      return;
    }
    if (freshPage()) {
      // Taller than a page: a kept block's parts go on one by one, as print then breaks inside it.
      if (node.classList && node.classList.contains('keep') && node.children.length > 1) {
        Array.prototype.slice.call(node.children).forEach(place);
      } else {
        body.appendChild(node);
      }
      return;
    }
    nextSheet();
    place(node);
  }

  docs.forEach(function (doc) {
    current = doc;
    newSheet();
    Array.prototype.slice.call(doc.children).forEach(function (child) {
      if (child.classList.contains('doc-screen-footer')) return;
      place(child.cloneNode(true));
    });
  });
  sheets.forEach(function (sheet, i) {
    sheet.querySelector('.sheet-number').textContent = '第 ' + (i + 1) + ' 页 / 共 ' + sheets.length + ' 页';
  });
  document.body.classList.add('paged');
})();
`;
