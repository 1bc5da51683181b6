import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A native date input shows mm/dd/yyyy and English month names on a PC whose browser or OS is not
// Chinese. Every date field goes through components/DateField (a Chinese calendar that reads
// 20261205 and 2026.12.5); this fails when a native one comes back.
const rendererSrc = fileURLToPath(new URL('../../renderer/src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(tsx?|html)$/.test(e.name) ? [path] : [];
  });
}

describe('date inputs', () => {
  it('no native date input is left in the renderer', () => {
    const offenders = sources(rendererSrc).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/type=["'{`]+date["'`}]/.test(line) ? [`${file.slice(rendererSrc.length + 1)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it('no plain text field takes a date: a TextInput whose label ends in 日期 or 时间 is a DateField', () => {
    const offenders = sources(rendererSrc).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return textInputLabels(text).flatMap(({ label, line }) => (looksLikeDate(label) ? [`${file.slice(rendererSrc.length + 1)}:${line}: ${label}`] : []));
    });
    expect(offenders).toEqual([]);
  });

  it('the check finds the shapes a label takes', () => {
    const src = [
      '<TextInput label="公告日期" value={date} />',
      "<TextInput\n  label={isNotice ? '公示开始日期' : '办理日期'}\n  {...form.getInputProps('date')}\n/>",
      '<TextInput label={`公示结束日期（至少 ${days} 天）`} value={end} />',
      '<TextInput label="务工时间（月）" value={m} />',
      '<TextInput label="月份" value={m} />',
    ].join('\n');
    expect(textInputLabels(src).filter((l) => looksLikeDate(l.label)).map((l) => l.line)).toEqual([1, 2, 2, 6]);
  });
});

/** The label text of every <TextInput … /> in a source (each string literal in the attribute). */
function textInputLabels(text: string): { label: string; line: number }[] {
  const out: { label: string; line: number }[] = [];
  for (const m of text.matchAll(/<TextInput\b/g)) {
    const start = m.index;
    const end = text.indexOf('/>', start);
    const element = text.slice(start, end === -1 ? undefined : end);
    const at = element.search(/\blabel=/);
    if (at === -1) continue;
    const rest = element.slice(at + 'label='.length);
    let attr = '';
    if (rest.startsWith('"')) attr = rest.slice(0, rest.indexOf('"', 1) + 1);
    else if (rest.startsWith('{')) {
      let depth = 0;
      for (let i = 0; i < rest.length; i++) {
        if (rest[i] === '{') depth++;
        if (rest[i] === '}' && --depth === 0) {
          attr = rest.slice(0, i + 1);
          break;
        }
      }
    }
    const line = text.slice(0, start).split('\n').length;
    for (const lit of attr.matchAll(/'([^']*)'|"([^"]*)"|`([^`]*)`/g)) {
      out.push({ label: (lit[1] ?? lit[2] ?? lit[3] ?? '').replace(/\$\{[^}]*\}/g, ''), line });
    }
  }
  return out;
}

/** 下达日期, 公示结束日期（至少 10 天）, 走访时间 — but not 务工时间（月）, a count of months. */
function looksLikeDate(label: string): boolean {
  return /(日期(（[^）]*）)?|时间)$/.test(label.trim());
}

