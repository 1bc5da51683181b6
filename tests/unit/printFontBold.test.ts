import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { boldClasses, boldText } from '../../electron/core/features/print/fontBoldText';
import { html } from '../../electron/core/features/print/html';
import { layoutWithoutFont } from '../../electron/core/features/print/layout';
import { pageCodePoints, subsetPrintFonts } from '../../electron/core/features/print/fontSubset';

// The print font's bold face is cut to the page's bold text only (print/fontBoldText.ts). Whatever
// is bold on paper must be in it: these hold the scanner to the markup and CSS the print builders
// write; the paper tests check the PDFs embed nothing but the print font.

describe('the bold text of a printed page', () => {
  it.each([
    ['a table header', '<table><tr><th>姓名</th><td>王大山</td></tr></table>', '姓名'],
    ['strong inside a cell, the cell not', '<td>小计 <strong>合计：3,000.00</strong> 元</td>', '合计：3,000.00'],
    ['b inside a form label', '<td class="label"><b>家庭纯收入</b></td><td>12</td>', '家庭纯收入'],
    ['the title by its class and tag', '<h1 class="official-title">资金流向</h1><p>正文</p>', '资金流向'],
    ['a bold class on any element', '<div class="x form-section y">一、家庭情况</div><div>二</div>', '一、家庭情况'],
    ['nested bold ends with the outer element', '<th>甲<b>乙</b>丙</th>丁', '甲乙丙'],
    ['the same tag nested inside a bold one', '<div class="form-section">甲<div>乙</div>丙</div>丁', '甲乙丙'],
    ['entities decoded', '<th>A&amp;B &lt;1&gt; &#x4E00;&#20108;&quot;</th>', 'A&B <1> 一二"'],
    ['style, script and title not shown', '<title>标题</title><style>th{}</style><script>var a="<th>x</th>"</script><th>是</th>', '是'],
    ['comments and the doctype passed over', '<!DOCTYPE html><!-- <th>注释</th> --><th>表头</th>', '表头'],
    ['a close tag in a comment closes nothing', '<th>表<!-- </th> -->头</th>尾', '表头'],
    ['void and self-closing elements open nothing', '<th>上<br>下</th><img src="a"/>外', '上下'],
    ['an element left open stays bold to the end', '<th>甲<td>乙', '甲乙'],
    ['a stray close changes nothing', '</strong>甲<strong>乙</strong>', '乙'],
    ['nothing bold', '<p class="para">平常的字</p>', ''],
  ])('%s', (_name, page, bold) => {
    expect(boldText(page)).toBe(bold);
  });

  it('takes from a laid-out page its title, table heads and totals, not the names in the rows', () => {
    const body = html`<table class="grid"><thead><tr><th>户编号</th><th>姓名</th></tr></thead>
<tbody><tr><td>3504211010010001</td><td>廖德胜</td></tr><tr><td></td><td><strong>合计：1 户</strong></td></tr></tbody></table>`;
    const page = layoutWithoutFont([{ kind: 'funds.moneyTrail', title: '项目资金流向', recordCode: 'XM2026-0001', contentCode: 'AAAAA-11111', body }], {
      fileTitle: '资金流向',
      printedBy: '林主任',
      printedAt: '2026-05-31 10:30',
    });
    const bold = boldText(page);
    for (const text of ['项目资金流向', '户编号', '姓名', '合计：1 户']) expect(bold).toContain(text);
    for (const text of ['廖', '德', '胜', '核验码', '林主任']) expect(bold).not.toContain(text);
    const points = pageCodePoints([page]);
    expect(points.bold.length).toBeLessThan(points.regular.length);
    const fonts = subsetPrintFonts(page)!;
    expect(fonts.bold.length).toBeLessThan(fonts.regular.length);
  });
});

describe('what makes print text bold', () => {
  const featuresDir = fileURLToPath(new URL('../../electron/core/features', import.meta.url));
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

  it('is only th, the headings, b and strong, and the rules of the known bold classes', () => {
    // Every CSS rule of the print builders that sets a weight, by its selector. A new one must be
    // taught to fontBoldText.ts (its class in boldClasses) before it is added here.
    const rules = sources(featuresDir).flatMap((file) => {
      const lines = readFileSync(file, 'utf8').split('\n');
      return lines.flatMap((raw, i) => {
        // A template's values (`${…}`) read as X.
        const line = raw.replace(/\$\{[^}]*\}/g, 'X');
        const weight = /font-weight:\s*([^;}"]+)/.exec(line);
        if (!weight) return [];
        // The rule's selector: before its "{" on the same line, or the line above that opens it.
        let selector = /^[\s`]*([^{]*?)\s*\{/.exec(line)?.[1] ?? '';
        for (let k = i - 1; selector === '' && k >= 0; k--) if (lines[k]!.trimEnd().endsWith('{')) selector = lines[k]!.trim().slice(0, -1).trim();
        return [`${selector} → ${weight[1]!.trim()}`];
      });
    });
    expect(rules.sort()).toEqual([
      '.form-section → bold',
      '.official-title → bold',
      // The print font's own faces (fontCss.ts), 400 and 700.
      '@font-face → X',
      'table.grid th → bold',
    ]);
    expect(boldClasses).toEqual(['official-title', 'form-section']);
    // No weight set in a style attribute, where the scanner would not see it.
    const inline = sources(featuresDir).filter((file) => /style="[^"]*font-weight/.test(readFileSync(file, 'utf8')));
    expect(inline).toEqual([]);
  });
});
